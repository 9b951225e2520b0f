"""A contact changed here and on the server, merged field by field against the last synced one.

`three_way(base, local, remote)`: a field changed on one side only takes that side's value;
changed on both sides to the same value, that value; changed differently on both, the record
keeps the value here and a FieldConflict names both, as words the user reads and picks from
(`apply_choice` writes the chosen one back). Nothing is lost: a conflict keeps both values.

Lists (emails, phones, web addresses, postal addresses, tags, kept card lines) merge as sets
against the base: what either side added or removed is added or removed. Entries are matched by
what they are, not by how they are written (emails in lower case, phones by their digits and
extension, web addresses as written, postal addresses by their parts), so an email whose type or
label changed is the same email changed; its type, label and preference merge like fields. An
entry removed on one side and changed on the other stays: the change is something to lose.

Without a base (a contact here matched to a card on the server at the first sync) every list is
the union of both, and a field set differently on both sides is a conflict.

The card's UID is the server's: a CardDAV resource may not change its UID (RFC 6352 5.1), so the
remote one is kept whenever the server has one.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.card_photo import decode_photo, sniff_image
from netdesk.formats.vcard.merge_text import (
    NO_PHOTO,
    address_text,
    address_value_text,
    parse_entry,
    parse_typed,
    photo_text,
    scalar_text,
    typed_text,
)

__all__ = [
    "FIELD_LABELS",
    "FieldConflict",
    "Merged",
    "apply_choice",
    "record_hash",
    "three_way",
]

# What each synced field is called where a person reads it (Sync > Conflicts).
FIELD_LABELS: dict[str, str] = {
    "uid": "Card id",
    "formatted_name": "Full name",
    "given_name": "First name",
    "family_name": "Last name",
    "middle_name": "Middle name",
    "prefix": "Name prefix",
    "suffix": "Name suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Job title",
    "birthday": "Birthday",
    "emails": "Email",
    "phones": "Phone",
    "urls": "Web address",
    "addresses": "Address",
    "photo": "Photo",
    "note": "Note",
    "categories": "Tags",
    "extra_lines": "Other card details",
}

_SCALARS = (
    "formatted_name",
    "given_name",
    "family_name",
    "middle_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "birthday",
    "note",
)
_LISTS = ("emails", "phones", "urls", "addresses", "categories", "extra_lines")
# Not synced: where the record came from and what an event site said (record_hash skips them).
_NOT_SYNCED = frozenset({"line", "source", "attendee"})
_HASHED = tuple(
    part.name for part in dataclasses.fields(ContactRecord) if part.name not in _NOT_SYNCED
)
_NON_DIGITS = re.compile(r"\D")

T = TypeVar("T")


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed differently: `field` is the ContactRecord attribute
    (FIELD_LABELS names it), `local` and `remote` the two values as text."""

    field: str
    local: str
    remote: str


@dataclass
class Merged:
    """The merged record and its conflicts. `local_changed`: the record differs from the one
    here (save it here); `remote_changed`: it differs from the server's (send it)."""

    record: ContactRecord
    conflicts: list[FieldConflict] = field(default_factory=list)
    local_changed: bool = False
    remote_changed: bool = False


def three_way(base: ContactRecord | None, local: ContactRecord, remote: ContactRecord) -> Merged:
    """Merge `local` and `remote` against `base` (None: they were never synced together)."""
    conflicts: list[FieldConflict] = []
    merged = copy.deepcopy(local)
    merged.uid = remote.uid or local.uid
    for name in _SCALARS:
        mine, theirs = getattr(local, name), getattr(remote, name)
        value, clash = _merge_value(
            getattr(base, name) if base is not None else None, mine, theirs, base is not None
        )
        setattr(merged, name, value)
        if clash:
            conflicts.append(FieldConflict(name, scalar_text(mine), scalar_text(theirs)))
    # The picture is its bytes; its media type goes with whichever bytes are kept.
    photo, clash = _merge_value(
        (base.photo or None) if base is not None else None,
        local.photo or None,
        remote.photo or None,
        base is not None,
    )
    merged.photo = photo
    merged.photo_mime = _photo_mime(photo, local, remote)
    if clash:
        conflicts.append(
            FieldConflict("photo", photo_text(local.photo), photo_text(remote.photo, local.photo))
        )
    for name in _LISTS:
        key, text = _LIST_KINDS[name]
        entries, clashes = _merge_list(
            getattr(base, name) if base is not None else None,
            getattr(local, name),
            getattr(remote, name),
            key,
        )
        setattr(merged, name, entries)
        conflicts.extend(FieldConflict(name, text(mine), text(theirs)) for mine, theirs in clashes)
    digest = record_hash(merged)
    return Merged(
        record=merged,
        conflicts=conflicts,
        local_changed=digest != record_hash(local),
        remote_changed=digest != record_hash(remote),
    )


