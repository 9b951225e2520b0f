"""The review after an event: everyone marked met there who has no open follow-up, dealt with
one at a time (write now, follow up in a few days, or nothing needed), and the events that
ended lately with such people left, for Today to suggest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dates import as_utc, event_day, local_day
from netdesk.models import Attendance, Contact, ContactEmail, Event, FollowUp, Note
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.event_times import ONE_DAY
from netdesk.store import Database

# The longest wait "follow up in N days" takes: beyond a year it is no longer after the event.
MAX_DAYS = 365


@dataclass(frozen=True)
class ReviewPerson:
    attendance_id: int
    contact_id: int
    name: str
    organization: str
    title: str
    has_email: bool


@dataclass(frozen=True)
class EventToReview:
    event_id: int
    name: str
    ended_on: date  # the user's local date (an all-day event's own last day)
    count: int  # people met there still to review


def ended_on(starts_at: datetime, ends_at: datetime | None, all_day: bool) -> date:
    """The day an event ended as the user reads it: a timed event's end (its start when it has
    none) on this computer's calendar; an all-day event's last day, which is a date, not a
    moment, and so the same in every zone."""
    if all_day:
        start = event_day(starts_at, all_day)
        if ends_at is None:
            return start
        return max(start, event_day(ends_at, all_day) - ONE_DAY)
    return local_day(ends_at or starts_at)


def has_ended(
    starts_at: datetime, ends_at: datetime | None, all_day: bool, now: datetime, today: date
) -> bool:
    """Over by now: a timed event once its end (else its start) has passed, an all-day one
    once its last day is."""
    if all_day:
        return ended_on(starts_at, ends_at, all_day) < today
    return as_utc(ends_at or starts_at) <= now


def _to_review() -> ColumnElement[bool]:
    """Marked met, not reviewed yet, and nothing open to do for them."""
    open_followup = exists().where(
        FollowUp.contact_id == Attendance.contact_id, FollowUp.done_at.is_(None)
    )
    return Attendance.met.is_(True) & Attendance.reviewed_at.is_(None) & ~open_followup


class EventReviewService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def people_to_review(self, event_id: int) -> list[ReviewPerson]:
        """Everyone marked met at the event with no open follow-up and not reviewed yet, in
        name order."""
        has_email = exists().where(ContactEmail.contact_id == Contact.id)
        with self.db.Session() as session:
            rows = session.execute(
                select(
                    Attendance.id,
                    Contact.id,
                    Contact.formatted_name,
                    Contact.organization,
                    Contact.title,
                    has_email,
                )
                .join(Contact, Contact.id == Attendance.contact_id)
                .where(Attendance.event_id == event_id, _to_review())
                .order_by(Contact.sort_name, Contact.id)
            )
            return [ReviewPerson(*row) for row in rows]

    def met_count(self, event_id: int) -> int:
        """How many people are marked met at the event, reviewed or not."""
        with self.db.Session() as session:
            count = session.scalar(
                select(func.count(Attendance.id)).where(
                    Attendance.event_id == event_id, Attendance.met.is_(True)
                )
            )
        return int(count or 0)

    def noted(self, attendance_id: int) -> list[tuple[str, str]]:
        """What was noted about the person at that event, oldest first, as (topic, text): the
        note on their line of the event's people ("" as topic), then the notes filed under
        the event."""
        with self.db.Session() as session:
            a = self._load(session, attendance_id)
            lines = [("", a.notes)] if a.notes.strip() else []
            notes = session.execute(
                select(Note.topic, Note.body)
                .where(Note.contact_id == a.contact_id, Note.event_id == a.event_id)
                .order_by(Note.created_at, Note.id)
            )
            lines.extend((topic, body) for topic, body in notes)
            return lines

    def events_to_review(
        self, today: date, days: int = 3, now: datetime | None = None
    ) -> list[EventToReview]:
        """The events that ended in the last `days` days (today included, local dates) with
        people left to review, the latest ended first."""
        now = now or clock.now()
        end = func.coalesce(Event.ends_at, Event.starts_at)
        # A wide net in SQL (a day's margin for every zone), the exact rule below in Python.
        since = now - timedelta(days=days + 2)
        with self.db.Session() as session:
            rows = session.execute(
                select(
                    Event.id,
                    Event.name,
                    Event.starts_at,
                    Event.ends_at,
                    Event.all_day,
                    func.count(Attendance.id),
                )
                .join(Attendance, Attendance.event_id == Event.id)
                .where(
                    # The few events in the window first, then their people: joined the other
                    # way round, SQLite read every attendance of every event (90 ms at 100,000).
                    Event.id.in_(
                        select(Event.id).where(
                            end >= since, Event.starts_at <= now + timedelta(days=2)
                        )
                    ),
                    _to_review(),
                )
                .group_by(Event.id)
            ).all()
        found = [
            EventToReview(event_id, name, ended_on(starts, ends, all_day), int(count))
            for event_id, name, starts, ends, all_day, count in rows
            if has_ended(starts, ends, all_day, now, today)
        ]
        first = today - timedelta(days=days)
        found = [e for e in found if first <= e.ended_on <= today]
        return sorted(found, key=lambda e: (e.ended_on, e.event_id), reverse=True)

    def next_end(self, now: datetime | None = None) -> datetime | None:
        """When the next timed event with people met there to review ends (its start when it
        has no end): Today shows its suggestion then. All-day events end at midnight, when
        Today reloads anyway."""
        now = now or clock.now()
        end = func.coalesce(Event.ends_at, Event.starts_at)
        with self.db.Session() as session:
            soonest = session.scalar(
                select(func.min(end))
                .join(Attendance, Attendance.event_id == Event.id)
                .where(end > now, Event.all_day.is_(False), _to_review())
            )
        return None if soonest is None else as_utc(soonest)

    def follow_up_in(self, attendance_id: int, days: int, today: date | None = None) -> int:
        """A follow-up "Follow up after EVENT" due `days` after today, with the event, and the
        person reviewed; the follow-up's id."""
        if not 0 <= days <= MAX_DAYS:
            raise ValidationError({"days": f"Say a number of days from 0 to {MAX_DAYS}."})
        today = today or clock.today()
        with self.db.transaction() as session:
            # Locked: the same review open in a second window waits here for this one, then
            # finds the person reviewed rather than planning a second follow-up.
            a = self._load(session, attendance_id, lock=True)
            if a.reviewed_at is not None:
                raise NotFoundError("That person was reviewed meanwhile, in another window.")
            followup = FollowUp(
                contact_id=a.contact_id,
                event_id=a.event_id,
                action=f"Follow up after {a.event.name}"[:500],
                due_date=today + timedelta(days=days),
            )
            session.add(followup)
            a.reviewed_at = clock.now()
            session.flush()
            return followup.id

    def written(self, attendance_id: int) -> None:
        """The user writes to the person now: reviewed."""
        self._mark(attendance_id)

    def nothing_needed(self, attendance_id: int) -> None:
        self._mark(attendance_id)

    def reopen(self, attendance_id: int, followup_id: int | None = None) -> None:
        """Undo a review: the person waits again, and the follow-up it made (if still there)
        is gone. Going back in the review dialog does this."""
        with self.db.transaction() as session:
            a = self._load(session, attendance_id)
            a.reviewed_at = None
            if followup_id is not None:
                followup = session.get(FollowUp, followup_id)
                if followup is not None:
                    session.delete(followup)

    def _mark(self, attendance_id: int) -> None:
        with self.db.transaction() as session:
            self._load(session, attendance_id).reviewed_at = clock.now()

    @staticmethod
    def _load(session: Session, attendance_id: int, lock: bool = False) -> Attendance:
        a = session.get(Attendance, attendance_id, with_for_update=lock)
        if a is None:
            raise NotFoundError("That person is no longer on the event.")
        return a
