"""What a merge carries over besides the card: rhythms, snoozes, introductions and goal links
(notes, follow-ups, drafts and attendances are moved by the merge itself)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from netdesk.models import Introduction, ReconnectSnooze, Rhythm, goal_contacts


def move_followthrough(session: Session, keep_id: int, other_id: int) -> None:
    """Inside the merge's transaction, before `other_id` is deleted (its rows would cascade)."""
    for model in (Rhythm, ReconnectSnooze):
        # The kept person's own setting wins; the other's is taken only where there is none.
        kept = session.scalar(select(model.id).where(model.contact_id == keep_id))
        if kept is None:
            session.execute(
                update(model).where(model.contact_id == other_id).values(contact_id=keep_id)
            )
    for column in (Introduction.first_id, Introduction.second_id):
        session.execute(update(Introduction).where(column == other_id).values({column: keep_id}))
    # Two duplicates introduced to each other are one person now: nothing left to record.
    session.execute(
        delete(Introduction).where(
            Introduction.first_id == keep_id, Introduction.second_id == keep_id
        )
    )
    goals = goal_contacts.c
    have = set(session.scalars(select(goals.goal_id).where(goals.contact_id == keep_id)))
    moved = [
        {"goal_id": g, "contact_id": keep_id}
        for g in session.scalars(select(goals.goal_id).where(goals.contact_id == other_id))
        if g not in have
    ]
    if moved:
        session.execute(insert(goal_contacts), moved)
    session.flush()
