"""Regressions from fuzzing the iCalendar importer (tests/reliability/test_fuzz_ics.py): each
test reproduces, inline, an input that cost time, events or readable messages before its fix."""

from __future__ import annotations

import time

import pytest

from netdesk.formats.ics.read import read_ics
from netdesk.formats.records import EventRecord, Problem


def event(name: bytes, extra: bytes = b"") -> bytes:
    return (
        b"BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:20260102T190000Z\r\n%sEND:VEVENT\r\n"
        % (name, name, extra)
    )


def calendar(*parts: bytes) -> bytes:
    return b"BEGIN:VCALENDAR\r\n" + b"".join(parts) + b"END:VCALENDAR\r\n"


def test_unfolding_a_line_of_many_folds_takes_linear_time() -> None:
    # Before: each fold was added to a bytes object, copying the line so far: 40,000 folds
    # (under 3 MB) took 5 seconds and 200,000 folds minutes.
    folded = b"DESCRIPTION:" + b"\r\n ".join([b"ab"] * 400_000) + b"\r\n"
    started = time.perf_counter()
    (record,) = read_ics(calendar(event(b"Folded", folded)), "f.ics")
    assert time.perf_counter() - started < 3
    assert isinstance(record, EventRecord) and record.description == "ab" * 400_000


def test_messages_quote_a_huge_value_shortened() -> None:
    # Before: the event's whole 500 KB title was repeated in the message.
    no_start = b"BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:" + b"T" * 500_000 + b"\r\nEND:VEVENT\r\n"
    (problem,) = read_ics(calendar(no_start), "f.ics")
    assert isinstance(problem, Problem)
    assert len(problem.reason) < 200
    assert problem.reason.startswith("Skipped “TTTT") and "(DTSTART)" in problem.reason


def test_an_event_after_thousands_of_unclosed_begin_lines_is_still_read() -> None:
    pile = b"BEGIN:VCALENDAR\r\n" * 20_000
    found = list(read_ics(pile + calendar(event(b"Kept")), "f.ics"))
    assert [item.name for item in found if isinstance(item, EventRecord)] == ["Kept"]
    (problem,) = [item for item in found if isinstance(item, Problem)]
    assert problem.line == 11 and "nested deeper than 10 levels" in problem.reason


@pytest.mark.parametrize(
    "times",
    [
        b"DTSTART;VALUE=DATE:99991231\r\n",  # the day after overflowed
        b"DTSTART;TZID=Asia/Tokyo:00010101T000000\r\n",  # before year 1 in UTC
        b"DTSTART;TZID=America/New_York:99991231T230000\r\n",  # after 9999 in UTC
        b"DTSTART:00010101T000000Z\r\nDURATION:-PT1S\r\n",
    ],
)
def test_times_at_the_ends_of_the_calendar_cost_their_event_only(times: bytes) -> None:
    # Before: OverflowError escaped read_ics and lost every event after this one.
    extreme = b"BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Extreme\r\n" + times + b"END:VEVENT\r\n"
    found = list(read_ics(calendar(extreme, event(b"After")), "f.ics"))
    assert [type(item).__name__ for item in found] == ["Problem", "EventRecord"]
    assert "Skipped “Extreme”: it" in str(found[0])


def test_an_end_past_the_year_2999_is_dropped_not_the_event() -> None:
    far = event(b"Far", b"DTEND:99991231T235959Z\r\n")
    long = event(b"Long", b"DURATION:P9999999W\r\n")
    found = list(read_ics(calendar(far, long), "f.ics"))
    assert [(e.name, e.ends_at) for e in found if isinstance(e, EventRecord)] == [
        ("Far", None),
        ("Long", None),
    ]
