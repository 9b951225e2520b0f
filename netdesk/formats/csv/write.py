"""Writing people (or an event's attendees) as a CSV file that spreadsheets open safely.

Open the output with `open(path, "w", encoding="utf-8", newline="")`: the writer puts the BOM
Excel needs to see UTF-8 itself and ends rows with CRLF.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from netdesk.formats.control_text import clean_text
from netdesk.formats.csv.values import (
    FORMULA_PREFIXES,
    join_nonempty,
    strip_neutralising_quote,
)
from netdesk.formats.phone_extension import with_extension
from netdesk.formats.records import ContactRecord, PostalAddress, Typed

# Each postal address in its own columns, every part apart, for a work, a home and one other
# address ("Work street", "Home city", "Other postal code"...).
ADDRESS_BLOCKS = (("Work", "work"), ("Home", "home"), ("Other", ""))
ADDRESS_PART_HEADERS = (
    ("street", "street"),
    ("extended", "extended address"),
    ("po_box", "PO box"),
    ("locality", "city"),
    ("region", "region"),
    ("postal_code", "postal code"),
    ("country", "country"),
)
ADDRESS_HEADERS = tuple(
    f"{block} {part}" for block, _kind in ADDRESS_BLOCKS for _attr, part in ADDRESS_PART_HEADERS
)
# Written by netdesk before each address had its own columns: City and Country of the first
# address. Files with them are still read (formats.csv.layouts_netdesk).
OLD_ADDRESS_HEADERS = ("City", "Country")
# The parts of a name beyond first and last (older exports had none of them).
NAME_PART_HEADERS = ("Middle name", "Name prefix", "Name suffix", "Nickname")
CONTACT_HEADERS = (
    "Full name",
    "First name",
    "Last name",
    *NAME_PART_HEADERS,
    "Organisation",
    "Department",
    "Job title",
    "Email",
    "Email 2",
    "Phone",
    "Phone 2",
    "Web address",
    *ADDRESS_HEADERS,
    "Birthday",
    "Tags",
    "Note",
)
ATTENDEE_HEADERS = ("Role", "Status")
# How several values share a cell (Email 2, Phone 2, Web address), and how tags do: the
# netdesk layout splits them again on import.
VALUES_SEPARATOR = "; "
TAGS_SEPARATOR = ", "


# A phone number in international form: "+", digits and the spaces, dots, dashes and
# parentheses people group them with, perhaps an extension ("x102", "ext. 102").
_PHONE = r"\+[0-9][0-9 .()-]*(?:(?i:ext\.?|x) ?[0-9]{1,20})?"
# One or more of them, as the Phone 2 column joins them. No letter but an extension's marker
# (so no function name, nothing for "(" to call), no "=", "@", "|", "!", quote, second "+" or
# line break: a spreadsheet can at most take it for arithmetic, never run anything.
_PHONES_ONLY = re.compile(rf"{_PHONE}(?:{re.escape(VALUES_SEPARATOR)}{_PHONE})*")


def is_phone_only(text: str) -> bool:
    """True for a cell that is nothing but phone numbers ("+46 70 123 45 67"), which needs no
    formula guard: Google and Outlook would import the guard's quote as part of the number."""
    return _PHONES_ONLY.fullmatch(text) is not None


def neutralise(text: str) -> str:
    """Prefixes a cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1+cmd|...",
    "@SUM(...)") with a single quote, so it is shown as text (OWASP CSV injection advice).
    Leading spaces do not make a cell safe: some spreadsheets skip them. A cell that already
    looks neutralised ("'=1") gets a second quote, since importing takes exactly one away.
    A cell that is only a phone number ("+46 70 123 45 67") is written as it is."""
    if is_phone_only(text):
        return text
    stripped = text.lstrip(" ")
    if (stripped and stripped[0] in FORMULA_PREFIXES) or strip_neutralising_quote(text) != text:
        return "'" + text
    return text


def _first_two(values: Sequence[Typed]) -> tuple[str, str]:
    """The preferred value, and the others joined with "; " so that none is lost."""
    ordered = sorted(values, key=lambda typed: not typed.preferred)
    # A phone's extension goes with its number ("+1 418-656-9254 ext. 102"), read back apart.
    texts = [with_extension(t.value, t.extension) for t in ordered if t.value.strip()]
    return (texts[0] if texts else "", VALUES_SEPARATOR.join(texts[1:]))


def _address_blocks(
    addresses: Sequence[PostalAddress],
) -> tuple[list[PostalAddress | None], list[str]]:
    """The addresses in the order of ADDRESS_BLOCKS (a work address in the Work columns, one
    of no such kind or a second home in the Other ones), and, as note lines, those that find
    no free columns, so that none is lost."""
    blocks: list[PostalAddress | None] = [None] * len(ADDRESS_BLOCKS)
    waiting: list[PostalAddress] = []
    other = len(ADDRESS_BLOCKS) - 1
    for address in sorted(addresses, key=lambda address: not address.preferred):
        kinds = address.kind.split(",")
        spot = next((i for i, (_, kind) in enumerate(ADDRESS_BLOCKS) if kind in kinds), other)
        if blocks[spot] is None:
            blocks[spot] = address
        else:
            waiting.append(address)
    if waiting and blocks[other] is None:
        blocks[other] = waiting.pop(0)
    overflow = [
        "Address: "
        + join_nonempty([getattr(address, attr) for attr, _part in ADDRESS_PART_HEADERS], ", ")
        for address in waiting
    ]
    return blocks, overflow


def contact_row(record: ContactRecord, attendees: bool = False) -> list[str]:
    """One record's cells, in the order of CONTACT_HEADERS (+ ATTENDEE_HEADERS), neutralised."""
    email, email_2 = _first_two(record.emails)
    phone, phone_2 = _first_two(record.phones)
    urls = sorted(record.urls, key=lambda typed: not typed.preferred)
    blocks, overflow = _address_blocks(record.addresses)
    note = "\n".join(text for text in (record.note, *overflow) if text)
    full_name = record.formatted_name or join_nonempty(
        [record.given_name, record.middle_name, record.family_name]
    )
    cells = [
        full_name,
        record.given_name,
        record.family_name,
        record.middle_name,
        record.prefix,
        record.suffix,
        record.nickname,
        record.organization,
        record.department,
        record.title,
        email,
        email_2,
        phone,
        phone_2,
        VALUES_SEPARATOR.join(url.value for url in urls if url.value.strip()),
        *(
            getattr(address, attr) if address else ""
            for address in blocks
            for attr, _part in ADDRESS_PART_HEADERS
        ),
        record.birthday.isoformat() if record.birthday else "",
        TAGS_SEPARATOR.join(record.categories),
        note,
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
