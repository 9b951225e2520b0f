"""Dates in English words, event zones by name, and the user's calendar day of a stored
moment: plain Python, so that the import formats (a repeating event's rule read out), the
services (keep in touch, reviews, goals) and the windows say and count dates the same way.

English names on purpose: the rest of the interface is English, and strftime would follow
whatever LC_TIME happens to be set to.
"""

from __future__ import annotations

import calendar
import functools
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 person", "1,234 people", "3 days"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def short_date(d: date, today: date | None = None) -> str:
    """ "3 Dec", with the year when it is not this year's ("3 Dec 2027")."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return text if today is not None and d.year == today.year else f"{text} {d.year}"


def long_date(d: date) -> str:
    """ "3 December 1980" (birthdays and other dates without a weekday)."""
    return f"{d.day} {LONG_MONTHS[d.month - 1]} {d.year}"


def event_zone(name: str) -> ZoneInfo | None:
    """The zone an event is in, or None when it has none or this computer does not know it."""
    if not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # A misspelt name, a path-like name, or no tz database (Windows without tzdata).
        return None


def add_interval(day: date, every: int, unit: str) -> date:
    """`day` moved on by `every` days, weeks, months or years ("months" as in RhythmUnit).

    A month later than 31 January is the last day of February: the day is clamped to the
    month's end rather than spilling into the next month, and 29 February plus a year is
    28 February."""
    if unit == "days":
        return day + timedelta(days=every)
    if unit == "weeks":
        return day + timedelta(weeks=every)
    if unit == "months":
        months = every
    elif unit == "years":
        months = 12 * every
    else:
        raise ValueError(f"unknown unit of time: {unit!r}")
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def as_utc(moment: datetime) -> datetime:
    """A stored moment with its zone: SQLite hands a computed column (a max, a min) back
    without one, and what is stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_day(moment: datetime) -> date:
    """The user's calendar day of a stored moment (a note written at 23:30 belongs to that
    evening).

    Through the offsets of its UTC day, known once per day: asking the C library for the
    local time of each of thousands of moments was most of Today's reload."""
    moment = as_utc(moment)
    first, last = _day_offsets(moment.date(), time.tzname, time.timezone, time.altzone)
    if first is None or first != last:  # the clocks change that day: this moment's own
        return moment.astimezone().date()
    return (moment + first).date()


@functools.lru_cache(maxsize=4096)
def _day_offsets(day: date, *_zone: object) -> tuple[timedelta | None, timedelta | None]:
    """The local offset at the start and at the end of a UTC day (`_zone`: what time.tzset
    last read, so that a new TZ is not answered from the cache)."""
    start = datetime.combine(day, datetime.min.time(), UTC)
    end = start + timedelta(days=1) - timedelta(microseconds=1)
    return start.astimezone().utcoffset(), end.astimezone().utcoffset()


def event_day(starts_at: datetime, all_day: bool) -> date:
    """The day an event starts on as the user reads it: an all-day event's own date (its
    midnight UTC, never moved to this computer's zone), else the local date."""
    return as_utc(starts_at).astimezone(UTC).date() if all_day else local_day(starts_at)
