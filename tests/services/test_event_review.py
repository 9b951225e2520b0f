"""The review after an event: who is left to review, the events Today suggests (over the
user's local dates), and what each choice writes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from netdesk import clock
from netdesk.models import NoteTopic
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # a Saturday


@pytest.fixture
def stopped() -> Iterator[datetime]:
    clock.stop_at(NOW)
    yield NOW
    clock.stop_at(None)


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _event(
    s: Services,
    name: str,
    starts: datetime,
    ends: datetime | None = None,
    *,
    all_day: bool = False,
) -> int:
    return s.events.create(EventInput(name=name, starts_at=starts, ends_at=ends, all_day=all_day))


def _met(s: Services, event_id: int, name: str, *, met: bool = True, **fields: object) -> int:
    contact = s.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]
    return s.events.add_attendee(event_id, contact, met=met)


def _contact_of(s: Services, event_id: int, attendance_id: int) -> int:
    [row] = [r for r in s.events.attendees(event_id) if r.attendance_id == attendance_id]
    return row.contact_id


def test_people_to_review_are_those_met_without_an_open_follow_up(
    services: Services, stopped: datetime
) -> None:
    pycon = _event(services, "PyCon DE", NOW - timedelta(days=2), NOW - timedelta(days=1))
    ana = _met(services, pycon, "Ana Lopez", organization="Acme", title="CTO", emails=["a@x.org"])
    _met(services, pycon, "Bo Berg", met=False)  # there, but not met
    carl = _met(services, pycon, "Carl Diaz")
    dana = _met(services, pycon, "Dana Eze")
    eve = _met(services, pycon, "Eve Fox")
    services.followups.add(_contact_of(services, pycon, carl), "Send slides", None)
    done = services.followups.add(_contact_of(services, pycon, dana), "Old thing", None)
    services.followups.set_done(done)
    services.review.nothing_needed(eve)

    people = services.review.people_to_review(pycon)
    # In the app's name order: by family name.
    assert [(p.attendance_id, p.name) for p in people] == [(dana, "Dana Eze"), (ana, "Ana Lopez")]
    assert (people[1].organization, people[1].title, people[1].has_email) == ("Acme", "CTO", True)
    assert people[0].has_email is False
    assert services.review.met_count(pycon) == 4


def test_follow_up_in_days_plans_it_with_the_event_and_marks_reviewed(
    services: Services, stopped: datetime
) -> None:
    pycon = _event(services, "PyCon DE", NOW - timedelta(days=2), NOW - timedelta(days=1))
    ana = _met(services, pycon, "Ana Lopez")
    followup_id = services.review.follow_up_in(ana, 5, today=date(2026, 12, 5))
    row = services.followups.get(followup_id)
    assert (row.action, row.due_date, row.event_id, row.event_name) == (
        "Follow up after PyCon DE",
        date(2026, 12, 10),
        pycon,
        "PyCon DE",
    )
    assert services.review.people_to_review(pycon) == []
    # Going back undoes it: the follow-up goes, the person waits again.
    services.review.reopen(ana, followup_id)
    with pytest.raises(NotFoundError):
        services.followups.get(followup_id)
    assert [p.attendance_id for p in services.review.people_to_review(pycon)] == [ana]
    with pytest.raises(ValidationError):
        services.review.follow_up_in(ana, -1)


def test_written_and_nothing_needed_mark_reviewed(services: Services, stopped: datetime) -> None:
    pycon = _event(services, "PyCon DE", NOW - timedelta(days=2), NOW - timedelta(days=1))
    ana, bo = _met(services, pycon, "Ana Lopez"), _met(services, pycon, "Bo Berg")
    services.review.written(ana)
    assert [p.attendance_id for p in services.review.people_to_review(pycon)] == [bo]
    services.review.nothing_needed(bo)
    assert services.review.people_to_review(pycon) == []
    assert not any(services.followups.queue().values())
    with pytest.raises(NotFoundError):
        services.review.written(10_000)


def test_what_was_noted_at_the_event(services: Services, stopped: datetime) -> None:
    pycon = _event(services, "PyCon DE", NOW - timedelta(days=2), NOW - timedelta(days=1))
    other = _event(services, "Meetup", NOW - timedelta(days=20))
    ana = _met(services, pycon, "Ana Lopez")
    contact = _contact_of(services, pycon, ana)
    services.events.update_attendance(ana, notes="Stand 12")
    services.notes.add(contact, "Rust in embedded", NoteTopic.TALKED_ABOUT.value, pycon)
    services.notes.add(contact, "Something else", event_id=other)
    assert services.review.noted(ana) == [("", "Stand 12"), ("talked about", "Rust in embedded")]


def test_events_that_ended_in_the_last_three_days(services: Services, stopped: datetime) -> None:
    day = timedelta(days=1)
    yesterday = _event(services, "Yesterday", NOW - 2 * day, NOW - day)
    three = _event(services, "Three days ago", NOW - 3 * day - timedelta(hours=2), NOW - 3 * day)
    four = _event(services, "Four days ago", NOW - 4 * day - timedelta(hours=2), NOW - 4 * day)
    running = _event(services, "Running", NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    future = _event(services, "Future", NOW + day)
    no_end = _event(services, "No end, this morning", NOW - timedelta(hours=3))
    reviewed = _event(services, "All reviewed", NOW - 2 * day, NOW - 2 * day + timedelta(hours=1))
    for event_id in (yesterday, three, four, running, future, no_end, reviewed):
        _met(services, event_id, "Ana Lopez")
    _met(services, yesterday, "Bo Berg")
    _met(services, yesterday, "Not met", met=False)
    for p in services.review.people_to_review(reviewed):
        services.review.nothing_needed(p.attendance_id)

    found = services.review.events_to_review(date(2026, 12, 5))
    assert [(e.name, e.ended_on, e.count) for e in found] == [
        ("No end, this morning", date(2026, 12, 5), 1),
        ("Yesterday", date(2026, 12, 4), 2),
        ("Three days ago", date(2026, 12, 2), 1),
    ]
    assert found[1].event_id == yesterday


def test_all_day_events_end_with_their_last_day(services: Services, stopped: datetime) -> None:
    def midnight(d: date) -> datetime:
        return datetime(d.year, d.month, d.day, tzinfo=UTC)

    # All-day ends are the midnight after the last day.
    ended = _event(
        services,
        "Ended yesterday",
        midnight(date(2026, 12, 3)),
        midnight(date(2026, 12, 5)),
        all_day=True,
    )
    today = _event(services, "Today only", midnight(date(2026, 12, 5)), None, all_day=True)
    for event_id in (ended, today):
        _met(services, event_id, "Ana Lopez")
    found = services.review.events_to_review(date(2026, 12, 5))
    assert [(e.name, e.ended_on) for e in found] == [("Ended yesterday", date(2026, 12, 4))]


@pytest.mark.usefixtures("berlin")
def test_local_dates_across_midnight_in_berlin(services: Services) -> None:
    # 00:30 on Saturday 5 Dec in Berlin is still Friday 23:30 in UTC.
    now = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    clock.stop_at(now)
    try:
        today = clock.today()
        assert today == date(2026, 12, 5)
        # Ended 23:30 Berlin on Tuesday 1 Dec (22:30 UTC): four Berlin days ago, out.
        tuesday = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
        late = _event(services, "Tuesday late", tuesday - timedelta(hours=3), tuesday)
        # Ended 00:15 Berlin on Wednesday 2 Dec (23:15 UTC on Tuesday): three days ago, in.
        wednesday = datetime(2026, 12, 1, 23, 15, tzinfo=UTC)
        after = _event(services, "After midnight", wednesday - timedelta(hours=3), wednesday)
        # Ended 00:10 Berlin today: ended today, in.
        just = _event(services, "Just now", now - timedelta(hours=2), now - timedelta(minutes=20))
        for event_id in (late, after, just):
            _met(services, event_id, "Ana Lopez")
        found = services.review.events_to_review(today)
        assert [(e.name, e.ended_on) for e in found] == [
            ("Just now", date(2026, 12, 5)),
            ("After midnight", date(2026, 12, 2)),
        ]
        # The follow-up is due N days after the Berlin date, not the UTC one.
        [person] = services.review.people_to_review(just)
        followup_id = services.review.follow_up_in(person.attendance_id, 2)
        assert services.followups.get(followup_id).due_date == date(2026, 12, 7)
    finally:
        clock.stop_at(None)


@pytest.mark.parametrize("seed", [2026, 7, 11])
def test_the_demo_has_an_event_that_ended_yesterday_to_review(
    sqlite_services: Services, seed: int
) -> None:
    from netdesk.services.demo import generate_demo

    today = date(2025, 3, 14)
    generate_demo(sqlite_services.db, seed=seed, today=today)
    noon = datetime(2025, 3, 14, 12, tzinfo=UTC)
    [event] = sqlite_services.review.events_to_review(today, now=noon)
    assert event.ended_on in (today - timedelta(days=1), today)
    assert event.count >= 3
    people = sqlite_services.review.people_to_review(event.event_id)
    assert len(people) == event.count
    assert any(sqlite_services.review.noted(p.attendance_id) for p in people)


def test_next_end_is_the_soonest_end_of_an_event_with_people_to_review(
    services: Services, stopped: datetime
) -> None:
    hour = timedelta(hours=1)
    assert services.review.next_end(NOW) is None
    soon = _event(services, "Soon", NOW - hour, NOW + hour)
    _event(services, "Later", NOW, NOW + 3 * hour)
    nobody = _event(services, "Nobody met", NOW - hour, NOW + timedelta(minutes=30))
    _met(services, nobody, "Not met", met=False)
    no_end = _event(services, "No end", NOW + 2 * hour)
    for event_id in (soon, no_end):
        _met(services, event_id, "Ana Lopez")
    assert services.review.next_end(NOW) == NOW + hour
    assert services.review.next_end(NOW + hour) == NOW + 2 * hour
