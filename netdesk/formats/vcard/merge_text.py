"""A contact's fields as the words a sync conflict shows, and those words back into the field.

A conflict is stored and shown as text (formats.vcard.three_way.FieldConflict), and choosing a
side writes that text back (three_way.apply_choice). Each entry of a list is one line: its value,
then what the card says about it in brackets, so that the line reads well and parses back:
"ada@example.com  (type: work, cell; preferred; ext. 102; label: Office)". The label comes last
because it is the one part a person types freely (it may hold "; ").
"""

from __future__ import annotations

import re
from datetime import date

from netdesk.formats.records import ADDRESS_PARTS, PostalAddress, Typed

NO_PHOTO = "no photo"
DIFFERENT_PHOTO = "a different photo"
_ATTRIBUTES = re.compile(r"(.*?)  \((.*)\)", re.DOTALL)


def scalar_text(value: object) -> str:
    """A plain field as text: dates in ISO form, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def photo_text(photo: bytes | None, other: bytes | None = None) -> str:
    """The photo as words: "no photo", "a photo (12 KB)"; the second of two different photos
    is "a different photo (15 KB)"."""
    if not photo:
        return NO_PHOTO
    size = f"{max(1, round(len(photo) / 1024))} KB"
    if other and other != photo:
        return f"{DIFFERENT_PHOTO} ({size})"
    return f"a photo ({size})"


def typed_text(item: Typed) -> str:
    return _with_attributes(item.value, item.kind, item.preferred, item.extension, item.label)


def address_text(address: PostalAddress) -> str:
    return _with_attributes(
        address_value_text(address), address.kind, address.preferred, "", address.label
    )


def address_value_text(address: PostalAddress) -> str:
    """The address as one line: its parts that are filled, in card order."""
    return ", ".join(part for part in (getattr(address, name) for name in ADDRESS_PARTS) if part)


def _with_attributes(value: str, kind: str, preferred: bool, extension: str, label: str) -> str:
    attributes = []
    if kind:
        attributes.append("type: " + ", ".join(part for part in kind.split(",") if part))
    if preferred:
        attributes.append("preferred")
    if extension:
        attributes.append(f"ext. {extension}")
    if label:
        attributes.append(f"label: {label}")
    return f"{value}  ({'; '.join(attributes)})" if attributes else value


def parse_entry(line: str) -> tuple[str, str, bool, str, str]:
    """(value, kind, preferred, extension, label) of a line written by typed_text or
    address_text (for an address, the value is address_value_text)."""
    found = _ATTRIBUTES.fullmatch(line)
    if found is None:
        return line, "", False, "", ""
    value, rest = found.groups()
    kind = extension = label = ""
    preferred = False
    while rest:
        if rest.startswith("label: "):
            label, rest = rest[7:], ""
            break
        piece, _, rest = rest.partition("; ")
        if piece.startswith("type: "):
            kind = ",".join(part.strip() for part in piece[6:].split(",") if part.strip())
        elif piece == "preferred":
            preferred = True
        elif piece.startswith("ext. "):
            extension = piece[5:]
        else:  # not written by typed_text: the whole line is the value
            return line, "", False, "", ""
    return value, kind, preferred, extension, label


def parse_typed(line: str) -> Typed:
    value, kind, preferred, extension, label = parse_entry(line)
    return Typed(value=value, kind=kind, label=label, preferred=preferred, extension=extension)
