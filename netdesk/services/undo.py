"""Snapshots of deleted rows so that a delete can be undone with the same ids.

A snapshot is plain data (table name -> list of column dicts), taken inside the deleting
transaction and restored in one transaction; the search index follows through the ORM events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from netdesk.models import (
    Attendance,
    Base,
    Contact,
    ContactAddress,
    ContactCardImage,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    EmailDraft,
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
from netdesk.services.bulk import table_of
from netdesk.services.errors import ServiceError
from netdesk.store import KIND_OF_TABLE, mark_changed, search_index
from netdesk.store import refresh_search as _refresh_search


@dataclass
class Snapshot:
    """Rows removed by one delete, in an order that can be inserted back (parents first)."""

    label: str
    rows: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)

    def add(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.rows.append((table.name, rows))


def _rows(session: Session, table: Table, *where: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in session.execute(select(table).where(*where))]


def capture_contact(session: Session, contact_ids: list[int], label: str) -> Snapshot:
    snap = Snapshot(label)
    snap.add(table_of(Contact), _rows(session, table_of(Contact), Contact.id.in_(contact_ids)))
    for model in (
        ContactEmail,
        ContactPhone,
        ContactUrl,
        ContactAddress,
        ContactExtraProperty,
        ContactCardImage,
        Attendance,
        Note,
        FollowUp,
        Rhythm,
        ReconnectSnooze,
    ):
        table = table_of(model)
        snap.add(table, _rows(session, table, table.c.contact_id.in_(contact_ids)))
    intros = table_of(Introduction)
    snap.add(
        intros,
        _rows(
            session,
            intros,
            intros.c.first_id.in_(contact_ids) | intros.c.second_id.in_(contact_ids),
        ),
    )
    # After notes, follow-ups and introductions: a draft points at all three.
    drafts = table_of(EmailDraft)
    snap.add(drafts, _rows(session, drafts, drafts.c.contact_id.in_(contact_ids)))
    links = contact_tags.c.contact_id.in_(contact_ids)
    _add_tags_of(session, snap, select(contact_tags.c.tag_id).where(links))
    snap.add(contact_tags, _rows(session, contact_tags, links))
    _add_goal_links(session, snap, goal_contacts, goal_contacts.c.contact_id.in_(contact_ids))
    notes, followups = table_of(Note).c, table_of(FollowUp).c
    note_ids = select(notes.id).where(notes.contact_id.in_(contact_ids))
    followup_ids = select(followups.id).where(followups.contact_id.in_(contact_ids))
    _add_goal_links(session, snap, goal_notes, goal_notes.c.note_id.in_(note_ids))
    _add_goal_links(session, snap, goal_followups, goal_followups.c.followup_id.in_(followup_ids))
    return snap


def _add_goal_links(session: Session, snap: Snapshot, table: Table, where: Any) -> None:
    """Links to goals go with what they link (the goal itself stays): undo puts them back
    unless the goal was deleted since, when they are left out."""
    snap.add(table, _rows(session, table, where))


def capture_event(session: Session, event_id: int, label: str) -> Snapshot:
    snap = Snapshot(label)
    snap.add(table_of(Event), _rows(session, table_of(Event), Event.id == event_id))
    snap.add(
        table_of(Attendance), _rows(session, table_of(Attendance), Attendance.event_id == event_id)
    )
    links = event_tags.c.event_id == event_id
    _add_tags_of(session, snap, select(event_tags.c.tag_id).where(links))
    snap.add(event_tags, _rows(session, event_tags, links))
    aims = table_of(EventAim)
    snap.add(aims, _rows(session, aims, aims.c.event_id == event_id))
    _add_goal_links(session, snap, goal_events, goal_events.c.event_id == event_id)
    # Notes and follow-ups survive an event's deletion (their event_id is set to NULL):
    # remember which ones pointed at it so that undo can point them back.
    for model in (Note, FollowUp):
        table = table_of(model)
        ids = session.execute(select(table.c.id).where(table.c.event_id == event_id)).scalars()
        snap.rows.append((f"relink:{table.name}", [{"id": i, "event_id": event_id} for i in ids]))
    return snap


def capture_tag(session: Session, tag_id: int, label: str) -> Snapshot:
    snap = Snapshot(label)
    snap.add(table_of(Tag), _rows(session, table_of(Tag), Tag.id == tag_id))
    snap.add(contact_tags, _rows(session, contact_tags, contact_tags.c.tag_id == tag_id))
    snap.add(event_tags, _rows(session, event_tags, event_tags.c.tag_id == tag_id))
    snap.add(
        table_of(Rhythm), _rows(session, table_of(Rhythm), table_of(Rhythm).c.tag_id == tag_id)
    )
    snap.add(goal_tags, _rows(session, goal_tags, goal_tags.c.tag_id == tag_id))
    aims = table_of(EventAim)
    ids = session.execute(select(aims.c.id).where(aims.c.tag_id == tag_id)).scalars()
    snap.rows.append((f"relink:{aims.name}", [{"id": i, "tag_id": tag_id} for i in ids]))
    return snap


def capture_goal(session: Session, goal_id: int, label: str) -> Snapshot:
    """The goal, its tags and links; its aims stay on their events (their goal_id is set to
    NULL), so undo points them back."""
    snap = Snapshot(label)
    snap.add(table_of(Goal), _rows(session, table_of(Goal), Goal.id == goal_id))
    links = goal_tags.c.goal_id == goal_id
    _add_tags_of(session, snap, select(goal_tags.c.tag_id).where(links))
    snap.add(goal_tags, _rows(session, goal_tags, links))
    for table in (goal_contacts, goal_events, goal_notes, goal_followups):
        snap.add(table, _rows(session, table, table.c.goal_id == goal_id))
    aims = table_of(EventAim)
    ids = session.execute(select(aims.c.id).where(aims.c.goal_id == goal_id)).scalars()
    snap.rows.append((f"relink:{aims.name}", [{"id": i, "goal_id": goal_id} for i in ids]))
    return snap


def _add_tags_of(session: Session, snap: Snapshot, tag_ids: Any) -> None:
    """The tags themselves go into the snapshot too: if one is deleted (and perhaps typed
    again) before this undo, restoring puts it back or joins the new one by name."""
    snap.add(table_of(Tag), _rows(session, table_of(Tag), Tag.id.in_(tag_ids)))


def capture_rows(session: Session, model: type[Base], row_id: int, label: str) -> Snapshot:
    snap = Snapshot(label)
    table = table_of(model)
    snap.add(table, _rows(session, table, table.c.id == row_id))
    if model is Note:
        _add_goal_links(session, snap, goal_notes, goal_notes.c.note_id == row_id)
    elif model is FollowUp:
        _add_goal_links(session, snap, goal_followups, goal_followups.c.followup_id == row_id)
    return snap


def restore(session: Session, snapshot: Snapshot) -> None:
    """Insert the rows back; raises IntegrityError when what they point to has gone since."""
    tables = Base.metadata.tables
    contact_ids: set[int] = set()
    tag_ids: dict[int, int] = {}
    for name, rows in snapshot.rows:
        if name.startswith("delete:"):
            _delete_unchanged(session, tables[name.removeprefix("delete:")], rows)
            continue
        if name.startswith("relink:"):
            table = tables[name.removeprefix("relink:")]
            for row in rows:
                values = {k: v for k, v in row.items() if k != "id"}
                session.execute(table.update().where(table.c.id == row["id"]).values(**values))
            continue
        table = tables[name]
        if name == "tags":
            rows = _tags_not_recreated(session, rows, tag_ids)
        elif name in ("contact_tags", "event_tags"):
            rows = _missing_links(session, table, rows, tag_ids)
        elif name == "goal_tags":
            rows = _missing_links(session, table, _goals_still_there(session, rows), tag_ids)
        elif name.startswith("goal_"):
            rows = _linked_still_there(session, table, _goals_still_there(session, rows))
        elif name == "rhythms":
            rows = _rhythms_not_set_again(session, rows, tag_ids)
        if rows:
            session.execute(insert(table), rows)
        if name == "contacts":
            contact_ids.update(r["id"] for r in rows)
        elif "contact_id" in table.c:
            # A tag's rhythm belongs to no contact.
            contact_ids.update(r["contact_id"] for r in rows if r["contact_id"] is not None)
        mark_changed(session, KIND_OF_TABLE[name])
    _refresh_search(session, contact_ids)


def fingerprint(session: Session, contact_id: int) -> str:
    """A digest of the contact and every row that hangs on it: what an undo of a merge would
    delete and put back, so that it can tell whether any of it was changed since."""
    parts: list[list[str]] = [
        [
            repr(sorted(r.items()))
            for r in _rows(session, table_of(Contact), Contact.id == contact_id)
        ]
    ]
    for table in (
        *(table_of(m) for m in (ContactEmail, ContactPhone, ContactUrl, ContactAddress)),
        *(table_of(m) for m in (ContactExtraProperty, Attendance, Note, FollowUp)),
        contact_tags,
    ):
        rows = _rows(session, table, table.c.contact_id == contact_id)
        parts.append(sorted(repr(sorted(r.items())) for r in rows))
    # A card picture is never edited, only added or removed: its row without the bytes will do.
    cards = table_of(ContactCardImage)
    pictures = session.execute(
        select(cards.c.id, cards.c.position).where(cards.c.contact_id == contact_id)
    )
    parts.append(sorted(repr(tuple(r)) for r in pictures))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _delete_unchanged(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Remove what a merge made, if it is still as the merge left it, before putting the
    merged people back as they were."""
    for row in rows:
        if fingerprint(session, row["id"]) != row["fingerprint"]:
            raise ServiceError("That merge cannot be undone: the merged contact has changed since.")
        search_index.remove(session.connection(), [row["id"]])
        session.execute(delete(table).where(table.c.id == row["id"]))
        mark_changed(session, KIND_OF_TABLE[table.name])


