"""Repeating events: RRULE, RDATE and EXDATE are read verbatim into one event, told in plain
words, and written back so that the series comes back whole."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.recurrence import MAX_RECURRENCE_CHARS, describe_recurrence
from netdesk.formats.ics.write import write_ics
from netdesk.formats.records import EventRecord, Problem
from tests.formats.three_parsers import parse_with_icaljs

# An Outlook series: every other Monday and Wednesday until the end of June 2027, two dates
# cancelled, one extra date, in a Windows zone name.
OUTLOOK_SERIES = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
BEGIN:VEVENT\r
UID:040000008200E00074C5B7101A82E008\r
SUMMARY:Team sync\r
DTSTART;TZID=W. Europe Standard Time:20260105T090000\r
DTEND;TZID=W. Europe Standard Time:20260105T093000\r
RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z;INTERVAL=2;BYDAY=MO,WE;WKST=MO\r
EXDATE;TZID=W. Europe Standard Time:20260119T090000,20260202T090000\r
RDATE;TZID=W. Europe Standard Time:20260307T090000\r
BEGIN:VALARM\r
TRIGGER:-PT15M\r
ACTION:DISPLAY\r
END:VALARM\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup@example.org\r
SUMMARY:Stand-up\r
DTSTART:20260105T080000Z\r
rrule:freq=daily;byday=MO,TU,WE,TH,FR\r
END:VEVENT\r
END:VCALENDAR\r
"""


def read(data: bytes) -> tuple[list[EventRecord], list[Problem]]:
    items = list(read_ics(data, "series.ics"))
    return (
        [i for i in items if isinstance(i, EventRecord)],
        [i for i in items if isinstance(i, Problem)],
    )


def exported(records: list[EventRecord]) -> bytes:
    out = io.BytesIO()
    write_ics(records, [], out)
    return out.getvalue()


def test_the_rule_and_its_dates_are_kept_verbatim_in_one_event() -> None:
    events, problems = read(OUTLOOK_SERIES)
    assert problems == []
    series, standup = events
    assert series.starts_at == datetime(2026, 1, 5, 8, tzinfo=UTC)  # the first occurrence
    assert series.recurrence == [
        "RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z;INTERVAL=2;BYDAY=MO,WE;WKST=MO",
        # The zone as the event's own start has it: the export explains IANA names only.
        "EXDATE;TZID=Europe/Berlin:20260119T090000,20260202T090000",
        "RDATE;TZID=Europe/Berlin:20260307T090000",
    ]
    assert standup.recurrence == ["rrule:freq=daily;byday=MO,TU,WE,TH,FR"]


def test_a_rule_without_end_stays_one_rule_in_one_event() -> None:
    data = OUTLOOK_SERIES.replace(b"UNTIL=20270630T215959Z;", b"")
    events, _ = read(data)
    assert len(events) == 2
    assert events[0].recurrence[0] == "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO"


def test_a_one_off_event_has_no_recurrence() -> None:
    one_off = OUTLOOK_SERIES.replace(b"RRULE:", b"X-NO-RULE:").replace(b"EXDATE", b"X-EXDATE")
    events, _ = read(one_off.replace(b"RDATE", b"X-RDATE"))
    assert events[0].recurrence == []


def test_an_unreadable_rule_is_reported_and_the_event_kept() -> None:
    data = OUTLOOK_SERIES.replace(b"BYDAY=MO,WE;", b"BYDAY=MO,XX;").replace(
        b"rrule:freq=daily;byday=MO,TU,WE,TH,FR", b"RRULE:COUNT=3"
    )
    events, problems = read(data)
    assert [e.name for e in events] == ["Team sync", "Stand-up"]
    assert events[0].recurrence == [
        "EXDATE;TZID=Europe/Berlin:20260119T090000,20260202T090000",
        "RDATE;TZID=Europe/Berlin:20260307T090000",
    ]
    assert events[1].recurrence == []
    assert [str(p) for p in problems] == [
        "series.ics:9: Ignored RRULE of “Team sync”, which could not be read",
        "series.ics:21: Ignored RRULE of “Stand-up”, which could not be read",
    ]


def test_a_huge_list_of_exceptions_leaves_a_single_event_and_says_so() -> None:
    dates = b",".join(b"2026%02d%02dT090000Z" % (1 + n % 12, 1 + n % 28) for n in range(7_000))
    assert len(dates) > MAX_RECURRENCE_CHARS
    data = OUTLOOK_SERIES.replace(
        b"RDATE;TZID=W. Europe Standard Time:20260307T090000", b"RDATE:" + dates
    )
    events, problems = read(data)
    assert events[0].recurrence == []
    assert [str(p) for p in problems] == [
        "series.ics:9: Read “Team sync” as a single event: its RRULE, RDATE and EXDATE lines "
        "are longer than 100,000 characters"
    ]


