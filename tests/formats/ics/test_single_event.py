"""One event as a CalDAV calendar item (formats.ics.single_event)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import vobject
from icalendar import Calendar

from netdesk import clock
from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.single_event import event_text, read_event_uid
from netdesk.formats.records import EventRecord
from tests.formats.three_parsers import parse_with_icaljs

BERLIN = ZoneInfo("Europe/Berlin")


def meetup() -> EventRecord:
    return EventRecord(
        uid="event-7@netdesk",
        name="PyData Berlin, December",
        starts_at=datetime(2026, 12, 9, 19, 0, tzinfo=BERLIN),
        ends_at=datetime(2026, 12, 9, 21, 30, tzinfo=BERLIN),
        timezone="Europe/Berlin",
        venue="Betahaus",
        city="Berlin",
        url="https://www.meetup.com/pydata-berlin/events/1/",
        description="Talks on sync\nand lightning talks",
        categories=["Python", "Meetup"],
    )


def _lines(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def read_back(text: str) -> EventRecord:
    (record,) = [item for item in read_ics(text.encode()) if isinstance(item, EventRecord)]
    return record


def test_an_event_is_one_vevent_with_its_time_zone(frozen_now: datetime) -> None:
    text = event_text(meetup())
    calendar = Calendar.from_ical(text)
    assert len(calendar.walk("VEVENT")) == 1
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert f"DTSTAMP:{frozen_now.strftime('%Y%m%dT%H%M%SZ')}" in _lines(text)
    back = read_back(text)
    assert (back.uid, back.name, back.starts_at, back.ends_at) == (
        "event-7@netdesk",
        "PyData Berlin, December",
        meetup().starts_at,
        meetup().ends_at,
    )
    assert (back.venue, back.city, back.description) == ("Betahaus", "Berlin", meetup().description)
    assert read_event_uid(text) == "event-7@netdesk"


# The event as a phone's calendar keeps it after the user added an alarm and an invitee.
PHONE_EDITED = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Apple Inc.//iOS 17.2//EN\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:event-7@netdesk\r\n"
    "DTSTAMP:20261201T090000Z\r\n"
    "SUMMARY:PyData Berlin\\, December\r\n"
    "DTSTART;TZID=Europe/Berlin:20261209T190000\r\n"
    "DTEND;TZID=Europe/Berlin:20261209T213000\r\n"
    "LOCATION:Betahaus\\, Berlin\r\n"
    "SEQUENCE:1\r\n"
    "TRANSP:OPAQUE\r\n"
    "ATTENDEE;CN=Grace Hopper;PARTSTAT=NEEDS-ACTION:mailto:grace@example.org\r\n"
    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\n"
    "BEGIN:VALARM\r\n"
    "ACTION:DISPLAY\r\n"
    "DESCRIPTION:Reminder\r\n"
    "TRIGGER:-PT30M\r\n"
    "END:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19961027T030000\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "END:VCALENDAR\r\n"
)


def test_the_servers_alarm_invitees_and_x_properties_stay(frozen_now: datetime) -> None:
    changed = meetup()
    changed.name = "PyData Berlin, December (moved)"
    changed.starts_at = datetime(2026, 12, 10, 19, 0, tzinfo=BERLIN)
    changed.ends_at = datetime(2026, 12, 10, 21, 0, tzinfo=BERLIN)
    text = event_text(changed, PHONE_EDITED)
    lines = _lines(text)
    for kept in (
        "TRANSP:OPAQUE",
        "ATTENDEE;CN=Grace Hopper;PARTSTAT=NEEDS-ACTION:mailto:grace@example.org",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "TRIGGER:-PT30M",
        "CALSCALE:GREGORIAN",
    ):
        assert kept in lines
    assert "SEQUENCE:2" in lines
    assert f"LAST-MODIFIED:{frozen_now.strftime('%Y%m%dT%H%M%SZ')}" in lines
    assert "DTSTART;TZID=Europe/Berlin:20261210T190000" in lines
    calendar = Calendar.from_ical(text)
    assert len(calendar.walk("VEVENT")) == 1
    assert len(calendar.walk("VTIMEZONE")) == 1  # the export's own, not twice
    back = read_back(text)
    assert back.name == changed.name and back.starts_at == changed.starts_at


def test_an_unchanged_event_keeps_its_stamp(frozen_now: datetime) -> None:
    first = event_text(meetup())
    clock.stop_at(frozen_now + timedelta(hours=1))
    again = event_text(meetup(), first)
    assert again == first  # DTSTAMP and LAST-MODIFIED too: nothing to send


def test_a_changed_occurrence_on_the_server_stays_beside_the_series() -> None:
    series = meetup()
    series.recurrence = ["RRULE:FREQ=MONTHLY;COUNT=3"]
    base = event_text(series)
    moved = (
        "BEGIN:VEVENT\r\nUID:event-7@netdesk\r\nRECURRENCE-ID:20270109T180000Z\r\n"
        "DTSTAMP:20261201T090000Z\r\nDTSTART:20270110T180000Z\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n"
    )
    base = base.replace("END:VCALENDAR\r\n", moved + "END:VCALENDAR\r\n")
    series.description = "New description"
    text = event_text(series, base)
    assert "RECURRENCE-ID:20270109T180000Z" in _lines(text)
    assert len(Calendar.from_ical(text).walk("VEVENT")) == 2
    assert read_event_uid(text) == "event-7@netdesk"


def test_read_event_uid_of_something_else_is_empty() -> None:
    todo = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    assert read_event_uid(todo) == ""
    assert read_event_uid("not a calendar") == ""


def test_an_all_day_event_in_utc_terms() -> None:
    day = EventRecord(
        uid="d1",
        name="Conference day",
        starts_at=datetime(2026, 12, 9, tzinfo=UTC),
        all_day=True,
    )
    text = event_text(day)
    assert "DTSTART;VALUE=DATE:20261209" in _lines(text)
    assert read_back(text).all_day


def test_every_event_written_parses_in_ical_js_and_vobject(tmp_path: Path) -> None:
    changed = meetup()
    changed.name = "Moved"
    texts = [event_text(meetup()), event_text(changed, PHONE_EDITED)]
    files = []
    for number, text in enumerate(texts):
        vobject.readOne(text)
        files.append(tmp_path / f"event{number}.ics")
        files[-1].write_text(text, encoding="utf-8", newline="")
    parse_with_icaljs(*files)
