"""People from files as table rows, and a file's person merged into a contact we already have.

Imports write with Core bulk inserts (ORM `add_all` measured ten times slower), so a
`ContactRecord` is turned into plain row dicts here; merging uses the ORM, one contact at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netdesk.formats.phone_extension import split_extension
from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress, Typed
from netdesk.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    Tag,
)
from netdesk.models.contact import new_uid
from netdesk.services.bulk import clip, column_length, table_of
from netdesk.services.tags import TAG_LENGTH, clean_tag_names, tag_key
from netdesk.text import fold, sort_key_for_name
from netdesk.upserts import insert_missing

_NOT_DIGITS = re.compile(r"\D")


_CONTACT_TEXT = (
    "uid",
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
    "photo_mime",
)
_CONTACT_LIMITS = {name: column_length(Contact, name) for name in (*_CONTACT_TEXT, "source")}
_CHILD_LIMITS: dict[type, dict[str, int | None]] = {
    model: {name: column_length(model, name) for name in ("value", "kind", "label")}
    for model in (ContactEmail, ContactPhone, ContactUrl)
}
_EXTENSION_LIMIT = column_length(ContactPhone, "extension")
_ADDRESS_LIMITS = {
    name: column_length(ContactAddress, name) for name in (*ADDRESS_PARTS, "kind", "label")
}


def phone_key(value: str, region: str | None) -> str:
    """The E.164 form used to recognise the same number, or "" when it cannot be had.

    Numbers written with their country code need no phone-number library: dropping the
    punctuation is E.164 already, and it is forty times faster on a big import.
    """
    text = value.strip()
    if text.startswith(("+", "00")) and "(" not in text:
        digits = _NOT_DIGITS.sub("", text)
        if text.startswith("00"):
            digits = digits[2:]
        return f"+{digits}" if 7 <= len(digits) <= 15 else ""
    if not any(ch.isdigit() for ch in text):
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    # Only a valid number: "030 1234567" read as a US number would be a wrong E.164 form that
    # never matches the same number written with +49.
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def cleaned(record: ContactRecord) -> ContactRecord:
    """The record with whitespace tidied, empty entries dropped and text fitted to columns."""
    fields: dict[str, Any] = {
        name: clip(" ".join(getattr(record, name).split()), _CONTACT_LIMITS[name])
        for name in _CONTACT_TEXT
        if name not in ("uid", "photo_mime")
    }
    fields["uid"] = clip(record.uid.strip(), _CONTACT_LIMITS["uid"])
    fields["photo_mime"] = clip(record.photo_mime.strip(), _CONTACT_LIMITS["photo_mime"])
    if not fields["formatted_name"]:
        fields["formatted_name"] = " ".join(
            p for p in (fields["given_name"], fields["family_name"]) if p
        )
    fields["emails"] = _typed(record.emails, ContactEmail, lambda t: t.value.casefold())
    fields["phones"] = _typed([_apart(t) for t in record.phones], ContactPhone, _same_phone)
    fields["urls"] = _typed(record.urls, ContactUrl, lambda t: t.value)
    fields["addresses"] = [
        replace(
            a,
            **cast(
                dict[str, Any],
                {n: clip(getattr(a, n).strip(), _ADDRESS_LIMITS[n]) for n in _ADDRESS_LIMITS},
            ),
        )
        for a in record.addresses
        if any(getattr(a, n).strip() for n in ADDRESS_PARTS)
    ]
    fields["categories"] = clean_tag_names(record.categories)
    fields["note"] = record.note.strip()
    fields["source"] = clip(record.source or "import", _CONTACT_LIMITS["source"])
    return replace(record, **fields)


def _apart(phone: Typed) -> Typed:
    """A phone with its extension apart from the number, whoever read it ("… ext. 102" in a
    CSV cell, "x102" typed in another program)."""
    if phone.extension:
        return phone
    number, extension = split_extension(phone.value)
    return replace(phone, value=number, extension=extension) if extension else phone


def _same_phone(phone: Typed) -> tuple[str, str]:
    """The same number is the same E.164 form (or the same digits when it has none), with the
    same extension: a switchboard's extensions are different people's lines."""
    digits = _NOT_DIGITS.sub("", phone.value)
    return phone_key(phone.value, None) or digits or phone.value, phone.extension


def _typed(values: list[Typed], model: type, key: Callable[[Typed], Any]) -> list[Typed]:
    """The non-empty values fitted to their columns; a value listed twice (work and fax, cell
    and voice) is kept once with the types of both, preferred if either was."""
    limits = _CHILD_LIMITS[model]
    if len(values) < 2:
        key = id  # nothing to compare with: a phone's key costs a parse
    seen: dict[Any, Typed] = {}
    kept = []
    for typed in values:
        value = typed.value.strip()
        if not value:
            continue
        typed = replace(typed, value=value)
        same = seen.get(key(typed))
        if same is not None:
            same.kind = clip(union_kinds(same.kind, typed.kind), limits["kind"])
            same.preferred = same.preferred or typed.preferred
            same.label = same.label or clip(typed.label, limits["label"])
            continue
        seen[key(typed)] = kept_typed = Typed(
            value=clip(value, limits["value"]),
            kind=clip(typed.kind, limits["kind"]),
            label=clip(typed.label, limits["label"]),
            preferred=typed.preferred,
            extension=clip(typed.extension.strip(), _EXTENSION_LIMIT),
        )
        kept.append(kept_typed)
    return kept


def union_kinds(first: str, second: str) -> str:
    """ "work" and "fax" give "work,fax": each kind once, in the order they came."""
    kinds = (kind.strip() for kind in f"{first},{second}".split(","))
    return ",".join(dict.fromkeys(kind for kind in kinds if kind))


def contact_row(record: ContactRecord) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(record, name) for name in _CONTACT_TEXT}
    # Every row of a bulk insert needs the same keys, so the default is applied here.
    row["uid"] = row["uid"] or new_uid()
    row.update(
        birthday=record.birthday,
        photo=record.photo,
        note=record.note,
        source=record.source,
        is_me=False,
        sort_name=sort_key_for_name(record.family_name, record.given_name, record.formatted_name),
    )
    return row


def child_rows(
    contact_id: int, record: ContactRecord, e164s: list[str]
) -> dict[type, list[dict[str, Any]]]:
    """Rows of every child table for one new contact."""

    def typed_rows(values: list[Typed]) -> list[dict[str, Any]]:
        return [
            {
                "contact_id": contact_id,
                "position": i,
                "value": t.value,
                "kind": t.kind,
                "label": t.label,
                "preferred": t.preferred,
            }
            for i, t in enumerate(values)
        ]

    phones = typed_rows(record.phones)
    for row, phone, e164 in zip(phones, record.phones, e164s, strict=True):
        row["e164"] = e164
        row["extension"] = phone.extension
    return {
        ContactEmail: typed_rows(record.emails),
        ContactPhone: phones,
        ContactUrl: typed_rows(record.urls),
        ContactAddress: [
            {"contact_id": contact_id, "position": i, **_address_values(a)}
            for i, a in enumerate(record.addresses)
        ],
        ContactExtraProperty: [
            {"contact_id": contact_id, "position": i, "line": line}
            for i, line in enumerate(record.extra_lines)
        ],
    }


def _address_values(a: PostalAddress) -> dict[str, Any]:
    return {n: getattr(a, n) for n in (*ADDRESS_PARTS, "kind", "label", "preferred")}


class TagIds:
    """Tag ids by folded name for one import, creating missing tags with Core inserts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, int] = {
            key: tag_id for tag_id, key in session.execute(select(Tag.id, Tag.key))
        }

    def ids_for(self, names: list[str]) -> list[int]:
        result = []
        for name in names:
            key = tag_key(name)
            tag_id = self.ids.get(key)
            if tag_id is None:
                # Another import running at the same time may have just made the same tag.
                row = {"name": name[:TAG_LENGTH], "key": key}
                insert_missing(self.session, table_of(Tag), [row], ["key"])
                tag_id = self.session.scalars(select(Tag.id).where(Tag.key == key)).one()
                self.ids[key] = tag_id
            if tag_id not in result:
                result.append(tag_id)
        return result


