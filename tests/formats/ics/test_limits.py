"""The iCalendar importer's limits: a content line over MAX_LINE_BYTES (after unfolding),
components nested deeper than MAX_DEPTH and a component of more than MAX_PROPERTIES
properties each give a Problem, and the other events still go in. Big inputs are generated."""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from netdesk.formats.ics.blocks import MAX_DEPTH, MAX_LINE_BYTES, MAX_PROPERTIES
from netdesk.formats.ics.read import read_ics
from netdesk.formats.problem_limit import PROBLEM_LIMIT
from netdesk.formats.records import EventRecord, Problem
from netdesk.services.service_set import Services


def event(name: str, extra: bytes = b"") -> bytes:
    return (
        b"BEGIN:VEVENT\r\nUID:%s@example.org\r\nSUMMARY:%s\r\nDTSTART:20260102T190000Z\r\n%s"
        b"END:VEVENT\r\n" % (name.encode(), name.encode(), extra)
    )


def calendar(*parts: bytes) -> bytes:
    return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + b"".join(parts) + b"END:VCALENDAR\r\n"


def outcome(data: bytes) -> list[str]:
    return [
        item.name if isinstance(item, EventRecord) else str(item)
        for item in read_ics(data, "big.ics")
    ]


def test_a_line_over_a_megabyte_is_reported_and_the_events_go_in() -> None:
    huge = b"DESCRIPTION:" + b"d" * MAX_LINE_BYTES + b"\r\n"
    found = list(read_ics(calendar(event("Before"), event("Huge", huge), event("After")), "b.ics"))
    assert [type(i).__name__ for i in found] == ["EventRecord"] * 2 + ["Problem", "EventRecord"]
    assert str(found[2]) == "b.ics:12: Ignored a line longer than 1,000,000 bytes (unfolded)"
    huge_event = found[1]
    assert isinstance(huge_event, EventRecord) and huge_event.name == "Huge"
    assert huge_event.description == ""  # the line, not the event, is what is lost


