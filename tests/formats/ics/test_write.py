"""write_ics output read back by vobject (an independent parser) and by read_ics."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import vobject

from netdesk.formats.ics.read import read_ics
from netdesk.formats.ics.write import PRODID, write_ics
from netdesk.formats.records import EventRecord, TodoRecord

BERLIN = ZoneInfo("Europe/Berlin")


def export(events: list[EventRecord], todos: list[TodoRecord] | None = None) -> bytes:
    out = io.BytesIO()
    write_ics(events, todos or [], out)
    return out.getvalue()


def parsed(data: bytes) -> Any:
    calendars = list(vobject.readComponents(data.decode("utf-8")))
    assert len(calendars) == 1
    return calendars[0]


def meetup() -> EventRecord:
    return EventRecord(
        uid="meetup-1@netdesk",
        name="Kölner Python-Treff; Teil 1, mit „Pizza“",
        starts_at=datetime(2024, 3, 30, 18, 30, tzinfo=BERLIN),
        ends_at=datetime(2024, 3, 31, 1, 0, tzinfo=UTC),  # across the DST change
        timezone="Europe/Berlin",
        venue="Café Ünter, den Linden",
        city="Köln",
        url="https://example.org/e?a=1&b=2",
        organiser="Jürgen Groß",
        description="Line one\nLine two; with semicolon, comma and \\ backslash",
        categories=["python", "talks, and more"],
    )


def test_timed_event_keeps_its_zone_and_every_field() -> None:
    data = export([meetup()])
    calendar = parsed(data)
    assert calendar.prodid.value == PRODID
    assert calendar.version.value == "2.0"
    event = calendar.vevent
    assert event.uid.value == "meetup-1@netdesk"
    assert event.summary.value == "Kölner Python-Treff; Teil 1, mit „Pizza“"
    start, end = event.dtstart.value, event.dtend.value
    assert start == datetime(2024, 3, 30, 17, 30, tzinfo=UTC)
    assert end == datetime(2024, 3, 31, 1, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Berlin:20240330T183000\r\n" in data
    assert b"DTEND;TZID=Europe/Berlin:20240331T030000\r\n" in data
    assert (start.utcoffset().total_seconds(), end.utcoffset().total_seconds()) == (3600, 7200)
    assert event.location.value == "Café Ünter, den Linden, Köln"
    assert event.url.value == "https://example.org/e?a=1&b=2"
    assert event.organizer.params["CN"] == ["Jürgen Groß"]
    assert event.description.value == "Line one\nLine two; with semicolon, comma and \\ backslash"
    assert event.categories.value == ["python", "talks, and more"]
    assert event.dtstamp.value.tzinfo is not None
    assert [tz.tzid.value for tz in calendar.vtimezone_list] == ["Europe/Berlin"]


def test_text_is_escaped_on_the_wire() -> None:
    data = export([meetup()])
    assert "SUMMARY:Kölner Python-Treff\\; Teil 1\\, mit „Pizza“\r\n".encode() in data
    assert b"DESCRIPTION:Line one\\nLine two\\; with semicolon\\, comma and \\\\ backslash" in data


def test_output_is_crlf_and_folded_at_75_octets_without_splitting_characters() -> None:
    event = meetup()
    event.name = " ".join(["Überlänge"] * 20)
    event.description = "日本語のテキスト" * 30
    data = export([event])
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # a fold between the bytes of one character would fail here
    assert parsed(data).vevent.summary.value == " ".join(["Überlänge"] * 20)


def test_all_day_event_uses_dates_with_an_exclusive_end() -> None:
    events = [
        EventRecord(
            uid="conf",
            name="Conference",
            starts_at=datetime(2024, 9, 16, tzinfo=UTC),
            ends_at=datetime(2024, 9, 18, tzinfo=UTC),
            all_day=True,
        ),
        EventRecord(
            uid="day", name="Holiday", starts_at=datetime(2024, 12, 25, tzinfo=UTC), all_day=True
        ),
    ]
    data = export(events)
    conference, holiday = parsed(data).vevent_list
    assert (conference.dtstart.value, conference.dtend.value) == (
        date(2024, 9, 16),
        date(2024, 9, 18),
    )
    assert (holiday.dtstart.value, holiday.dtend.value) == (date(2024, 12, 25), date(2024, 12, 26))
    assert b"DTSTART;VALUE=DATE:20240916\r\n" in data
    assert b"VTIMEZONE" not in data


def test_events_without_a_zone_are_written_in_utc() -> None:
    events = [
        EventRecord(
            uid="u", name="UTC", starts_at=datetime(2024, 5, 1, 11, tzinfo=BERLIN), timezone="UTC"
        ),
        EventRecord(uid="n", name="None", starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC)),
        EventRecord(
            uid="x",
            name="Bad zone",
            starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC),
            timezone="Mars/Olympus",
        ),
    ]
    data = export(events)
    for event in parsed(data).vevent_list:
        assert event.dtstart.value == datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert data.count(b"DTSTART:20240501T090000Z\r\n") == 3
    assert b"VTIMEZONE" not in data


def test_one_vtimezone_per_zone_used() -> None:
    def at(name: str, zone: str) -> EventRecord:
        return EventRecord(
            uid=name,
            name=name,
            starts_at=datetime(2025, 1, 5, 9, tzinfo=ZoneInfo(zone)),
            timezone=zone,
        )

    data = export([at("a", "America/New_York"), at("b", "Asia/Tokyo"), at("c", "America/New_York")])
    calendar = parsed(data)
    assert sorted(tz.tzid.value for tz in calendar.vtimezone_list) == [
        "America/New_York",
        "Asia/Tokyo",
    ]
    starts = {e.uid.value: e.dtstart.value for e in calendar.vevent_list}
    assert starts["a"] == datetime(2025, 1, 5, 14, tzinfo=UTC)
    assert starts["b"] == datetime(2025, 1, 5, 0, tzinfo=UTC)


def test_organiser_forms() -> None:
    def organiser(text: str) -> tuple[str, list[str]]:
        record = EventRecord(
            uid="o", name="O", starts_at=datetime(2024, 1, 1, tzinfo=UTC), organiser=text
        )
        found = parsed(export([record])).vevent.organizer
        return found.value, found.params.get("CN", [])

    assert organiser("host@example.org") == ("mailto:host@example.org", [])
    assert organiser("Ada Lovelace <ada@example.org>") == (
        "mailto:ada@example.org",
        ["Ada Lovelace"],
    )
    assert organiser("PyData Berlin") == ("invalid:nomail", ["PyData Berlin"])


def test_todos_for_open_follow_ups() -> None:
    todos = [
        TodoRecord(
            uid="followup-7@netdesk",
            summary="Follow up with Ada Lovelace: send the slides, then call",
            due=date(2024, 4, 2),
            description="She asked about the\nbenchmarks",
            related_event_uid="meetup-1@netdesk",
        ),
        TodoRecord(uid="followup-8@netdesk", summary="Say thanks"),
    ]
    data = export([meetup()], todos)
    calendar = parsed(data)
    first, second = calendar.vtodo_list
    assert first.uid.value == "followup-7@netdesk"
    assert first.summary.value == "Follow up with Ada Lovelace: send the slides, then call"
    assert first.due.value == date(2024, 4, 2)
    assert first.description.value == "She asked about the\nbenchmarks"
    assert first.status.value == "NEEDS-ACTION"
    assert first.contents["related-to"][0].value == "meetup-1@netdesk"
    assert first.dtstamp.value.tzinfo is not None
    assert not hasattr(second, "due") and not hasattr(second, "related_to")
    assert b"DUE;VALUE=DATE:20240402\r\n" in data


def test_export_reads_back_into_the_same_records() -> None:
    original = [
        meetup(),
        EventRecord(
            uid="day",
            name="Holiday",
            starts_at=datetime(2024, 12, 25, tzinfo=UTC),
            ends_at=datetime(2024, 12, 26, tzinfo=UTC),
            all_day=True,
        ),
        EventRecord(
            uid="", name="No uid", starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC), timezone="UTC"
        ),
    ]
    data = export(original, [TodoRecord(uid="t", summary="Ignored on import")])
    back = list(read_ics(data, "export.ics"))
    assert all(isinstance(item, EventRecord) for item in back)
    assert len(back) == 3
    for before, after in zip(original, back, strict=True):
        assert isinstance(after, EventRecord)
        assert after.name == before.name
        assert after.starts_at == before.starts_at
        assert after.ends_at == before.ends_at
        assert after.timezone == before.timezone
        assert after.all_day == before.all_day
    again = list(read_ics(export(original), "again.ics"))
    assert [r.uid for r in back] == [r.uid for r in again]  # derived UIDs are stable
    first = back[0]
    assert isinstance(first, EventRecord)
    # The venue's own comma used to end it on the way back: "Café Ünter", the rest lost.
    assert (first.venue, first.city) == ("Café Ünter, den Linden", "Köln")
    assert first.organiser == "Jürgen Groß"
    assert first.categories == ["python", "talks, and more"]
    assert first.description == meetup().description


def test_a_location_another_program_changed_is_read_from_location_again() -> None:
    data = export([meetup()])
    assert "LOCATION:Café Ünter\\, den Linden\\, Köln" in data.decode("utf-8")
    edited = data.replace("den Linden\\, Köln".encode(), b"Ring 1\\, Bonn")

    (event,) = read_ics(edited, "edited.ics")

    assert isinstance(event, EventRecord)
    assert (event.venue, event.city) == ("Café Ünter, Ring 1, Bonn", "Bonn")


def test_nothing_to_export_is_still_a_valid_calendar() -> None:
    data = export([])
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = parsed(data)
    assert calendar.prodid.value == PRODID
    assert list(read_ics(data)) == []