def test_the_export_gives_the_series_back_and_icalendar_reads_it() -> None:
    events, _ = read(OUTLOOK_SERIES)
    data = exported(events)
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z;INTERVAL=2;BYDAY=MO,WE;WKST=MO\r\n" in data
    assert b"EXDATE;TZID=Europe/Berlin:20260119T090000,20260202T090000\r\n" in data
    assert b"RDATE;TZID=Europe/Berlin:20260307T090000\r\n" in data
    # The name in capitals, and the values too: ical.js refuses "freq=daily".
    assert b"RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n" in data
    calendar = Calendar.from_ical(data)
    series, standup = calendar.walk("VEVENT")
    assert series.errors == [] and standup.errors == []
    assert series["RRULE"]["UNTIL"] == [datetime(2027, 6, 30, 21, 59, 59, tzinfo=UTC)]
    assert [d.dt for d in series["EXDATE"].dts] == [
        datetime(2026, 1, 19, 8, tzinfo=UTC),
        datetime(2026, 2, 2, 8, tzinfo=UTC),
    ]
    assert standup["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    # The zone the series uses is explained for years after its first date, not just that one.
    zone = calendar.walk("VTIMEZONE")[0]
    assert "2036" in zone.to_ical().decode()
    again, problems = read(data)
    assert problems == []
    # icalendar writes RRULE, RDATE, EXDATE in that order
    assert [sorted(e.recurrence) for e in again] == [
        sorted(events[0].recurrence),
        ["RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"],
    ]


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        ("RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z", "Repeats weekly until 30 Jun 2027"),
        # UNTIL in UTC is told as the event's own date: 22:30 UTC is the next day in Berlin.
        ("RRULE:FREQ=WEEKLY;UNTIL=20270630T223000Z", "Repeats weekly until 1 Jul 2027"),
        ("RRULE:FREQ=WEEKLY;UNTIL=20270630", "Repeats weekly until 30 Jun 2027"),
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
            "Repeats every 2 weeks on Monday and Wednesday",
        ),
        ("RRULE:FREQ=MONTHLY;COUNT=10", "Repeats monthly, 10 times"),
        (
            "RRULE:FREQ=MONTHLY;COUNT=10\nEXDATE:20260101T100000Z,20260201T100000Z",
            "Repeats monthly, 10 times, except 2 dates",
        ),
        (
            "RRULE:FREQ=DAILY\nEXDATE:20260101T100000Z\nEXDATE:20260101T100000Z",
            "Repeats daily, except 1 date",
        ),
        ("RRULE:FREQ=WEEKLY\nRDATE:20260101,20260301", "Repeats weekly, plus 2 more dates"),
        ("RDATE:20260101,20260301", "Repeats on 2 more dates"),
        ("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "Repeats every weekday"),
        ("RRULE:FREQ=MONTHLY;BYDAY=-1FR", "Repeats monthly on the last Friday"),
        ("RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "Repeats monthly on the second Tuesday"),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15,-1", "Repeats monthly on the 1st, 15th and last day"),
        ("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "Repeats yearly on the last Sunday of March"),
        ("RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14", "Repeats yearly on 14 March"),
        ("RRULE:FREQ=YEARLY;INTERVAL=2", "Repeats every 2 years"),
        ("rrule:freq=weekly;byday=sa,su", "Repeats weekly on Saturday and Sunday"),
        ("RRULE:FREQ=YEARLY;BYDAY=20MO", "Repeats yearly on the 20th Monday of the year"),
        ("RRULE:FREQ=DAILY;BYHOUR=9,17", "Repeats (custom rule)"),
        ("RRULE:FREQ=MONTHLY;BYDAY=6TU", "Repeats (custom rule)"),
        ("RRULE:FREQ=YEARLY;BYMONTH=0", "Repeats (custom rule)"),
        ("RRULE:FREQ=DAILY;INTERVAL=0", "Repeats (custom rule)"),
        ("RRULE:FREQ=SECONDLY", "Repeats (custom rule)"),
        ("RRULE:FREQ=WEEKLY\nRRULE:FREQ=MONTHLY", "Repeats (custom rule)"),
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU,4TU", "Repeats (custom rule)"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "Repeats (custom rule)"),
        ("", ""),
    ],
)
def test_the_rule_in_plain_words(lines: str, words: str) -> None:
    assert describe_recurrence(lines, "Europe/Berlin") == words


