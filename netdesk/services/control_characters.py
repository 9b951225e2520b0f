"""Control characters taken out of every record a file brings, before it reaches a database.

A NUL in a name was stored as it was by SQLite and written raw into CSV exports, while
PostgreSQL refused it and with it the whole file. No text field of a contact or an event has
a use for control characters, so every importer's records (vCard, CSV, iCalendar, QR codes)
pass through here once, on both databases alike, and each record that lost some says so.

Which characters go is netdesk.formats.control_text's to say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from netdesk.formats.control_text import clean_text, has_control
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

_NESTED = (Typed, PostalAddress, AttendeeInfo)


def without_control_characters(items: Iterable[object], file: str) -> Iterator[object]:
    """The reader's items with control characters removed from every contact's and event's
    text, and a problem for each record that had some (the first REPORT_LIMIT of them)."""
    reported = unreported = 0
    for item in items:
        if isinstance(item, ContactRecord | EventRecord) and _scrub(item):
            if reported < REPORT_LIMIT:
                reported += 1
                yield Problem(
                    file, item.line, f"control characters removed from {_name(item)}", kept=True
                )
            else:
                unreported += 1
        yield item
    if unreported:
        yield Problem(
            file,
            0,
            f"control characters were also removed from the fields of {unreported:,} more "
            f"records (only the first {REPORT_LIMIT:,} are listed)",
            kept=True,
        )


def _scrub(record: Any) -> bool:
    """Cleans the record's text fields in place; True when a control character was removed
    (a line separator that became a line feed is no loss and is not reported)."""
    removed = False
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned is not value:
                removed |= has_control(value)
                setattr(record, field.name, cleaned)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, str):
                    cleaned = clean_text(element)
                    if cleaned is not element:
                        removed |= has_control(element)
                        value[index] = cleaned
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
