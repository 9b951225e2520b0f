"""An event as the iCalendar writer takes it, for a file export and for a calendar on a server."""

from __future__ import annotations

from netdesk.formats.ics.recurrence import split_lines
from netdesk.formats.records import EventRecord
from netdesk.models import Event
from netdesk.services.tags import clean_tag_names


def event_record(e: Event) -> EventRecord:
    return EventRecord(
        uid=e.uid,
        name=e.name,
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        all_day=e.all_day,
        timezone=e.timezone,
        venue=e.venue,
        city=e.city,
        url=e.url,
        organiser=e.organiser,
        description=e.description,
        categories=clean_tag_names(t.name for t in e.tags),
        recurrence=split_lines(e.recurrence),
    )
