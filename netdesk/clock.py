"""The one clock that says what day and time it is, for everything that decides by "today"
(what is overdue, which events are on now, the greeting): the tests stop it at one moment so
that a run crossing midnight sees one day throughout."""

from __future__ import annotations

from datetime import UTC, date, datetime

_stopped_at: datetime | None = None


def now() -> datetime:
    """This moment, in UTC."""
    return _stopped_at if _stopped_at is not None else datetime.now(UTC)


def today() -> date:
    """The date on the user's calendar (local time)."""
    if _stopped_at is not None:
        return _stopped_at.astimezone().date()
    return date.today()


def stop_at(moment: datetime | None) -> None:
    """Show `moment` (time-zone aware) from now on, or the real time again with None."""
    global _stopped_at
    if moment is not None and moment.tzinfo is None:
        raise ValueError("the clock needs a moment with its time zone")
    _stopped_at = moment
