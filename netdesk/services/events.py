"""Events: creating, editing, listing and deleting them (who was there: attendance.py)."""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta

from sqlalchemy import case

from netdesk import clock
from netdesk.models import Event
from netdesk.services import undo
from netdesk.services.attendance import EventAttendance
from netdesk.services.edit_merge import EVENT_TIMES, merge_edit
from netdesk.services.event_fields import apply_fields, validate_event
from netdesk.services.event_rows import event_detail, event_id_named, event_rows, load_event
from netdesk.services.event_times import assumed_end, upcoming_clause
from netdesk.services.records import EventDetail, EventInput, EventRow
from netdesk.store import Database


class EventService(EventAttendance):
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: EventInput) -> int:
        clean = validate_event(data)
        with self.db.transaction() as session:
            event = Event(name=clean.name, starts_at=clean.starts_at)
            session.add(event)
            apply_fields(session, event, clean)
            session.flush()
            return event.id

    def update(self, event_id: int, data: EventInput, opened: EventInput | None = None) -> None:
        """`opened`: the form as it was filled when it opened; then only what the user
        changed is written over what the event holds now (see edit_merge)."""
        clean = validate_event(data)
        with self.db.transaction() as session:
            event = load_event(session, event_id)
            if opened is not None:
                now = event_detail(event).as_input()
                clean = validate_event(merge_edit(opened, data, now, EVENT_TIMES))
            apply_fields(session, event, clean)

    def get(self, event_id: int) -> EventDetail:
        with self.db.Session() as session:
            return event_detail(load_event(session, event_id))

    def find_by_name(self, name: str) -> int | None:
        """The latest event of this name, in any case and with or without accents."""
        with self.db.Session() as session:
            return event_id_named(session, name)

    def list(self, now: datetime | None = None) -> list[EventRow]:
        """Upcoming (and running) events soonest first, then past events latest first."""
        now = now or clock.now()
        upcoming = upcoming_clause(now)
        order = (
            case((upcoming, 0), else_=1),
            case((upcoming, Event.starts_at), else_=None),
            Event.starts_at.desc(),
            Event.id,
        )
        with self.db.Session() as session:
            return event_rows(session, now, order=order)

    def upcoming(self, now: datetime | None = None, limit: int = 5) -> builtins.list[EventRow]:
        """The next `limit` upcoming (or running) events, soonest first."""
        now = now or clock.now()
        order = (Event.starts_at, Event.id)
        with self.db.Session() as session:
            return event_rows(session, now, upcoming_clause(now), order=order, limit=limit)

    def current(self, now: datetime | None = None) -> int | None:
        """The event running now, else today's, else the one that ended most recently this week."""
        now = now or clock.now()
        rows = [r for r in self.list(now) if r.starts_at <= now + timedelta(hours=12)]
        running = [r for r in rows if assumed_end(r.starts_at, r.ends_at) >= now]
        if running:
            return min(running, key=lambda r: abs(r.starts_at - now)).id
        recent = [r for r in rows if now - assumed_end(r.starts_at, r.ends_at) <= timedelta(days=7)]
        return recent[0].id if recent else None

    def delete(self, event_id: int) -> undo.Snapshot:
        with self.db.transaction() as session:
            event = load_event(session, event_id)
            snapshot = undo.capture_event(session, event_id, f"Delete {event.name}")
            session.delete(event)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)
