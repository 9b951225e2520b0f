"""Follow-ups: the queue of promises, grouped by when they are due."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.models import Contact, Event, FollowUp
from netdesk.services import undo
from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.services.records import FollowUpRow
from netdesk.services.validation import typed_text
from netdesk.store import Database


class _Keep(enum.Enum):
    """Marks an argument left out on purpose: "leave this field as it is"."""

    KEEP = "keep"


KEEP = _Keep.KEEP


# One threshold for the "Next 7 days" group and for showing weekday names in the queue.
NEXT_DAYS_SPAN = 7


class Bucket(enum.StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    NEXT_DAYS = f"Next {NEXT_DAYS_SPAN} days"
    LATER = "Later"
    DONE = "Done"


def is_within_next_days(due: date, today: date) -> bool:
    """Tomorrow up to NEXT_DAYS_SPAN days from today: the dates of the "Next 7 days" group."""
    return today < due <= today + timedelta(days=NEXT_DAYS_SPAN)


@dataclass(frozen=True)
class FollowUpState:
    """What marking done and snoozing change, so that undo can put it back."""

    id: int
    done_at: datetime | None
    due_date: date | None


@dataclass(frozen=True)
class StateChange:
    """The rows of one bulk change as they were before it and as it left them."""

    before: tuple[FollowUpState, ...]
    after: tuple[FollowUpState, ...]

    @property
    def ids(self) -> list[int]:
        return [s.id for s in self.after]


def bucket_of(row: FollowUpRow, today: date) -> Bucket:
    if row.done_at is not None:
        return Bucket.DONE
    if row.due_date is None:
        return Bucket.LATER
    if row.due_date < today:
        return Bucket.OVERDUE
    if row.due_date == today:
        return Bucket.TODAY
    if is_within_next_days(row.due_date, today):
        return Bucket.NEXT_DAYS
    return Bucket.LATER


def check_action(action: str) -> str:
    text = " ".join(typed_text(action).split())
    if not text:
        raise ValidationError({"action": "Say what to do."})
    if len(text) > 500:
        raise ValidationError({"action": "Keep it under 500 characters; put details in a note."})
    return text


def _check_event(session: Session, event_id: int | None) -> None:
    if event_id is not None and session.get(Event, event_id) is None:
        raise NotFoundError("That event no longer exists.")


def _rows(
    session: Session, *where: object, order: tuple[Any, ...] = (), limit: int | None = None
) -> list[FollowUpRow]:
    # Plain columns, not ORM objects: the queue can hold tens of thousands of rows.
    stmt = (
        select(
            FollowUp.id,
            FollowUp.contact_id,
            Contact.formatted_name,
            FollowUp.event_id,
            func.coalesce(Event.name, ""),
            FollowUp.action,
            FollowUp.due_date,
            FollowUp.done_at,
        )
        .join(Contact, Contact.id == FollowUp.contact_id)
        .outerjoin(Event, Event.id == FollowUp.event_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(*order)
        .limit(limit)
    )
    return [FollowUpRow(*row) for row in session.execute(stmt)]


class FollowUpService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self, contact_id: int, action: str, due_date: date | None, event_id: int | None = None
    ) -> int:
        text = check_action(action)
        with self.db.transaction() as session:
            if session.get(Contact, contact_id) is None:
                raise NotFoundError("That contact no longer exists.")
            _check_event(session, event_id)
            f = FollowUp(contact_id=contact_id, action=text, due_date=due_date, event_id=event_id)
            session.add(f)
            session.flush()
            return f.id

    def update(
        self,
        followup_id: int,
        action: str,
        due_date: date | None,
        event_id: int | _Keep | None = KEEP,
        opened: tuple[str, date | None, int | None] | None = None,
    ) -> None:
        """Change the action and due date, and the event when one (or None) is given.
        `opened`: (action, due date, event) as the form showed them when it opened; what the
        user left alone keeps what the follow-up holds now (another window may have changed
        it)."""
        text = check_action(action)
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
            if opened is not None:
                text = f.action if action == opened[0] else text
                due_date = f.due_date if due_date == opened[1] else due_date
                event_id = f.event_id if event_id == opened[2] else event_id
            f.action, f.due_date = text, due_date
            if not isinstance(event_id, _Keep):
                _check_event(session, event_id)
                f.event_id = event_id

    def set_done(self, followup_id: int, done: bool = True) -> None:
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
            f.done_at = datetime.now(UTC) if done else None

    def snooze(self, followup_id: int, days: int = 1, today: date | None = None) -> date:
        """Move the due date `days` after today (or after its current date if that is later)."""
        today = today or clock.today()
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
            base = max(today, f.due_date) if f.due_date else today
            f.due_date = base + timedelta(days=days)
            return f.due_date

    def set_done_many(self, followup_ids: Iterable[int], done: bool = True) -> StateChange:
        """Tick off (or reopen) several follow-ups at once: all of them or, on error, none."""
        with self.db.transaction() as session:
            items = self._load_many(session, followup_ids)
            before = _states(items)
            now = datetime.now(UTC) if done else None
            for f in items:
                # Ticking an already-done item again keeps when it was really done.
                if done != (f.done_at is not None):
                    f.done_at = now
            return StateChange(before, _states(items))

    def snooze_many(
        self, followup_ids: Iterable[int], days: int = 1, today: date | None = None
    ) -> StateChange:
        """`snooze` for several follow-ups in one transaction: all of them or none."""
        today = today or clock.today()
        with self.db.transaction() as session:
            items = self._load_many(session, followup_ids)
            before = _states(items)
            for f in items:
                base = max(today, f.due_date) if f.due_date else today
                f.due_date = base + timedelta(days=days)
            return StateChange(before, _states(items))

    def restore_state(
        self, states: Iterable[FollowUpState], expected: Iterable[FollowUpState]
    ) -> None:
        """Put back the done time and due date of each row (undo and redo of the above), but
        only if every row is still as `expected` (as the step left it): an edit made since then
        must not be overwritten. All of them or, on error, none."""
        states = list(states)
        with self.db.transaction() as session:
            items = {f.id: f for f in self._load_many(session, [s.id for s in states])}
            if any(_state(items[e.id]) != e for e in expected if e.id in items):
                raise ServiceError(
                    "That follow-up has changed since, so it was left as it is."
                    if len(states) == 1
                    else "Some of those follow-ups have changed since, so nothing was changed."
                )
            for state in states:
                items[state.id].done_at = state.done_at
                items[state.id].due_date = state.due_date

    def get(self, followup_id: int) -> FollowUpRow:
        with self.db.Session() as session:
            rows = _rows(session, FollowUp.id == followup_id)
            if not rows:
                raise NotFoundError("That follow-up no longer exists.")
            return rows[0]

    def queue(
        self, today: date | None = None, done_limit: int = 50
    ) -> dict[Bucket, list[FollowUpRow]]:
        """Open follow-ups by bucket, soonest first; the most recently done at the end."""
        today = today or clock.today()
        with self.db.Session() as session:
            open_rows = _rows(session, FollowUp.done_at.is_(None))
            done_rows = _rows(
                session,
                FollowUp.done_at.is_not(None),
                order=(FollowUp.done_at.desc(), FollowUp.id.desc()),
                limit=done_limit,
            )
        groups: dict[Bucket, list[FollowUpRow]] = {b: [] for b in Bucket}
        for row in open_rows:
            groups[bucket_of(row, today)].append(row)
        for bucket in (Bucket.OVERDUE, Bucket.TODAY, Bucket.NEXT_DAYS, Bucket.LATER):
            groups[bucket].sort(key=lambda r: (r.due_date or date.max, r.contact_name.casefold()))
        groups[Bucket.DONE] = done_rows  # already newest first, from SQL
        return groups

    def due(
        self, today: date | None = None, limit: int | None = None, since: date | None = None
    ) -> list[FollowUpRow]:
        """Open follow-ups due today or earlier (`since` that day), oldest first (the first
        `limit` of them)."""
        today = today or clock.today()
        after = () if since is None else (FollowUp.due_date >= since,)
        with self.db.Session() as session:
            return _rows(
                session,
                FollowUp.done_at.is_(None),
                FollowUp.due_date <= today,
                *after,
                order=(FollowUp.due_date, Contact.sort_name, FollowUp.id),
                limit=limit,
            )

    def due_counts(self, today: date | None = None) -> tuple[int, int]:
        """How many open follow-ups are (overdue, due today)."""
        today = today or clock.today()
        with self.db.Session() as session:
            overdue, due_today = session.execute(
                select(
                    func.count().filter(FollowUp.due_date < today),
                    func.count().filter(FollowUp.due_date == today),
                ).where(FollowUp.done_at.is_(None), FollowUp.due_date <= today)
            ).one()
        return int(overdue), int(due_today)

    def delete(self, followup_id: int) -> undo.Snapshot:
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
            snapshot = undo.capture_rows(session, FollowUp, followup_id, "Delete follow-up")
            session.delete(f)
            return snapshot

    def delete_many(self, followup_ids: Iterable[int]) -> undo.Snapshot:
        """Delete several follow-ups in one transaction: all of them or, on error, none."""
        with self.db.transaction() as session:
            items = self._load_many(session, followup_ids)
            label = "Delete follow-up" if len(items) == 1 else f"Delete {len(items)} follow-ups"
            snapshot = undo.Snapshot(label)
            table = cast(Table, FollowUp.__table__)
            rows = session.execute(select(table).where(table.c.id.in_([f.id for f in items])))
            snapshot.add(table, [dict(r._mapping) for r in rows])
            for f in items:
                session.delete(f)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)

    @staticmethod
    def _load(session: Session, followup_id: int) -> FollowUp:
        f = session.get(FollowUp, followup_id)
        if f is None:
            raise NotFoundError("That follow-up no longer exists.")
        return f

    @staticmethod
    def _load_many(session: Session, followup_ids: Iterable[int]) -> list[FollowUp]:
        """The follow-ups in the order asked for; NotFoundError if any of them has gone."""
        ids = list(dict.fromkeys(followup_ids))
        found = {f.id: f for f in session.scalars(select(FollowUp).where(FollowUp.id.in_(ids)))}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(
                "That follow-up no longer exists."
                if len(ids) == 1
                else "Some of those follow-ups no longer exist (deleted elsewhere?), "
                "so nothing was changed."
            )
        return [found[i] for i in ids]


def _state(f: FollowUp) -> FollowUpState:
    return FollowUpState(f.id, f.done_at, f.due_date)


def _states(items: list[FollowUp]) -> tuple[FollowUpState, ...]:
    return tuple(_state(f) for f in items)
