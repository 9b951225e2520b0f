"""A file's person merged into a contact we already have (with the ORM, one contact at a time),
or two people of one file merged before either is written."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session, selectinload

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, Typed
from netdesk.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    Tag,
)
from netdesk.services.bulk import clip, column_length
from netdesk.services.contact_cleaning import union_kinds
from netdesk.services.contact_rows import address_values
from netdesk.services.tags import clean_tag_names
from netdesk.text import fold, sort_key_for_name


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
                ContactAddress(position=len(contact.addresses), **address_values(a))
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
    base.card_images = [*base.card_images, *other.card_images]  # a new list: see handle_planned
    if base.attendee is None:
        base.attendee = other.attendee
