"""Contacts read back as `ContactRecord`s, in batches, for export and merging.

Core selects, one per table and batch, rather than ORM loading: exporting ten thousand people
must stay well under vobject's own serialisation time (issue 3's benchmark).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, select

from netdesk.formats.records import ADDRESS_PARTS, AttendeeInfo, ContactRecord, PostalAddress, Typed
from netdesk.models import (
    Attendance,
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    Tag,
    contact_tags,
)
from netdesk.services.bulk import chunks


def _grouped(conn: Connection, stmt: Any) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in conn.execute(stmt):
        groups[row.contact_id].append(row)
    return groups


def _typed(rows: list[Any]) -> list[Typed]:
    return [Typed(r.value, r.kind, r.label, r.preferred, getattr(r, "extension", "")) for r in rows]


def records_for(
    conn: Connection, contact_ids: Sequence[int], event_id: int | None = None
) -> list[ContactRecord]:
    """The records of these contacts, in the order given (missing ids are left out)."""
    ids = list(contact_ids)
    if not ids:
        return []
    children = {}
    for model in (ContactEmail, ContactPhone, ContactUrl):
        columns = [model.contact_id, model.value, model.kind, model.label, model.preferred]
        if model is ContactPhone:
            columns.append(ContactPhone.extension)
        children[model] = _grouped(
            conn,
            select(*columns)
            .where(model.contact_id.in_(ids))
            .order_by(model.contact_id, model.position, model.id),
        )
    addresses = _grouped(
        conn,
        select(ContactAddress)
        .where(ContactAddress.contact_id.in_(ids))
        .order_by(ContactAddress.contact_id, ContactAddress.position, ContactAddress.id),
    )
    extras = _grouped(
        conn,
        select(ContactExtraProperty.contact_id, ContactExtraProperty.line)
        .where(ContactExtraProperty.contact_id.in_(ids))
        .order_by(
            ContactExtraProperty.contact_id,
            ContactExtraProperty.position,
            ContactExtraProperty.id,
        ),
    )
    tags = _grouped(
        conn,
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .where(contact_tags.c.contact_id.in_(ids))
        .order_by(contact_tags.c.contact_id, Tag.key),
    )
    attendance: dict[int, Any] = {}
    if event_id is not None:
        attendance = {
            row.contact_id: row
            for row in conn.execute(
                select(
                    Attendance.contact_id, Attendance.role, Attendance.status, Attendance.notes
                ).where(Attendance.event_id == event_id, Attendance.contact_id.in_(ids))
            )
        }
    by_id: dict[int, ContactRecord] = {}
    for c in conn.execute(select(Contact.__table__).where(Contact.id.in_(ids))):
        a = attendance.get(c.id)
        by_id[c.id] = ContactRecord(
            uid=c.uid,
            formatted_name=c.formatted_name,
            given_name=c.given_name,
            family_name=c.family_name,
            middle_name=c.middle_name,
            prefix=c.prefix,
            suffix=c.suffix,
            nickname=c.nickname,
            organization=c.organization,
            department=c.department,
            title=c.title,
            birthday=c.birthday,
            emails=_typed(children[ContactEmail].get(c.id, [])),
            phones=_typed(children[ContactPhone].get(c.id, [])),
            urls=_typed(children[ContactUrl].get(c.id, [])),
            addresses=[
                PostalAddress(
                    **{n: getattr(r, n) for n in ADDRESS_PARTS},
                    kind=r.kind,
                    label=r.label,
                    preferred=r.preferred,
                )
                for r in addresses.get(c.id, [])
            ],
            photo=c.photo,
            photo_mime=c.photo_mime,
            note=c.note,
            categories=[r.name for r in tags.get(c.id, [])],
            extra_lines=[r.line for r in extras.get(c.id, [])],
            source=c.source,
            attendee=AttendeeInfo(a.role, a.status, a.notes) if a is not None else None,
        )
    return [by_id[i] for i in ids if i in by_id]


def iter_records(
    conn: Connection, contact_ids: Sequence[int], event_id: int | None = None
) -> Iterator[ContactRecord]:
    """Records in batches, so that exporting everybody never holds everybody at once."""
    for chunk in chunks(contact_ids):
        yield from records_for(conn, chunk, event_id)
