"""Goals: a larger aim ("a job in climate tech by June") with the people, events, notes and
follow-ups that serve it, and per-event aims ("talk to 3 speakers") counted from the people
marked met there."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dates import plural
from netdesk.models import (
    Contact,
    Event,
    EventAim,
    FollowUp,
    Goal,
    Note,
    Role,
    Tag,
    goal_contacts,
    goal_events,
    goal_followups,
    goal_notes,
)
from netdesk.services import undo
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.goal_links import LinkedItem, linked_items
from netdesk.services.goal_progress import AimRow, GoalProgress, GoalRow, aim_rows, goal_rows
from netdesk.services.tags import tags_for
from netdesk.services.validation import typed_text
from netdesk.store import Database, mark_changed

__all__ = ["AimRow", "GoalDetail", "GoalProgress", "GoalRow", "GoalService", "LinkedItem"]

MOST_AIM_TARGET = 10_000
# (link table, its column, the model it points at, what to call it in a message)
_LINKS: dict[str, tuple[Table, str, type, str]] = {
    "contact": (goal_contacts, "contact_id", Contact, "person"),
    "event": (goal_events, "event_id", Event, "event"),
    "note": (goal_notes, "note_id", Note, "note"),
    "followup": (goal_followups, "followup_id", FollowUp, "follow-up"),
}
LINK_KINDS = tuple(_LINKS)


@dataclass(frozen=True)
class GoalDetail:
    row: GoalRow
    links: tuple[LinkedItem, ...]
    aims: tuple[AimRow, ...]


def _check_text(text: str) -> str:
    clean = " ".join(typed_text(text).split())
    if not clean:
        raise ValidationError({"text": "Say what the goal is."})
    if len(clean) > 500:
        raise ValidationError({"text": "Keep it under 500 characters; say more in the notes."})
    return clean


@dataclass(frozen=True)
class _LinkChange:
    created: int | None
    added: frozenset[int]
    gone: frozenset[int]


def _one_link(**given: int | None) -> tuple[str, int]:
    chosen = [(kind, value) for kind, value in given.items() if value is not None]
    if len(chosen) != 1:
        raise ValueError("link exactly one of contact_id, event_id, note_id, followup_id")
    kind, value = chosen[0]
    return kind.removesuffix("_id"), value


def aim_text(target: int, role: str, tag: str) -> str:
    """What an aim says when the user typed nothing: "Talk to 3 speakers", "Meet 5 people
    tagged climate tech"."""
    if role:
        who = role if target == 1 else {"staff": "staff"}.get(role, f"{role}s")
        text = f"Talk to {target} {who}"
    else:
        text = f"Meet {plural(target, 'person', 'people')}"
    return f"{text} tagged {tag}" if tag else text


