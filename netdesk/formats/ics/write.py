"""Writing events and open follow-ups as one iCalendar (.ics) file.

- One VEVENT per event. Timed events with an IANA `timezone` are written in that zone
  (DTSTART;TZID=Europe/Berlin) with a VTIMEZONE for every zone used, built by icalendar for
  the years the events span, so Outlook and phones show the right local time; events without
  a known zone are written in UTC ("Z"). All-day events use VALUE=DATE with the exclusive
  end date (the next day when the record has no later end).
- A repeating event carries its RRULE, RDATE and EXDATE lines as they were read (verbatim;
  see formats.ics.recurrence), so the series comes back whole; its DTSTART is the first occurrence.
- LOCATION is the place as netdesk shows it ("venue, city", or the venue alone when it names
  the city, as an imported LOCATION does), and X-NETDESK-VENUE and X-NETDESK-CITY hold them
  apart for netdesk to read back (a venue may have a comma of its own).
- ORGANIZER carries the address when the organiser is an e-mail address ("Ada
  <ada@example.org>" or "ada@example.org"), otherwise just CN=name with Google's placeholder
  address "invalid:nomail".
- One VTODO per open follow-up: SUMMARY, DUE as a date, DESCRIPTION, STATUS:NEEDS-ACTION and
  RELATED-TO the event's UID when there is one.
- icalendar escapes text, ends lines with CRLF and folds them at 75 octets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from typing import BinaryIO

from icalendar import Calendar, Event, Timezone, Todo, vCalAddress
from icalendar.parser import Contentline, Parameters

from netdesk.formats.control_text import clean_fields
from netdesk.formats.ics.fields import CITY_PROPERTY, VENUE_PROPERTY, joined_location
from netdesk.formats.ics.read import derived_uid
from netdesk.formats.ics.recurrence import RECURRENCE_PROPERTIES, property_name
from netdesk.formats.ics.zones import zone
from netdesk.formats.records import EventRecord, TodoRecord

PRODID = "-//netdesk//netdesk//EN"
# A VTIMEZONE lists the changes to summer time of the years it covers, and a reader that goes
# by it (Thunderbird) keeps the last offset after them: a series gets this many years.
SERIES_YEARS = 10


def write_ics(events: Iterable[EventRecord], todos: Iterable[TodoRecord], out: BinaryIO) -> None:
    """Write `events` and `todos` to `out` as one VCALENDAR."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    stamp = datetime.now(UTC).replace(microsecond=0)
    years: list[int] = []
    for record in events:
        calendar.add_component(_event(record, stamp))
        if record.starts_at is not None:
            years.append(record.starts_at.year)
            if record.recurrence:
                years.append(min(record.starts_at.year + SERIES_YEARS, 9997))
        if record.ends_at is not None:
            years.append(record.ends_at.year)
    for todo in todos:
        calendar.add_component(_todo(todo, stamp))
    if years:
        _add_timezones(calendar, date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    out.write(calendar.to_ical())


def _add_timezones(calendar: Calendar, first: date, last: date) -> None:
    """A VTIMEZONE for every zone used, from the zone database itself.

    Not `add_missing_timezones`: that asks icalendar's process-wide zone cache, which reading
    a file with its own (perhaps wrong) "Europe/Berlin" VTIMEZONE fills, and every later
    export would then carry that file's rules. Transitions for the years in use only: a
    VTIMEZONE from 1970 to 2038 is huge.
    """
    for tzid in sorted(calendar.get_missing_tzids()):
        tz = zone(tzid)
        if tz is not None:
            component = Timezone.from_tzinfo(tz, tzid=tzid, first_date=first, last_date=last)
            calendar.subcomponents.insert(0, component)


def _event(record: EventRecord, stamp: datetime) -> Event:
    # Control characters that an older netdesk (or another program) stored go no further.
    record = clean_fields(record)
    event = Event()
    name = record.name.strip()
    uid = record.uid or (derived_uid(name, record.starts_at) if record.starts_at else "")
    event.add("UID", uid)
    event.add("DTSTAMP", stamp)
    event.add("SUMMARY", name)
    if record.starts_at is not None:
        start, end = _times(record)
        event.add("DTSTART", start)
        if end is not None:
            event.add("DTEND", end)
    location = joined_location(record.venue, record.city)
    if location:
        event.add("LOCATION", location)
        if record.venue.strip() and record.city.strip():
            event.add(VENUE_PROPERTY, record.venue.strip())
            event.add(CITY_PROPERTY, record.city.strip())
    if record.url.strip():
        event.add("URL", record.url.strip())
    organiser = _organiser(record.organiser)
    if organiser is not None:
        event.add("ORGANIZER", organiser)
    if record.description:
        event.add("DESCRIPTION", record.description)
    categories = [c.strip() for c in record.categories if c.strip()]
    if categories:
        event.add("CATEGORIES", categories)
    for line in record.recurrence:
        if property_name(line) not in RECURRENCE_PROPERTIES:
            continue  # never "END:VEVENT" from a database someone else wrote to
        verbatim = _Verbatim.of(line)
        if verbatim is not None:  # the reader keeps only lines icalendar reads
            event.add(verbatim.name, verbatim, encode=False)
    return event


class _VerbatimParameters(Parameters):
    """Parameters written as the file had them; their values are still there to look up (the
    TZIDs that need a VTIMEZONE)."""

    text = ""

    def to_ical(self, sorted: bool = True) -> bytes:
        return self.text.encode()


class _Verbatim:
    """A content line written exactly as it was read: icalendar would rewrite a rule
    ("UNTIL=20270630" becomes a date-time when DTSTART is one) and drop what it does not know."""

    def __init__(self, name: str, params: _VerbatimParameters, value: str) -> None:
        self.name = name
        self.params = params
        self.value = value

    @classmethod
    def of(cls, line: str) -> _Verbatim | None:
        content = Contentline(line)
        try:
            _name, parsed, value = content.raw_parts()
            head = line[: content.value_separator_index()]
        except ValueError:
            return None
        name, _semicolon, text = head.partition(";")
        params = _VerbatimParameters(parsed)
        params.text = text
        if name.strip().upper() == "RRULE":
            # Every name and value of a rule is case-insensitive (RFC 5545, 3.1), and a rule is
            # no text with escapes; but ical.js (and calendars built on it) refuses
            # "FREQ=Weekly" and the "FREQ=DAILY\\;COUNT=10" of a Ruby library.
            value = re.sub(r"\\([;,])", r"\1", value).upper()
        return cls(name.strip(), params, value)

    def to_ical(self) -> bytes:
        return self.value.encode()


def _times(record: EventRecord) -> tuple[date | datetime, date | datetime | None]:
    assert record.starts_at is not None
    tz = zone(record.timezone.strip()) if record.timezone.strip() else None
    if record.all_day:
        # All-day dates are kept as midnight UTC (formats.ics.read), whatever zone the event has.
        first = record.starts_at.astimezone(UTC).date()
        last = record.ends_at.astimezone(UTC).date() if record.ends_at else None
        return first, last if last is not None and last > first else first + timedelta(days=1)
    # UTC events stay "Z" times: a VTIMEZONE for UTC confuses some clients.
    target = tz if tz is not None and record.timezone.strip() != "UTC" else UTC
    start = record.starts_at.astimezone(target)
    end = record.ends_at.astimezone(target) if record.ends_at else None
    return start, end if end is not None and end > start else None


def _organiser(organiser: str) -> vCalAddress | None:
    text = organiser.strip()
    if not text:
        return None
    name, address = parseaddr(text)
    if "@" in address and " " not in address:
        value = vCalAddress(f"mailto:{address}")
        if name:
            value.params["CN"] = name
        return value
    value = vCalAddress("invalid:nomail")
    value.params["CN"] = text
    return value


def _todo(record: TodoRecord, stamp: datetime) -> Todo:
    record = clean_fields(record)
    todo = Todo()
    todo.add("UID", record.uid)
    todo.add("DTSTAMP", stamp)
    todo.add("SUMMARY", record.summary)
    if record.due is not None:
        due = record.due.date() if isinstance(record.due, datetime) else record.due
        todo.add("DUE", due)
    if record.description:
        todo.add("DESCRIPTION", record.description)
    todo.add("STATUS", "NEEDS-ACTION")
    if record.related_event_uid:
        todo.add("RELATED-TO", record.related_event_uid)
    return todo
