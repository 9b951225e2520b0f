"""netdesk's own CSV export (formats.csv.write), read back: the same columns, the same separators;
also the older exports, without the name parts and with only the City and Country of the first
address.

Recognised by its full header, so that a file written by netdesk goes back in without the
column-mapping dialog. The formula guard (a leading quote) is undone for every cell by
formats.csv.read before a row gets here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.formats.csv.layout_columns import Columns, RowConverter, normalise_header
from netdesk.formats.csv.values import cell, set_birthday, split_emails, url_kind
from netdesk.formats.csv.write import (
    ADDRESS_BLOCKS,
    ADDRESS_HEADERS,
    ADDRESS_PART_HEADERS,
    ATTENDEE_HEADERS,
    CONTACT_HEADERS,
    NAME_PART_HEADERS,
    OLD_ADDRESS_HEADERS,
    TAGS_SEPARATOR,
    VALUES_SEPARATOR,
)
from netdesk.formats.records import AttendeeInfo, ContactRecord, PostalAddress, Typed

# What every export has, the older ones with City and Country as much as those with an address
# in columns of its own.
_OWN_HEADERS = tuple(
    normalise_header(header)
    for header in CONTACT_HEADERS
    if header not in ADDRESS_HEADERS and header not in NAME_PART_HEADERS
)
_ROLES = ("attendee", "speaker", "organiser", "sponsor", "exhibitor", "staff")
_STATUSES = ("registered", "checked in", "cancelled")
# The writer joins with "; "; a file edited by hand may have lost the space. The spaces are
# stripped from each value (_values), not matched: "\s*;\s*" tried every start in a run of
# spaces, quadratic (a cell of a million spaces took over ten minutes).
_PHONES_SPLIT = re.compile(";")
_TAGS_SPLIT = re.compile(re.escape(TAGS_SEPARATOR.strip()))
# Web addresses may hold a ";" of their own: only "; " separates them.
_URLS_SPLIT = re.compile(re.escape(VALUES_SEPARATOR.strip()) + r"\s+")


def netdesk_matches(columns: Columns) -> bool:
    return all(name in columns for name in _OWN_HEADERS)


def _values(text: str, separator: re.Pattern[str]) -> list[str]:
    return [part for part in (piece.strip() for piece in separator.split(text)) if part]


def _choice(text: str, choices: Sequence[str], default: str) -> str:
    """A role or status as netdesk names it; an unknown one becomes the default."""
    word = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    return word if word in choices else default


def prepare_netdesk(columns: Columns) -> RowConverter:
    at = {name: columns.get(name) for name in _OWN_HEADERS}
    role, status = (columns.get(normalise_header(header)) for header in ATTENDEE_HEADERS)
    city, country = (columns.get(normalise_header(header)) for header in OLD_ADDRESS_HEADERS)
    middle, prefix, suffix, nickname = (
        columns.get(normalise_header(header)) for header in NAME_PART_HEADERS
    )
    blocks = [
        (
            kind,
            [(attr, columns.get(f"{block} {part}".lower())) for attr, part in ADDRESS_PART_HEADERS],
        )
        for block, kind in ADDRESS_BLOCKS
    ]

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            formatted_name=cell(cells, at["full name"]),
            given_name=cell(cells, at["first name"]),
            family_name=cell(cells, at["last name"]),
            middle_name=cell(cells, middle),
            prefix=cell(cells, prefix),
            suffix=cell(cells, suffix),
            nickname=cell(cells, nickname),
            organization=cell(cells, at["organisation"]),
            department=cell(cells, at["department"]),
            title=cell(cells, at["job title"]),
            note=cell(cells, at["note"]),
            categories=_values(cell(cells, at["tags"]), _TAGS_SPLIT),
            source="csv",
        )
        first, others = cell(cells, at["email"]), cell(cells, at["email 2"])
        record.emails = [Typed(v) for v in [first, *split_emails(others)] if v]
        first, others = cell(cells, at["phone"]), cell(cells, at["phone 2"])
        record.phones = [Typed(v) for v in [first, *_values(others, _PHONES_SPLIT)] if v]
        for url in _values(cell(cells, at["web address"]), _URLS_SPLIT):
            record.urls.append(Typed(url, kind=url_kind(url)))
        for kind, parts in blocks:
            address = PostalAddress(kind=kind)
            for attr, index in parts:
                setattr(address, attr, cell(cells, index))
            if address != PostalAddress(kind=kind):
                record.addresses.append(address)
        locality, land = cell(cells, city), cell(cells, country)  # an older export's
        if locality or land:
            record.addresses.append(PostalAddress(locality=locality, country=land))
        set_birthday(record, cell(cells, at["birthday"]))
        role_text, status_text = cell(cells, role), cell(cells, status)
        if role_text or status_text:
            record.attendee = AttendeeInfo(
                role=_choice(role_text, _ROLES, "attendee"),
                status=_choice(status_text, _STATUSES, "registered"),
            )
        return record

    return convert
