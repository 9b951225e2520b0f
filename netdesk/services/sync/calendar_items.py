"""What the task and event passes share: stable names for their items, deletions sent with
If-Match, and the check before a pass changes anything."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from netdesk.dav.errors import PreconditionFailed
from netdesk.models import SyncAccount, SyncCollection, SyncItem
from netdesk.services.bulk import table_of
from netdesk.services.sync.guards import check_deletions
from netdesk.services.sync.local_changes import deleted_here, item_count
from netdesk.services.sync.remote import RemoteDelta, remote_delta
from netdesk.services.sync.state import CollectionRef, RunContext

CALENDAR = "text/calendar"
ITEMS = table_of(SyncItem)


def namespace(session: Session, coll: CollectionRef) -> str:
    """Part of every task and event UID netdesk makes for this collection: follow-up 5 of one
    database is not follow-up 5 of another database syncing with the same account."""
    row = session.execute(
        select(SyncAccount.created_at, SyncAccount.name)
        .join(SyncCollection, SyncCollection.account_id == SyncAccount.id)
        .where(SyncCollection.id == coll.id)
    ).one()
    seed = f"{row.created_at.isoformat()}|{row.name}|{coll.id}|{coll.url}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:12]


def digest(*values: Any) -> str:
    text = json.dumps([str(v) for v in values], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def start_pass(ctx: RunContext, coll: CollectionRef, owner: str) -> tuple[RemoteDelta, str]:
    """The server's changes (one request when none) and the guards, before any change."""
    with ctx.db.Session() as session:
        delta = remote_delta(ctx.client, session, coll)
        total = item_count(session, coll.id)
        check_deletions(
            collection=coll.name,
            delete_here=0,  # a task or event deleted on the server deletes nothing here
            here_total=0,
            delete_there=len(deleted_here(session, coll.id, owner)),
            there_total=total,
            # Nothing here is deleted for what the server lost, so an empty server is no danger.
            server_reads_empty=False,
            here_reads_empty=False,
            allowed=ctx.allow_mass_delete,
        )
        return delta, namespace(session, coll)


def send_deletions(ctx: RunContext, coll: CollectionRef, owner: str, stage: str) -> None:
    """Items whose follow-up or event was deleted here: DELETE If-Match. A 412 (changed on
    the phone since) leaves the phone's version alone there and forgets it here."""
    with ctx.db.Session() as session:
        gone = [(i.id, i.href, i.etag) for i in deleted_here(session, coll.id, owner)]
    for start in range(0, len(gone), 100):
        ctx.tick(stage, start, len(gone))
        done = []
        for item_id, href, etag in gone[start : start + 100]:
            try:
                ctx.client.delete(href, etag)
                ctx.report.deleted += 1
                ctx.report.details.append(f"deleted on the server: {href}")
            except PreconditionFailed:
                pass
            done.append(item_id)
        with ctx.db.transaction() as session:
            session.execute(delete(SyncItem).where(SyncItem.id.in_(done)))


def settle_items(session: Session, hashes: dict[int, str]) -> None:
    """Items in step: their hash stored, not dirty (after the triggers marked them)."""
    if hashes:
        session.execute(
            update(ITEMS)
            .where(ITEMS.c.id == bindparam("item_id"))
            .values(content_hash=bindparam("hash"), dirty=False),
            [{"item_id": i, "hash": h} for i, h in hashes.items()],
        )


def mark_to_send(session: Session, item_ids: list[int]) -> None:
    if item_ids:
        session.execute(
            update(ITEMS).where(ITEMS.c.id.in_(item_ids)).values(content_hash="", dirty=True)
        )
