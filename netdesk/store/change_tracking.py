"""Keeps the search index in step with every ORM write and tells listeners what changed.

Hooked on the session factory so that no service can forget either: whatever a transaction
touched is re-indexed inside that same transaction, and listeners hear of it after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, sessionmaker

from netdesk.models import (
    Attendance,
    Contact,
    ContactAddress,
    ContactCardImage,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    EmailDraft,
    EmailTemplate,
    Event,
    EventAim,
    FollowUp,
    Goal,
    Introduction,
    Note,
    ReconnectSnooze,
    Rhythm,
    Tag,
    contact_tags,
    event_tags,
    goal_contacts,
    goal_events,
    goal_followups,
    goal_notes,
    goal_tags,
)
from netdesk.store import search_index

KIND_OF: dict[type, str] = {
    Contact: "contacts",
    ContactEmail: "contacts",
    ContactPhone: "contacts",
    ContactUrl: "contacts",
    ContactAddress: "contacts",
    ContactExtraProperty: "contacts",
    ContactCardImage: "contacts",
    Event: "events",
    Attendance: "attendances",
    Note: "notes",
    FollowUp: "followups",
    Tag: "tags",
    EmailTemplate: "templates",
    EmailDraft: "drafts",
    Rhythm: "rhythms",
    ReconnectSnooze: "rhythms",
    Introduction: "introductions",
    Goal: "goals",
    EventAim: "goals",
}
# The same by table name, for writes that bypass the ORM (undo's Core inserts).
KIND_OF_TABLE: dict[str, str] = {
    **{model.__tablename__: kind for model, kind in KIND_OF.items()},  # type: ignore[attr-defined]
    contact_tags.name: "contacts",
    event_tags.name: "events",
    **{
        t.name: "goals" for t in (goal_tags, goal_contacts, goal_events, goal_notes, goal_followups)
    },
}
ALL_KINDS = frozenset(KIND_OF_TABLE.values())
# The PostgreSQL channel every write is announced on (netdesk.store.change_watch listens), with
# "SOURCE KIND,KIND..." as payload; sent inside the transaction, so it goes out at commit.
CHANNEL = "netdesk_changes"
_INDEXED_CHILDREN = (ContactEmail, ContactPhone, Note)


def install_change_tracking(
    factory: sessionmaker[Session], notify: Callable[[frozenset[str]], None], source: str = ""
) -> None:
    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _ctx: Any) -> None:
        kinds: set[str] = session.info.setdefault("changed_kinds", set())
        to_refresh: set[int] = set()
        to_remove: set[int] = set()
        tag_ids: set[int] = set()
        for obj in (*session.new, *session.dirty):
            kinds.add(KIND_OF.get(type(obj), "other"))
            if isinstance(obj, Contact):
                to_refresh.add(obj.id)
            elif isinstance(obj, _INDEXED_CHILDREN):
                to_refresh.add(obj.contact_id)
            elif isinstance(obj, Tag):
                tag_ids.add(obj.id)
        for obj in session.deleted:
            kinds.add(KIND_OF.get(type(obj), "other"))
            if isinstance(obj, Contact):
                to_remove.add(obj.id)
            elif isinstance(obj, _INDEXED_CHILDREN):
                to_refresh.add(obj.contact_id)
            elif isinstance(obj, Tag):
                tag_ids.add(obj.id)
        conn = session.connection()
        if tag_ids:
            to_refresh.update(
                conn.execute(
                    select(contact_tags.c.contact_id).where(contact_tags.c.tag_id.in_(tag_ids))
                ).scalars()
            )
        to_refresh -= to_remove
        if to_remove:
            search_index.remove(conn, to_remove)
        if to_refresh:
            search_index.refresh(conn, to_refresh)

    @event.listens_for(factory, "before_commit")
    def _announce(session: Session) -> None:
        if session.get_bind().dialect.name != "postgresql":
            return
        session.flush()  # what the commit would flush, so that its kinds are known
        kinds = session.info.get("changed_kinds")
        if kinds:
            payload = f"{source} {','.join(sorted(kinds))}"
            session.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": payload})

    @event.listens_for(factory, "after_commit")
    def _after_commit(session: Session) -> None:
        kinds = session.info.pop("changed_kinds", None)
        if kinds:
            notify(frozenset(kinds))

    @event.listens_for(factory, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop("changed_kinds", None)


def mark_changed(session: Session, *kinds: str) -> None:
    """For writes that bypass the ORM unit of work (bulk inserts, Core statements)."""
    session.info.setdefault("changed_kinds", set()).update(kinds)


def refresh_search(session: Session, contact_ids: set[int]) -> None:
    """Re-index contacts written with Core statements (the ORM events do not see those)."""
    if contact_ids:
        search_index.refresh(session.connection(), contact_ids)
