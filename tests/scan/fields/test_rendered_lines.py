"""The field recogniser on what the real text reader read off 18 photos of the rendered set
(tests/scan/fields/data/ocr_lines.json, made by make_lines_fixture.py), against their truth.

The whole set is measured by benchmarks/bench_scan.py; this keeps a regression visible in the
normal suite without running the text reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdesk.scan.recognise import recognise
from netdesk.scan.text_lines import TextLine
from tests.scan.fields.figures import Figures

FIXTURE = Path(__file__).parent / "data" / "ocr_lines.json"

# (precision, recall) at least, per field, on these cards as the reader read them.
FLOORS = {
    "name": (0.95, 0.95),
    "given": (0.95, 0.95),
    "family": (0.95, 0.95),
    "title": (0.95, 0.95),
    "organization": (0.95, 0.95),
    "department": (0.85, 0.75),
    "address": (0.9, 0.85),
    "emails": (0.95, 0.9),
    "urls": (0.95, 0.85),
    "phones": (0.95, 0.9),
}


@pytest.fixture(scope="module")
def figures() -> Figures:
    result = Figures()
    for card in json.loads(FIXTURE.read_text("utf-8")):
        lines = [TextLine(*values) for values in card["lines"]]
        result.add(recognise(lines).to_json(), card["truth"])
    return result


@pytest.mark.parametrize("key", FLOORS)
def test_precision_and_recall_per_field(figures: Figures, key: str) -> None:
    counts = figures.counts[key]
    least_precision, least_recall = FLOORS[key]
    assert counts.precision >= least_precision, figures.table()
    assert counts.recall >= least_recall, figures.table()


def test_no_tax_id_or_registry_number_is_read_as_a_phone() -> None:
    for card in json.loads(FIXTURE.read_text("utf-8")):
        fields = recognise([TextLine(*values) for values in card["lines"]])
        digits = {"".join(ch for ch in phone.number if ch.isdigit()) for phone in fields.phones}
        for text in card["truth"]["unplaced"]:
            printed = "".join(ch for ch in text if ch.isdigit())
            assert not any(number and number in printed for number in digits), (card["file"], text)
