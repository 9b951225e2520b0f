"""Every iCalendar file of the development corpus (real exports of other programs, kept out of
the repository): read without exceptions, exported, read by icalendar and by us again."""

from __future__ import annotations

import io
import re

import pytest
from icalendar import Calendar

from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.write import write_ics
from netdesk.formats.records import EventRecord, Problem
from tests.corpus import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "ics"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not on this machine")
def test_every_corpus_file_reads_without_exceptions() -> None:
    files = sorted(CORPUS.rglob("*.ics"))
    assert files
    total_events = 0
    for path in files:
        for item in read_ics(path.read_bytes(), path.name):
            if isinstance(item, Problem):
                assert item.file == path.name
                assert item.line >= 1 and item.reason, item
            else:
                assert isinstance(item, EventRecord)
                assert item.name and item.uid and item.line >= 1
                assert item.starts_at is not None and item.starts_at.utcoffset() is not None
                assert item.ends_at is None or item.ends_at > item.starts_at
                total_events += 1
    assert total_events >= 40


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not on this machine")
def test_every_corpus_file_exports_to_a_calendar_icalendar_reads_and_we_read_back() -> None:
    series = 0
    for path in sorted(CORPUS.rglob("*.ics")):
        events = [i for i in read_ics(path.read_bytes(), path.name) if isinstance(i, EventRecord)]
        out = io.BytesIO()
        write_ics(events, [], out)
        data = out.getvalue()
        parsed = Calendar.from_ical(data)
        assert [c.errors for c in parsed.walk() if c.errors] == [], path.name
        again = list(read_ics(data, "export.ics"))
        assert [str(i) for i in again if isinstance(i, Problem)] == [], path.name
        assert [(e.uid, e.name, e.starts_at, _rules(e.recurrence)) for e in again] == [
            (e.uid, e.name, e.starts_at, _rules(e.recurrence)) for e in events
        ], path.name
        series += sum(1 for e in events if e.recurrence)
    assert series >= 15  # the corpus's repeating events keep their rules


def _rules(lines: list[str]) -> list[str]:
    """Recurrence lines as the export writes them: an RRULE's value in capitals and without
    escapes (all of it is case-insensitive, and ical.js refuses "FREQ=Weekly" and "\\;")."""
    shown = []
    for line in lines:
        head, _colon, value = line.partition(":")
        if head.split(";")[0].strip().upper() == "RRULE":
            value = re.sub(r"\\([;,])", r"\1", value).upper()
        shown.append(f"{head}:{value}")
    return sorted(shown)