def _photo_mime(photo: bytes | None, local: ContactRecord, remote: ContactRecord) -> str:
    if not photo:
        return ""
    if photo == local.photo and local.photo_mime:
        return local.photo_mime
    return remote.photo_mime if photo == remote.photo else local.photo_mime


def _empty(value: object) -> bool:
    return value is None or value == "" or value is False


def _merge_value(base: Any, local: Any, remote: Any, have_base: bool) -> tuple[Any, bool]:
    """(merged value, whether both sides changed it differently: then the local value)."""
    if local == remote:
        return local, False
    if not have_base:
        if _empty(local):
            return remote, False
        if _empty(remote):
            return local, False
        return local, True
    if local == base:
        return remote, False
    if remote == base:
        return local, False
    return local, True


def _merge_list(
    base: Sequence[T] | None, local: Sequence[T], remote: Sequence[T], key: Callable[[T], object]
) -> tuple[list[T], list[tuple[T, T]]]:
    """Entries merged as sets by `key`, local ones first; with the entries that both sides
    changed differently, as (merged entry, the same with the remote parts that clash): the
    merged entry keeps the local parts, and each differs from the other only where they clash,
    so that choosing either keeps what merged cleanly."""
    # A list one side left as it was is the other side's, in its order.
    if base is not None and _same(local, base, key):
        return copy.deepcopy(list(remote)), []
    if _same(remote, local, key) or (base is not None and _same(remote, base, key)):
        return copy.deepcopy(list(local)), []
    before = _by_key(base or (), key)
    mine = _by_key(local, key)
    theirs = _by_key(remote, key)
    merged: list[T] = []
    clashes: list[tuple[T, T]] = []
    for found, entry in mine.items():
        if found in theirs:
            value, theirs_instead = _merge_entry(before.get(found), entry, theirs[found])
            merged.append(value)
            if theirs_instead is not None:
                clashes.append((copy.deepcopy(value), theirs_instead))
        elif found not in before or entry != before[found]:
            merged.append(copy.deepcopy(entry))  # added here, or changed here and gone there
    for found, entry in theirs.items():
        if found not in mine and (found not in before or entry != before[found]):
            merged.append(copy.deepcopy(entry))
    return merged, clashes


def _same(one: Sequence[T], other: Sequence[T], key: Callable[[T], object]) -> bool:
    """Whether two lists hold the same entries; tags in any order (netdesk keeps them sorted)."""
    if list(one) == list(other):
        return True
    order_free = key is _tag_key
    return order_free and sorted(str(key(x)) for x in one) == sorted(str(key(x)) for x in other)


def _by_key(entries: Sequence[T], key: Callable[[T], object]) -> dict[object, T]:
    keyed: dict[object, T] = {}
    for entry in entries:
        keyed.setdefault(key(entry), entry)
    return keyed


def _merge_entry(base: T | None, local: T, remote: T) -> tuple[T, T | None]:
    """One entry both sides have, merged part by part (its value as written, type, label,
    preference...); with the merged entry as the remote side would have it where parts clash
    (None when none does)."""
    if local == remote:
        return copy.deepcopy(local), None
    if not dataclasses.is_dataclass(local):
        value, _ = _merge_value(base, local, remote, base is not None)
        return value, None  # a tag written in other letters: not worth a question
    merged = copy.deepcopy(local)
    theirs = copy.deepcopy(local)
    clash = False
    for part in dataclasses.fields(local):
        name = part.name
        value, conflict = _merge_value(
            getattr(base, name) if base is not None else None,
            getattr(local, name),
            getattr(remote, name),
            base is not None,
        )
        setattr(merged, name, value)
        setattr(theirs, name, getattr(remote, name) if conflict else value)
        clash = clash or conflict
    return merged, theirs if clash else None


def _email_key(item: Typed) -> object:
    return item.value.strip().lower()


