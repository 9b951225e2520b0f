"""The fields a CSV column can hold, and turning a row into a ContactRecord by a column mapping
(the one netdesk recognised, the user's in the dialog, or `--map` on the command line)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from netdesk.formats.csv.columns import ADDRESS_FIELDS, guess_mapping, meaning_for
from netdesk.formats.csv.layout_columns import RowConverter
from netdesk.formats.csv.synonyms import Meaning
from netdesk.formats.csv.values import (
    add_note,
    join_nonempty,
    set_birthday,
    split_emails,
    split_multi,
    url_kind,
)
from netdesk.formats.records import ContactRecord, PostalAddress, Typed

__all__ = [
    "CONTACT_FIELDS",
    "IDENTIFYING_FIELDS",
    "REPEATABLE_FIELDS",
    "guess_mapping",
    "mapping_converter",
]

# key -> label in the column-mapping dialog, in the order the dialog lists them.
CONTACT_FIELDS: dict[str, str] = {
    "given_name": "First name",
    "family_name": "Last name",
    "formatted_name": "Full name",
    "middle_name": "Middle name",
    "prefix": "Name prefix",
    "suffix": "Name suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "url": "Web address",
    "street": "Street",
    "po_box": "PO box",
    "locality": "City",
    "region": "State or region",
    "postal_code": "Postcode",
    "country": "Country",
    "birthday": "Birthday",
    "note": "Note",
    "categories": "Tags",
}

# A mapping must give each row one of these, or its people could not be told apart.
IDENTIFYING_FIELDS = frozenset({"formatted_name", "given_name", "family_name", "email"})
# Fields that several columns may fill, each adding a value (notes are joined).
REPEATABLE_FIELDS = frozenset({"email", "phone", "url", "note"})

_NAME_KEYS = ("given_name", "family_name", "formatted_name", "middle_name", "prefix", "suffix")
_TEXT_KEYS = ("nickname", "organization", "department", "title")
_NO_DATE = frozenset({"0/0/00", "0/0/0000", "00.00.0000"})


def _split_values(key: str, text: str) -> list[str]:
    """Several values in one cell: Google's " ::: ", and "; " (how our export writes extra
    emails and web addresses); emails may also be separated by commas."""
    values = split_multi(text)
    if key == "phone":
        return values
    if key == "email":
        return [part for value in values for part in split_emails(value)]
    return [part.strip() for value in values for part in re.split(r";\s+", value) if part.strip()]


def mapping_converter(mapping: dict[int, str], headers: Sequence[str], source: str) -> RowConverter:
    """Turns a row into a record by `mapping` (column index -> CONTACT_FIELDS key); each
    column's header says the kind of its emails and phones and which address its parts are
    of ("Home City" and "Work City" make two addresses)."""
    order = [(index, meaning_for(headers[index], key)) for index, key in sorted(mapping.items())]

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(source=source)
        values: dict[str, list[str]] = {}
        addresses: dict[str, dict[str, list[str]]] = {}
        birthday: dict[str, str] = {}
        for index, meaning in order:
            text = cells[index].strip() if index < len(cells) else ""
            if text:
                _take(record, meaning, text, values, addresses, birthday)
        for key in _NAME_KEYS:
            setattr(record, key, join_nonempty(values.get(key, [])))
        for key in _TEXT_KEYS:
            setattr(record, key, join_nonempty(values.get(key, []), ", "))
        for kind, parts in addresses.items():
            address = PostalAddress(kind=kind)
            for part in ADDRESS_FIELDS:
                setattr(address, part, join_nonempty(parts.get(part, []), ", "))
            record.addresses.append(address)
        _set_birthday(record, birthday)
        for note in values.get("note", []):
            add_note(record, note)
        tags: list[str] = []
        for text in values.get("categories", []):
            for tag in re.split(r":::|[,;]", text):  # each stripped: "\s*" was quadratic
                if tag.strip() and tag.strip() not in tags:
                    tags.append(tag.strip())
        record.categories = tags
        return record

    return convert


def _take(
    record: ContactRecord,
    meaning: Meaning,
    text: str,
    values: dict[str, list[str]],
    addresses: dict[str, dict[str, list[str]]],
    birthday: dict[str, str],
) -> None:
    """One cell into the record (emails, phones, web addresses) or into what is gathered."""
    key, kind = meaning.field, meaning.kind
    if key in ("email", "phone", "url"):
        for value in _split_values(key, text):
            typed = Typed(value, kind, meaning.label, meaning.preferred)
            if key == "email":
                record.emails.append(typed)
            elif key == "phone":
                record.phones.append(typed)
            else:
                typed.kind = url_kind(value, kind)
                record.urls.append(typed)
    elif key in ADDRESS_FIELDS:
        addresses.setdefault(kind, {}).setdefault(key, []).append(text)
    elif key == "birthday":
        birthday[kind] = text
    elif key == "note" and meaning.label:
        if text not in _NO_DATE:
            values.setdefault("note", []).append(f"{meaning.label}: {text}")
    else:
        values.setdefault(key, []).append(text)


def _set_birthday(record: ContactRecord, parts: dict[str, str]) -> None:
    """A birthday in one column, or split over year, month and day (Thunderbird); what is
    not a date goes into the note."""
    if text := parts.get(""):
        set_birthday(record, text)
    if text := parts.get("day first"):
        set_birthday(record, text, day_first=True)
    split = [parts.get(kind, "") for kind in ("year", "month", "day")]
    if not any(split):
        return
    try:
        record.birthday = date(*(int(value) for value in split))
    except (TypeError, ValueError, OverflowError):
        add_note(record, "Birthday: " + "-".join(value or "?" for value in split))
