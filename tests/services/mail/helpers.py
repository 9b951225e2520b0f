"""People, events and notes the mail tests write to."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netdesk.models.note import NoteTopic
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services


def person(
    services: Services,
    name: str = "Ana Lima",
    email: str | None = "ana@example.org",
    **fields: object,
) -> int:
    data = ContactInput(formatted_name=name, emails=[email] if email else [], **fields)  # type: ignore[arg-type]
    return services.contacts.create(data)


def me(services: Services, **fields: object) -> int:
    data = {
        "given_name": "Jonas",
        "family_name": "Weiß",
        "title": "Engineer",
        "organization": "Gröna AB",
        "emails": ["jonas@example.se"],
        "phones": ["+46 8 123 456"],
        **fields,
    }
    return services.contacts.create(ContactInput(formatted_name="Jonas Weiß", is_me=True, **data))  # type: ignore[arg-type]


def event(services: Services, name: str = "PyCon DE", day: date = date(2025, 4, 23)) -> int:
    return services.events.create(
        EventInput(
            name=name,
            starts_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
            timezone="Europe/Berlin",
        )
    )


def met(services: Services, contact_id: int, event_id: int, talked: str = "") -> None:
    services.events.add_attendee(event_id, contact_id, met=True)
    if talked:
        services.notes.add(contact_id, talked, NoteTopic.TALKED_ABOUT.value, event_id)
