"""Reading events from iCalendar (.ics) files written by Meetup, Eventbrite, Google, Outlook & co.

How files are read, and the choices made where the format leaves room:

- Every VEVENT becomes one EventRecord; VTODO, VJOURNAL, VFREEBUSY and the like are ignored,
  so a file without VEVENT yields no records at all (the caller reports "no events").
- The file is split into lines and components here, then each VEVENT is parsed by icalendar
  on its own. A broken event or a garbage line therefore costs only that event or that line
  (reported as a Problem with its line number); every other event is still read. An event
  missing its END:VEVENT is reported and skipped. Alarms and other components nested in an
  event are dropped before parsing: netdesk does not use them and a bad alarm would otherwise
  cost the whole event.
- Bytes: UTF-8 with or without BOM, UTF-16 with BOM; a line that is not UTF-8 is read as
  Windows-1252. CRLF, LF and CR may be mixed; blank lines are skipped (also between a folded
  line and its continuation); folds are undone before decoding, so a fold that splits a UTF-8
  character does no harm. Property and component names may be lowercase.
- `line` is the 1-based line of the event's BEGIN:VEVENT.
- Times are timezone-aware. A TZID parameter is turned into an IANA name (see formats.ics.zones):
  IANA names, Windows names, "globally unique" names and free-text names that the file's
  VTIMEZONE explains (X-LIC-LOCATION, or the IANA zone with the same offsets) all work, also
  when the VTIMEZONE is missing as long as the name itself is recognisable. A TZID nobody can
  resolve is read as UTC with timezone "" and reported. UTC times ("Z") get timezone "UTC".
  Floating times (no zone at all) are read as UTC with timezone "".
- All-day events (VALUE=DATE): all_day=True, starts_at is midnight UTC of that date, ends_at
  midnight UTC of DTEND's date (exclusive, as in the file; one day when the file gives no end),
  timezone "".
- The end is DTEND, else DTSTART + DURATION, else none. An end at or before the start is
  dropped (netdesk rejects such events).
- Recurring events: one event at the first occurrence (DTSTART), never expanded; its RRULE,
  RDATE and EXDATE lines go into `recurrence` as written (see formats.ics.recurrence; one icalendar
  cannot read is left out and reported). VEVENTs carrying a RECURRENCE-ID (changed single
  occurrences) are skipped when their series is in the file; without the series, the
  earliest of them stands in for it.
- A missing UID is replaced by a stable one derived from the summary and the start time, so
  that importing the same file again updates the event instead of adding a duplicate.
- An event without SUMMARY is named after its LOCATION (its first part, or Meetup's venue
  before the parentheses), else UNTITLED, and reported. A missing DTSTART makes that event a
  Problem; the others are still read.
- LOCATION is kept whole, word for word, as the venue (its lines joined by ", "); the city is
  what netdesk recognises in it, and the place is shown (and written back) as the venue alone
  when the venue names its city. "Venue, Street, City[, Postcode][, Country]" (three or more
  comma-separated parts): the city is the last part after the first that is not a country, a
  postcode or a short state code, its postcode left out ("10115 Berlin" gives Berlin).
  Meetup's "Venue (Street, City, de)" counts the parts inside the parentheses. With fewer than
  three parts, or a URL, the city stays empty. netdesk's own X-NETDESK-VENUE and
  X-NETDESK-CITY are taken instead while LOCATION is still the place as it wrote them. A
  LOCATION longer than the venue column is cut there and kept whole in the description
  (event_import).
- organiser: ORGANIZER's CN, else its e-mail address without "mailto:".
- Limits (formats.ics.blocks): a content line over MAX_LINE_BYTES after unfolding is ignored, BEGINs
  nested deeper than MAX_DEPTH are ignored (a VEVENT is still read), an event of more than
  MAX_PROPERTIES properties is skipped; each is reported. An event starting outside the years
  EARLIEST_YEAR..LATEST_YEAR is skipped, an end after LATEST_YEAR dropped. Only the first
  PROBLEM_LIMIT problems (by line) are listed, then a line for each kind (warnings, losses)
  that counts the rest.
"""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from icalendar import Component
from icalendar.error import GloballyUniqueTZIDGuessed