# --- merging into an existing contact ------------------------------------------------------


def merge_target_options() -> list[Any]:
    """Loader options for contacts about to be merged into: every list merge_into extends."""
    return [
        selectinload(Contact.emails),
        selectinload(Contact.phones),
        selectinload(Contact.urls),
        selectinload(Contact.addresses),
        selectinload(Contact.extra_properties),
        selectinload(Contact.tags),
    ]


_FILLABLE = (
    "given_name",
    "family_name",
    "middle_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
)


def merge_into(
    session: Session,
    contact: Contact,
    record: ContactRecord,
    e164s: list[str],
    tags: list[Tag],
) -> None:
    """Fill the contact's empty fields from the record, add the emails, phones, web addresses,
    addresses, tags and kept vCard lines it lacks, and keep both notes."""
    for name in _FILLABLE:
        if not getattr(contact, name) and getattr(record, name):
            setattr(contact, name, getattr(record, name))
    if contact.birthday is None and record.birthday is not None:
        contact.birthday = record.birthday
    # In this order: the photo column is deferred, reading it costs a query per contact.
    if record.photo is not None and contact.photo is None:
        contact.photo = record.photo
        contact.photo_mime = record.photo_mime
    contact.note = merged_note(contact.note, record.note)
    contact.sort_name = sort_key_for_name(
        contact.family_name, contact.given_name, contact.formatted_name
    )
    have = {e.value.casefold(): e for e in contact.emails}
    for t in record.emails:
        if t.value.casefold() in have:
            _add_kinds(have[t.value.casefold()], t.kind)
        else:
            have[t.value.casefold()] = row = _child(ContactEmail, t, len(contact.emails))
            contact.emails.append(row)
    have_phones = {(p.e164 or p.value, p.extension): p for p in contact.phones}
    for t, e164 in zip(record.phones, e164s, strict=True):
        key = (e164 or t.value, t.extension)
        if key in have_phones:
            _add_kinds(have_phones[key], t.kind)
        else:
            have_phones[key] = row = _child(ContactPhone, t, len(contact.phones))
            row.e164 = e164
            row.extension = t.extension
            contact.phones.append(row)
    have_urls = {u.value for u in contact.urls}
    for t in record.urls:
        if t.value not in have_urls:
            have_urls.add(t.value)
            contact.urls.append(_child(ContactUrl, t, len(contact.urls)))
    have_addresses = {_address_key(a) for a in contact.addresses}
    for a in record.addresses:
        if _address_key(a) not in have_addresses:
            have_addresses.add(_address_key(a))
            contact.addresses.append(
                ContactAddress(position=len(contact.addresses), **_address_values(a))
            )
    have_lines = {p.line for p in contact.extra_properties}
    for line in record.extra_lines:
        if line not in have_lines:
            have_lines.add(line)
            contact.extra_properties.append(
                ContactExtraProperty(position=len(contact.extra_properties), line=line)
            )
    for tag in tags:
        if tag not in contact.tags:
            contact.tags.append(tag)


