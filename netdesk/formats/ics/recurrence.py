"""A repeating event's RRULE, RDATE and EXDATE lines: kept as the file wrote them, read out in
plain words ("Repeats every 2 weeks on Monday and Wednesday, except 2 dates").

netdesk keeps a series as one event (its first occurrence) and never expands it: a rule without
an end would have no last occurrence. The lines are stored verbatim so that an export gives
back the series the file described. Three changes only, all so that the export means what the
file meant: a TZID parameter is replaced by the IANA name it stands for (the event's own start
gets the same treatment, and the export only explains IANA names with a VTIMEZONE); spaces in
a rule that icalendar cannot read with them are taken out (Exchange writes "BYDAY=MO, TU");
and a line icalendar cannot read even so is left out (and reported), so that it cannot spoil
the export.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from icalendar import Component, vRecur
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.parser import Contentline

from netdesk.dates import LONG_DAYS, LONG_MONTHS, event_zone, plural, short_date
from netdesk.formats.ics.times import ZoneResolver
from netdesk.formats.records import Problem

RECURRENCE_PROPERTIES = ("RRULE", "RDATE", "EXDATE")
# The lines of one event together: a weekly meeting of ten years with hundreds of exceptions
# takes some ten thousand characters. More is a generated file; the series is then dropped
# whole, since a rule without some of its exceptions would bring back cancelled dates.
MAX_RECURRENCE_CHARS = 100_000
CUSTOM = "Repeats (custom rule)"


@dataclass
class Recurrence:
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_recurrence(
    lines: Iterable[tuple[int, str, str]], zones: ZoneResolver, year: int, file: str, quoted: str
) -> Recurrence:
    """The event's recurrence lines worth keeping, from (line number, NAME, content line);
    `quoted` names the event in problems."""
    found = Recurrence()
    first = size = 0
    for number, name, line in lines:
        if name not in RECURRENCE_PROPERTIES:
            continue
        first = first or number
        size += len(line) + 1
        if size > MAX_RECURRENCE_CHARS:
            break  # the series is dropped below: no need to read the rest of it
        if name == "RRULE" and _unreadable(name, line):
            line = _without_spaces(line)
        if _unreadable(name, line):
            found.problems.append(
                Problem(file, number, f"Ignored {name} of {quoted}, which could not be read")
            )
            continue
        found.lines.append(_with_iana_tzid(line, zones, year))
    if size > MAX_RECURRENCE_CHARS:
        found.lines = []
        found.problems.append(
            Problem(
                file,
                first,
                f"Read {quoted} as a single event: its RRULE, RDATE and EXDATE lines are "
                f"longer than {MAX_RECURRENCE_CHARS:,} characters",
            )
        )
    return found


def _unreadable(name: str, line: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            component = Component.from_ical(f"BEGIN:VEVENT\r\n{line}\r\nEND:VEVENT\r\n")
    except Exception:
        return True
    value: Any = component.get(name)
    if component.errors or value is None:
        return True
    return name == "RRULE" and not (isinstance(value, vRecur) and value.get("FREQ"))


def _without_spaces(line: str) -> str:
    """The rule with the spaces in its value taken out; no rule part holds one."""
    try:
        cut = Contentline(line).value_separator_index()
    except ValueError:
        return line
    return line[: cut + 1] + re.sub(r"\s+", "", line[cut + 1 :])


def _with_iana_tzid(line: str, zones: ZoneResolver, year: int) -> str:
    try:
        name, params, value = Contentline(line).raw_parts()
    except ValueError:
        return line
    tzid = params.get("TZID")
    if not tzid:
        return line
    _zone, iana = zones.resolve(str(tzid), year)
    if not iana or iana == str(tzid):
        return line
    params["TZID"] = iana
    return f"{name};{params.to_ical().decode()}:{value}"


def split_lines(recurrence: str) -> list[str]:
    """The stored lines (joined by "\\n" in the database) as a list."""
    return [line for line in recurrence.split("\n") if line.strip()]


def property_name(line: str) -> str:
    """The line's property name in capitals ("RRULE"), "" when it has none."""
    match = re.match(r"\s*([A-Za-z0-9-]+)\s*[;:]", line)
    return match[1].upper() if match else ""


# --- plain words ------------------------------------------------------------------------------

_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAYS = dict(zip(_DAY_CODES, LONG_DAYS, strict=True))
_WORKING_DAYS = set(_DAY_CODES[:5])
# (once per period, the period) for each FREQ.
_FREQUENCIES = {
    "YEARLY": ("yearly", "year"),
    "MONTHLY": ("monthly", "month"),
    "WEEKLY": ("weekly", "week"),
    "DAILY": ("daily", "day"),
    "HOURLY": ("hourly", "hour"),
    "MINUTELY": ("every minute", "minute"),
}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
# Rule parts the wording covers; a rule with any other (BYHOUR, BYWEEKNO, ...) is "custom".
_WORDED = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"}
_WEEKDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


class _NotWorded(Exception):
    """The rule says something the wording does not cover."""


