"""Dates in English words and event zones by name: plain Python, so that the import formats
(a repeating event's rule read out) and the windows say dates the same way.

English names on purpose: the rest of the interface is English, and strftime would follow
whatever LC_TIME happens to be set to.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
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
