"""Every event with its dates, place and how many people were there and met: what `netdesk
events` prints, so that scripts and people can find an event's exact name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, Integer, and_, cast, func, or_, select

from netdesk import clock
from netdesk.dates import event_zone
from netdesk.models import Attendance, Event
from netdesk.services.event_times import DEFAULT_LENGTH, assumed_end, upcoming_clause
from netdesk.store import Database


class When(StrEnum):
    ALL = "all"
    UPCOMING = "upcoming"  # running now or still to come
    PAST = "past"


@dataclass(frozen=True)
class EventListing:
    name: str
    first_day: date
    last_day: date
    venue: str
    city: str
    people: int
    met: int
    upcoming: bool

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue, self.city) if part)


def list_events(
    db: Database, when: When = When.ALL, now: datetime | None = None
) -> list[EventListing]:
    """The events in the order they happen (earliest first), each once."""
    now = now or clock.now()
    upcoming = upcoming_clause(now)
    met = func.coalesce(func.sum(cast(Attendance.met, Integer)), 0)
    stmt = (
        select(
            Event.name,
            Event.starts_at,
            Event.ends_at,
            Event.all_day,
            Event.timezone,
            Event.venue,
            Event.city,
            func.count(Attendance.id),
            met,
        )
        .outerjoin(Attendance, Attendance.event_id == Event.id)
        .group_by(Event.id)
        .order_by(Event.starts_at, Event.id)
    )
    if when == When.UPCOMING:
        stmt = stmt.where(upcoming)
    elif when == When.PAST:
        stmt = stmt.where(_past(now))
    with db.Session() as session:
        rows = session.execute(stmt).all()
    return [
        EventListing(
            name=name,
            first_day=_day(starts, all_day, zone),
            last_day=_last_day(starts, ends, all_day, zone),
            venue=venue,
            city=city,
            people=int(people),
            met=int(met_count),
            upcoming=assumed_end(starts, ends) >= now,
        )
        for name, starts, ends, all_day, zone, venue, city, people, met_count in rows
    ]


def _past(now: datetime) -> ColumnElement[bool]:
    """The events `upcoming_clause` leaves out. Not NOT(upcoming_clause): a missing end makes
    part of it NULL, and NOT NULL is NULL, which no row passes."""
    return or_(
        Event.ends_at < now,
        and_(Event.ends_at.is_(None), Event.starts_at < now - DEFAULT_LENGTH),
    )


def _day(moment: datetime, all_day: bool, zone: str) -> date:
    """The calendar day of `moment` where the event is (its own zone, else this computer's);
    an all-day event's days are stored as midnights UTC."""
    if moment.tzinfo is None:  # SQLite gives the stored UTC time back without its zone
        moment = moment.replace(tzinfo=UTC)
    if all_day:
        return moment.astimezone(UTC).date()
    return moment.astimezone(event_zone(zone)).date()


def _last_day(starts: datetime, ends: datetime | None, all_day: bool, zone: str) -> date:
    if ends is None:
        return _day(starts, all_day, zone)
    # An all-day event's end is the midnight after its last day.
    last = _day(ends - timedelta(days=1) if all_day else ends, all_day, zone)
    return max(last, _day(starts, all_day, zone))
