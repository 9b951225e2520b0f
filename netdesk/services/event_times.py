"""When an event counts as over: the one rule the events list, `netdesk events` and a
contact's meetings share, in Python and as SQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_

from netdesk.models import Event

# An event without an end counts as running for this long (for "current event").
DEFAULT_LENGTH = timedelta(hours=8)
ONE_DAY = timedelta(days=1)


def utc_midnight(moment: datetime, *, round_up: bool = False) -> datetime:
    """Midnight UTC of the moment's UTC date; with round_up, the next one unless it is one."""
    utc = moment.astimezone(UTC)
    midnight = datetime(utc.year, utc.month, utc.day, tzinfo=UTC)
    return midnight + ONE_DAY if round_up and midnight != utc else midnight


def all_day_span(starts_at: datetime, ends_at: datetime | None) -> tuple[datetime, datetime]:
    """An all-day event's days as midnights UTC, the end exclusive; one day when none is given."""
    start = utc_midnight(starts_at)
    return start, start + ONE_DAY if ends_at is None else utc_midnight(ends_at, round_up=True)


def assumed_end(event_start: datetime, event_end: datetime | None) -> datetime:
    """The event's end, or DEFAULT_LENGTH after its start when it has none."""
    if event_end is not None:
        return event_end
    try:
        return event_start + DEFAULT_LENGTH
    except OverflowError:  # a start within hours of the end of time, as a hostile file has
        return event_start


def is_upcoming(starts_at: datetime, ends_at: datetime | None, now: datetime) -> bool:
    """Not over yet: still ahead, or running now (the same rule as the events list's)."""
    return assumed_end(starts_at, ends_at) >= now


def upcoming_clause(now: datetime) -> ColumnElement[bool]:
    """SQL twin of `assumed_end(...) >= now`, so that the order and the `upcoming` flag agree."""
    return or_(
        Event.ends_at >= now,
        and_(Event.ends_at.is_(None), Event.starts_at >= now - DEFAULT_LENGTH),
    )
