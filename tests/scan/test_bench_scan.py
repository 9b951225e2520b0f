"""benchmarks/bench_scan.py: its comparison rule (what counts as a field read right) and --help."""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.scan import rendered

BENCH = Path(__file__).parents[2] / "benchmarks"


def score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_scan_score", BENCH / "_scan_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_scan_score"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def truth() -> dict[str, Any]:
    return {
        "name": "Dr. Ana Lima",
        "given": "Ana",
        "family": "Lima",
        "title": "Head of Sales",
        "organization": "Lima Trading GmbH",
        "department": "",
        "emails": ["ana@lima.de"],
        "phones": [
            {"number": "030 1234567", "kind": "work"},
            {"number": "+49 171 5550123", "kind": ""},
        ],
        "urls": ["https://www.lima.de", "https://x.com/analima"],
        "address": "Hauptstraße 5, 10115 Berlin",
        "unplaced": ["USt-IdNr. DE123456789"],
        "region": "DE",
        "language": "de",
        "not_phones": ["USt-IdNr. DE123456789"],
    }


def test_every_truth_scores_full_marks_against_itself() -> None:
    score = score_module()
    for photo in rendered.sample(40):
        for card in photo.cards:
            result = score.score_card(card.truth, card.truth)
            assert all(t.fp == 0 and t.fn == 0 for t in result.tallies.values()), photo.file


def test_the_same_field_in_another_form_counts_as_read() -> None:
    score = score_module()
    read = copy.deepcopy(truth())
    read.update(
        name="DR.  ANA LIMA",
        address="Hauptstraße 5\n10115 Berlin",
        urls=["lima.de/", "https://twitter.com/analima"],
    )
    read["phones"] = [
        {"number": "+49 30 1234567", "kind": "work"},
        {"number": "0171 5550123", "kind": "mobile"},
    ]  # the card did not say
    result = score.score_card(truth(), read)
    assert {k: (t.fp, t.fn) for k, t in result.tallies.items() if t.fp or t.fn} == {}


def test_a_wrong_field_is_one_false_positive_and_one_miss() -> None:
    score = score_module()
    read = copy.deepcopy(truth())
    read.update(title="Head of", emails=["ana@lima.de", "info@lima.de"], department="")
    read["phones"] = [
        {"number": "030 1234567", "kind": "fax"},
        {"number": "+49 123456789", "kind": ""},
    ]
    result = score.score_card(truth(), read)
    assert (result.tallies["title"].fp, result.tallies["title"].fn) == (1, 1)
    assert (result.tallies["emails"].tp, result.tallies["emails"].fp) == (1, 1)
    assert (result.tallies["phones"].tp, result.tallies["phones"].fp) == (1, 1)
    assert result.tallies["phones+kind"].tp == 0
    assert result.registry_as_phone == 1  # 123456789 is the tax id's number
    assert "department" not in " ".join(result.misses)


def test_cards_read_are_paired_with_the_cards_they_show() -> None:
    score = score_module()
    other = truth() | {"name": "Jan Nowak", "emails": ["jan@nowak.pl"], "region": "PL"}
    pairs = score.match_cards([truth(), other], [other, truth(), truth()])
    assert [t["name"] for t, _ in pairs] == ["Dr. Ana Lima", "Jan Nowak", ""]
    assert pairs[0][1] == truth() and pairs[1][1] == other


def test_help_names_the_options(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "bench_scan.py"), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout and "--language" in result.stdout
    assert list(tmp_path.iterdir()) == []