def _phone_key(item: Typed) -> object:
    digits = _NON_DIGITS.sub("", item.value)
    return (digits or item.value.strip().lower(), _NON_DIGITS.sub("", item.extension))


def _url_key(item: Typed) -> object:
    return item.value.strip()


def _address_key(address: PostalAddress) -> object:
    return tuple(getattr(address, name).strip() for name in ADDRESS_PARTS)


def _tag_key(tag: str) -> object:
    return tag.strip().casefold()


def _line_key(line: str) -> object:
    return line


_LIST_KINDS: dict[str, tuple[Callable[[Any], object], Callable[[Any], str]]] = {
    "emails": (_email_key, typed_text),
    "phones": (_phone_key, typed_text),
    "urls": (_url_key, typed_text),
    "addresses": (_address_key, address_text),
    "categories": (_tag_key, str),
    "extra_lines": (_line_key, str),
}


def record_hash(record: ContactRecord) -> str:
    """SHA-256 (hex) of every synced field in a canonical form; the same contact read again
    gives the same hash. Where the record came from (`line`, `source`, `attendee`) is left out."""
    canonical: dict[str, Any] = {}
    for name in _HASHED:
        value = getattr(record, name)
        if name == "photo":
            # The picture's own digest: encoding a 50 KB photo for the text took ten times longer.
            value = hashlib.sha256(value).hexdigest() if value else ""
        elif isinstance(value, date):
            value = value.isoformat()
        elif name == "categories":
            value = sorted(str(_tag_key(tag)) for tag in value)  # tags have no order
        elif isinstance(value, list):
            value = [vars(v) if isinstance(v, (Typed, PostalAddress)) else v for v in value]
        canonical[name] = value
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def apply_choice(
    record: ContactRecord, field: str, text_value: str, source: ContactRecord | None = None
) -> ContactRecord:
    """A copy of `record` with `field` set to the chosen side's conflict text.

    For a list the text holds one entry per line: each replaces the entry it matches, or is
    added. A photo's words cannot bring it back: "no photo" removes it, a `data:` URI
    ("data:image/jpeg;base64,...", which a caller may keep beside the words) sets it, and with
    `source` (the record of the chosen side) the field is copied from there, photo included.
    """
    if field not in FIELD_LABELS:
        raise ValueError(f"not a contact field: {field!r}")
    chosen = copy.deepcopy(record)
    if source is not None:
        setattr(chosen, field, copy.deepcopy(getattr(source, field)))
        if field == "photo":
            chosen.photo_mime = source.photo_mime
        return chosen
    if field == "photo":
        if text_value == NO_PHOTO:
            chosen.photo, chosen.photo_mime = None, ""
        elif text_value.startswith("data:"):
            decoded = decode_photo(text_value.strip(), None)
            if decoded is not None and decoded[0]:
                chosen.photo = decoded[0]
                chosen.photo_mime = sniff_image(decoded[0]) or decoded[1]
    elif field == "birthday":
        chosen.birthday = date.fromisoformat(text_value) if text_value.strip() else None
    elif field in ("emails", "phones", "urls"):
        key = _LIST_KINDS[field][0]
        entries: list[Typed] = getattr(chosen, field)
        for line in text_value.splitlines():
            if line.strip():
                _replace(entries, parse_typed(line), key)
    elif field == "addresses":
        for line in text_value.splitlines():
            if line.strip():
                _choose_address(chosen.addresses, line)
    elif field in ("categories", "extra_lines"):
        items: list[str] = getattr(chosen, field)
        for line in text_value.splitlines():
            if line.strip():
                _replace(items, line, _LIST_KINDS[field][0])
    else:
        setattr(chosen, field, text_value)
    return chosen


def _replace(entries: list[T], entry: T, key: Callable[[T], object]) -> None:
    wanted = key(entry)
    for index, existing in enumerate(entries):
        if key(existing) == wanted:
            entries[index] = entry
            return
    entries.append(entry)


def _choose_address(addresses: list[PostalAddress], line: str) -> None:
    value, kind, preferred, _, label = parse_entry(line)
    for address in addresses:
        if address_value_text(address) == value:
            address.kind, address.preferred, address.label = kind, preferred, label
            return
    # Not an address the record has: kept all the same, as written.
    addresses.append(PostalAddress(street=value, kind=kind, preferred=preferred, label=label))
