"""All-day events: dates rather than moments, kept as midnights UTC from import to export."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject

from netdesk.services.errors import ValidationError
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services

JAN_15 = datetime(2027, 1, 15, tzinfo=UTC)
JAN_18 = datetime(2027, 1, 18, tzinfo=UTC)

# An event site's conference over three days (DTEND is the day after the last, as RFC 5545
# says), next to a timed meetup so that the two kinds are told apart in one file.
CONFERENCE_ICS = (
    "\ufeffBEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Events//EN\r\n"
    "BEGIN:VEVENT\r\nUID:confoo-2027@events.example.org\r\nSUMMARY:ConFoo Conference 2027\r\n"
    "DTSTART;VALUE=DATE:20270115\r\nDTEND;VALUE=DATE:20270118\r\n"
    "LOCATION:Hilton Bonaventure\\, Montreal\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:meetup-7@events.example.org\r\nSUMMARY:Python Meetup Montreal\r\n"
    "DTSTART:20270120T233000Z\r\nDTEND:20270121T013000Z\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_all_day_event_is_kept_as_midnights_utc(services: Services) -> None:
    event_id = services.events.create(
        EventInput(name="ConFoo", starts_at=JAN_15, ends_at=JAN_18, all_day=True)
    )
    detail = services.events.get(event_id)
    assert detail.all_day is True
    assert (detail.starts_at, detail.ends_at) == (JAN_15, JAN_18)
    assert detail.as_input().all_day is True
    [row] = services.events.list(now=datetime(2027, 1, 1, tzinfo=UTC))
    assert (row.all_day, row.starts_at, row.ends_at) == (True, JAN_15, JAN_18)
    [upcoming] = services.events.upcoming(now=datetime(2027, 1, 16, 12, tzinfo=UTC))
    assert upcoming.all_day is True


def test_timed_events_are_not_all_day(services: Services) -> None:
    event_id = services.events.create(
        EventInput(name="Meetup", starts_at=datetime(2027, 1, 20, 23, 30, tzinfo=UTC))
    )
    assert services.events.get(event_id).all_day is False
    assert [r.all_day for r in services.events.list()] == [False]


def test_all_day_times_are_rounded_out_to_whole_days(services: Services) -> None:
    """A start or end during a day means that day: the event covers it whole."""
    event_id = services.events.create(
        EventInput(
            name="Sprints",
            starts_at=datetime(2027, 1, 15, 9, 30, tzinfo=UTC),
            ends_at=datetime(2027, 1, 17, 17, 0, tzinfo=UTC),
            timezone="America/Montreal",
            all_day=True,
        )
    )
    detail = services.events.get(event_id)
    assert (detail.starts_at, detail.ends_at) == (JAN_15, JAN_18)
    # Dates are the same in every zone: a zone would only shift them on export.
    assert detail.timezone == ""


def test_an_all_day_event_without_an_end_lasts_its_one_day(services: Services) -> None:
    event_id = services.events.create(EventInput(name="AGM", starts_at=JAN_15, all_day=True))
    assert services.events.get(event_id).ends_at == datetime(2027, 1, 16, tzinfo=UTC)


def test_an_all_day_event_ending_before_it_starts_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as info:
        services.events.create(
            EventInput(name="Backwards", starts_at=JAN_18, ends_at=JAN_15, all_day=True)
        )
    assert info.value.errors == {"ends_at": "The last day cannot be before the first."}
    assert services.events.list() == []


def test_an_event_can_become_all_day_and_back(services: Services) -> None:
    event_id = services.events.create(
        EventInput(
            name="Workshop",
            starts_at=datetime(2027, 1, 15, 14, tzinfo=UTC),
            ends_at=datetime(2027, 1, 15, 17, tzinfo=UTC),
        )
    )
    data = services.events.get(event_id).as_input()
    data.all_day = True
    services.events.update(event_id, data)
    detail = services.events.get(event_id)
    assert (detail.all_day, detail.starts_at, detail.ends_at) == (
        True,
        JAN_15,
        datetime(2027, 1, 16, tzinfo=UTC),
    )
    data = detail.as_input()
    data.all_day = False
    data.starts_at = datetime(2027, 1, 15, 14, tzinfo=UTC)
    data.ends_at = datetime(2027, 1, 15, 17, tzinfo=UTC)
    services.events.update(event_id, data)
    assert services.events.get(event_id).all_day is False


def test_deleting_an_all_day_event_and_undoing_keeps_it_all_day(services: Services) -> None:
    event_id = services.events.create(
        EventInput(name="ConFoo", starts_at=JAN_15, ends_at=JAN_18, all_day=True)
    )
    snapshot = services.events.delete(event_id)
    services.events.restore(snapshot)
    assert services.events.get(event_id).all_day is True


def test_an_imported_all_day_event_is_exported_as_dates(services: Services, tmp_path: Path) -> None:
    report = services.imports.import_file(_write(tmp_path, "confoo.ics", CONFERENCE_ICS))
    assert report.events_added == 2
    assert report.problems == []
    conference = services.events.find_by_name("ConFoo Conference 2027")
    meetup = services.events.find_by_name("Python Meetup Montreal")
    assert conference is not None and meetup is not None
    detail = services.events.get(conference)
    assert (detail.all_day, detail.starts_at, detail.ends_at) == (True, JAN_15, JAN_18)
    assert services.events.get(meetup).all_day is False

    out = io.BytesIO()
    services.exports.ics(out)
    text = out.getvalue().decode()
    assert "DTSTART;VALUE=DATE:20270115" in text
    calendar = vobject.readOne(text)
    by_uid = {v.uid.value: v for v in calendar.vevent_list}
    conf = by_uid["confoo-2027@events.example.org"]
    # Plain dates, not datetimes: every calendar shows it on 15-17 January wherever it is.
    assert type(conf.dtstart.value) is date
    assert conf.dtstart.value == date(2027, 1, 15)
    assert conf.dtend.value == date(2027, 1, 18)
    timed = by_uid["meetup-7@events.example.org"]
    assert timed.dtstart.value == datetime(2027, 1, 20, 23, 30, tzinfo=UTC)

    # Reading the export back updates the same events and keeps them all-day.
    again = services.imports.import_file(_write(tmp_path, "export.ics", text))
    assert (again.events_added, again.events_updated) == (0, 2)
    detail = services.events.get(conference)
    assert (detail.all_day, detail.starts_at, detail.ends_at) == (True, JAN_15, JAN_18)


def test_an_event_made_all_day_by_hand_exports_as_dates(services: Services) -> None:
    services.events.create(
        EventInput(
            name="Association AGM",
            starts_at=datetime(2027, 3, 6, tzinfo=UTC),
            timezone="America/New_York",
            all_day=True,
        )
    )
    out = io.BytesIO()
    services.exports.ics(out)
    vevent = vobject.readOne(out.getvalue().decode()).vevent
    assert vevent.dtstart.value == date(2027, 3, 6)
    assert vevent.dtend.value == date(2027, 3, 7)
