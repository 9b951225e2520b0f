"""Event dates as people read them, in the user's local time ("Thu 12 – Sat 14 Jun 2025").

English names on purpose: the rest of the interface is English, and strftime would follow
whatever LC_TIME happens to be set to.
"""

from __future__ import annotations

from datetime import date, datetime

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


def local(moment: datetime) -> datetime:
    """An aware datetime in the system's local zone."""
    return moment.astimezone()


def day_text(d: date, *, year: bool = True) -> str:
    text = f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def long_day_text(d: date) -> str:
    return f"{LONG_DAYS[d.weekday()]} {d.day} {LONG_MONTHS[d.month - 1]} {d.year}"


def time_text(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def when_text(starts_at: datetime, ends_at: datetime | None) -> str:
    """The span of an event: one day with its hours, or the days it covers."""
    start = local(starts_at)
    if ends_at is None:
        return f"{day_text(start.date())}, {time_text(start)}"
    end = local(ends_at)
    if end.date() == start.date():
        return f"{day_text(start.date())}, {time_text(start)}–{time_text(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{DAYS[start.weekday()]} {start.day} – {day_text(end.date())}"
    if start.year == end.year:
        return f"{day_text(start.date(), year=False)} – {day_text(end.date())}"
    return f"{day_text(start.date())} – {day_text(end.date())}"


def relative_day(d: date, today: date) -> str:
    """ "Today", "Tomorrow", "In 3 days", "Yesterday", "5 days ago", else the date."""
    delta = (d - today).days
    if delta == 0:
        return "Today"
    if delta == 1:
        return "Tomorrow"
    if delta == -1:
        return "Yesterday"
    if 1 < delta <= 14:
        return f"In {delta} days"
    if -14 <= delta < -1:
        return f"{-delta} days ago"
    return day_text(d, year=d.year != today.year)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def short_date(d: date, today: date | None = None) -> str:
    """ "3 Dec", with the year when it is not this year's ("3 Dec 2027")."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return text if today is not None and d.year == today.year else f"{text} {d.year}"


def long_date(d: date) -> str:
    """ "3 December 1980" (birthdays and other dates without a weekday)."""
    return f"{d.day} {LONG_MONTHS[d.month - 1]} {d.year}"
