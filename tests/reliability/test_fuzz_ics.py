"""The iCalendar importer against hostile and broken files: mutated real calendars and
Hypothesis bytes, read directly and through the import service into a real SQLite file.
Every input must end as events and reported problems; nothing may raise, hang or blow up."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.formats.ics.read import read_ics
from netdesk.formats.records import EventRecord
from netdesk.services.importing import ImportFileError
from netdesk.services.service_set import Services
from tests.reliability.mutations import (
    FUZZ_EXAMPLES,
    INPUT_SECONDS,
    check_reader_items,
    fuzz_inputs,
    seeded_inputs,
    seeds,
)

FILE = "hostile.ics"
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read(data: bytes) -> int:
    started = time.perf_counter()
    count = len(check_reader_items(read_ics(data, FILE), FILE, (EventRecord,)))
    assert time.perf_counter() - started < INPUT_SECONDS
    return count


@given(data=fuzz_inputs("ics"))
@FUZZ
def test_hypothesis_ics_is_read_without_raising(data: bytes) -> None:
    read(data)


# The corpus gives dozens of calendars: the loop runs over groups of them so that each test
# stays a few seconds long.
_GROUPS = 8


@pytest.mark.parametrize("group", range(_GROUPS))
def test_mutated_ics_is_read_without_raising(group: int) -> None:
    """The deterministic loop: every seed times its share of LOOP_INPUTS mutations."""
    for seed_index in range(group, len(seeds("ics")), _GROUPS):
        for name, data in seeded_inputs("ics", seed_index):
            try:
                read(data)
            except BaseException as exc:
                exc.add_note(f"input {name} ({len(data):,} bytes)")
                raise


@given(data=fuzz_inputs("ics"))
@settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 5))
def test_hostile_ics_through_the_import_service(
    fuzz_services: Services, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path: Path = tmp_path_factory.getbasetemp() / FILE
    path.write_bytes(data)
    try:
        report = fuzz_services.imports.import_file(path)
    except ImportFileError:
        return
    check_reader_items(report.problems, str(path), ())


# Byte flips rarely make a time that is valid yet extreme: generated times find what they miss
# (an all-day event on 9999-12-31 overflowed adding its day; year 1 in Tokyo is year 0 in UTC).
_ZONES = ["", ";TZID=Asia/Tokyo", ";TZID=America/New_York", ";TZID=Pacific/Kiritimati",
          ";TZID=Etc/GMT+12", ";TZID=Nowhere", ";VALUE=DATE"]  # fmt: skip
_DATES = st.one_of(
    st.integers(0, 99_999_999).map(lambda n: f"{n:08d}"),
    st.dates().map(lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}"),
)
_TIMES = st.one_of(
    st.just(""),
    st.sampled_from(["T000000", "T235959", "T235959Z", "T000000Z", "T250000", "T120000"]),
)
_MOMENTS = st.builds(lambda z, d, t: f"{z}:{d}{t}", st.sampled_from(_ZONES), _DATES, _TIMES)
_DURATIONS = st.builds(
    lambda sign, n, unit: f"{sign}P{'T' if unit in 'HMS' else ''}{n}{unit}",
    st.sampled_from(["", "-", "+"]),
    st.integers(0, 10**12),
    st.sampled_from("WDHMS"),
)


@st.composite
def timed_calendars(draw: st.DrawFn) -> bytes:
    lines = [f"DTSTART{draw(_MOMENTS)}"]
    if draw(st.booleans()):
        lines.append(f"DTEND{draw(_MOMENTS)}")
    if draw(st.booleans()):
        lines.append(f"DURATION:{draw(_DURATIONS)}")
    extreme = "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Extreme\r\n" + "\r\n".join(lines)
    after = "BEGIN:VEVENT\r\nUID:after\r\nSUMMARY:After\r\nDTSTART:20260101T100000Z\r\n"
    body = f"{extreme}\r\nEND:VEVENT\r\n{after}END:VEVENT\r\n"
    return f"BEGIN:VCALENDAR\r\n{body}END:VCALENDAR\r\n".encode()


@given(data=timed_calendars())
@FUZZ
def test_extreme_event_times_cost_their_event_only(data: bytes) -> None:
    found = check_reader_items(read_ics(data, FILE), FILE, (EventRecord,))
    assert [e.name for e in found if isinstance(e, EventRecord)][-1] == "After"


@given(data=timed_calendars())
@settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 5))
def test_extreme_event_times_through_the_import_service(
    fuzz_services: Services, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path: Path = tmp_path_factory.getbasetemp() / FILE
    path.write_bytes(data)
    report = fuzz_services.imports.import_file(path)
    check_reader_items(report.problems, str(path), ())
    fuzz_services.events.list()  # what was stored can be shown (an end past 9999 could not be)
