"""Events and who was there."""

from __future__ import annotations

import builtins
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from netdesk.db import Database
from netdesk.formats.control_text import clean_text
from netdesk.formats.ics_recurrence import (
    RECURRENCE_PROPERTIES,
    describe_recurrence,
    property_name,
    split_lines,
)
from netdesk.models import Attendance, Contact, Event, EventKind, RegistrationStatus, Role
from netdesk.services import undo
from netdesk.services.bulk import fitted
from netdesk.services.edit_merge import EVENT_TIMES, merge_edit
from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.services.records import AttendeeRow, EventDetail, EventInput, EventRow
from netdesk.services.tags import tags_for
from netdesk.services.validation import typed_text, web_address, without_control_characters
from netdesk.text import fold

# An event without an end counts as running for this long (for "current event").
DEFAULT_LENGTH = timedelta(hours=8)
ONE_DAY = timedelta(days=1)


def utc_midnight(moment: datetime, *, round_up: bool = False) -> datetime:
    """Midnight UTC of the moment's UTC date; with round_up, the next one unless it is one."""
    utc = moment.astimezone(UTC)
    midnight = datetime(utc.year, utc.month, utc.day, tzinfo=UTC)
    return midnight + ONE_DAY if round_up and midnight != utc else midnight


def _all_day_span(starts_at: datetime, ends_at: datetime | None) -> tuple[datetime, datetime]:
    """An all-day event's days as midnights UTC, the end exclusive; one day when none is given."""
    start = utc_midnight(starts_at)
    return start, start + ONE_DAY if ends_at is None else utc_midnight(ends_at, round_up=True)


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
        starts_at, ends_at = _all_day_span(starts_at, ends_at)
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


def _apply(session: Session, event: Event, data: EventInput) -> None:
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


def _end(event_start: datetime, event_end: datetime | None) -> datetime:
    if event_end is not None:
        return event_end
    try:
        return event_start + DEFAULT_LENGTH
    except OverflowError:  # a start within hours of the end of time, as a hostile file has
        return event_start


def is_upcoming(starts_at: datetime, ends_at: datetime | None, now: datetime) -> bool:
    """Not over yet: still ahead, or running now (the same rule as the events list's)."""
    return _end(starts_at, ends_at) >= now


def _upcoming(now: datetime) -> ColumnElement[bool]:
    """SQL twin of `_end(...) >= now`, so that the order and the `upcoming` flag agree."""
    return or_(
        Event.ends_at >= now,
        and_(Event.ends_at.is_(None), Event.starts_at >= now - DEFAULT_LENGTH),
    )


