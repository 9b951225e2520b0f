"""The events `netdesk events` lists, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netdesk.services.event_listing import When, list_events
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_counts_dates_and_the_split_into_past_and_upcoming(services: Services) -> None:
    early = services.events.create(
        EventInput(name="Early", starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC), city="Oslo")
    )
    services.events.create(EventInput(name="Running", starts_at=NOW - timedelta(hours=2)))
    services.events.create(
        EventInput(
            name="Later",
            starts_at=datetime(2026, 7, 1, tzinfo=UTC),
            ends_at=datetime(2026, 7, 3, tzinfo=UTC),
            all_day=True,
        )
    )
    for n in range(3):
        person = services.contacts.create(ContactInput(formatted_name=f"P{n}"))
        services.events.add_attendee(early, person, met=n > 0)

    listed = list_events(services.db, now=NOW)
    assert [(e.name, e.people, e.met, e.upcoming) for e in listed] == [
        ("Early", 3, 2, False),
        ("Running", 0, 0, True),
        ("Later", 0, 0, True),
    ]
    assert (listed[2].first_day, listed[2].last_day) == (date(2026, 7, 1), date(2026, 7, 2))
    assert listed[0].place == "Oslo"
    assert [e.name for e in list_events(services.db, When.PAST, now=NOW)] == ["Early"]
    upcoming = list_events(services.db, When.UPCOMING, now=NOW)
    assert [e.name for e in upcoming] == ["Running", "Later"]
