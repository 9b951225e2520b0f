"""Follow-ups: the queue of promises, grouped by when they are due."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netdesk.db import Database
from netdesk.models import Contact, Event, FollowUp
from netdesk.services import undo
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import FollowUpRow


class _Keep(enum.Enum):
    """Marks an argument left out on purpose: "leave this field as it is"."""

    KEEP = "keep"


KEEP = _Keep.KEEP


class Bucket(enum.StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "This week"
    LATER = "Later"
    DONE = "Done"


def bucket_of(row: FollowUpRow, today: date) -> Bucket:
    if row.done_at is not None:
        return Bucket.DONE
    if row.due_date is None:
        return Bucket.LATER
    if row.due_date < today:
        return Bucket.OVERDUE
    if row.due_date == today:
        return Bucket.TODAY
    if row.due_date <= today + timedelta(days=7):
        return Bucket.THIS_WEEK
    return Bucket.LATER


def check_action(action: str) -> str:
    text = " ".join(action.split())
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
    ) -> None:
        """Change the action and due date, and the event when one (or None) is given."""
        text = check_action(action)
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
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
        today = today or date.today()
        with self.db.transaction() as session:
            f = self._load(session, followup_id)
            base = max(today, f.due_date) if f.due_date else today
            f.due_date = base + timedelta(days=days)
            return f.due_date

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
        today = today or date.today()
        with self.db.Session() as session:
            open_rows = _rows(session, FollowUp.done_at.is_(None))
            done_ids = session.scalars(
                select(FollowUp.id)
                .where(FollowUp.done_at.is_not(None))
                .order_by(FollowUp.done_at.desc())
                .limit(done_limit)
            ).all()
            done_rows = _rows(session, FollowUp.id.in_(done_ids)) if done_ids else []
        groups: dict[Bucket, list[FollowUpRow]] = {b: [] for b in Bucket}
        for row in open_rows:
            groups[bucket_of(row, today)].append(row)
        for bucket in (Bucket.OVERDUE, Bucket.TODAY, Bucket.THIS_WEEK, Bucket.LATER):
            groups[bucket].sort(key=lambda r: (r.due_date or date.max, r.contact_name.casefold()))
        groups[Bucket.DONE] = sorted(
            done_rows, key=lambda r: r.done_at or datetime.min, reverse=True
        )
        return groups

    def due(self, today: date | None = None, limit: int | None = None) -> list[FollowUpRow]:
        """Open follow-ups due today or earlier, oldest first (the first `limit` of them)."""
        today = today or date.today()
        with self.db.Session() as session:
            return _rows(
                session,
                FollowUp.done_at.is_(None),
                FollowUp.due_date <= today,
                order=(FollowUp.due_date, Contact.sort_name, FollowUp.id),
                limit=limit,
            )

    def due_counts(self, today: date | None = None) -> tuple[int, int]:
        """How many open follow-ups are (overdue, due today)."""
        today = today or date.today()
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

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)

    @staticmethod
    def _load(session: Session, followup_id: int) -> FollowUp:
        f = session.get(FollowUp, followup_id)
        if f is None:
            raise NotFoundError("That follow-up no longer exists.")
        return f
