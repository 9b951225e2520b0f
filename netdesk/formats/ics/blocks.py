"""Splitting an iCalendar file into lines and components, before icalendar parses anything.

Repairs what would otherwise cost a whole file: byte-order marks, mixed line ends, blank lines
inside folds, lines that are not UTF-8, garbage lines and events cut off without END:VEVENT.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from icalendar.parser import Contentline

from netdesk.formats.ics.zones import clean_tzid
from netdesk.formats.problem_limit import ProblemList
from netdesk.formats.records import Problem

_DATE_PROPERTIES = {"DTSTART", "DTEND", "DURATION", "DUE", "RECURRENCE-ID"}

# Limits that turn a hostile or broken file into clear messages instead of exhausted memory or
# time; what breaks one costs that line or component only, the other events are still read.
# No property netdesk reads comes near a megabyte (a long DESCRIPTION is a few kilobytes).
MAX_LINE_BYTES = 1_000_000
# Real files nest three levels (VCALENDAR > VTIMEZONE > STANDARD, VEVENT > VALARM); deeper
# BEGINs are ignored, so a file of 20,000 BEGIN lines cannot make the scan quadratic.
MAX_DEPTH = 10
# Per event or time zone: icalendar parses an event whole, 10,000 properties take it a
# third of a second; more is a generated or corrupt file.
MAX_PROPERTIES = 10_000
# What logical_lines gives for a line over MAX_LINE_BYTES: NUL never begins a content line.
LINE_TOO_LONG = "\0line too long"
# A line without parameters ("BEGIN:VEVENT", "SUMMARY:Talk"): split here, since icalendar's
# parser walks every line character by character in Python, and a file of 100,000 nested
# components is mostly such lines. Names with spaces and lines with parameters still go
# through icalendar, so both ways read a line alike.
_SIMPLE_LINE = re.compile(r"([A-Za-z0-9-]+):(.*)", re.DOTALL)


@dataclass
class _Line:
    number: int
    pieces: list[bytes]  # the physical line and its folded continuations
    size: int


def logical_lines(data: bytes) -> list[tuple[int, str]]:
    """Unfolded, decoded content lines with the number of the physical line each starts on."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    elif data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    lines: list[_Line] = []
    for number, raw in enumerate(re.split(rb"\r\n|\r|\n", data), start=1):
        if not raw.strip():
            continue
        if raw[:1] in (b" ", b"\t") and lines:
            # Pieces joined once at the end: adding to bytes each time is quadratic (a
            # 3 MB line in 40,000 folds took seconds), and an over-long line is not kept.
            last = lines[-1]
            last.size += len(raw) - 1
            if last.size <= MAX_LINE_BYTES:
                last.pieces.append(raw[1:])
        else:
            lines.append(_Line(number, [raw], len(raw)))
    return [
        (
            line.number,
            _decode(b"".join(line.pieces)) if line.size <= MAX_LINE_BYTES else LINE_TOO_LONG,
        )
        for line in lines
    ]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


@dataclass
class Block:
    """One VEVENT's own content lines (nested components left out)."""

    line: int
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def line_of(self, name: str) -> int:
        return self.numbers[self.names.index(name)] if name in self.names else self.line

    def is_bare_date(self, name: str) -> bool:
        """Whether the property's value is a date without time ("DTSTART;TZID=X:20060102")."""
        if name not in self.names:
            return False
        line = Contentline(self.lines[self.names.index(name)])
        return re.fullmatch(r"\d{8}", line[line.value_separator_index() + 1 :]) is not None


@dataclass
class Scan:
    problems: ProblemList
    events: list[Block] = field(default_factory=list)
    timezones: dict[str, list[str]] = field(default_factory=dict)  # clean TZID -> VTIMEZONE lines


