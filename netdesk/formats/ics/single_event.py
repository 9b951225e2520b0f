"""One event as a CalDAV calendar item: a VCALENDAR with one VEVENT (and the time zones it uses).

The event is written by the iCalendar export (formats.ics.write), so that a calendar and an
exported file say the same. Given the server's last text, every line netdesk does not own comes
back as the server had it: alarms, attendees, free/busy, status, the clients' X- properties,
changed occurrences of a series and their time zones.
"""

from __future__ import annotations

import io

from netdesk import clock
from netdesk.formats.ics.calendar_lines import (
    Calendar,
    Component,
    component_lines,
    next_sequence,
    parse_calendar,
    property_name,
    text_value,
    utc_text,
    write_lines,
)
from netdesk.formats.ics.write import write_ics
from netdesk.formats.records import EventRecord

# What the export writes of an event; any other line of the server's VEVENT is kept.
OWNED = frozenset(
    {
        "UID",
        "DTSTAMP",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "LOCATION",
        "X-NETDESK-VENUE",
        "X-NETDESK-CITY",
        "URL",
        "ORGANIZER",
        "DESCRIPTION",
        "CATEGORIES",
        "RRULE",
        "RDATE",
        "EXDATE",
        "LAST-MODIFIED",
    }
)
_STAMPS = ("DTSTAMP", "LAST-MODIFIED")


def event_text(record: EventRecord, base_text: str = "") -> str:
    """The event as one calendar item (CRLF, folded); with `base_text` (the server's last text
    of it) the lines netdesk does not own are kept."""
    out = io.BytesIO()
    write_ics([record], [], out)
    written = parse_calendar(out.getvalue().decode("utf-8"))
    event = _master(written)
    assert event is not None  # the export writes the one event it is given
    base_calendar = parse_calendar(base_text) if base_text else Calendar()
    base = _master(base_calendar) or Component("VEVENT")
    owned = [line for line in event.lines if property_name(line) not in _STAMPS]
    before = [line for line in base.lines if property_name(line) in OWNED - set(_STAMPS)]
    changed = not base_text or sorted(owned) != sorted(before)
    now = f"{utc_text(clock.now())}"
    stamp = base.first("DTSTAMP") if not changed else None
    uid = [line for line in owned if property_name(line) == "UID"]
    lines = [*uid, stamp or f"DTSTAMP:{now}", *(line for line in owned if line not in uid)]
    modified = f"LAST-MODIFIED:{now}" if changed else base.first("LAST-MODIFIED")
    if modified is not None:
        lines.append(modified)
    for line in base.lines:
        if property_name(line) not in OWNED:
            lines.append(next_sequence(line) if changed else line)
    merged = Component("VEVENT", lines, base.nested)
    zones = [c for c in written.components if c.name == "VTIMEZONE"]
    known = {text_value(zone.first("TZID")) for zone in zones}
    for component in base_calendar.components:
        if component.name == "VTIMEZONE" and text_value(component.first("TZID")) not in known:
            zones.append(component)
    text = ["BEGIN:VCALENDAR", "VERSION:2.0", *_calendar_lines(written, base_calendar)]
    for component in zones:
        text += component_lines(component)
    text += component_lines(merged)
    for component in base_calendar.components:
        if component.name not in ("VTIMEZONE",) and component is not _master(base_calendar):
            text += component_lines(component)  # changed occurrences, as the server had them
    text.append("END:VCALENDAR")
    return write_lines(text)


def read_event_uid(text: str) -> str:
    """The UID of the item's event ("" when it has no VEVENT or the VEVENT no UID)."""
    event = _master(parse_calendar(text))
    return text_value(event.first("UID")) if event is not None else ""


def _master(calendar: Calendar) -> Component | None:
    events = [c for c in calendar.components if c.name == "VEVENT"]
    return next((c for c in events if c.first("RECURRENCE-ID") is None), None) or (
        events[0] if events else None
    )


def _calendar_lines(written: Calendar, base: Calendar) -> list[str]:
    lines = [line for line in written.lines if property_name(line) != "VERSION"]
    names = {property_name(line) for line in lines}
    return lines + [line for line in base.lines if property_name(line) not in names | {"VERSION"}]
