"""The Today summary: what is coming, what is due, whom I met lately."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

NOW = datetime(2025, 6, 12, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


def _event(services: Services, name: str, starts: datetime, ends: datetime | None = None) -> int:
    return services.events.create(EventInput(name=name, starts_at=starts, ends_at=ends))


def _person(services: Services, name: str, org: str = "") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization=org))


def test_empty_database_has_an_empty_summary(services: Services) -> None:
    summary = services.today.summary(now=NOW, today=TODAY)
    assert summary.upcoming_events == ()
    assert summary.due_followups == ()
    assert summary.recently_met == ()


def test_upcoming_events_are_soonest_first_and_limited(services: Services) -> None:
    _event(services, "Last week", NOW - timedelta(days=7))
    running = _event(services, "Running", NOW - timedelta(hours=1), NOW + timedelta(hours=3))
    later = [_event(services, f"In {d} days", NOW + timedelta(days=d)) for d in (9, 3, 5, 1, 7)]
    summary = services.today.summary(now=NOW, today=TODAY, upcoming_limit=4)
    assert [e.id for e in summary.upcoming_events] == [running, later[3], later[1], later[2]]
    assert all(e.upcoming for e in summary.upcoming_events)


def test_due_followups_are_overdue_and_today_oldest_first(services: Services) -> None:
    ana = _person(services, "Ana")
    ben = _person(services, "Ben")
    today_one = services.followups.add(ana, "Call back", TODAY)
    overdue = services.followups.add(ben, "Send slides", TODAY - timedelta(days=3))
    services.followups.add(ana, "Next week", TODAY + timedelta(days=7))
    services.followups.add(ben, "Someday", None)
    done = services.followups.add(ana, "Already done", TODAY - timedelta(days=1))
    services.followups.set_done(done)
    summary = services.today.summary(now=NOW, today=TODAY)
    assert [f.id for f in summary.due_followups] == [overdue, today_one]
    assert summary.due_followups[0].contact_name == "Ben"


def test_recently_met_lists_people_met_at_recent_past_events(services: Services) -> None:
    recent = _event(services, "PyCon", NOW - timedelta(days=3))
    older = _event(services, "Meetup", NOW - timedelta(days=20))
    too_old = _event(services, "Last year", NOW - timedelta(days=365))
    future = _event(services, "Next week", NOW + timedelta(days=7))
    ana = _person(services, "Ana Lopez", "Acme")
    ben = _person(services, "Ben Okafor", "Initech")
    chloe = _person(services, "Chloé Martin")
    dan = _person(services, "Dan Smith")
    services.events.add_attendee(recent, ana, met=True)
    services.events.add_attendee(recent, dan, met=False)  # there, but not met
    services.events.add_attendee(older, ben, met=True)
    services.events.add_attendee(too_old, chloe, met=True)
    services.events.add_attendee(future, chloe, met=True)
    summary = services.today.summary(now=NOW, today=TODAY, met_days=30)
    met = [(m.contact_name, m.organization, m.event_name) for m in summary.recently_met]
    assert met == [("Ana Lopez", "Acme", "PyCon"), ("Ben Okafor", "Initech", "Meetup")]
    assert summary.recently_met[0].contact_id == ana
    assert summary.recently_met[0].event_id == recent


def test_summary_defaults_to_the_real_clock(services: Services) -> None:
    ana = _person(services, "Ana")
    services.followups.add(ana, "Overdue", clock.today() - timedelta(days=1))
    _event(services, "Tomorrow", clock.now() + timedelta(days=1))
    summary = services.today.summary()
    assert [f.action for f in summary.due_followups] == ["Overdue"]
    assert [e.name for e in summary.upcoming_events] == ["Tomorrow"]
