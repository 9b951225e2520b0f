"""An event's fields as the form and importers give them: checked and tidied, then written
onto the stored event."""

from __future__ import annotations

from sqlalchemy.orm import Session

from netdesk.formats.ics.recurrence import RECURRENCE_PROPERTIES, property_name, split_lines
from netdesk.models import Event, EventKind
from netdesk.services.errors import ValidationError
from netdesk.services.event_times import all_day_span
from netdesk.services.records import EventInput
from netdesk.services.tags import tags_for
from netdesk.services.validation import web_address, without_control_characters


def validate_event(data: EventInput) -> EventInput:
    errors: dict[str, str] = {}
    data = without_control_characters(data)
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = "An event needs a name."
    if data.starts_at is None:
        errors["starts_at"] = "An event needs a start date."
    elif data.starts_at.tzinfo is None:
        raise ValueError("starts_at must be timezone-aware")
    starts_at, ends_at = data.starts_at, data.ends_at
    if data.all_day and starts_at is not None:
        starts_at, ends_at = all_day_span(starts_at, ends_at)
    if ends_at is not None and starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = (
            "The last day cannot be before the first."
            if data.all_day
            else "The end must be after the start."
        )
    if data.kind not in {k.value for k in EventKind}:
        errors["kind"] = f"Unknown kind of event “{data.kind}”."
    recurrence = None if data.recurrence is None else split_lines(data.recurrence)
    if recurrence and any(property_name(line) not in RECURRENCE_PROPERTIES for line in recurrence):
        errors["recurrence"] = "Only RRULE, RDATE and EXDATE lines say how an event repeats."
    url = data.url.strip()
    if url:
        try:
            url = web_address(url)
        except ValueError as exc:
            errors["url"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return EventInput(
        name=name,
        kind=data.kind,
        starts_at=starts_at,
        ends_at=ends_at,
        # An all-day event is dates, the same in every zone: a zone would only move them.
        timezone="" if data.all_day else data.timezone.strip(),
        venue=data.venue.strip(),
        city=data.city.strip(),
        url=url,
        organiser=data.organiser.strip(),
        description=data.description.strip(),
        tags=list(data.tags),
        all_day=data.all_day,
        recurrence=None if recurrence is None else "\n".join(recurrence),
    )


def apply_fields(session: Session, event: Event, data: EventInput) -> None:
    assert data.starts_at is not None
    event.name = data.name
    event.kind = data.kind
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.all_day = data.all_day
    event.timezone = data.timezone
    event.venue = data.venue
    event.city = data.city
    event.url = data.url
    event.organiser = data.organiser
    event.description = data.description
    event.tags = tags_for(session, data.tags)
    if data.recurrence is not None:
        event.recurrence = data.recurrence


# The UI takes the kinds of event from here, not from the models.
__all__ = ["EventKind", "apply_fields", "validate_event"]