from netdesk.formats.ics.blocks import Block, logical_lines, scan_components, shorten
from netdesk.formats.ics.fields import (
    categories_of,
    first_value,
    location_of,
    organiser_of,
    place_name,
    split_location,
    text_of,
)
from netdesk.formats.ics.recurrence import read_recurrence
from netdesk.formats.ics.times import ZoneResolver, read_end, read_moment
from netdesk.formats.records import EventRecord, Problem

__all__ = ["UNTITLED", "derived_uid", "read_ics", "split_location"]

# Derived UIDs live in their own namespace so they never collide with real ones.
_UID_NAMESPACE = uuid.UUID("5b0e6a52-8a2e-4c55-9d0c-6f1d3c7e2a41")
# Events outside these years are typos or broken files ("99991231"); near the ends of what
# datetime holds (years 1 and 9999) adding an event's length or a time zone overflows.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999
# The name of an event that has neither SUMMARY nor LOCATION.
UNTITLED = "Untitled event"
# Value errors in other properties (RRULE, EXDATE, ...) do not change what netdesk imports.
_USED_PROPERTIES = {
    "DTSTART",
    "DTEND",
    "DURATION",
    "SUMMARY",
    "LOCATION",
    "URL",
    "ORGANIZER",
    "DESCRIPTION",
    "CATEGORIES",
    "UID",
}


def read_ics(data: bytes, file: str = "<data>") -> Iterator[EventRecord | Problem]:
    """Yield every event of an iCalendar file, and a Problem for each thing that could not be read.

    Never raises on bad input. Records and problems come in the order of their lines.
    """
    scan = scan_components(logical_lines(data), file)
    zones = ZoneResolver(scan.timezones)
    problems = scan.problems
    events: list[_ReadEvent] = []
    for block in scan.events:
        read = _read_event(block, zones, file)
        for problem in read.problems:
            problems.add(problem)
        if read.record is not None:
            read.problems = []
            events.append(read)
    listed = problems.listed()
    counted = problems.unlisted.tally()
    del listed[len(listed) - len(counted) :]
    found: list[tuple[int, EventRecord | Problem]] = [(p.line, p) for p in listed]
    found.extend((e.record.line, e.record) for e in _first_occurrences(events) if e.record)
    found.sort(key=lambda item: item[0])  # stable: a line's problems before its event
    for _line, item in found:
        yield item
    yield from counted


@dataclass
class _ReadEvent:
    record: EventRecord | None = None
    is_occurrence: bool = False  # carries a RECURRENCE-ID
    problems: list[Problem] = field(default_factory=list)


