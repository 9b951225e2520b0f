"""Every vCard of the corpus of real files (tests/corpus.py says where it is) reads sensibly.

The corpus is not part of the repository: these tests skip where it is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcard_file
from netdesk.formats.vcard.read_line import split_line
from tests.corpus import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "vcf"
FILES = sorted(path for path in CORPUS.rglob("*") if path.is_file()) if CORPUS.is_dir() else []
# (records, problems) for the files whose quirks we know; any other file must read one record.
EXPECTED = {
    "eds_vcard_7.vcf": (1, 1),  # no BEGIN:VCARD: kept, with a warning
    "eds_vcard_8.vcf": (1, 1),  # no END:VCARD: kept, with a warning
    "eds_vcard_9.vcf": (1, 2),  # truncated mid-property: that line left out, the card kept
    "unparsable.vcf": (1, 1),  # no END:VCARD: kept, with a warning
    "vcard3.vcf": (2, 0),  # the AGENT's card is a contact of its own
    "issue64.vcf": (0, 1),  # only a photo
    "vcard10.vcf": (5, 0),
    "broken-vcards.vcf": (2, 0),
    "radicale_1238_3.vcf": (354, 0),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _read(path: Path) -> tuple[list[ContactRecord], list[Problem]]:
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    for item in read_vcard_file(path):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            records.append(item)
    return records, problems


@pytest.mark.skipif(not FILES, reason="the shared corpus is not on this machine")
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_corpus_file_reads_sensibly(path: Path) -> None:
    records, problems = _read(path)
    assert (len(records), len(problems)) == EXPECTED.get(path.name, (1, 0)), problems
    for record in records:
        assert record.formatted_name.strip()
        assert record.source == "vcard"
        assert record.line >= 1
        for line in record.extra_lines:
            # Ready to be written into a 3.0/4.0 file: one line, a name, no 2.1 transfer encoding.
            assert "\n" not in line and "\r" not in line
            assert split_line(line) is not None
            assert "QUOTED-PRINTABLE" not in line.upper().partition(":")[0]
            assert "CHARSET=" not in line.upper().partition(":")[0]
    for problem in problems:
        assert problem.file == str(path)
        assert problem.line >= 1
        assert problem.reason


@pytest.mark.skipif(not FILES, reason="the shared corpus is not on this machine")
def test_the_big_android_export_reads_every_chinese_name() -> None:
    [path] = [path for path in FILES if path.name == "radicale_1238_3.vcf"]
    records, problems = _read(path)
    assert problems == []
    assert len(records) == 354
    assert sum(1 for record in records if _CJK.search(record.formatted_name)) > 300
    assert sum(1 for record in records if record.photo) > 150
    assert all(record.phones or record.emails for record in records)
