"""Events from iCalendar files, created or updated by their UID."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netdesk import clock
from netdesk.formats.control_text import clean_text
from netdesk.formats.records import EventRecord, Problem
from netdesk.models import Event, EventKind
from netdesk.services.bulk import clip, column_length, fitted
from netdesk.services.errors import ValidationError
from netdesk.services.event_rows import event_id_named
from netdesk.services.import_plan import ImportReport
from netdesk.services.tags import tags_for
from netdesk.store import mark_changed

# First match wins: "Python Meetup: workshop night" is a meetup.
_KIND_WORDS = [
    (EventKind.MEETUP, r"meetup|meet-up|user group|stammtisch"),
    (EventKind.WORKSHOP, r"workshop|hackathon|training|tutorial|bootcamp"),
    (EventKind.CONFERENCE, r"conference|summit|\bconf\b|con \d{4}|symposium|congress|expo"),
    (EventKind.ASSOCIATION_MEETING, r"general assembly|annual meeting|\bagm\b|board meeting"),
    (EventKind.MENTORING, r"mentor"),
]


def guess_kind(name: str) -> str:
    lowered = name.lower()
    for kind, pattern in _KIND_WORDS:
        if re.search(pattern, lowered):
            return kind.value
    return EventKind.OTHER.value


def event_named(session: Session, name: str) -> tuple[int, bool]:
    """The latest event of that name (accents and case ignored), created now if none; and
    whether it was created (in this transaction, so two imports at once cannot both say so)."""
    clean = fitted(Event, "name", clean_text(name))  # typed on a command line, perhaps
    if not clean:
        raise ValidationError({"name": "The event needs a name."})
    found = event_id_named(session, clean)
    if found is not None:
        return found, False
    start = clock.now().replace(minute=0, second=0, microsecond=0)
    event = Event(name=clean, kind=guess_kind(clean), starts_at=start)
    session.add(event)
    session.flush()
    mark_changed(session, "events")
    return event.id, True


def import_events(session: Session, events: Iterable[EventRecord], report: ImportReport) -> None:
    for record in events:
        if record.starts_at is None:
            report.problems.append(
                Problem(report.file, record.line, f"event “{record.name}” has no start time")
            )
            continue
        name = fitted(Event, "name", record.name)
        if not name:
            report.problems.append(Problem(report.file, record.line, "event has no name"))
            continue
        event = None
        uid = clip(record.uid.strip(), column_length(Event, "uid"))
        if uid:
            event = session.scalar(
                select(Event).where(Event.uid == uid).options(selectinload(Event.tags))
            )
        if event is None:
            event = Event(name=name, kind=guess_kind(name), starts_at=record.starts_at)
            if uid:
                event.uid = uid
            session.add(event)
            report.events_added += 1
        else:
            report.events_updated += 1
        event.name = name
        event.starts_at = record.starts_at
        ends = record.ends_at
        event.ends_at = ends if ends is not None and ends > record.starts_at else None
        event.all_day = record.all_day
        event.timezone = fitted(Event, "timezone", record.timezone)
        event.venue = fitted(Event, "venue", record.venue)
        event.city = fitted(Event, "city", record.city)
        event.url = clip(record.url.strip(), column_length(Event, "url"))
        event.organiser = fitted(Event, "organiser", record.organiser)
        event.description = _with_whole_location(record, event.venue, report)
        # The file is the series' source: an event it no longer repeats stops repeating.
        event.recurrence = "\n".join(record.recurrence)
        for tag in tags_for(session, record.categories):
            if tag not in event.tags:
                event.tags.append(tag)
        session.flush()
    mark_changed(session, "events")


def _with_whole_location(record: EventRecord, venue: str, report: ImportReport) -> str:
    """The event's description; with a "Location: …" line holding the whole venue when the
    venue column cut it (an address with directions can be longer), so no word is lost."""
    description = record.description.strip()
    whole = " ".join(record.venue.split())
    if venue == whole:
        return description
    line = f"Location: {whole}"
    report.problems.append(
        Problem(
            report.file,
            record.line,
            f"The location of “{record.name[:80]}” is longer than {len(venue)} characters: "
            "the venue shows its start, the description keeps it whole",
            kept=True,
        )
    )
    if line in description.splitlines():
        return description  # our own export of such an event, read back
    return f"{description}\n\n{line}" if description else line