def test_the_limit_counts_the_unfolded_line_and_memory_stays_bounded() -> None:
    folded = b"DESCRIPTION:" + b"\r\n ".join([b"f" * 74] * (3 * MAX_LINE_BYTES // 74)) + b"\r\n"
    data = calendar(event("Before"), event("Folded", folded), event("After"))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = outcome(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert found == [
        "Before",
        "Folded",
        "big.ics:12: Ignored a line longer than 1,000,000 bytes (unfolded)",
        "After",
    ]
    # The physical lines once (as bytes objects); the unfolded line is never built.
    assert peak < 4 * len(data), peak


def test_a_line_of_exactly_the_limit_is_read() -> None:
    name = b"SUMMARY:" + b"s" * (MAX_LINE_BYTES - len(b"SUMMARY:"))
    data = calendar(event("x").replace(b"SUMMARY:x", name))
    (record,) = read_ics(data, "b.ics")
    assert isinstance(record, EventRecord) and len(record.name) == MAX_LINE_BYTES - 8


def test_components_nested_too_deep_are_reported_and_the_events_go_in() -> None:
    deep = b"BEGIN:X-DEEP\r\n" * 50 + b"X-P:1\r\n" + b"END:X-DEEP\r\n" * 50
    found = outcome(calendar(event("Before"), deep, event("After")))
    assert found == [
        "Before",
        f"big.ics:{7 + MAX_DEPTH}: Ignored {51 - MAX_DEPTH} components nested deeper than "
        f"{MAX_DEPTH} levels (the first on this line)",
        "After",
    ]


def test_twenty_thousand_levels_do_not_reach_the_recursion_limit() -> None:
    depth = 20_000
    assert depth > sys.getrecursionlimit()
    timezone = (
        b"BEGIN:VTIMEZONE\r\nTZID:Deep\r\n" + b"BEGIN:STANDARD\r\n" * depth + b"END:VTIMEZONE\r\n"
    )
    zoned = event("Zoned").replace(b"DTSTART:", b"DTSTART;TZID=Deep:").replace(b"00Z", b"00")
    started = time.perf_counter()
    found = outcome(calendar(timezone, zoned, b"BEGIN:VALARM\r\n" * depth, event("After")))
    assert time.perf_counter() - started < 10
    assert "Zoned" in found and "After" in found
    assert any("nested deeper than 10 levels" in item for item in found)


def test_an_event_of_too_many_properties_is_skipped_and_the_others_go_in() -> None:
    many = b"".join(b"X-P-%d:%d\r\n" % (n, n) for n in range(MAX_PROPERTIES))
    assert outcome(calendar(event("Before"), event("Many", many), event("After"))) == [
        "Before",
        "big.ics:8: Skipped an event with more than 10,000 properties",
        "After",
    ]


def test_an_event_just_under_the_property_limit_is_read() -> None:
    many = b"".join(b"X-P-%d:%d\r\n" % (n, n) for n in range(MAX_PROPERTIES - 3))
    assert outcome(calendar(event("Many", many))) == ["Many"]


def test_a_time_zone_of_too_many_lines_is_dropped_and_reported_at_its_event() -> None:
    many = b"".join(b"X-P-%d:%d\r\n" % (n, n) for n in range(MAX_PROPERTIES + 1))
    timezone = b"BEGIN:VTIMEZONE\r\nTZID:Mine\r\n" + many + b"END:VTIMEZONE\r\n"
    zoned = event("Zoned").replace(b"DTSTART:", b"DTSTART;TZID=Mine:").replace(b"00Z", b"00")
    found = outcome(calendar(timezone, zoned))
    assert found[0] == "Zoned"
    assert found[1].endswith("Read the times of “Zoned” as UTC: the time zone “Mine” is not known")


def test_the_import_service_keeps_the_events_beside_an_oversized_line(
    sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "big.ics"
    huge = b"LOCATION:" + b"l" * (MAX_LINE_BYTES + 1) + b"\r\n"
    path.write_bytes(calendar(event("Before"), event("Huge", huge), event("After")))
    report = sqlite_services.imports.import_file(path)
    assert report.events_added == 3
    assert [str(p) for p in report.problems] == [
        f"{path}:12: Ignored a line longer than 1,000,000 bytes (unfolded)"
    ]
    assert isinstance(report.problems[0], Problem)


def test_a_hundred_thousand_nested_events_list_a_thousand_problems_and_count_the_rest() -> None:
    # Each BEGIN:VEVENT inside the one before leaves that one without its END: 99,999
    # events cut off, each a problem, and the innermost one whole.
    nested = b"".join(
        b"BEGIN:VEVENT\r\nUID:%d\r\nSUMMARY:Level %d\r\nDTSTART:20260102T190000Z\r\n" % (n, n)
        for n in range(100_000)
    )
    data = calendar(nested, b"END:VEVENT\r\n" * 100_000)
    started = time.perf_counter()
    found = list(read_ics(data, "nested.ics"))
    assert time.perf_counter() - started < 10  # 1.3 s here, 6 s before lines were split by hand
    problems = [str(item) for item in found if isinstance(item, Problem)]
    assert [item.name for item in found if isinstance(item, EventRecord)] == ["Level 99999"]
    assert len(problems) == PROBLEM_LIMIT + 1
    assert problems[0] == (
        "nested.ics:3: Skipped an event that has no END:VEVENT line (the file is cut off?)"
    )
    assert problems[-2].startswith(f"nested.ics:{3 + 4 * (PROBLEM_LIMIT - 1)}: Skipped an event")
    assert problems[-1] == (
        f"nested.ics:{3 + 4 * PROBLEM_LIMIT}: 98,999 more problems from here on were not listed "
        "(only the first 1,000 are)"
    )


@pytest.mark.parametrize("kind", [b"VALARM", b"X-WIDGET", b"VEVENT"])
def test_a_hundred_thousand_nested_components_take_seconds_and_list_few_problems(
    kind: bytes,
) -> None:
    deep = b"BEGIN:%s\r\n" % kind * 100_000 + b"END:%s\r\n" % kind * 100_000
    started = time.perf_counter()
    found = list(read_ics(calendar(event("Before"), deep, event("After")), "deep.ics"))
    assert time.perf_counter() - started < 10  # 0.5 s here
    assert [item.name for item in found if isinstance(item, EventRecord)] == ["Before", "After"]
    assert len(found) <= 2 + PROBLEM_LIMIT + 1


def test_problems_found_out_of_line_order_keep_the_first_thousand_lines() -> None:
    # Garbage lines are found while the file is scanned, events without a start after it:
    # the list still holds the first lines of the file, whichever kind they are.
    broken = b"".join(
        b"BEGIN:VEVENT\r\nSUMMARY:No start %d\r\nEND:VEVENT\r\nnot a line %d\r\n" % (n, n)
        for n in range(PROBLEM_LIMIT)
    )
    problems = [item for item in read_ics(calendar(broken), "b.ics") if isinstance(item, Problem)]
    assert len(problems) == PROBLEM_LIMIT + 1
    assert [p.line for p in problems[:4]] == [3, 6, 7, 10]
    assert problems[-2].line == 3 + 4 * (PROBLEM_LIMIT // 2) - 1
    assert str(problems[-1]) == (
        f"b.ics:{3 + 4 * (PROBLEM_LIMIT // 2)}: 1,000 more problems from here on were not "
        "listed (only the first 1,000 are)"
    )


@pytest.mark.parametrize("kind", [b"VEVENT", b"X-WIDGET"])
def test_ten_thousand_levels_of_one_component_raise_no_recursion_error(kind: bytes) -> None:
    depth = 10_000
    assert depth > sys.getrecursionlimit()
    body = b"UID:x\r\nSUMMARY:Deep\r\nDTSTART:20260102T190000Z\r\n"
    deep = (b"BEGIN:%s\r\n" % kind + body) * depth + b"END:%s\r\n" % kind * depth
    found = list(read_ics(calendar(deep, event("After")), "deep.ics"))
    names = [item.name for item in found if isinstance(item, EventRecord)]
    assert names == (["Deep", "After"] if kind == b"VEVENT" else ["After"])
    assert len(found) <= len(names) + PROBLEM_LIMIT + 1


def test_the_import_report_lists_a_thousand_problems_of_a_nested_file(
    sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "nested.ics"
    path.write_bytes(calendar(b"BEGIN:VEVENT\r\n" * 100_000, event("After")))
    report = sqlite_services.imports.import_file(path)
    assert report.events_added == 1
    assert len(report.problems) == PROBLEM_LIMIT + 1
    assert str(report.problems[-1]).endswith(
        "99,000 more problems from here on were not listed (only the first 1,000 are)"
    )