def _rhythms_not_set_again(
    session: Session, rows: list[dict[str, Any]], tag_ids: dict[int, int]
) -> list[dict[str, Any]]:
    """A tag's rhythm follows the tag to the id it came back under (typed again since); a
    rhythm set meanwhile on the same person or tag is newer and stays."""
    rhythms = table_of(Rhythm)
    keep = []
    for row in rows:
        if row["tag_id"] is not None:
            row = {**row, "tag_id": tag_ids.get(row["tag_id"], row["tag_id"])}
            owner = rhythms.c.tag_id == row["tag_id"]
        else:
            owner = rhythms.c.contact_id == row["contact_id"]
        if session.execute(select(rhythms.c.id).where(owner)).first() is None:
            keep.append(row)
    return keep


def _goals_still_there(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    goals = table_of(Goal)
    wanted = {r["goal_id"] for r in rows}
    there = set(session.scalars(select(goals.c.id).where(goals.c.id.in_(wanted))))
    return [r for r in rows if r["goal_id"] in there]


def _linked_still_there(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A goal's links to a person, event, note or follow-up deleted since it was: left out."""
    other = next(c for c in table.c if c.name != "goal_id")
    target = next(iter(other.foreign_keys)).column
    wanted = {r[other.name] for r in rows}
    there = set(session.scalars(select(target).where(target.in_(wanted))))
    return [r for r in rows if r[other.name] in there]


def _tags_not_recreated(
    session: Session, rows: list[dict[str, Any]], tag_ids: dict[int, int]
) -> list[dict[str, Any]]:
    """A tag deleted and then typed again exists under a new id: undo joins the two."""
    keep = []
    for row in rows:
        existing = session.scalar(select(Tag.id).where(Tag.key == row["key"]))
        if existing is None:
            keep.append(row)
        else:
            tag_ids[row["id"]] = existing
    return keep


def _missing_links(
    session: Session, table: Table, rows: list[dict[str, Any]], tag_ids: dict[int, int]
) -> list[dict[str, Any]]:
    owner = next(c.name for c in table.c if c.name != "tag_id")
    keep = []
    for row in rows:
        row = {**row, "tag_id": tag_ids.get(row["tag_id"], row["tag_id"])}
        present = session.execute(
            select(table.c.tag_id).where(
                table.c[owner] == row[owner], table.c.tag_id == row["tag_id"]
            )
        ).first()
        if present is None:
            keep.append(row)
    return keep