def _one_event(body: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:q@example.org\r\n"
        f"SUMMARY:Quirk\r\nDTSTART:20150703T080000Z\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_exchange_spaces_in_a_rule_are_taken_out_instead_of_losing_it() -> None:
    # Microsoft CDO for Exchange: spaces after the commas, and a fold before the semicolon.
    data = _one_event(
        "RRULE:FREQ=DAILY;UNTIL=20150722T080000Z;BYDAY=MO, TU, WE, TH, FR\r\n ;WKST=SU\r\n"
    )
    events, problems = read(data)
    assert problems == []
    assert events[0].recurrence == [
        "RRULE:FREQ=DAILY;UNTIL=20150722T080000Z;BYDAY=MO,TU,WE,TH,FR;WKST=SU"
    ]
    words = describe_recurrence("\n".join(events[0].recurrence), "Europe/Berlin")
    assert words == "Repeats every weekday until 22 Jul 2015"


def test_an_escaped_semicolon_in_a_rule_reads_as_icalendar_reads_it() -> None:
    # Written by a Ruby library: "\;" where a plain ";" belongs.
    events, problems = read(_one_event("RRULE:FREQ=DAILY\\;COUNT=10\r\n"))
    assert problems == []
    assert events[0].recurrence == ["RRULE:FREQ=DAILY\\;COUNT=10"]
    assert describe_recurrence(events[0].recurrence[0]) == "Repeats daily, 10 times"
    (event,) = Calendar.from_ical(exported(events)).walk("VEVENT")
    assert event.errors == [] and event["RRULE"]["COUNT"] == [10]


def test_the_export_writes_parameters_as_the_file_had_them() -> None:
    line = "RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20240913T120000/PT2H"
    events, problems = read(_one_event(line + "\r\n"))
    assert problems == [] and events[0].recurrence == [line]
    data = exported(events)
    assert (line + "\r\n").encode() in data
    assert len(Calendar.from_ical(data).walk("VTIMEZONE")) == 1  # Europe/Berlin explained


def test_an_empty_exception_date_is_reported_and_the_rest_kept() -> None:
    body = (
        "RRULE:FREQ=DAILY;UNTIL=20150722T080000Z\r\n"
        "EXDATE;VALUE=DATE:20150710\r\nEXDATE;VALUE=DATE:\r\n"
    )
    events, problems = read(_one_event(body))
    assert events[0].recurrence == [
        "RRULE:FREQ=DAILY;UNTIL=20150722T080000Z",
        "EXDATE;VALUE=DATE:20150710",
    ]
    assert [str(p) for p in problems] == [
        "series.ics:9: Ignored EXDATE of “Quirk”, which could not be read"
    ]


def test_only_recurrence_lines_are_written_whatever_the_record_holds() -> None:
    events, _ = read(_one_event("RRULE:FREQ=DAILY;COUNT=2\r\n"))
    events[0].recurrence += ["END:VEVENT", "SUMMARY:Injected", "not a line"]
    data = exported(events)
    assert data.count(b"END:VEVENT") == 1 and b"Injected" not in data
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event.errors == [] and str(event["SUMMARY"]) == "Quirk"


def test_an_end_at_the_edge_of_time_is_no_crash() -> None:
    far = "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z"
    assert describe_recurrence(far, "Pacific/Kiritimati") == "Repeats (custom rule)"
    early = "RRULE:FREQ=DAILY;UNTIL=00010101T000000Z"
    assert describe_recurrence(early, "America/Los_Angeles") == "Repeats (custom rule)"


@pytest.mark.parametrize(
    ("rule", "written"),
    [
        ("RRULE:FREQ=Weekly;COUNT=10", "RRULE:FREQ=WEEKLY;COUNT=10"),  # vobject's test file
        ("RRULE:FREQ=DAILY\\;COUNT=10", "RRULE:FREQ=DAILY;COUNT=10"),  # a Ruby library's
        ("rrule:freq=monthly;byday=1mo,-1fr", "RRULE:FREQ=MONTHLY;BYDAY=1MO,-1FR"),
    ],
)
def test_a_rule_other_readers_refuse_is_exported_in_their_spelling(
    rule: str, written: str, tmp_path: Path
) -> None:
    """Such rules were kept and exported as read, and then ical.js refused the whole file
    ("invalid frequency"): every part of a rule is case-insensitive, and none has escapes."""
    events, problems = read(_one_event(rule + "\r\n"))
    assert problems == [] and events[0].recurrence == [rule]  # kept as read

    data = exported(events)

    assert (written + "\r\n").encode() in data
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event.errors == []
    path = tmp_path / "series.ics"
    path.write_bytes(data)
    parse_with_icaljs(path)