def _read_event(block: Block, zones: ZoneResolver, file: str) -> _ReadEvent:
    result = _ReadEvent()
    text = "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in block.lines) + "END:VEVENT\r\n"
    try:
        with warnings.catch_warnings():
            # icalendar warns when it strips a vendor prefix from a TZID; we resolve TZIDs
            # ourselves (formats.ics.zones) and only take the wall-clock time from it.
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            component = Component.from_ical(text)
    except Exception as exc:
        result.problems.append(
            Problem(
                file,
                block.line,
                f"Skipped an event that could not be read: {shorten(str(exc), 200)}",
            )
        )
        return result
    broken = set()
    for name, message in component.errors:
        if name in _USED_PROPERTIES:
            broken.add(name)
            result.problems.append(
                Problem(
                    file,
                    block.line_of(name),
                    f"Ignored {name}, which could not be read: {shorten(str(message), 200)}",
                )
            )
    location = text_of(component, "LOCATION")
    name = text_of(component, "SUMMARY")
    untitled = not name
    if untitled:
        # Google and Outlook show such an event as "(No title)" at its place; dropping it
        # would lose a date the user put in their calendar.
        name = shorten(place_name(location), 100) or UNTITLED
    quoted = f"“{shorten(name, 80)}”"  # how messages name the event
    # ... and an event skipped before it got the name made up for it
    skipped = quoted
    if untitled:
        skipped = "an untitled event" + (f" at {quoted}" if name != UNTITLED else "")
    start = None if "DTSTART" in broken else first_value(component.get("DTSTART"))
    if start is None:
        result.problems.append(
            Problem(file, block.line, f"Skipped {skipped}: it has no start time (DTSTART)")
        )
        return result
    moment = read_moment(start, zones, block.is_bare_date("DTSTART"))
    if moment is None:
        result.problems.append(
            Problem(file, block.line, f"Skipped {skipped}: its start time could not be read")
        )
        return result
    if not EARLIEST_YEAR <= moment.at.year <= LATEST_YEAR:
        result.problems.append(
            Problem(
                file,
                block.line_of("DTSTART"),
                f"Skipped {skipped}: it starts in the year {moment.at.year}, not between "
                f"{EARLIEST_YEAR} and {LATEST_YEAR}",
            )
        )
        return result
    end = read_end(component, moment, zones, broken, block.is_bare_date("DTEND"))
    if end is not None and end.year > LATEST_YEAR:
        end = None  # "until 9999": no end rather than one the app cannot add to
    if moment.unknown_tzid:
        result.problems.append(
            Problem(
                file,
                block.line_of("DTSTART"),
                f"Read the times of {quoted} as UTC: the time zone "
                f"“{moment.unknown_tzid}” is not known",
                kept=True,
            )
        )
    if untitled:
        after = " after its LOCATION" if name != UNTITLED else ""
        result.problems.append(
            Problem(
                file,
                block.line,
                f"The event has no title (SUMMARY): named it {quoted}{after}",
                kept=True,
            )
        )
    recurrence = read_recurrence(
        zip(block.numbers, block.names, block.lines, strict=True),
        zones,
        moment.at.year,
        file,
        quoted,
    )
    result.problems.extend(recurrence.problems)
    record = EventRecord(
        name=name,
        starts_at=moment.at,
        ends_at=end,
        timezone=moment.timezone,
        all_day=moment.all_day,
        url=text_of(component, "URL"),
        organiser=organiser_of(component),
        description=text_of(component, "DESCRIPTION"),
        categories=categories_of(component),
        recurrence=recurrence.lines,
        line=block.line,
    )
    record.venue, record.city = location_of(component)
    record.uid = text_of(component, "UID") or derived_uid(name, moment.at)
    result.record = record
    result.is_occurrence = component.get("RECURRENCE-ID") is not None
    return result


def derived_uid(name: str, starts_at: datetime) -> str:
    """A stable UID for an event whose file gives none: the same summary and start, the same UID."""
    key = f"{name.strip()}\n{starts_at.astimezone(UTC).isoformat()}"
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@netdesk"


def _first_occurrences(events: list[_ReadEvent]) -> list[_ReadEvent]:
    """Series and single events, plus for a series missing from the file its earliest occurrence."""
    records = [(e, e.record) for e in events if e.record is not None]
    series = {record.uid for e, record in records if not e.is_occurrence}
    stand_ins: dict[str, tuple[datetime, int]] = {}
    for index, (e, record) in enumerate(records):
        if e.is_occurrence and record.uid not in series and record.starts_at is not None:
            earliest = stand_ins.get(record.uid)
            if earliest is None or record.starts_at < earliest[0]:
                stand_ins[record.uid] = (record.starts_at, index)
    kept = {index for _start, index in stand_ins.values()}
    return [e for index, (e, _r) in enumerate(records) if not e.is_occurrence or index in kept]
