"""What is linked to a goal, as its page lists it: people, events, notes and follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dates import local_day, short_date
from netdesk.models import (
    Contact,
    Event,
    FollowUp,
    Note,
    goal_contacts,
    goal_events,
    goal_followups,
    goal_notes,
)


@dataclass(frozen=True)
class LinkedItem:
    """One thing linked to a goal, as the goal's page lists it."""

    kind: str  # "contact", "event", "note", "followup"
    id: int
    title: str  # the person's name, the event's name, the note's or follow-up's text
    detail: str  # organisation, date, whose note, due date
    contact_id: int | None = None
    event_id: int | None = None
    done: bool = False


def linked_items(session: Session, goal_id: int) -> Sequence[LinkedItem]:
    items: list[LinkedItem] = []
    for cid, name, org in session.execute(
        select(Contact.id, Contact.formatted_name, Contact.organization)
        .join(goal_contacts, goal_contacts.c.contact_id == Contact.id)
        .where(goal_contacts.c.goal_id == goal_id)
        .order_by(Contact.formatted_name, Contact.id)
    ):
        items.append(LinkedItem("contact", cid, name, org or "", contact_id=cid))
    for eid, name, starts_at in session.execute(
        select(Event.id, Event.name, Event.starts_at)
        .join(goal_events, goal_events.c.event_id == Event.id)
        .where(goal_events.c.goal_id == goal_id)
        .order_by(Event.starts_at, Event.id)
    ):
        items.append(LinkedItem("event", eid, name, _when(starts_at), event_id=eid))
    for nid, body, cid, name in session.execute(
        select(Note.id, Note.body, Note.contact_id, Contact.formatted_name)
        .join(goal_notes, goal_notes.c.note_id == Note.id)
        .join(Contact, Contact.id == Note.contact_id)
        .where(goal_notes.c.goal_id == goal_id)
        .order_by(Note.created_at, Note.id)
    ):
        first = " ".join(body.split())
        first = first if len(first) <= 120 else first[:119] + "…"
        items.append(LinkedItem("note", nid, first, f"Note on {name}", contact_id=cid))
    for fid, action, due, done_at, cid, name in session.execute(
        select(
            FollowUp.id,
            FollowUp.action,
            FollowUp.due_date,
            FollowUp.done_at,
            FollowUp.contact_id,
            Contact.formatted_name,
        )
        .join(goal_followups, goal_followups.c.followup_id == FollowUp.id)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(goal_followups.c.goal_id == goal_id)
        .order_by(FollowUp.due_date, FollowUp.id)
    ):
        state = "done" if done_at is not None else (f"due {_when(due)}" if due else "open")
        items.append(
            LinkedItem(
                "followup", fid, action, f"{name} · {state}", contact_id=cid, done=bool(done_at)
            )
        )
    return items


def _when(value: date | datetime) -> str:
    day = local_day(value) if isinstance(value, datetime) else value
    return short_date(day, clock.today())