class EventService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: EventInput) -> int:
        clean = validate_event(data)
        with self.db.transaction() as session:
            event = Event(name=clean.name, starts_at=clean.starts_at)
            session.add(event)
            _apply(session, event, clean)
            session.flush()
            return event.id

    def update(self, event_id: int, data: EventInput, opened: EventInput | None = None) -> None:
        """`opened`: the form as it was filled when it opened; then only what the user
        changed is written over what the event holds now (see edit_merge)."""
        clean = validate_event(data)
        with self.db.transaction() as session:
            event = self._load(session, event_id)
            if opened is not None:
                now = _detail(event).as_input()
                clean = validate_event(merge_edit(opened, data, now, EVENT_TIMES))
            _apply(session, event, clean)

    def get(self, event_id: int) -> EventDetail:
        with self.db.Session() as session:
            return _detail(self._load(session, event_id))

    def find_by_name(self, name: str) -> int | None:
        """The latest event of this name, in any case and with or without accents."""
        with self.db.Session() as session:
            return event_id_named(session, name)

    def list(self, now: datetime | None = None) -> list[EventRow]:
        """Upcoming (and running) events soonest first, then past events latest first."""
        now = now or datetime.now(UTC)
        upcoming = _upcoming(now)
        return self._rows(
            now,
            order=(
                case((upcoming, 0), else_=1),
                case((upcoming, Event.starts_at), else_=None),
                Event.starts_at.desc(),
                Event.id,
            ),
        )

    def upcoming(self, now: datetime | None = None, limit: int = 5) -> builtins.list[EventRow]:
        """The next `limit` upcoming (or running) events, soonest first."""
        now = now or datetime.now(UTC)
        return self._rows(now, _upcoming(now), order=(Event.starts_at, Event.id), limit=limit)

    def _rows(
        self, now: datetime, *where: Any, order: tuple[Any, ...], limit: int | None = None
    ) -> builtins.list[EventRow]:
        # Attendance counts for just the events listed: a full GROUP BY costs 50 ms at 160k rows.
        people = (
            select(func.count())
            .where(Attendance.event_id == Event.id)
            .correlate(Event)
            .scalar_subquery()
        )
        stmt = (
            select(
                Event.id,
                Event.name,
                Event.kind,
                Event.starts_at,
                Event.ends_at,
                Event.venue,
                Event.city,
                people,
                Event.all_day,
            )
            .where(*where)
            .order_by(*order)
            .limit(limit)
        )
        with self.db.Session() as session:
            return [
                EventRow(
                    id=eid,
                    name=name,
                    kind=kind,
                    starts_at=starts,
                    ends_at=ends,
                    venue=venue,
                    city=city,
                    people=n,
                    upcoming=_end(starts, ends) >= now,
                    all_day=all_day,
                )
                for eid, name, kind, starts, ends, venue, city, n, all_day in session.execute(stmt)
            ]

    def current(self, now: datetime | None = None) -> int | None:
        """The event running now, else today's, else the one that ended most recently this week."""
        now = now or datetime.now(UTC)
        rows = [r for r in self.list(now) if r.starts_at <= now + timedelta(hours=12)]
        running = [r for r in rows if _end(r.starts_at, r.ends_at) >= now]
        if running:
            return min(running, key=lambda r: abs(r.starts_at - now)).id
        recent = [r for r in rows if now - _end(r.starts_at, r.ends_at) <= timedelta(days=7)]
        return recent[0].id if recent else None

    def delete(self, event_id: int) -> undo.Snapshot:
        with self.db.transaction() as session:
            event = self._load(session, event_id)
            snapshot = undo.capture_event(session, event_id, f"Delete {event.name}")
            session.delete(event)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)

    # -- attendance --------------------------------------------------------------------------

    def attendees(self, event_id: int) -> builtins.list[AttendeeRow]:
        with self.db.Session() as session:
            rows = session.execute(
                select(Attendance, Contact.formatted_name, Contact.organization)
                .join(Contact, Contact.id == Attendance.contact_id)
                .where(Attendance.event_id == event_id)
                .order_by(Contact.sort_name, Contact.id)
            )
            return [
                AttendeeRow(
                    attendance_id=a.id,
                    contact_id=a.contact_id,
                    name=name,
                    organization=org,
                    role=a.role,
                    status=a.status,
                    met=a.met,
                    notes=a.notes,
                    badge_printed=a.badge_printed,
                    qr_fields=a.qr_fields,
                )
                for a, name, org in rows
            ]

    def add_attendee(
        self,
        event_id: int,
        contact_id: int,
        role: str = Role.ATTENDEE.value,
        status: str = RegistrationStatus.REGISTERED.value,
        met: bool = False,
    ) -> int:
        _check_choice(role, Role, "role")
        _check_choice(status, RegistrationStatus, "status")
        with self.db.transaction() as session:
            return ensure_attendance(session, event_id, contact_id, role, status, met).id

    def update_attendance(
        self,
        attendance_id: int,
        *,
        role: str | None = None,
        status: str | None = None,
        met: bool | None = None,
        notes: str | None = None,
        badge_printed: bool | None = None,
    ) -> None:
        with self.db.transaction() as session:
            a = session.get(Attendance, attendance_id)
            if a is None:
                raise NotFoundError("That person is no longer on the event.")
            if role is not None:
                _check_choice(role, Role, "role")
                a.role = role
            if status is not None:
                _check_choice(status, RegistrationStatus, "status")
                a.status = status
            if met is not None:
                a.met = met
            if notes is not None:
                a.notes = typed_text(notes).strip()
            if badge_printed is not None:
                a.badge_printed = badge_printed

    def remove_attendee(self, attendance_id: int) -> undo.Snapshot:
        return self.remove_attendees([attendance_id])

    def remove_attendees(self, attendance_ids: builtins.list[int]) -> undo.Snapshot:
        """Takes these people off their event in one transaction; one undo brings all back."""
        with self.db.transaction() as session:
            snapshot = undo.Snapshot("Remove from event")
            for attendance_id in attendance_ids:
                a = session.get(Attendance, attendance_id)
                if a is None:
                    raise NotFoundError("That person is no longer on the event.")
                taken = undo.capture_rows(session, Attendance, attendance_id, snapshot.label)
                snapshot.rows.extend(taken.rows)
                session.delete(a)
            return snapshot

    def restore_attendance(self, snapshot: undo.Snapshot) -> None:
        self.restore(snapshot)

    @staticmethod
    def _load(session: Session, event_id: int) -> Event:
        event = session.get(Event, event_id, options=[selectinload(Event.tags)])
        if event is None:
            raise NotFoundError("That event no longer exists.")
        return event


