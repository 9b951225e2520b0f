"""Event times from iCalendar properties: TZIDs resolved per file, starts and ends."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Component, Timezone
from icalendar.error import GloballyUniqueTZIDGuessed

from netdesk.formats.ics.blocks import tz_key
from netdesk.formats.ics.fields import first_value
from netdesk.formats.ics.zones import clean_tzid, guess_iana, iana_from_tzid


class ZoneResolver:
    """TZID -> (tzinfo, IANA name) for one file, using its VTIMEZONEs where names are not enough."""

    def __init__(self, timezones: dict[str, list[str]]) -> None:
        self._timezones = timezones
        self._cache: dict[tuple[str, int], tuple[tzinfo | None, str]] = {}

    def resolve(self, tzid: str, year: int) -> tuple[tzinfo | None, str]:
        """The zone to read wall-clock times in, and its IANA name ("" when there is none)."""
        key = (tzid, year)
        if key not in self._cache:
            self._cache[key] = self._resolve(tzid, year)
        return self._cache[key]

    def _resolve(self, tzid: str, year: int) -> tuple[tzinfo | None, str]:
        iana = iana_from_tzid(tzid)
        if iana:
            return ZoneInfo(iana), iana
        lines = self._timezones.get(tz_key(tzid))
        if lines is None:
            return None, ""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
                component = Component.from_ical("\r\n".join(lines))
                if not isinstance(component, Timezone):
                    return None, ""
                location = component.get("X-LIC-LOCATION")
                iana = iana_from_tzid(str(location)) if location else None
                if iana:
                    return ZoneInfo(iana), iana
                # A fresh zone from this file's own rules: icalendar's cache is keyed by TZID,
                # and names like "Customized Time Zone" mean different things in different files.
                custom = component.to_tz(lookup_tzid=False)
        except Exception:  # a VTIMEZONE too broken to use: the TZID stays unknown
            return None, ""
        guess = guess_iana(tzid, custom, year)
        if guess:
            return ZoneInfo(guess), guess
        return custom, ""


@dataclass
class Moment:
    at: datetime
    timezone: str
    all_day: bool
    unknown_tzid: str = ""


def read_moment(prop: Any, zones: ZoneResolver, bare_date: bool = False) -> Moment | None:
    """The moment a DTSTART/DTEND stands for; None when there is none, or when it cannot be
    told in UTC (a time zone's offset pushes 0001-01-01 or 9999-12-31 out of range)."""
    try:
        moment = _moment(prop, zones, bare_date)
        if moment is not None:
            moment.at.astimezone(UTC)
    except OverflowError:
        return None
    return moment


def _moment(prop: Any, zones: ZoneResolver, bare_date: bool) -> Moment | None:
    value = getattr(prop, "dt", None)
    if bare_date and isinstance(value, datetime):
        value = value.date()  # a date that came with a TZID but no VALUE=DATE
    if isinstance(value, datetime):
        tzid = prop.params.get("TZID")
        if tzid:
            naive = value.replace(tzinfo=None)
            zone, iana = zones.resolve(str(tzid), naive.year)
            if zone is None:
                return Moment(naive.replace(tzinfo=UTC), "", False, clean_tzid(str(tzid)))
            at = naive.replace(tzinfo=zone)
            return Moment(at if iana else at.astimezone(UTC), iana, False)
        if value.tzinfo is not None:
            return Moment(value.astimezone(UTC), "UTC", False)
        return Moment(value.replace(tzinfo=UTC), "", False)  # floating: read as UTC
    if isinstance(value, date):
        return Moment(datetime.combine(value, time(), UTC), "", True)
    return None


def read_end(
    component: Any, start: Moment, zones: ZoneResolver, broken: set[str], bare_date: bool
) -> datetime | None:
    end: datetime | None = None
    dtend = None if "DTEND" in broken else first_value(component.get("DTEND"))
    duration = None if "DURATION" in broken else first_value(component.get("DURATION"))
    if dtend is not None:
        value = getattr(dtend, "dt", None)
        if bare_date and isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date) and not isinstance(value, datetime) and not start.all_day:
            # DTEND as a date after a timed start: midnight of that day, in the start's zone.
            end = datetime.combine(value, time(), start.at.tzinfo)
        else:
            moment = read_moment(dtend, zones, bare_date)
            end = moment.at if moment else None
    elif duration is not None and isinstance(getattr(duration, "dt", None), timedelta):
        end = _later(start.at, duration.dt)
    elif start.all_day:
        end = _later(start.at, timedelta(days=1))
    if end is not None and end <= start.at:
        return None
    return end


def _later(moment: datetime, duration: timedelta) -> datetime | None:
    """The moment after the duration; None past the years datetime can hold (9999)."""
    try:
        later = moment + duration
        later.astimezone(UTC)
    except OverflowError:
        return None
    return later
