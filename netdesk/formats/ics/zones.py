"""Turning the TZIDs real calendar files use into IANA zone names.

Files name zones in many ways: IANA names ("Europe/Berlin"), Windows names from Outlook and
Exchange ("W. Europe Standard Time"), "globally unique" names from Mozilla and libical
("/mozilla.org/20050126_1/Europe/Berlin"), and free text that only the file's own VTIMEZONE
explains ("GMT +0100 (Standard) / GMT +0200 (Daylight)", "Mitteleuropäische Zeit"). netdesk
stores an IANA name, so for free-text names we pick the IANA zone whose offsets match the
VTIMEZONE's over the year of the event (preferring one whose city appears in the TZID).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_FIXED_OFFSET = re.compile(
    r"^(?:UTC|GMT)\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$", re.IGNORECASE
)
_UTC_NAMES = {"utc", "z", "gmt", "etc/utc", "etc/gmt", "utc+0", "utc+00:00", "gmt+0", "zulu"}

# Tried first when guessing from offsets alone: the zones most people mean by a rule set
# (EU rules -> Berlin rather than Budapest, which comes first in the Windows table).
_PREFERRED = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Helsinki",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
)


@cache
def _known() -> frozenset[str]:
    return frozenset(available_timezones())


def zone(name: str) -> ZoneInfo | None:
    """The zone of an IANA name, or None when this machine does not know it."""
    return ZoneInfo(name) if name in _known() else None


def clean_tzid(tzid: str) -> str:
    """A TZID without quotes, stray backslash escapes and surrounding whitespace."""
    return tzid.strip().strip('"').replace("\\", "").strip()


def iana_from_tzid(tzid: str) -> str | None:
    """The IANA name a TZID stands for by its name alone, or None.

    "UTC" for the UTC spellings; IANA names as they are; Windows names through CLDR's table
    (shipped with icalendar); globally unique names by their longest IANA suffix.
    """
    name = clean_tzid(tzid)
    if name.lower() in _UTC_NAMES:
        return "UTC"
    fixed = _FIXED_OFFSET.match(name)
    if fixed and not (fixed["minutes"] or "").strip("0"):
        # POSIX "Etc/GMT" names count the other way round: UTC+11 is Etc/GMT-11.
        hours = int(fixed["hours"])
        sign = "-" if fixed["sign"] == "+" else "+"
        candidate = f"Etc/GMT{sign}{hours}" if hours else "UTC"
        if candidate in _known():
            return candidate
    bare = name.strip("/")
    if bare in _known():
        return bare
    if bare in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[bare]
    parts = bare.split("/")
    for start in range(1, len(parts)):
        suffix = "/".join(parts[start:])
        if suffix in _known():
            return suffix
    return None


def _samples(year: int) -> list[datetime]:
    # Twice a month over the year catches every DST rule in use (none lasts under 2 weeks).
    return [datetime(year, month, day, 12, tzinfo=UTC) for month in range(1, 13) for day in (1, 15)]


def _offsets(tz: tzinfo, year: int) -> tuple[timedelta | None, ...]:
    return tuple(moment.astimezone(tz).utcoffset() for moment in _samples(year))


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z]+", text.lower()) if len(w) >= 4}


@cache
def _iana_offsets(name: str, year: int) -> tuple[timedelta | None, ...]:
    return _offsets(ZoneInfo(name), year)


def _candidates() -> list[str]:
    ordered = [*_PREFERRED, *WINDOWS_TO_OLSON.values(), *sorted(_known())]
    return [name for name in dict.fromkeys(ordered) if name in _known()]


def guess_iana(tzid: str, tz: tzinfo, year: int) -> str | None:
    """The IANA zone that keeps the same offsets as `tz` through `year`, or None.

    Among matching zones, one whose city or region is named in the TZID wins
    ("Canberra, Melbourne, Sydney" -> "Australia/Sydney"); otherwise the first in a short
    list of common zones, then CLDR's representative zones, then all others alphabetically.
    """
    try:
        wanted = _offsets(tz, year)
    except (ValueError, OverflowError, TypeError):
        return None
    words = _words(tzid)
    first: str | None = None
    for name in _candidates():
        if _iana_offsets(name, year) != wanted:
            continue
        if words & _words(name.replace("_", " ")):
            return name
        if first is None:
            first = name
    return first