def _check_choice(value: str, choices: type, field: str) -> None:
    if value not in {c.value for c in choices}:  # type: ignore[attr-defined]
        raise ValidationError({field: f"“{value}” is not a {field}."})


def event_id_named(session: Session, name: str) -> int | None:
    """The latest event of this name, in any case and with or without accents."""
    # Cut as a new event's name is (event_named): a long name finds the event it made.
    wanted = fold(" ".join(fitted(Event, "name", clean_text(name)).split()))
    # Compared in Python: SQLite's lower() folds ASCII letters only ("Ö" stays "Ö").
    for event_id, event_name in session.execute(
        select(Event.id, Event.name).order_by(Event.starts_at.desc(), Event.id.desc())
    ):
        if fold(" ".join(event_name.split())) == wanted:
            return int(event_id)
    return None


def ensure_attendance(
    session: Session,
    event_id: int,
    contact_id: int,
    role: str = Role.ATTENDEE.value,
    status: str = RegistrationStatus.REGISTERED.value,
    met: bool = False,
) -> Attendance:
    """The contact's attendance at the event, created if missing (met is only ever turned on)."""
    if session.get(Event, event_id) is None:
        raise NotFoundError("That event no longer exists.")
    if session.get(Contact, contact_id) is None:
        raise NotFoundError("That contact no longer exists.")
    a = session.scalar(
        select(Attendance).where(
            Attendance.event_id == event_id, Attendance.contact_id == contact_id
        )
    )
    if a is None:
        a = Attendance(event_id=event_id, contact_id=contact_id, role=role, status=status, met=met)
        session.add(a)
        session.flush()
    elif met and not a.met:
        a.met = True
    return a


# The UI takes these choices from here, not from the models.
__all__ = [
    "EventKind",
    "EventService",
    "RegistrationStatus",
    "Role",
    "ServiceError",
    "ensure_attendance",
]


def _detail(e: Event) -> EventDetail:
    return EventDetail(
        id=e.id,
        uid=e.uid,
        name=e.name,
        kind=e.kind,
        starts_at=e.starts_at,
        ends_at=e.ends_at,
        timezone=e.timezone,
        venue=e.venue,
        city=e.city,
        url=e.url,
        organiser=e.organiser,
        description=e.description,
        tags=tuple(t.name for t in e.tags),
        all_day=e.all_day,
        recurrence=e.recurrence,
        repeats=describe_recurrence(e.recurrence, e.timezone),
    )
