"""One calendar object resource (a CalDAV item: one VCALENDAR) as content lines, to rewrite the
parts netdesk owns and give every other line back as the server had it.

Lines are unfolded and decoded as the importer does (formats.ics.blocks.logical_lines); writing
escapes text as icalendar does and folds at 75 octets, never inside a character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from icalendar import vText
from icalendar.parser import Contentline

from netdesk.formats.control_text import clean_text, without_line_controls
from netdesk.formats.ics.blocks import LINE_TOO_LONG, logical_lines
from netdesk.formats.ics.zones import zone
from netdesk.formats.vcard.write_escape import folded

_NAME = re.compile(r"([A-Za-z0-9-]+)[;:]")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)", re.IGNORECASE)


@dataclass
class Component:
    """A component's own property lines and its nested components (each BEGIN..END, as read)."""

    name: str
    lines: list[str] = field(default_factory=list)
    nested: list[list[str]] = field(default_factory=list)

    def first(self, name: str) -> str | None:
        """The first line of property `name` (upper case), or None."""
        return next((line for line in self.lines if property_name(line) == name), None)


@dataclass
class Calendar:
    """A VCALENDAR's own lines and its components in order."""

    lines: list[str] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)


def property_name(line: str) -> str:
    found = _NAME.match(line)
    return found.group(1).upper() if found else ""


def parse_calendar(text: str) -> Calendar:
    """The first VCALENDAR of `text` (lines outside any component are left out)."""
    calendar = Calendar()
    stack: list[str] = []
    current: Component | None = None
    nested: list[str] = []
    for _, line in logical_lines(text.encode("utf-8")):
        if line == LINE_TOO_LONG:
            continue
        name = property_name(line)
        value = line.partition(":")[2].strip().upper()
        if name == "BEGIN":
            if not stack and value != "VCALENDAR":
                stack.append("VCALENDAR")  # a bare component: read as if in its calendar
            stack.append(value)
            if len(stack) == 2:
                current = Component(value)
                calendar.components.append(current)
            elif len(stack) > 2:
                nested.append(line)
            continue
        if name == "END" and value in stack:
            depth = len(stack) - 1 - stack[::-1].index(value)
            if depth >= 2:
                nested.append(line)
            elif len(stack) > 2 and nested:  # an alarm left open: closed where its owner ends
                nested.extend(f"END:{kind}" for kind in reversed(stack[2:]))
            if depth <= 2 and nested and current is not None:
                current.nested.append(nested)
                nested = []
            del stack[depth:]
            if len(stack) < 2:
                current = None
            if not stack:
                break
            continue
        if name in ("BEGIN", "END") or not stack:
            continue  # an END that closes nothing, or text before the calendar
        if len(stack) == 1:
            calendar.lines.append(line)
        elif len(stack) == 2 and current is not None:
            current.lines.append(line)
        elif len(stack) > 2:
            nested.append(line)
    return calendar


def parts(line: str) -> tuple[str, dict[str, str], str] | None:
    """(NAME, parameters with upper-case names, raw value) of a content line; None if broken."""
    try:
        name, params, value = Contentline(line).parts()
    except ValueError:
        return None
    return name.upper(), {key.upper(): str(val) for key, val in params.items()}, value


def text_value(line: str | None) -> str:
    """The unescaped text of a TEXT property line ("" when absent or broken)."""
    found = parts(line) if line is not None else None
    if found is None:
        return ""
    return str(vText.from_ical(found[2])).strip()


def text_line(name: str, value: str) -> str:
    return f"{name}:{vText(clean_text(value)).to_ical().decode('utf-8')}"


def moment_value(line: str | None) -> date | datetime | None:
    """A DATE or DATE-TIME property's value: a date, or an aware datetime (a floating time, or a
    zone nobody knows, is read as UTC)."""
    found = parts(line) if line is not None else None
    if found is None:
        return None
    _, params, value = found
    value = value.strip()
    timed = _DATE_TIME.fullmatch(value)
    if timed is None:
        plain = _DATE.fullmatch(value)
        if plain is None:
            return None
        try:
            return date(*(int(piece) for piece in plain.groups()))
        except ValueError:
            return None
    year, month, day, hour, minute, second = (int(piece) for piece in timed.groups()[:6])
    tz = UTC if timed.group(7) else (zone(params.get("TZID", "")) or UTC)
    try:
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=tz)
    except ValueError:
        return None


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def date_text(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def write_lines(lines: list[str]) -> str:
    """Content lines as text: control characters out, folded, CRLF after each."""
    return "".join(folded(without_line_controls(line)) + "\r\n" for line in lines)


def component_lines(component: Component) -> list[str]:
    out = [f"BEGIN:{component.name}", *component.lines]
    for block in component.nested:
        out.extend(block)
    out.append(f"END:{component.name}")
    return out


def next_sequence(line: str) -> str:
    """A SEQUENCE line counted up, as for any revision of an item (RFC 5545 3.8.7.4); any
    other line as it is."""
    if property_name(line) != "SEQUENCE":
        return line
    head, _, value = line.rpartition(":")
    return f"{head}:{int(value) + 1}" if value.strip().isdigit() else line
