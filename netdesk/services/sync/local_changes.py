"""What changed here since the last sync, found without reading every contact.

Database triggers (models/sync_triggers.py) mark the items whose contact changed; contacts
with no item in the collection are new here; items whose contact became NULL were deleted
here. Each is one indexed query, so ten thousand unchanged contacts cost a few milliseconds.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netdesk.models import Contact, SyncItem, SyncUnlinked


def dirty_contact_items(session: Session, collection_id: int) -> list[SyncItem]:
    return list(
        session.scalars(
            select(SyncItem).where(
                SyncItem.collection_id == collection_id,
                SyncItem.dirty.is_(True),
                SyncItem.ignored.is_(False),
                SyncItem.contact_id.is_not(None),
            )
        )
    )


def new_contact_ids(session: Session, collection_id: int, account_name: str) -> list[int]:
    """Contacts not on the server yet; those removed from it and kept here stay off it."""
    # NOT IN over a subquery, not NOT EXISTS: SQLite walked the collection's index once per
    # contact for the latter (12 s with 10,000 contacts), and builds one lookup for the former.
    linked = select(SyncItem.contact_id).where(
        SyncItem.collection_id == collection_id, SyncItem.contact_id.is_not(None)
    )
    unlinked = select(SyncUnlinked.contact_id).where(SyncUnlinked.account_name == account_name)
    return list(
        session.scalars(
            select(Contact.id)
            .where(Contact.id.not_in(linked), Contact.id.not_in(unlinked))
            .order_by(Contact.id)
        )
    )


def deleted_here(session: Session, collection_id: int, owner: str = "contact_id") -> list[SyncItem]:
    """Items whose local row was deleted (the foreign key set their link to NULL)."""
    return list(
        session.scalars(
            select(SyncItem).where(
                SyncItem.collection_id == collection_id,
                SyncItem.ignored.is_(False),
                getattr(SyncItem, owner).is_(None),
            )
        )
    )


def linked_count(session: Session, collection_id: int, owner: str = "contact_id") -> int:
    return (
        session.scalar(
            select(func.count(SyncItem.id)).where(
                SyncItem.collection_id == collection_id,
                SyncItem.ignored.is_(False),
                getattr(SyncItem, owner).is_not(None),
            )
        )
        or 0
    )


def item_count(session: Session, collection_id: int) -> int:
    return (
        session.scalar(
            select(func.count(SyncItem.id)).where(
                SyncItem.collection_id == collection_id, SyncItem.ignored.is_(False)
            )
        )
        or 0
    )
