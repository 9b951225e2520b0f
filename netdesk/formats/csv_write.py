"""Writing people (or an event's attendees) as a CSV file that spreadsheets open safely.

Open the output with `open(path, "w", encoding="utf-8", newline="")`: the writer puts the BOM
Excel needs to see UTF-8 itself and ends rows with CRLF.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from netdesk.formats.control_text import clean_text
from netdesk.formats.csv_values import (
    FORMULA_PREFIXES,
    join_nonempty,
    strip_neutralising_quote,
)
from netdesk.formats.records import ContactRecord, Typed

CONTACT_HEADERS = (
    "Full name",
    "First name",
    "Last name",
    "Organisation",
    "Department",
    "Job title",
    "Email",
    "Email 2",
    "Phone",
    "Phone 2",
    "Web address",
    "City",
    "Country",
    "Birthday",
    "Tags",
    "Note",
)
ATTENDEE_HEADERS = ("Role", "Status")
# How several values share a cell (Email 2, Phone 2, Web address), and how tags do: the
# netdesk layout splits them again on import.
VALUES_SEPARATOR = "; "
TAGS_SEPARATOR = ", "


def neutralise(text: str) -> str:
    """Prefixes a cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+49 30 1234",
    "@SUM(...)") with a single quote, so it is shown as text (OWASP CSV injection advice).
    Leading spaces do not make a cell safe: some spreadsheets skip them. A cell that already
    looks neutralised ("'=1") gets a second quote, since importing takes exactly one away."""
    stripped = text.lstrip(" ")
    if (stripped and stripped[0] in FORMULA_PREFIXES) or strip_neutralising_quote(text) != text:
        return "'" + text
    return text


def _first_two(values: Sequence[Typed]) -> tuple[str, str]:
    """The preferred value, and the others joined with "; " so that none is lost."""
    ordered = sorted(values, key=lambda typed: not typed.preferred)
    texts = [typed.value for typed in ordered if typed.value.strip()]
    return (texts[0] if texts else "", VALUES_SEPARATOR.join(texts[1:]))


def contact_row(record: ContactRecord, attendees: bool = False) -> list[str]:
    """One record's cells, in the order of CONTACT_HEADERS (+ ATTENDEE_HEADERS), neutralised."""
    email, email_2 = _first_two(record.emails)
    phone, phone_2 = _first_two(record.phones)
    urls = sorted(record.urls, key=lambda typed: not typed.preferred)
    addresses = sorted(record.addresses, key=lambda address: not address.preferred)
    address = addresses[0] if addresses else None
    full_name = record.formatted_name or join_nonempty(
        [record.given_name, record.middle_name, record.family_name]
    )
    cells = [
        full_name,
        record.given_name,
        record.family_name,
        record.organization,
        record.department,
        record.title,
        email,
        email_2,
        phone,
        phone_2,
        VALUES_SEPARATOR.join(url.value for url in urls if url.value.strip()),
        address.locality if address else "",
        address.country if address else "",
        record.birthday.isoformat() if record.birthday else "",
        TAGS_SEPARATOR.join(record.categories),
        record.note,
    ]
    if attendees:
        info = record.attendee
        cells += [info.role, info.status] if info else ["", ""]
    # Databases filled before imports removed control characters may still hold a NUL.
    return [neutralise(clean_text(value)) for value in cells]


def write_contacts_csv(
    records: Iterable[ContactRecord], out: TextIO, attendees: bool | None = None
) -> int:
    """Writes a header and one row per record; returns the number of rows written.

    `attendees` adds Role and Status columns. None (the default) adds them when any record has
    attendee information, which means holding all records first; pass True or False to stream
    a large export."""
    if attendees is None:
        records = list(records)
        attendees = any(record.attendee is not None for record in records)
    # Excel only reads a CSV as UTF-8 when it starts with a BOM; "utf-8-sig" writes its own.
    if (getattr(out, "encoding", None) or "").lower().replace("_", "-") != "utf-8-sig":
        out.write("\ufeff")
    writer = csv.writer(out)  # the default dialect: quoted as needed, CRLF line ends
    writer.writerow(CONTACT_HEADERS + (ATTENDEE_HEADERS if attendees else ()))
    count = 0
    for record in records:
        writer.writerow(contact_row(record, attendees))
        count += 1
    return count
