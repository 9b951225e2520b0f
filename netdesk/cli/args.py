"""Argument types shared by the command-line modules."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date


def positive(text: str) -> int:
    """A whole number of at least 1, as argparse `type=`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# More people than any address book holds: a larger --limit means "all of them", and stays
# within the 64-bit integers SQLite and PostgreSQL take for LIMIT.
MOST_ROWS = 1_000_000_000


def row_limit(text: str) -> int:
    """A positive whole number, as `--limit` takes it: any larger number is all the rows."""
    return min(positive(text), MOST_ROWS)


def column_map(text: str) -> list[tuple[str, str]]:
    """`--map "Header=field,Other header=ignore"` as (header, CONTACT_FIELDS key) pairs, "" for
    a column left out; a field may also be named by its label ("First name")."""
    from netdesk.formats.csv.mapping import CONTACT_FIELDS

    names = {key: key for key in CONTACT_FIELDS}
    names.update({label.casefold(): key for key, label in CONTACT_FIELDS.items()})
    names["ignore"] = ""
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        header, equals, field = part.rpartition("=")
        if not equals or not header.strip():
            raise argparse.ArgumentTypeError(
                f'{part.strip()!r} is not HEADER=FIELD (for example "E-mail=email")'
            )
        key = names.get(field.strip().casefold())
        if key is None:
            listed = ", ".join(CONTACT_FIELDS)
            raise argparse.ArgumentTypeError(
                f"unknown field {field.strip()!r}; the fields are: {listed}, or ignore"
            )
        pairs.append((header.strip(), key))
    return pairs


def checked_columns(maps: Sequence[Sequence[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The pairs of every `--map` option, in order. Raises ValueError naming a header mapped
    to two different fields (the last would silently win), or two headers mapped to the same
    birthday (one would overwrite the other). Other fields that several columns fill keep
    every value: emails, phones and notes add up, names and address parts are joined."""
    from netdesk.formats.csv.columns import meaning_for
    from netdesk.formats.csv.layout_columns import normalise_header

    fields: dict[str, str] = {}
    birthdays: dict[str, str] = {}
    pairs = []
    for header, key in (pair for pairs in maps for pair in pairs):
        name = normalise_header(header)
        if name in fields:
            taken = fields[name]
            if taken != key:
                raise ValueError(
                    f"--map names the column {header!r} twice, as {taken or 'ignore'} and as "
                    f"{key or 'ignore'}; say once what it holds"
                )
            continue
        fields[name] = key
        if key == "birthday":
            part = meaning_for(header, key).kind  # "", or "year", "month", "day"
            if part in birthdays:
                raise ValueError(
                    f"--map maps both {birthdays[part]!r} and {header!r} to birthday, and a "
                    "person has one; map the other column to note"
                )
            birthdays[part] = header
        pairs.append((header, key))
    return pairs


def day(text: str) -> date:
    """A date as YYYY-MM-DD, as argparse `type=`."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
