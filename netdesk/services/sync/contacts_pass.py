"""One address book: what changed there comes here, then what changed here goes there."""

from __future__ import annotations

from sqlalchemy import func, select, update

from netdesk.models import Contact, SyncCollection
from netdesk.services.sync.contacts_receive import ContactsReceiver
from netdesk.services.sync.contacts_send import ContactsSender
from netdesk.services.sync.deletions import apply_server_deletions
from netdesk.services.sync.guards import check_deletions, reads_empty
from netdesk.services.sync.local_changes import deleted_here, item_count, linked_count
from netdesk.services.sync.remote import RemoteDelta, remote_delta
from netdesk.services.sync.state import CollectionRef, RunContext, items_by_href


def sync_contacts(ctx: RunContext, coll: CollectionRef) -> None:
    with ctx.db.Session() as session:
        delta = remote_delta(ctx.client, session, coll)
        removed = items_by_href(session, coll.id, delta.removed)
        there_total = item_count(session, coll.id)
        deleted_locally = len(deleted_here(session, coll.id))
        contacts_here = session.scalar(select(func.count(Contact.id))) or 0
        check_deletions(
            collection=coll.name,
            delete_here=sum(1 for i in removed.values() if i.contact_id is not None),
            here_total=linked_count(session, coll.id),
            delete_there=deleted_locally,
            there_total=there_total,
            server_reads_empty=reads_empty(delta, there_total),
            here_reads_empty=there_total > 0
            and deleted_locally == there_total
            and contacts_here == 0,
            allowed=ctx.allow_mass_delete,
        )
    ContactsReceiver(ctx, coll).receive(delta.changed)
    apply_server_deletions(ctx, coll, delta.removed)
    ContactsSender(ctx, coll).send()
    save_token(ctx, coll, delta)


def save_token(ctx: RunContext, coll: CollectionRef, delta: RemoteDelta) -> None:
    """Last: a run that dies before this asks for the same changes again next time."""
    if delta.token == coll.token:
        return
    with ctx.db.transaction() as session:
        session.execute(
            update(SyncCollection)
            .where(SyncCollection.id == coll.id)
            .values(sync_token=delta.token)
        )
