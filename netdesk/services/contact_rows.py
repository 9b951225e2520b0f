"""People from files as table rows for Core bulk inserts, and the tag ids those rows need.

Imports write with Core bulk inserts (ORM `add_all` is ten times slower: docs/architecture.md,
"Measured"), so a `ContactRecord` is turned into plain row dicts here (tidied first by
contact_cleaning; merging into a contact we already have is in contact_merging).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress, Typed
from netdesk.models import (
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    Tag,
)
from netdesk.models.contact import new_uid
from netdesk.services.bulk import table_of
from netdesk.services.contact_cleaning import CONTACT_TEXT
from netdesk.services.tags import TAG_LENGTH, tag_key
from netdesk.store import insert_missing
from netdesk.text import sort_key_for_name


def contact_row(record: ContactRecord) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(record, name) for name in CONTACT_TEXT}
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
            {"contact_id": contact_id, "position": i, **address_values(a)}
            for i, a in enumerate(record.addresses)
        ],
        ContactExtraProperty: [
            {"contact_id": contact_id, "position": i, "line": line}
            for i, line in enumerate(record.extra_lines)
        ],
    }


def address_values(a: PostalAddress) -> dict[str, Any]:
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
