"""Argument types shared by the command-line modules."""

from __future__ import annotations

import argparse


def positive(text: str) -> int:
    """A whole number of at least 1, as argparse `type=`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def column_map(text: str) -> list[tuple[str, str]]:
    """`--map "Header=field,Other header=ignore"` as (header, CONTACT_FIELDS key) pairs, "" for
    a column left out; a field may also be named by its label ("First name")."""
    from netdesk.formats.csv_mapping import CONTACT_FIELDS

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