def merged_note(old: str, new: str) -> str:
    old, new = old.strip(), new.strip()
    if not new or new in old:
        return old
    if not old or old in new:
        return new
    return f"{old}\n\n{new}"


def _child(model: type, t: Typed, position: int) -> Any:
    return model(value=t.value, kind=t.kind, label=t.label, preferred=False, position=position)


def _add_kinds(row: Any, kind: str) -> None:
    """The same email or number from another source brings its types (work, fax) along."""
    row.kind = clip(union_kinds(row.kind, kind), column_length(type(row), "kind"))


def _address_key(a: Any) -> tuple[str, ...]:
    return tuple(fold(getattr(a, n)) for n in ADDRESS_PARTS)


def merge_records(
    base: ContactRecord, base_e164s: list[str], other: ContactRecord, other_e164s: list[str]
) -> None:
    """The same merge between two people of one file, before either is written."""
    have_phones = {
        (e or t.value, t.extension): i
        for i, (t, e) in enumerate(zip(base.phones, base_e164s, strict=True))
    }
    for t, e164 in zip(other.phones, other_e164s, strict=True):
        key = (e164 or t.value, t.extension)
        if key in have_phones:
            same = base.phones[have_phones[key]]  # a copy: the plan's records stay as they are
            base.phones[have_phones[key]] = replace(same, kind=union_kinds(same.kind, t.kind))
        else:
            have_phones[key] = len(base.phones)
            base.phones.append(t)
            base_e164s.append(e164)
    for name in _FILLABLE:
        if not getattr(base, name) and getattr(other, name):
            setattr(base, name, getattr(other, name))
    if base.birthday is None:
        base.birthday = other.birthday
    if base.photo is None and other.photo is not None:
        base.photo, base.photo_mime = other.photo, other.photo_mime
    base.note = merged_note(base.note, other.note)
    emails = {t.value.casefold(): i for i, t in enumerate(base.emails)}
    for t in other.emails:
        index = emails.get(t.value.casefold())
        if index is None:
            emails[t.value.casefold()] = len(base.emails)
            base.emails.append(t)
        else:
            same = base.emails[index]
            base.emails[index] = replace(same, kind=union_kinds(same.kind, t.kind))
    urls = {t.value for t in base.urls}
    base.urls += [t for t in other.urls if t.value not in urls]
    addresses = {_address_key(a) for a in base.addresses}
    base.addresses += [a for a in other.addresses if _address_key(a) not in addresses]
    lines = set(base.extra_lines)
    base.extra_lines += [line for line in other.extra_lines if line not in lines]
    base.categories = clean_tag_names([*base.categories, *other.categories])
    if base.attendee is None:
        base.attendee = other.attendee
