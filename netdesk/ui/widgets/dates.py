"""Event dates as people read them, in the user's local time ("Thu 12 – Sat 14 Jun 2025").

The names of days and months, `plural`, `short_date`, `long_date` and `event_zone` come from
netdesk.dates, which the import formats use too; they are imported here for the windows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from netdesk.dates import DAYS as DAYS
from netdesk.dates import LONG_DAYS as LONG_DAYS
from netdesk.dates import LONG_MONTHS as LONG_MONTHS
from netdesk.dates import MONTHS as MONTHS
from netdesk.dates import event_day as event_day
from netdesk.dates import event_zone as event_zone
from netdesk.dates import long_date as long_date
from netdesk.dates import plural as plural
from netdesk.dates import short_date as short_date


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


def all_day_span(starts_at: datetime, ends_at: datetime | None) -> tuple[date, date]:
    """The first and last day of an all-day event (its end is the midnight after the last)."""
    first = starts_at.astimezone(UTC).date()
    if ends_at is None:
        return first, first
    return first, max(first, ends_at.astimezone(UTC).date() - timedelta(days=1))


def all_day_text(starts_at: datetime, ends_at: datetime | None) -> str:
    """ "Thu 15 Jan 2027", "15–17 Jan 2027", "30 Jan – 2 Feb 2027": dates, no hours."""
    first, last = all_day_span(starts_at, ends_at)
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {short_date(last)}"
    return f"{short_date(first)} – {short_date(last)}"


def when_text(starts_at: datetime, ends_at: datetime | None, *, all_day: bool = False) -> str:
    """The span of an event: one day with its hours, or the days it covers."""
    if all_day:
        return all_day_text(starts_at, ends_at)
    return _span_in_place(local(starts_at), local(ends_at) if ends_at else None)


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


def zone_abbreviation(moment: datetime) -> str:
    """ "CET", "EST"; zones without a letter abbreviation give "+04", shown as "UTC+04"."""
    name = moment.tzname() or ""
    return f"UTC{name}" if name[:1] in ("+", "-") else name


def _span_in_place(start: datetime, end: datetime | None) -> str:
    """One day with its hours, or the days the span covers, for datetimes already in the zone
    they should be read in."""
    if end is None:
        return f"{day_text(start.date())}, {time_text(start)}"
    if end.date() == start.date():
        return f"{day_text(start.date())}, {time_text(start)}–{time_text(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{DAYS[start.weekday()]} {start.day} – {day_text(end.date())}"
    if start.year == end.year:
        return f"{day_text(start.date(), year=False)} – {day_text(end.date())}"
    return f"{day_text(start.date())} – {day_text(end.date())}"


def _your_time(start: datetime, end: datetime | None, there: datetime) -> str:
    """The hours in local time, with the day only when it is not the event's day."""

    def day(d: date) -> str:
        return day_text(d, year=d.year != there.year)

    if end is None or end.date() == start.date():
        hours = time_text(start) if end is None else f"{time_text(start)}–{time_text(end)}"
        return hours if start.date() == there.date() else f"{day(start.date())}, {hours}"
    return f"{day(start.date())}, {time_text(start)} – {day(end.date())}, {time_text(end)}"


def zoned_when_text(
    starts_at: datetime, ends_at: datetime | None, zone_name: str, *, all_day: bool = False
) -> str:
    """The span in the event's own zone, e.g. "Thu 4 Dec 2026, 18:00–21:00 CET (17:00–20:00
    your time)"; just the local time when the event's zone keeps this computer's clock or is
    unknown. An all-day event is its dates, the same in every zone."""
    if all_day:
        return all_day_text(starts_at, ends_at)
    zone = event_zone(zone_name)
    if zone is None:
        return when_text(starts_at, ends_at)
    moments = [starts_at] if ends_at is None else [starts_at, ends_at]
    if all(local(m).utcoffset() == m.astimezone(zone).utcoffset() for m in moments):
        return when_text(starts_at, ends_at)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone) if ends_at else None
    text = _span_in_place(start, end)
    here_start, here_end = local(starts_at), local(ends_at) if ends_at else None
    if end is None or end.date() == start.date():
        # Hours are shown, so say whose hours they are, then the reader's own.
        yours = _your_time(here_start, here_end, start)
        return f"{text} {zone_abbreviation(start)} ({yours} your time)"
    here = _span_in_place(here_start, here_end)
    return text if here == text else f"{text} ({here} your time)"


# Names in the tz database that are not places: "localtime" is whatever this computer is set to.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def zone_names() -> list[str]:
    """Every IANA zone name this computer knows, sorted, for picking an event's zone."""
    return sorted(available_timezones() - _NOT_ZONES)


def wall_clock_to_utc(wall: datetime, zone: ZoneInfo | None) -> datetime:
    """A naive wall-clock time read in `zone` (this computer's zone when None) as aware UTC.

    A time in a DST gap or fold is read with fold=0, zoneinfo's default: the earlier offset.
    """
    aware = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
    return aware.astimezone(UTC)


def wall_clock_in(moment: datetime, zone: ZoneInfo | None) -> datetime:
    """An aware moment as the naive wall-clock time it shows in `zone` (local when None)."""
    there = moment.astimezone(zone) if zone is not None else local(moment)
    return there.replace(tzinfo=None)


def offset_text(moment: datetime) -> str:
    """ "CET, UTC+01:00" for an aware datetime; just "UTC+04:00" for zones without letters."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    utc = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    abbreviation = zone_abbreviation(moment)
    return utc if not abbreviation or abbreviation.startswith("UTC") else f"{abbreviation}, {utc}"