class GoalService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- goals --------------------------------------------------------------------------------

    def create(
        self,
        text: str,
        target_date: date | None = None,
        tags: Iterable[str] = (),
        description: str = "",
    ) -> int:
        clean = _check_text(text)
        with self.db.transaction() as session:
            goal = Goal(
                text=clean, target_date=target_date, description=typed_text(description).strip()
            )
            goal.tags = tags_for(session, tags)
            session.add(goal)
            session.flush()
            return goal.id

    def update(
        self,
        goal_id: int,
        text: str,
        target_date: date | None = None,
        tags: Iterable[str] = (),
        description: str = "",
    ) -> None:
        clean = _check_text(text)
        with self.db.transaction() as session:
            goal = self._goal(session, goal_id)
            goal.text, goal.target_date = clean, target_date
            goal.description = typed_text(description).strip()
            goal.tags = tags_for(session, tags)

    def set_done(self, goal_id: int, done: bool) -> None:
        with self.db.transaction() as session:
            goal = self._goal(session, goal_id)
            if done and goal.done_at is None:
                goal.done_at = clock.now()
            elif not done:
                goal.done_at = None

    def delete(self, goal_id: int) -> undo.Snapshot:
        """Deletes the goal and its links (what was linked stays); the snapshot undoes it."""
        with self.db.transaction() as session:
            goal = self._goal(session, goal_id)
            snapshot = undo.capture_goal(session, goal_id, f"Delete goal {goal.text[:40]}")
            session.delete(goal)
            session.flush()
            mark_changed(session, "goals")
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)

    def list(self, include_done: bool = False, today: date | None = None) -> list[GoalRow]:
        """Open goals (and done ones when asked), the nearest target date first."""
        stmt = select(Goal)
        if not include_done:
            stmt = stmt.where(Goal.done_at.is_(None))
        stmt = stmt.order_by(
            Goal.done_at.is_not(None), Goal.target_date.is_(None), Goal.target_date, Goal.id
        )
        with self.db.Session() as session:
            return goal_rows(
                session, list(session.scalars(stmt)), today or clock.today(), clock.now()
            )

    def get(self, goal_id: int, today: date | None = None) -> GoalRow:
        with self.db.Session() as session:
            goal = self._goal(session, goal_id)
            return goal_rows(session, [goal], today or clock.today(), clock.now())[0]

    def detail(self, goal_id: int, today: date | None = None) -> GoalDetail:
        with self.db.Session() as session:
            goal = self._goal(session, goal_id)
            row = goal_rows(session, [goal], today or clock.today(), clock.now())[0]
            links = linked_items(session, goal_id)
            aims = aim_rows(session, EventAim.goal_id == goal_id)
            return GoalDetail(row, tuple(links), tuple(aims))

    def goals_for(
        self,
        contact_id: int | None = None,
        event_id: int | None = None,
        note_id: int | None = None,
        followup_id: int | None = None,
    ) -> builtins.list[GoalRow]:
        """The goals this person, event, note or follow-up is linked to."""
        kind, value = _one_link(
            contact_id=contact_id, event_id=event_id, note_id=note_id, followup_id=followup_id
        )
        table, column, _model, _word = _LINKS[kind]
        stmt = (
            select(Goal)
            .join(table, table.c.goal_id == Goal.id)
            .where(table.c[column] == value)
            .order_by(Goal.done_at.is_not(None), Goal.id)
        )
        with self.db.Session() as session:
            return goal_rows(session, list(session.scalars(stmt)), clock.today(), clock.now())

    # -- links --------------------------------------------------------------------------------

    def link(
        self,
        goal_id: int,
        *,
        contact_id: int | None = None,
        event_id: int | None = None,
        note_id: int | None = None,
        followup_id: int | None = None,
    ) -> bool:
        """Link one thing to the goal; False when it was linked already."""
        kind, value = _one_link(
            contact_id=contact_id, event_id=event_id, note_id=note_id, followup_id=followup_id
        )
        return bool(self._change_links(kind, value, link={goal_id}).added)

    def unlink(
        self,
        goal_id: int,
        *,
        contact_id: int | None = None,
        event_id: int | None = None,
        note_id: int | None = None,
        followup_id: int | None = None,
    ) -> bool:
        """Unlink one thing from the goal; False when it was not linked (or is gone)."""
        kind, value = _one_link(
            contact_id=contact_id, event_id=event_id, note_id=note_id, followup_id=followup_id
        )
        return bool(self._change_links(kind, value, unlink={goal_id}).gone)

    def change_links(
        self,
        kind: str,
        item_id: int,
        *,
        link: Iterable[int] = (),
        unlink: Iterable[int] = (),
        new_goal: str = "",
    ) -> int | None:
        """Link goals to one person, event, note or follow-up (`kind` as in LINK_KINDS) and
        unlink others, and link a new goal with the text `new_goal` when there is one: one
        step, all or nothing (Link to goal…). Returns the new goal's id."""
        return self._change_links(
            kind, item_id, link=link, unlink=unlink, new_goal=new_goal
        ).created

    def _change_links(
        self,
        kind: str,
        item_id: int,
        *,
        link: Iterable[int] = (),
        unlink: Iterable[int] = (),
        new_goal: str = "",
    ) -> _LinkChange:
        table, column, model, word = _LINKS[kind]
        to_link, to_unlink = set(link), set(unlink) - set(link)
        text = _check_text(new_goal) if new_goal.strip() else None

        # Run again when another process linked the same thing meanwhile (the link's key):
        # the second run finds the link there and leaves it.
        def work(session: Session) -> _LinkChange:
            # Unlinking asks nothing of the item: one deleted meanwhile has no links left.
            if (to_link or text is not None) and session.get(model, item_id) is None:
                raise NotFoundError(f"That {word} no longer exists.")
            for goal_id in to_link:
                self._goal(session, goal_id)
            mine = table.c[column] == item_id
            linked = set(session.scalars(select(table.c.goal_id).where(mine)))
            added = to_link - linked
            created = None
            if text is not None:
                goal = Goal(text=text)
                session.add(goal)
                session.flush()
                created = goal.id
                added.add(goal.id)
            gone = to_unlink & linked
            if gone:
                session.execute(delete(table).where(mine, table.c.goal_id.in_(gone)))
            if added:
                session.execute(insert(table), [{"goal_id": g, column: item_id} for g in added])
            if added or gone:
                mark_changed(session, "goals")
            return _LinkChange(created, frozenset(added), frozenset(gone))

        return self.db.retrying(work, wait=self.db.quick_wait)

    # -- aims ---------------------------------------------------------------------------------

    def add_aim(
        self,
        event_id: int,
        text: str,
        target: int,
        role: str = "",
        tag: str | None = None,
        goal_id: int | None = None,
    ) -> int:
        """ "Talk to 3 speakers" (role speaker) or "meet 5 people tagged climate tech" (tag) at
        this event; an empty text is made from the target, role and tag."""
        errors = {}
        if not 1 <= target <= MOST_AIM_TARGET:
            errors["target"] = f"Aim for 1 to {MOST_AIM_TARGET:,} people."
        roles = [r.value for r in Role]
        if role and role not in roles:
            errors["role"] = f"Pick one of: {', '.join(roles)}."
        clean = " ".join(typed_text(text).split())[:255]
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            if session.get(Event, event_id) is None:
                raise NotFoundError("That event no longer exists.")
            if goal_id is not None:
                self._goal(session, goal_id)
            found = tags_for(session, [tag]) if tag and tag.strip() else []
            tag_row: Tag | None = found[0] if found else None
            aim = EventAim(
                event_id=event_id,
                goal_id=goal_id,
                text=clean or aim_text(target, role, tag_row.name if tag_row else ""),
                target=target,
                role=role,
                tag_id=tag_row.id if tag_row else None,
            )
            session.add(aim)
            session.flush()
            return aim.id

    def remove_aim(self, aim_id: int) -> undo.Snapshot:
        with self.db.transaction() as session:
            if session.get(EventAim, aim_id) is None:
                raise NotFoundError("That aim no longer exists.")
            snapshot = undo.capture_rows(session, EventAim, aim_id, "Remove aim")
            session.execute(delete(EventAim).where(EventAim.id == aim_id))
            mark_changed(session, "goals")
            return snapshot

    def aims(self, event_id: int) -> builtins.list[AimRow]:
        with self.db.Session() as session:
            return aim_rows(session, EventAim.event_id == event_id)

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _goal(session: Session, goal_id: int) -> Goal:
        goal = session.get(Goal, goal_id)
        if goal is None:
            raise NotFoundError("That goal no longer exists.")
        return goal
