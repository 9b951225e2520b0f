"""Cards deleted on the server: the contact goes here too, unless netdesk knows more.

A contact with notes, events, follow-ups or paper-card pictures here (or changed here since the
last sync) stays, unlinked and marked "removed from ACCOUNT"; the others are deleted, with a
snapshot for undo.
"""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.formats.vcard.three_way import record_hash
from netdesk.models import (
    Attendance,
    Contact,
    ContactCardImage,
    FollowUp,
    Note,
    SyncItem,
    SyncUnlinked,
)
from netdesk.services import undo
from netdesk.services.sync.state import CollectionRef, RunContext, items_by_href
from netdesk.services.sync.writing import local_records


def with_history(session: Session, contact_ids: list[int]) -> set[int]:
    """Those of these contacts that have notes, attendances, follow-ups or card pictures here
    (what no server has)."""
    if not contact_ids:
        return set()
    return set(
        session.scalars(
            select(Contact.id).where(
                Contact.id.in_(contact_ids),
                or_(
                    exists().where(Note.contact_id == Contact.id),
                    exists().where(Attendance.contact_id == Contact.id),
                    exists().where(FollowUp.contact_id == Contact.id),
                    exists().where(ContactCardImage.contact_id == Contact.id),
                ),
            )
        )
    )


def apply_server_deletions(ctx: RunContext, coll: CollectionRef, removed: set[str]) -> None:
    if not removed:
        return
    with ctx.db.transaction() as session:
        items = items_by_href(session, coll.id, removed)
        linked = {i.contact_id: i for i in items.values() if i.contact_id is not None}
        ids = sorted(c for c in linked if c is not None)
        keep = with_history(session, ids)
        dirty = [i.contact_id for i in linked.values() if i.dirty and i.contact_id is not None]
        records = local_records(session, dirty)
        keep |= {cid for cid, r in records.items() if record_hash(r) != linked[cid].content_hash}
        names = {
            cid: name
            for cid, name in session.execute(
                select(Contact.id, Contact.formatted_name).where(Contact.id.in_(ids))
            )
        }
        for cid in sorted(keep):
            session.add(
                SyncUnlinked(contact_id=cid, account_name=ctx.account_name, removed_at=clock.now())
            )
            ctx.report.details.append(
                f"kept here, removed from {ctx.account_name}: {names.get(cid, '')}"
            )
        session.execute(delete(SyncItem).where(SyncItem.id.in_([i.id for i in items.values()])))
        gone = [cid for cid in ids if cid not in keep and cid in names]
        if gone:
            label = (
                f"Sync deleted {names[gone[0]]}"
                if len(gone) == 1
                else f"Sync deleted {len(gone)} people"
            )
            snapshot = undo.capture_contact(session, gone, label)
            for contact in session.scalars(select(Contact).where(Contact.id.in_(gone))):
                session.delete(contact)
            ctx.report.deleted += len(gone)
            ctx.report.details.extend(f"deleted here: {names[c]}" for c in gone)
            if ctx.report.deleted_here is None:
                ctx.report.deleted_here = snapshot
            else:
                ctx.report.deleted_here.rows.extend(snapshot.rows)
                ctx.report.deleted_here.label = f"Sync deleted {ctx.report.deleted} people"
