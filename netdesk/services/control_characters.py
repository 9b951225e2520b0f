"""Control characters taken out of every record a file brings, before it reaches a database.

A NUL in a name was stored as it was by SQLite and written raw into CSV exports, while
PostgreSQL refused it and with it the whole file. No text field of a contact or an event has
a use for control characters, so every importer's records (vCard, CSV, iCalendar, QR codes)
pass through here once, on both databases alike, and each record that lost some says so.

Removed: C0 controls but tab, line feed and carriage return (which the fields' own cleaning
turns into spaces or keeps as a note's line breaks), DEL, the C1 controls U+0080-U+009F
(what a Windows-1252 file read as Latin-1 leaves, never text) and U+FEFF, a byte order mark
that a joined file carries into the middle of a value, invisible there. The Unicode line and
paragraph separators U+2028 and U+2029 are line breaks, not controls: they become "\\n".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import Any

from netdesk.formats.records import (
    AttendeeInfo,
    ContactRecord,
    EventRecord,
    PostalAddress,
    Problem,
    Typed,
)

# As many reports as a reader lists of its own problems; then one line counts the rest.
REPORT_LIMIT = 1_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SEPARATORS = re.compile(r"[\u2028\u2029]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]")
_NESTED = (Typed, PostalAddress, AttendeeInfo)


def without_control_characters(items: Iterable[object], file: str) -> Iterator[object]:
    """The reader's items with control characters removed from every contact's and event's
    text, and a problem for each record that had some (the first REPORT_LIMIT of them)."""
    reported = unreported = 0
    for item in items:
        if isinstance(item, ContactRecord | EventRecord) and _scrub(item):
            if reported < REPORT_LIMIT:
                reported += 1
                yield Problem(file, item.line, f"control characters removed from {_name(item)}")
            else:
                unreported += 1
        yield item
    if unreported:
        yield Problem(
            file,
            0,
            f"control characters were also removed from the fields of {unreported:,} more "
            f"records (only the first {REPORT_LIMIT:,} are listed)",
        )


def clean_text(value: str) -> str:
    """`value` without control characters, its Unicode line separators made line feeds."""
    if not _NEEDS_WORK.search(value):
        return value
    return _SEPARATORS.sub("\n", _CONTROL.sub("", value))


def _scrub(record: Any) -> bool:
    """Cleans the record's text fields in place; True when a control character was removed
    (a line separator that became a line feed is no loss and is not reported)."""
    removed = False
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, str):
            if _NEEDS_WORK.search(value):
                removed |= bool(_CONTROL.search(value))
                setattr(record, field.name, clean_text(value))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, str):
                    if _NEEDS_WORK.search(element):
                        removed |= bool(_CONTROL.search(element))
                        value[index] = clean_text(element)
                elif isinstance(element, _NESTED):
                    removed |= _scrub(element)
        elif isinstance(value, _NESTED):
            removed |= _scrub(value)
    return removed


def _name(record: ContactRecord | EventRecord) -> str:
    if isinstance(record, EventRecord):
        name = " ".join(record.name.split())
        return f"the fields of the event “{name}”" if name else "the fields of an event"
    name = " ".join(record.formatted_name.split()) or " ".join(
        part for part in (record.given_name, record.family_name) if part
    )
    return f"{name}'s fields" if name else "the fields of a person without a name"
