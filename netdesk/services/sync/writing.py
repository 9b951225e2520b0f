"""A card from a server written into netdesk: new people in bulk, changes into a contact.

What only netdesk knows is left alone: notes, attendance, follow-ups, the pictures of their
paper cards, whether the contact is "me", and where they first came from (source). Everything
a vCard carries is replaced by the record, which is the three-way merge of both sides when both
changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.three_way import record_hash
from netdesk.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    contact_tags,
)
from netdesk.services.bulk import table_of
from netdesk.services.contact_cleaning import CONTACT_TEXT, cleaned, phone_key
from netdesk.services.contact_merging import merge_target_options
from netdesk.services.contact_records import records_for
from netdesk.services.contact_rows import TagIds, address_values, child_rows, contact_row
from netdesk.services.tags import tags_for
from netdesk.services.validation import default_region
from netdesk.store import mark_changed, refresh_search
from netdesk.text import sort_key_for_name


class CardUnreadable(Exception):
    """A server item that is not a vCard netdesk can read; the reason is for the report."""


def read_card(text: str, href: str) -> ContactRecord:
    for found in read_vcards(text.encode("utf-8"), file=href):
        if isinstance(found, ContactRecord):
            return cleaned(found if found.source else replace(found, source="vcard"))
        raise CardUnreadable(str(found))
    raise CardUnreadable(f"{href}: no vCard in it")


def same_content(a: ContactRecord, b: ContactRecord) -> bool:
    """Equal in everything a card carries but the UID (a linked card keeps its own)."""
    return comparable_hash(a) == comparable_hash(b)


def comparable_hash(record: ContactRecord) -> str:
    return record_hash(replace(record, uid=""))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def e164s_of(record: ContactRecord) -> list[str]:
    region = default_region()
    return [phone_key(t.value, region) for t in record.phones]


def local_records(session: Session, contact_ids: list[int]) -> dict[int, ContactRecord]:
    """The records of these contacts as a card would carry them (missing ids left out)."""
    present = set(session.scalars(select(Contact.id).where(Contact.id.in_(contact_ids))))
    existing = [i for i in contact_ids if i in present]
    return dict(zip(existing, records_for(session.connection(), existing), strict=True))


def insert_contacts(session: Session, records: list[ContactRecord]) -> list[int]:
    """New people in one bulk insert (as imports do); their ids in the order given."""
    if not records:
        return []
    taken = set(
        session.scalars(
            select(Contact.uid).where(Contact.uid.in_([r.uid for r in records if r.uid]))
        )
    )
    fresh: list[ContactRecord] = []
    for record in records:
        # A UID already here (two cards of one person) cannot be stored twice.
        if record.uid in taken:
            record = replace(record, uid="")
        taken.add(record.uid)
        fresh.append(record)
    contacts = table_of(Contact)
    rows_in = [contact_row(r) for r in fresh]
    # Matched back by UID (unique, and set in every row) rather than asked in the order given:
    # SQLite has no sentinel for that, so SQLAlchemy would insert one row per statement
    # (10,000 statements in a first sync of 10,000 contacts).
    inserted = insert(contacts).returning(contacts.c.uid, contacts.c.id)
    id_of: dict[str, int] = {uid: cid for uid, cid in session.execute(inserted, rows_in)}
    ids = [id_of[row["uid"]] for row in rows_in]
    tags = TagIds(session)
    rows: dict[Any, list[dict[str, Any]]] = {}
    links: list[dict[str, Any]] = []
    for contact_id, record in zip(ids, fresh, strict=True):
        for model, child in child_rows(contact_id, record, e164s_of(record)).items():
            rows.setdefault(model, []).extend(child)
        links.extend(
            {"contact_id": contact_id, "tag_id": t} for t in tags.ids_for(record.categories)
        )
    for model, child in rows.items():
        if child:
            session.execute(insert(table_of(model)), child)
    if links:
        session.execute(insert(contact_tags), links)
    refresh_search(session, set(ids))
    mark_changed(session, "contacts", "tags")
    return ids


def load_contacts(session: Session, contact_ids: list[int]) -> dict[int, Contact]:
    return {
        c.id: c
        for c in session.scalars(
            select(Contact).where(Contact.id.in_(contact_ids)).options(*merge_target_options())
        )
    }


def write_into(session: Session, contact: Contact, record: ContactRecord) -> None:
    """Everything the card carries replaces what the contact had; the rest stays."""
    for name in CONTACT_TEXT:
        if name != "uid":
            setattr(contact, name, getattr(record, name))
    contact.birthday = record.birthday
    contact.photo = record.photo
    contact.note = record.note
    contact.sort_name = sort_key_for_name(
        record.family_name, record.given_name, record.formatted_name
    )
    contact.emails = [_typed(ContactEmail, i, t) for i, t in enumerate(record.emails)]
    phones = []
    for i, (t, e164) in enumerate(zip(record.phones, e164s_of(record), strict=True)):
        row = _typed(ContactPhone, i, t)
        row.e164 = e164
        row.extension = t.extension
        phones.append(row)
    contact.phones = phones
    contact.urls = [_typed(ContactUrl, i, t) for i, t in enumerate(record.urls)]
    contact.addresses = [
        ContactAddress(position=i, **address_values(a)) for i, a in enumerate(record.addresses)
    ]
    contact.extra_properties = [
        ContactExtraProperty(position=i, line=line) for i, line in enumerate(record.extra_lines)
    ]
    contact.tags = tags_for(session, record.categories)


def _typed(model: type, position: int, t: Any) -> Any:
    return model(
        position=position, value=t.value, kind=t.kind, label=t.label, preferred=t.preferred
    )
