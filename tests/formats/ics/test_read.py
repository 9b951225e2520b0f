"""read_ics on small hand-made files, one per quirk of real calendar exports (the corpus itself:
test_ics_corpus)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from netdesk.formats.ics.read import read_ics, split_location
from netdesk.formats.records import EventRecord, Problem

EU_RULES = """BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
"""

US_EASTERN_RULES = """BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
"""


def ics(*events: str, head: str = "") -> bytes:
    """A VCALENDAR around the given VEVENT bodies, with LF line ends."""
    body = "".join(f"BEGIN:VEVENT\n{event.strip()}\nEND:VEVENT\n" for event in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{body}END:VCALENDAR\n".encode()


def read(data: bytes) -> tuple[list[EventRecord], list[Problem]]:
    items = list(read_ics(data, "test.ics"))
    events = [i for i in items if isinstance(i, EventRecord)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(events) + len(problems) == len(items)
    return events, problems


def only_event(data: bytes) -> EventRecord:
    events, problems = read(data)
    assert problems == []
    assert len(events) == 1
    return events[0]


def vtimezone(tzid: str, rules: str, extra: str = "") -> str:
    return f"BEGIN:VTIMEZONE\nTZID:{tzid}\n{extra}{rules}END:VTIMEZONE\n"


# --- a typical Meetup feed --------------------------------------------------------------------


def test_meetup_feed_gives_every_field() -> None:
    data = ics(
        """UID:event_300@meetup.com
SUMMARY:Python Users Berlin: Packaging night
DTSTART;TZID=Europe/Berlin:20240611T190000
DTEND;TZID=Europe/Berlin:20240611T213000
LOCATION:Betahaus (Rudi-Dutschke-Straße 23\\, Berlin\\, de)
URL:https://www.meetup.com/pub/events/300/
ORGANIZER;CN=Python Users Berlin:mailto:info@example.org
DESCRIPTION:Talks\\, pizza\\nand a quiz
CATEGORIES:python,packaging
CATEGORIES:community""",
        head="PRODID:-//Meetup//RemoteApi//EN\n" + vtimezone("Europe/Berlin", EU_RULES),
    )
    event = only_event(data)
    assert event.uid == "event_300@meetup.com"
    assert event.name == "Python Users Berlin: Packaging night"
    assert event.starts_at == datetime(2024, 6, 11, 17, 0, tzinfo=UTC)
    assert event.starts_at.utcoffset() is not None
    assert event.ends_at == datetime(2024, 6, 11, 19, 30, tzinfo=UTC)
    assert event.timezone == "Europe/Berlin"
    assert event.all_day is False
    assert (event.venue, event.city) == ("Betahaus (Rudi-Dutschke-Straße 23, Berlin, de)", "Berlin")
    assert event.url == "https://www.meetup.com/pub/events/300/"
    assert event.organiser == "Python Users Berlin"
    assert event.description == "Talks, pizza\nand a quiz"
    assert event.categories == ["python", "packaging", "community"]
    assert event.line == 20  # 3 header lines, PRODID, 15 VTIMEZONE lines, then BEGIN:VEVENT


# --- time zones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tzid", "iana", "utc_hour"),
    [
        ("W. Europe Standard Time", "Europe/Berlin", 8),
        ("Pacific Standard Time", "America/Los_Angeles", 17),
        ('"Pacific Standard Time"', "America/Los_Angeles", 17),
        ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin", 8),
        (
            "/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
            "America/Argentina/Buenos_Aires",
            13,
        ),
        ("America/New_York", "America/New_York", 14),
        ("UTC+11", "Etc/GMT-11", 23),
    ],
)
def test_tzid_names_resolve_without_a_vtimezone(tzid: str, iana: str, utc_hour: int) -> None:
    event = only_event(ics(f"UID:1\nSUMMARY:Talk\nDTSTART;TZID={tzid}:20240710T100000"))
    assert event.timezone == iana
    assert event.starts_at is not None
    assert event.starts_at.astimezone(UTC).hour == utc_hour
    assert event.starts_at.astimezone(ZoneInfo(iana)).hour == 10


def test_free_text_tzid_is_guessed_from_its_vtimezone() -> None:
    name = "GMT +0100 (Standard) / GMT +0200 (Daylight)"
    data = ics(
        f'UID:1\nSUMMARY:Standup\nDTSTART;TZID="{name}":20150703T100000\n'
        f'DTEND;TZID="{name}":20150703T103000',
        head=vtimezone(name, EU_RULES),
    )
    event = only_event(data)
    assert event.timezone == "Europe/Berlin"
    assert event.starts_at == datetime(2015, 7, 3, 8, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2015, 7, 3, 8, 30, tzinfo=UTC)


def test_quoted_tzid_with_commas_prefers_the_city_it_names() -> None:
    name = "Canberra, Melbourne, Sydney"
    rules = """BEGIN:STANDARD
