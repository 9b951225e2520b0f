"""What a merge carries over besides the card: rhythms, snoozes, introductions, goal links and
the pictures of paper cards (notes, follow-ups, drafts and attendances are moved by the merge
itself)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from netdesk.models import ContactCardImage, Introduction, ReconnectSnooze, Rhythm, goal_contacts
from netdesk.store import mark_changed


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
    _move_card_images(session, keep_id, other_id)
    session.flush()


def _move_card_images(session: Session, keep_id: int, other_id: int) -> None:
    """The other's card pictures go after the kept person's, in their own order (each card's
    front before its back)."""
    cards = ContactCardImage
    last = session.scalar(select(func.max(cards.position)).where(cards.contact_id == keep_id))
    start = 0 if last is None else last + 1
    moving = list(
        session.scalars(
            select(cards.id).where(cards.contact_id == other_id).order_by(cards.position, cards.id)
        )
    )
    for offset, image_id in enumerate(moving):
        session.execute(
            update(cards)
            .where(cards.id == image_id)
            .values(contact_id=keep_id, position=start + offset)
        )
    if moving:
        mark_changed(session, "contacts")
