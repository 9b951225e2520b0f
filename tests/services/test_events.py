"""Events: create, edit, validate, order, find the current one, people there, delete and undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

NOW = datetime(2025, 6, 12, 15, 0, tzinfo=UTC)


def _event(services: Services, name: str, starts: datetime, ends: datetime | None = None) -> int:
    return services.events.create(EventInput(name=name, starts_at=starts, ends_at=ends))


def _person(services: Services, name: str, org: str = "") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization=org))


def test_create_keeps_every_field_and_cleans_text(services: Services) -> None:
    start = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
    event_id = services.events.create(
        EventInput(
            name="  PyCon   Lisbon ",
            kind="conference",
            starts_at=start,
            ends_at=start + timedelta(days=2),
            timezone="Europe/Lisbon",
            venue=" Centro de Congressos ",
            city="Lisbon",
            url="https://pycon.example.org",
            organiser="PSF Portugal",
            description="Three days of talks.",
            tags=["python", "conference"],
        )
    )
    detail = services.events.get(event_id)
    assert detail.name == "PyCon Lisbon"
    assert detail.kind == "conference"
    assert detail.starts_at == start
    assert detail.ends_at == start + timedelta(days=2)
    assert detail.timezone == "Europe/Lisbon"
    assert detail.venue == "Centro de Congressos"
    assert detail.organiser == "PSF Portugal"
    assert sorted(detail.tags) == ["conference", "python"]
    assert detail.uid


def test_update_changes_fields(services: Services) -> None:
    event_id = _event(services, "Meetup", NOW)
    data = services.events.get(event_id).as_input()
    data.name = "Python Meetup"
    data.kind = "meetup"
    data.city = "Porto"
    services.events.update(event_id, data)
    detail = services.events.get(event_id)
    assert (detail.name, detail.kind, detail.city) == ("Python Meetup", "meetup", "Porto")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (EventInput(name="   ", starts_at=NOW), "name"),
        (EventInput(name="A", starts_at=None), "starts_at"),
        (EventInput(name="A", starts_at=NOW, ends_at=NOW), "ends_at"),
        (EventInput(name="A", starts_at=NOW, ends_at=NOW - timedelta(hours=1)), "ends_at"),
        (EventInput(name="A", kind="party", starts_at=NOW), "kind"),
    ],
)
def test_create_refuses_invalid_input_beside_the_field(
    services: Services, data: EventInput, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        services.events.create(data)
    assert field in info.value.errors
    assert services.events.list(NOW) == []


def test_update_refuses_end_before_start_and_keeps_the_event(services: Services) -> None:
    event_id = _event(services, "Workshop", NOW, NOW + timedelta(hours=2))
    data = services.events.get(event_id).as_input()
    data.ends_at = NOW - timedelta(hours=1)
    with pytest.raises(ValidationError) as info:
        services.events.update(event_id, data)
    assert set(info.value.errors) == {"ends_at"}
    assert services.events.get(event_id).ends_at == NOW + timedelta(hours=2)


def test_missing_event_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.events.get(999)
    with pytest.raises(NotFoundError):
        services.events.update(999, EventInput(name="X", starts_at=NOW))


def test_list_puts_upcoming_soonest_first_then_past_latest_first(services: Services) -> None:
    far = _event(services, "Far future", NOW + timedelta(days=60))
    soon = _event(services, "Soon", NOW + timedelta(days=2))
    running = _event(
        services, "Running now", NOW - timedelta(days=1), NOW + timedelta(days=1)
    )  # started yesterday, ends tomorrow: still upcoming
    open_ended = _event(services, "Started an hour ago", NOW - timedelta(hours=1))
    recent = _event(services, "Last week", NOW - timedelta(days=7), NOW - timedelta(days=6))
    old = _event(services, "Last year", NOW - timedelta(days=365))
    rows = services.events.list(NOW)
    assert [r.id for r in rows] == [running, open_ended, soon, far, recent, old]
    assert [r.upcoming for r in rows] == [True, True, True, True, False, False]


def test_list_counts_people(services: Services) -> None:
    event_id = _event(services, "Meetup", NOW)
    for name in ("Ana", "Ben", "Chloé"):
        services.events.add_attendee(event_id, _person(services, name))
    _event(services, "Empty", NOW + timedelta(days=1))
    counts = {r.name: r.people for r in services.events.list(NOW)}
    assert counts == {"Meetup": 3, "Empty": 0}


def test_current_prefers_the_running_event(services: Services) -> None:
    assert services.events.current(NOW) is None
    _event(services, "Next month", NOW + timedelta(days=30))
    assert services.events.current(NOW) is None
    yesterday = _event(services, "Yesterday", NOW - timedelta(days=1), NOW - timedelta(hours=20))
    assert services.events.current(NOW) == yesterday
    running = _event(services, "Running", NOW - timedelta(hours=2), NOW + timedelta(hours=2))
    assert services.events.current(NOW) == running
    old = _event(services, "Long ago", NOW - timedelta(days=40), NOW - timedelta(days=39))
    assert services.events.current(NOW) == running
    assert services.events.current(NOW + timedelta(days=20)) not in (old, yesterday)


def test_attendee_add_update_remove_restore(services: Services) -> None:
    event_id = _event(services, "Meetup", NOW)
    ana = _person(services, "Ana Lopez", "Acme")
    attendance = services.events.add_attendee(event_id, ana, role="speaker", status="registered")
    [row] = services.events.attendees(event_id)
    assert (row.attendance_id, row.name, row.organization) == (attendance, "Ana Lopez", "Acme")
    assert (row.role, row.status, row.met) == ("speaker", "registered", False)

    services.events.update_attendance(attendance, status="checked in", met=True, notes=" Nice ")
    [row] = services.events.attendees(event_id)
    assert (row.role, row.status, row.met, row.notes) == ("speaker", "checked in", True, "Nice")

    # Adding the same person again keeps one attendance.
    assert services.events.add_attendee(event_id, ana) == attendance
    assert len(services.events.attendees(event_id)) == 1

    snapshot = services.events.remove_attendee(attendance)
    assert services.events.attendees(event_id) == []
    services.events.restore_attendance(snapshot)
    [row] = services.events.attendees(event_id)
    assert (row.attendance_id, row.status, row.met, row.notes) == (
        attendance,
        "checked in",
        True,
        "Nice",
    )


def test_attendee_choices_are_checked(services: Services) -> None:
    event_id = _event(services, "Meetup", NOW)
    ana = _person(services, "Ana")
    with pytest.raises(ValidationError) as info:
        services.events.add_attendee(event_id, ana, role="juggler")
    assert "role" in info.value.errors
    attendance = services.events.add_attendee(event_id, ana)
    with pytest.raises(ValidationError) as info:
        services.events.update_attendance(attendance, status="maybe")
    assert "status" in info.value.errors
    with pytest.raises(NotFoundError):
        services.events.update_attendance(attendance + 100, met=True)
    with pytest.raises(NotFoundError):
        services.events.add_attendee(event_id + 100, ana)


def test_delete_and_restore_keeps_people_and_relinks_notes_and_followups(
    services: Services,
) -> None:
    event_id = services.events.create(
        EventInput(name="PyCon", starts_at=NOW, tags=["python"], city="Lisbon")
    )
    ana = _person(services, "Ana")
    attendance = services.events.add_attendee(event_id, ana, role="speaker", met=True)
    note = services.notes.add(ana, "Talked about packaging", event_id=event_id)
    followup = services.followups.add(ana, "Send the slides", NOW.date(), event_id=event_id)

    snapshot = services.events.delete(event_id)
    assert services.events.list(NOW) == []
    with pytest.raises(NotFoundError):
        services.events.get(event_id)
    # The notes and follow-ups stay with the person, no longer pointing at the event.
    assert services.notes.get(note).event_id is None
    assert services.followups.get(followup).event_id is None

    services.events.restore(snapshot)
    detail = services.events.get(event_id)
    assert (detail.name, detail.city, detail.tags) == ("PyCon", "Lisbon", ("python",))
    [row] = services.events.attendees(event_id)
    assert (row.attendance_id, row.role, row.met) == (attendance, "speaker", True)
    assert services.notes.get(note).event_id == event_id
    assert services.followups.get(followup).event_id == event_id


def test_find_by_name_ignores_case_accents_and_spacing(services: Services) -> None:
    older = services.events.create(
        EventInput(name="Ökotag  Zürich", starts_at=datetime(2025, 5, 1, tzinfo=UTC))
    )
    newer = services.events.create(
        EventInput(name="Ökotag Zürich", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    assert services.events.find_by_name("ökotag zurich") == newer
    assert services.events.find_by_name("OKOTAG ZÜRICH") == newer
    assert older != newer
    assert services.events.find_by_name("Ökotag Basel") is None


def test_an_event_website_must_be_a_web_address(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.events.create(
            EventInput(name="Meetup", starts_at=datetime(2026, 5, 1, tzinfo=UTC), url="not a url")
        )
    assert "not a web address" in caught.value.errors["url"]
    eid = services.events.create(
        EventInput(name="Meetup", starts_at=datetime(2026, 5, 1, tzinfo=UTC), url="meetup.com/x")
    )
    assert services.events.get(eid).url == "https://meetup.com/x"


def test_an_event_at_the_end_of_time_does_not_break_the_list(services: Services) -> None:
    """A hostile calendar (or a slip of the date picker) may give a start near 9999-12-31:
    the events list still works and shows it."""
    last = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    event_id = services.events.create(EventInput(name="Doomsday summit", starts_at=last))
    assert [e.id for e in services.events.list()] == [event_id]
