"""Where a contact was, as the detail pane groups it: met there, also there, or coming up."""

from __future__ import annotations

from datetime import datetime, timedelta

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput, group_meetings
from netdesk.services.service_set import Services


def _event(services: Services, name: str, starts: datetime, hours: int = 3) -> int:
    return services.events.create(
        EventInput(name=name, starts_at=starts, ends_at=starts + timedelta(hours=hours))
    )


def test_met_past_and_upcoming_events_are_told_apart(services: Services) -> None:
    now = clock.now()
    ann = services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    met = _event(services, "PyCon", now - timedelta(days=30))
    seen = _event(services, "Meetup", now - timedelta(days=10))
    later = _event(services, "Summit", now + timedelta(days=40))
    sooner = _event(services, "Workshop", now + timedelta(days=5))
    # Running now and already met there: met wins.
    running = _event(services, "Sprint", now - timedelta(hours=1))
    services.events.add_attendee(met, ann, status="checked in", met=True)
    services.events.add_attendee(seen, ann, status="checked in")
    services.events.add_attendee(later, ann)
    services.events.add_attendee(sooner, ann)
    services.events.add_attendee(running, ann, met=True)

    groups = group_meetings(services.contacts.get(ann).meetings)

    assert [m.event_name for m in groups.met] == ["Sprint", "PyCon"]
    assert [m.event_name for m in groups.also_at] == ["Meetup"]
    assert [m.event_name for m in groups.coming_up] == ["Workshop", "Summit"]


def test_an_event_running_now_is_still_coming_up_until_it_ends(services: Services) -> None:
    now = clock.now()
    bob = services.contacts.create(ContactInput(formatted_name="Bob Stone"))
    running = _event(services, "Hack day", now - timedelta(hours=2), hours=8)
    services.events.add_attendee(running, bob, status="checked in")

    (meeting,) = services.contacts.get(bob).meetings

    assert meeting.upcoming
    assert group_meetings((meeting,)).coming_up == (meeting,)
