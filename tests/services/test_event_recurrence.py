"""A repeating event imported from a calendar keeps its series: stored on import (new and
updated by UID), told in plain words, kept through edits, exported back. And an event without
a title is imported under its place's name instead of being lost."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from netdesk.services.errors import ValidationError
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services

SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
BEGIN:VEVENT\r
UID:python-night@example.org\r
SUMMARY:Python night\r
DTSTART;TZID=Europe/Berlin:20260105T190000\r
DTEND;TZID=Europe/Berlin:20260105T210000\r
RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z\r
EXDATE;TZID=Europe/Berlin:20260112T190000\r
EXDATE;TZID=Europe/Berlin:20260119T190000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:forever@example.org\r
SUMMARY:Board call\r
DTSTART:20260106T170000Z\r
RRULE:FREQ=MONTHLY;BYDAY=1TU\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:nameless@example.org\r
LOCATION:c-base, Rungestraße 20, 10179 Berlin\r
DTSTART:20260107T180000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""

RULE_LINES = (
    "RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z\n"
    "EXDATE;TZID=Europe/Berlin:20260112T190000\n"
    "EXDATE;TZID=Europe/Berlin:20260119T190000"
)


def _import(services: Services, tmp_path: Path, text: str = SERIES) -> dict[str, int]:
    path = tmp_path / "calendar.ics"
    path.write_text(text, encoding="utf-8", newline="")
    services.imports.import_file(path)
    return {row.name: row.id for row in services.events.list()}


def test_an_imported_series_is_stored_and_told_in_plain_words(
    services: Services, tmp_path: Path
) -> None:
    ids = _import(services, tmp_path)
    assert sorted(ids) == ["Board call", "Python night", "c-base"]
    night = services.events.get(ids["Python night"])
    assert night.starts_at == datetime(2026, 1, 5, 18, tzinfo=UTC)  # one event, the first date
    assert night.recurrence == RULE_LINES
    assert night.repeats == "Repeats weekly until 30 Jun 2027, except 2 dates"
    board = services.events.get(ids["Board call"])
    assert board.recurrence == "RRULE:FREQ=MONTHLY;BYDAY=1TU"  # no end: still just the rule
    assert board.repeats == "Repeats monthly on the first Tuesday"
    assert services.events.get(ids["c-base"]).repeats == ""


def test_a_reimport_updates_the_series_by_uid(services: Services, tmp_path: Path) -> None:
    ids = _import(services, tmp_path)
    changed = SERIES.replace("UNTIL=20270630T215959Z", "COUNT=10").replace(
        "RRULE:FREQ=MONTHLY;BYDAY=1TU\r\n", ""
    )
    assert _import(services, tmp_path, changed) == ids
    night = services.events.get(ids["Python night"])
    assert night.repeats == "Repeats weekly, 10 times, except 2 dates"
    board = services.events.get(ids["Board call"])
    assert (board.recurrence, board.repeats) == ("", "")  # the file no longer repeats it


def test_an_event_without_title_is_imported_and_reported(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "calendar.ics"
    path.write_text(SERIES, encoding="utf-8", newline="")
    report = services.imports.import_file(path)
    assert report.events_added == 3
    assert [str(p) for p in report.problems] == [
        f"{path}:19: The event has no title (SUMMARY): named it “c-base” after its LOCATION"
    ]
    again = services.imports.import_file(path)
    assert (again.events_added, again.events_updated) == (0, 3)


def test_editing_the_times_keeps_the_series_and_stop_repeating_ends_it(
    services: Services, tmp_path: Path
) -> None:
    event_id = _import(services, tmp_path)["Python night"]
    data = services.events.get(event_id).as_input()
    data.starts_at = datetime(2026, 1, 5, 18, 30, tzinfo=UTC)
    data.ends_at = data.starts_at + timedelta(hours=2)
    data.recurrence = None  # what a form that does not edit the rule sends
    services.events.update(event_id, data)
    assert services.events.get(event_id).recurrence == RULE_LINES
    services.events.update(event_id, services.events.get(event_id).as_input())
    assert services.events.get(event_id).recurrence == RULE_LINES
    data.recurrence = ""
    services.events.update(event_id, data)
    detail = services.events.get(event_id)
    assert (detail.recurrence, detail.repeats) == ("", "")
    assert detail.starts_at == datetime(2026, 1, 5, 18, 30, tzinfo=UTC)


def test_a_new_event_does_not_repeat(services: Services) -> None:
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    event_id = services.events.create(EventInput(name="Once", starts_at=start))
    assert services.events.get(event_id).recurrence == ""


def test_the_ics_export_gives_the_series_back(services: Services, tmp_path: Path) -> None:
    _import(services, tmp_path)
    out = io.BytesIO()
    services.exports.ics(out)
    data = out.getvalue()
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z\r\n" in data
    assert b"EXDATE;TZID=Europe/Berlin:20260112T190000\r\n" in data
    assert b"RRULE:FREQ=MONTHLY;BYDAY=1TU\r\n" in data
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert all(e.errors == [] for e in events.values())
    assert events["Python night"]["RRULE"]["FREQ"] == ["WEEKLY"]
    assert len(events["Python night"]["EXDATE"]) == 2
    assert "RRULE" not in events["c-base"]
    # Imported again, the export is the same series.
    path = tmp_path / "export.ics"
    path.write_bytes(data)
    report = services.imports.import_file(path)
    assert (report.events_added, report.events_updated, report.problems) == (0, 3, [])
    night = services.events.get(services.events.find_by_name("Python night") or 0)
    assert sorted(night.recurrence.split("\n")) == sorted(RULE_LINES.split("\n"))


def test_only_recurrence_lines_are_accepted_as_a_series(services: Services) -> None:
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    with pytest.raises(ValidationError) as raised:
        services.events.create(
            EventInput(name="Odd", starts_at=start, recurrence="RRULE:FREQ=DAILY\nEND:VEVENT")
        )
    assert raised.value.errors == {
        "recurrence": "Only RRULE, RDATE and EXDATE lines say how an event repeats."
    }
    event_id = services.events.create(
        EventInput(name="Daily", starts_at=start, recurrence="\nRRULE:FREQ=DAILY\n\n")
    )
    assert services.events.get(event_id).recurrence == "RRULE:FREQ=DAILY"