def scan_components(lines: list[tuple[int, str]], file: str) -> Scan:
    scan = Scan(ProblemList(file))
    stack: list[str] = []
    event: Block | None = None
    event_depth = 0
    event_too_big = False
    tz_lines: list[str] | None = None
    tz_depth = 0
    tzid = ""
    too_deep = 0  # BEGIN lines ignored for MAX_DEPTH
    too_deep_line = 0

    def unterminated(block: Block) -> Problem:
        return Problem(
            file, block.line, "Skipped an event that has no END:VEVENT line (the file is cut off?)"
        )

    for number, text in lines:
        if text == LINE_TOO_LONG:
            scan.problems.add(
                Problem(
                    file, number, f"Ignored a line longer than {MAX_LINE_BYTES:,} bytes (unfolded)"
                )
            )
            continue
        simple = _SIMPLE_LINE.fullmatch(text)
        if simple:
            name, value = simple[1], simple[2]
        else:
            try:
                name, _params, value = Contentline(text).parts()
            except ValueError:
                scan.problems.add(
                    Problem(file, number, f"Ignored a line that is not iCalendar: {_quoted(text)}")
                )
                continue
        upper = name.upper()
        if upper == "BEGIN":
            kind = value.strip().upper()
            if kind == "VEVENT" and event is not None:
                scan.problems.add(unterminated(event))
                del stack[event_depth:]
                event = None
            if len(stack) >= MAX_DEPTH:
                if kind != "VEVENT":
                    too_deep += 1
                    too_deep_line = too_deep_line or number
                    continue
                # Events are what the file is for: one after a pile of unclosed BEGINs is
                # still read, as if those had been closed.
                del stack[MAX_DEPTH - 1 :]
                if tz_lines is not None and tz_depth >= len(stack):
                    tz_lines = None
            stack.append(kind)
            if kind == "VEVENT":
                event, event_depth, event_too_big = Block(number), len(stack) - 1, False
            elif kind == "VTIMEZONE" and event is None and tz_lines is None:
                tz_lines, tz_depth, tzid = [text], len(stack) - 1, ""
            elif tz_lines is not None:
                tz_lines.append(text)
        elif upper == "END":
            kind = value.strip().upper()
            if kind not in stack:
                continue  # a stray END closes nothing
            depth = len(stack) - 1 - stack[::-1].index(kind)
            if event is not None and depth <= event_depth:
                if depth < event_depth:
                    scan.problems.add(unterminated(event))
                elif event_too_big:
                    scan.problems.add(
                        Problem(
                            file,
                            event.line,
                            f"Skipped an event with more than {MAX_PROPERTIES:,} properties",
                        )
                    )
                else:
                    scan.events.append(event)
                event = None
            if tz_lines is not None:
                tz_lines.append(text)
                if depth <= tz_depth:
                    if depth == tz_depth and tzid and len(tz_lines) <= MAX_PROPERTIES:
                        scan.timezones.setdefault(tzid, tz_lines)
                    tz_lines = None
            del stack[depth:]
        elif event is not None:
            if len(stack) == event_depth + 1:
                if len(event.lines) >= MAX_PROPERTIES:
                    event_too_big = True  # kept no further: the event will be skipped
                    continue
                if upper in _DATE_PROPERTIES and value != value.strip():
                    # "DTEND: 20240812T223000Z" (Force.com): the space is not part of the value.
                    cut = Contentline(text).value_separator_index()
                    text = text[: cut + 1] + text[cut + 1 :].strip()
                event.lines.append(text)
                event.numbers.append(number)
                event.names.append(upper)
        elif tz_lines is not None:
            if len(tz_lines) <= MAX_PROPERTIES:  # beyond, the zone is dropped at its END
                tz_lines.append(text)
            if upper == "TZID" and len(stack) == tz_depth + 1:
                tzid = tz_key(value)
    if event is not None:
        scan.problems.add(unterminated(event))
    if too_deep:
        scan.problems.add(
            Problem(
                file,
                too_deep_line,
                f"Ignored {too_deep:,} components nested deeper than {MAX_DEPTH} levels "
                "(the first on this line)",
            )
        )
    return scan


def tz_key(tzid: str) -> str:
    return clean_tzid(tzid).casefold()


def shorten(text: str, limit: int = 60) -> str:
    """The text cut to `limit` characters for a message (a huge value must not become one)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> str:
    return repr(shorten(text))