def describe_recurrence(recurrence: str, timezone: str = "") -> str:
    """ "Repeats weekly until 30 Jun 2027", "Repeats monthly, 10 times, except 2 dates"; ""
    for a one-off event; "Repeats (custom rule)" for what the wording does not cover.

    `timezone` is the event's IANA zone: an UNTIL in UTC is told as that zone's date (without
    one, as this computer's, as the event's times are shown)."""
    rules: list[str] = []
    extra: set[str] = set()
    skipped: set[str] = set()
    for line in split_lines(recurrence):
        try:
            # Unescaped as icalendar reads it: "FREQ=DAILY\\;COUNT=10" is a daily rule.
            name, _params, value = Contentline(line).parts()
        except ValueError:
            return CUSTOM
        name = name.upper()
        values = {v.strip() for v in value.split(",") if v.strip()}
        if name == "RRULE":
            rules.append(value)
        elif name == "RDATE":
            extra |= values
        elif name == "EXDATE":
            skipped |= values
    if not (rules or extra):
        return ""
    if len(rules) > 1:
        return CUSTOM
    try:
        words = _rule_words(rules[0], timezone) if rules else "Repeats"
    except (_NotWorded, ValueError, TypeError, IndexError, KeyError, OverflowError):
        return CUSTOM  # the page shows what it can say; the rule itself is kept as it is
    if extra:
        more = plural(len(extra), "more date")
        words = f"{words}, plus {more}" if rules else f"Repeats on {more}"
    if skipped:
        words += f", except {plural(len(skipped), 'date')}"
    return words


def _rule_words(value: str, timezone: str) -> str:
    rule = vRecur.from_ical(value)
    parts = {key.upper(): list(found) for key, found in rule.items()}
    if not parts.get("FREQ") or set(parts) - _WORDED - {"WKST"}:
        raise _NotWorded
    freq = str(parts["FREQ"][0]).upper()
    if freq not in _FREQUENCIES:
        raise _NotWorded
    interval = int(parts.get("INTERVAL", [1])[0])
    if interval < 1 or any(int(count) < 1 for count in parts.get("COUNT", [])):
        raise _NotWorded
    if freq == "DAILY" and interval == 1 and "BYDAY" in parts:
        freq = "WEEKLY"  # "daily on Monday and Wednesday" is weekly on those days
    once, period = _FREQUENCIES[freq]
    words = f"Repeats {once}" if interval == 1 else f"Repeats every {interval} {period}s"
    on = _on_words(freq, parts)
    if on == "on weekdays" and interval == 1:
        words = "Repeats every weekday"
    elif on:
        words += f" {on}"
    if "UNTIL" in parts:
        words += f" until {short_date(_until_day(parts['UNTIL'][0], timezone))}"
    if "COUNT" in parts:
        count = int(parts["COUNT"][0])
        words += ", once" if count == 1 else f", {count:,} times"
    return words


def _on_words(freq: str, parts: dict[str, list[Any]]) -> str:
    """ "on Monday and Wednesday", "on the last Sunday of March", "on the 15th"; "" when the
    rule adds nothing to its start date."""
    days = [_WEEKDAY.fullmatch(str(day).upper()) for day in parts.get("BYDAY", [])]
    if not all(days):
        raise _NotWorded
    weekdays = [(int(m[1]) if m and m[1] else 0, m[2]) for m in days if m]
    month_days = [int(day) for day in parts.get("BYMONTHDAY", [])]
    months = [int(month) for month in parts.get("BYMONTH", [])]
    positions = [int(p) for p in parts.get("BYSETPOS", [])]
    if not all(1 <= abs(n) <= 31 for n in month_days + positions) or not all(
        1 <= m <= 12 for m in months
    ):
        raise _NotWorded
    if positions:
        # Outlook's "the second Tuesday": BYDAY=TU;BYSETPOS=2.
        if len(positions) != 1 or len(weekdays) != 1 or weekdays[0][0]:
            raise _NotWorded
        weekdays = [(positions[0], weekdays[0][1])]
    if months and freq != "YEARLY":
        raise _NotWorded
    if weekdays and month_days:
        raise _NotWorded
    in_months = f" of {_and([LONG_MONTHS[m - 1] for m in months])}" if months else ""
    if weekdays:
        if freq in ("HOURLY", "MINUTELY"):
            raise _NotWorded
        if any(n for n, _day in weekdays):
            if freq not in ("MONTHLY", "YEARLY") or len(weekdays) != 1:
                raise _NotWorded
            n, day = weekdays[0]
            if abs(n) > (5 if freq == "MONTHLY" or months else 53):
                raise _NotWorded
            if freq == "YEARLY" and not months:
                in_months = " of the year"
            return f"on the {_ordinal(n)} {_DAYS[day]}{in_months}"
        names = {day for _n, day in weekdays}
        if names == _WORKING_DAYS:
            said = "weekdays"
        else:
            said = _and([_DAYS[d] for d in _DAYS if d in names])
        return f"on {said}" if freq == "WEEKLY" else f"on every {said}{in_months}"
    if month_days:
        if freq not in ("MONTHLY", "YEARLY"):
            raise _NotWorded
        if freq == "YEARLY":
            if len(months) != 1 or len(month_days) != 1 or month_days[0] < 1:
                raise _NotWorded
            return f"on {month_days[0]} {LONG_MONTHS[months[0] - 1]}"
        return f"on the {_and([_day_of_month(d) for d in month_days])}"
    return f"in {_and([LONG_MONTHS[m - 1] for m in months])}" if months else ""


def _ordinal(n: int) -> str:
    if n in _ORDINALS:
        return _ORDINALS[n]
    if n < 0:
        return f"{_ordinal(-n)} to last" if -n in _ORDINALS else f"{_nth(-n)} to last"
    return _nth(n)


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_of_month(n: int) -> str:
    if n == -1:
        return "last day"
    return f"{_nth(-n)} to last day" if n < 0 else _nth(n)


def _until_day(until: Any, timezone: str) -> date:
    if not isinstance(until, datetime):
        return until if isinstance(until, date) else date.fromisoformat(str(until))
    if until.tzinfo is None:
        return until.date()  # floating: the date as written
    zone = event_zone(timezone)
    return (until.astimezone(zone) if zone else until.astimezone()).date()


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