DTSTART:20080406T030000
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20081005T020000
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
END:DAYLIGHT
"""
    data = ics(
        f'UID:1\nSUMMARY:Catch-up\nDTSTART;TZID="{name}":20240530T150000',
        head=vtimezone("Canberra\\, Melbourne\\, Sydney", rules),
    )
    event = only_event(data)
    assert event.timezone == "Australia/Sydney"
    assert event.starts_at == datetime(2024, 5, 30, 5, 0, tzinfo=UTC)


def test_non_ascii_tzid_with_trailing_space_resolves() -> None:
    name = "Mitteleuropäische Zeit "
    data = ics(
        f"UID:1\nSUMMARY:Treffen\nDTSTART;TZID={name}:20260701T170000",
        head=vtimezone(name, EU_RULES),
    )
    event = only_event(data)
    assert event.timezone == "Europe/Berlin"
    assert event.starts_at == datetime(2026, 7, 1, 15, 0, tzinfo=UTC)


def test_x_lic_location_names_the_zone() -> None:
    data = ics(
        "UID:1\nSUMMARY:Sync\nDTSTART;TZID=Zurich time:20161028T140000",
        head=vtimezone("Zurich time", EU_RULES, extra="X-LIC-LOCATION:Europe/Zurich\n"),
    )
    assert only_event(data).timezone == "Europe/Zurich"


def test_same_custom_tzid_means_what_each_file_says() -> None:
    # Outlook writes "Customized Time Zone" for any zone; two files may disagree about it.
    event = "UID:1\nSUMMARY:Call\nDTSTART;TZID=Customized Time Zone:20240710T100000"
    berlin = only_event(ics(event, head=vtimezone("Customized Time Zone", EU_RULES)))
    new_york = only_event(ics(event, head=vtimezone("Customized Time Zone", US_EASTERN_RULES)))
    assert berlin.timezone == "Europe/Berlin"
    assert berlin.starts_at == datetime(2024, 7, 10, 8, 0, tzinfo=UTC)
    assert new_york.timezone == "America/New_York"
    assert new_york.starts_at == datetime(2024, 7, 10, 14, 0, tzinfo=UTC)


def test_unknown_tzid_is_read_as_utc_and_reported() -> None:
    events, problems = read(ics("UID:1\nSUMMARY:Call\nDTSTART;TZID=Atlantis Time:20240710T100000"))
    assert len(events) == 1
    assert events[0].starts_at == datetime(2024, 7, 10, 10, 0, tzinfo=UTC)
    assert events[0].timezone == ""
    assert len(problems) == 1
    assert "Atlantis Time" in problems[0].reason
    assert problems[0].line == 7  # the DTSTART line


def test_utc_and_floating_times() -> None:
    events, problems = read(
        ics(
            "UID:z\nSUMMARY:Zulu\nDTSTART:20240710T100000Z\nDTEND:20240710T110000Z",
            "UID:f\nSUMMARY:Floating\nDTSTART:20240710T100000",
        )
    )
    assert problems == []
    zulu, floating = events
    assert (zulu.timezone, zulu.starts_at) == ("UTC", datetime(2024, 7, 10, 10, tzinfo=UTC))
    assert zulu.ends_at == datetime(2024, 7, 10, 11, tzinfo=UTC)
    assert floating.timezone == ""
    assert floating.starts_at == datetime(2024, 7, 10, 10, tzinfo=UTC)
    assert floating.ends_at is None


# --- dates and ends ---------------------------------------------------------------------------


def test_all_day_events() -> None:
    events, problems = read(
        ics(
            "UID:a\nSUMMARY:Conference\nDTSTART;VALUE=DATE:20240916\nDTEND;VALUE=DATE:20240918",
            "UID:b\nSUMMARY:Holiday\nDTSTART;VALUE=DATE:20241225",
            "UID:c\nSUMMARY:Bare date with zone\nDTSTART;TZID=US/Eastern:20060102",
        )
    )
    assert problems == []
    conference, holiday, bare = events
    assert conference.all_day and holiday.all_day and bare.all_day
    assert conference.starts_at == datetime(2024, 9, 16, tzinfo=UTC)
    assert conference.ends_at == datetime(2024, 9, 18, tzinfo=UTC)
    assert conference.timezone == ""
    assert holiday.ends_at == datetime(2024, 12, 26, tzinfo=UTC)
    assert bare.starts_at == datetime(2006, 1, 2, tzinfo=UTC)


def test_end_from_duration_and_from_a_value_with_a_space() -> None:
    events, _ = read(
        ics(
            "UID:d\nSUMMARY:Workshop\nDTSTART:20240710T100000Z\nDURATION:PT1H30M",
            "UID:s\nSUMMARY:Appointment\nDTSTART:20240812T213000Z\nDTEND: 20240812T223000Z",
        )
    )
    workshop, appointment = events
    assert workshop.ends_at == datetime(2024, 7, 10, 11, 30, tzinfo=UTC)
    assert appointment.ends_at == datetime(2024, 8, 12, 22, 30, tzinfo=UTC)


def test_end_before_start_is_dropped() -> None:
    event = only_event(ics("UID:1\nSUMMARY:Odd\nDTSTART:20240710T100000Z\nDTEND:20240710T090000Z"))
    assert event.ends_at is None


# --- bytes and lines --------------------------------------------------------------------------


def test_bom_blank_lines_mixed_line_ends_lowercase_and_folds() -> None:
    data = (
        b"\xef\xbb\xbfbegin:vcalendar\r\nversion:2.0\n\r\n"
        b"begin:vevent\r\n"
        b"uid:low-1\n"
        b"summary:A long title that was folded \r\n  across two lines\n"
        b"\n"
        b"dtstart;tzid=Europe/London:20240301T090000\r\n"
        b"location:Room 1\\, Main building\\, Leeds\\, UK\r"
        b"end:vevent\r\n"
        b"end:vcalendar"
    )
    event = only_event(data)
    assert event.name == "A long title that was folded  across two lines"
    assert event.timezone == "Europe/London"
    assert event.starts_at == datetime(2024, 3, 1, 9, tzinfo=UTC)
    assert (event.venue, event.city) == ("Room 1, Main building, Leeds, UK", "Leeds")
    assert event.line == 4


def test_fold_inside_a_utf8_character() -> None:
    title = "Grüße aus Köln".encode()
    cut = title.index("ö".encode()) + 1  # between the two bytes of "ö"
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240101T100000Z\r\n"
        b"SUMMARY:" + title[:cut] + b"\r\n " + title[cut:] + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert only_event(data).name == "Grüße aus Köln"


def test_non_ascii_summary_and_organiser_cn() -> None:
    event = only_event(
        ics(
            "UID:1\nSUMMARY:Встреча — 東京 🎉\nDTSTART:20240101T100000Z\n"
            'ORGANIZER;CN="Jürgen Groß":mailto:jg@example.de'
        )
    )
    assert event.name == "Встреча — 東京 🎉"
    assert event.organiser == "Jürgen Groß"


def test_utf16_and_windows_1252() -> None:
    text = ics("UID:1\nSUMMARY:Café\nDTSTART:20240101T100000Z").decode()
    assert only_event(text.encode("utf-16")).name == "Café"
    assert only_event(text.encode("cp1252")).name == "Café"


def test_bare_vevent_and_several_calendars_in_one_file() -> None:
    bare = b"BEGIN:VEVENT\nUID:1\nSUMMARY:Alone\nDTSTART:20240101T100000Z\nEND:VEVENT\n"
    assert only_event(bare).name == "Alone"
    two = ics("UID:a\nSUMMARY:One\nDTSTART:20240101T100000Z") + ics(
        "UID:b\nSUMMARY:Two\nDTSTART:20240102T100000Z"
    )
    events, problems = read(two)
    assert [e.name for e in events] == ["One", "Two"]
    assert [e.line for e in events] == [4, 13]
    assert problems == []


# --- broken input -----------------------------------------------------------------------------


def test_missing_start_costs_only_that_event() -> None:
    events, problems = read(
        ics(
            "UID:1\nSUMMARY:Good\nDTSTART:20240101T100000Z",
            "UID:3\nSUMMARY:No start",
            "UID:4\nSUMMARY:Also good\nDTSTART:20240104T100000Z",
            "UID:5\nLOCATION:Betahaus, Berlin",
            "UID:6",
        )
    )
    assert [e.name for e in events] == ["Good", "Also good"]
    assert [(p.file, p.line) for p in problems] == [
        ("test.ics", 9),
        ("test.ics", 18),
        ("test.ics", 22),
    ]
    assert problems[2].reason == "Skipped an untitled event: it has no start time (DTSTART)"
    assert "No start" in problems[0].reason and "DTSTART" in problems[0].reason
    assert problems[1].reason == (
        "Skipped an untitled event at “Betahaus, Berlin”: it has no start time (DTSTART)"
    )


def test_an_event_without_summary_is_named_after_its_location_and_reported() -> None:
    events, problems = read(
        ics(
            "UID:venue\nLOCATION:Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany\n"
            "DTSTART:20240102T100000Z",
            "UID:meetup\nLOCATION:Impact Hub (Gneisenaustr. 2, München, de)\n"
            "DTSTART:20240103T100000Z",
            "UID:blank\nSUMMARY: \nDTSTART:20240104T100000Z",
            "DTSTART:20240105T100000Z",
        )
    )
    assert [(e.name, e.venue) for e in events] == [
        ("Betahaus", "Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany"),
        ("Impact Hub", "Impact Hub (Gneisenaustr. 2, München, de)"),
        ("Untitled event", ""),
        ("Untitled event", ""),
    ]
    # Without UID or SUMMARY the same file gives the same UID again (no duplicate on re-import).
    assert events[3].uid == read(ics("DTSTART:20240105T100000Z\nX-A:1"))[0][0].uid
    assert [str(p) for p in problems] == [
        "test.ics:4: The event has no title (SUMMARY): named it “Betahaus” after its LOCATION",
        "test.ics:9: The event has no title (SUMMARY): named it “Impact Hub” after its LOCATION",
        "test.ics:14: The event has no title (SUMMARY): named it “Untitled event”",
        "test.ics:19: The event has no title (SUMMARY): named it “Untitled event”",
    ]


def test_garbage_lines_are_reported_and_the_events_kept() -> None:
    data = ics(
        "UID:1\nSUMMARY:Kept\nX-BAD/SLASH:TRUE\nDTSTART;;VALUE=DATE-TIME:20140409T093000\n"
        "DTSTART:20240101T100000Z",
        "UID:2\nSUMMARY:Also kept\nDTSTART:20240102T100000Z",
    )
    data = data.replace(b"END:VEVENT\nBEGIN:VEVENT", b"END:VEVENT\nX\nBEGIN:VEVENT")
    events, problems = read(data)
    assert [e.name for e in events] == ["Kept", "Also kept"]
    assert events[0].starts_at == datetime(2024, 1, 1, 10, tzinfo=UTC)
    assert [p.line for p in problems] == [7, 8, 11]
    assert all("not iCalendar" in p.reason for p in problems)


def test_event_without_end_line_is_skipped_and_the_next_read() -> None:
    data = (
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nSUMMARY:Cut off\nDTSTART:20240101T100000Z\n"
        b"BEGIN:VEVENT\nUID:2\nSUMMARY:Whole\nDTSTART:20240102T100000Z\nEND:VEVENT\n"
        b"BEGIN:VEVENT\nUID:3\nSUMMARY:Last\nDTSTART:20240103T100000Z\n"
    )
    events, problems = read(data)
    assert [e.name for e in events] == ["Whole"]
    assert [p.line for p in problems] == [2, 11]
    assert all("END:VEVENT" in p.reason for p in problems)


def test_broken_alarm_does_not_cost_the_event() -> None:
    event = only_event(
        ics(
            "UID:1\nSUMMARY:With alarm\nDTSTART:20021028T140000Z\n"
            "BEGIN:VALARM\nTRIGGER:a20021028120000\nACTION:DISPLAY\nEND:VALARM"
        )
    )
    assert event.name == "With alarm"


def test_unreadable_dtend_is_reported_and_the_event_kept() -> None:
    events, problems = read(
        ics("UID:1\nSUMMARY:Half\nDTSTART:20240101T100000Z\nDTEND:tomorrow-ish")
    )
    assert events[0].ends_at is None
    assert len(problems) == 1
    assert problems[0].line == 8 and "DTEND" in problems[0].reason


def test_empty_and_eventless_calendars_yield_nothing() -> None:
    assert list(read_ics(b"")) == []
    assert list(read_ics(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")) == []
    todo_and_journal = (
        b"BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:t\nSUMMARY:Todo\nEND:VTODO\n"
        b"BEGIN:VJOURNAL\nUID:j\nSUMMARY:Journal\nEND:VJOURNAL\nEND:VCALENDAR\n"
    )
    assert list(read_ics(todo_and_journal)) == []


# --- identity and recurrence ------------------------------------------------------------------


def test_missing_uid_is_derived_from_summary_and_start() -> None:
    first = only_event(ics("SUMMARY:No uid\nDTSTART:20240101T100000Z"))
    again = only_event(ics("SUMMARY:No uid\nDTSTART;TZID=Europe/London:20240101T100000"))
    other = only_event(ics("SUMMARY:No uid\nDTSTART:20240101T110000Z"))
    assert first.uid and first.uid == again.uid  # the same moment, written differently
    assert other.uid != first.uid


def test_recurring_event_gives_its_first_occurrence_once() -> None:
    data = ics(
        "UID:series\nSUMMARY:Weekly\nDTSTART:20240101T100000Z\nRRULE:FREQ=WEEKLY;COUNT=10",
        "UID:series\nRECURRENCE-ID:20240108T100000Z\nSUMMARY:Weekly (moved)\n"
        "DTSTART:20240109T100000Z",
        "UID:orphan\nRECURRENCE-ID:20240301T100000Z\nSUMMARY:Orphan late\nDTSTART:20240301T100000Z",
        "UID:orphan\nRECURRENCE-ID:20240201T100000Z\nSUMMARY:Orphan early\n"
        "DTSTART:20240201T100000Z",
    )
    events, problems = read(data)
    assert problems == []
    assert [(e.uid, e.name) for e in events] == [("series", "Weekly"), ("orphan", "Orphan early")]
    assert events[0].starts_at == datetime(2024, 1, 1, 10, tzinfo=UTC)


def test_categories_keep_escaped_commas() -> None:
    event = only_event(
        ics("UID:1\nSUMMARY:C\nDTSTART:20240101T100000Z\nCATEGORIES:Meeting\\, John,Work,Work")
    )
    assert event.categories == ["Meeting, John", "Work"]


def test_organiser_without_cn_is_the_address() -> None:
    event = only_event(
        ics("UID:1\nSUMMARY:O\nDTSTART:20240101T100000Z\nORGANIZER:MAILTO:host@example.org")
    )
    assert event.organiser == "host@example.org"


@pytest.mark.parametrize(
    ("location", "city"),
    [
        ("", ""),
        ("Online", ""),
        ("Room 4, Building B", ""),
        ("Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany", "Berlin"),
        ("Moscone Center, 747 Howard St, San Francisco, CA 94103, USA", "San Francisco"),
        ("Google, 6 Pancras Square, London N1C 4AG, United Kingdom", "London"),
        ("Fathom Creative, Inc. (1333 14th Street, Washington, DC 20005)", "Washington"),
        ("Impact Hub (Gneisenaustr. 2, München, de)", "München"),
    ],
)
def test_the_city_is_found_in_the_location_which_stays_the_venue(location: str, city: str) -> None:
    # The street, postcode and country have no column of their own: the venue keeps them.
    assert split_location(location) == (location, city)
