"""The last time the user was in touch with each person: met at an event, a note (an "Emailed"
note included), a follow-up done, an introduction made.

One query per kind of interaction over every person in scope, never one per person: Today
asks this of thousands of people on each reload. Dates are the user's local dates (an
all-day event's own date), so a note written at 23:30 belongs to that evening's day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select, union_all
from sqlalchemy.orm import Session

from netdesk.models import Attendance, Contact, Event, FollowUp, Introduction, Note, NoteTopic

# Above this many ids a filter would make a long IN list: every person is read instead and
# the others are dropped in Python (still one query per kind).
_LONGEST_ID_LIST = 500


@dataclass(frozen=True)
class Interaction:
    """`kind` is "met", "note", "emailed", "followup" or "introduction"; `label` says it in
    words: "Met at PyCon DE", "Note", "Emailed", "Follow-up done", "Introduced to Ana Lee"."""

    on: date
    kind: str
    label: str


# Which people to look at: some ids, a SELECT of ids, or everybody (None).
Scope = Sequence[int] | Select[*tuple[Any, ...]] | None
_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


def local_day(moment: datetime) -> date:
    """The user's calendar day of a stored moment (SQLite may hand it back without a zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def latest_interactions(session: Session, scope: Scope, now: datetime) -> dict[int, Interaction]:
    """The latest interaction of each person in `scope` who has one. On one day, a meeting
    is named before a note, a note before a follow-up, that before an introduction."""
    wanted: set[int] | None = None
    if isinstance(scope, Sequence) and not isinstance(scope, Select):
        if not scope:
            return {}
        if len(scope) > _LONGEST_ID_LIST:
            wanted, scope = set(scope), None
    latest: dict[int, Interaction] = {}
    for contact_id, found in (
        *_meetings(session, scope, now),
        *_notes(session, scope),
        *_followups_done(session, scope),
        *_introductions(session, scope),
    ):
        if wanted is not None and contact_id not in wanted:
            continue
        known = latest.get(contact_id)
        if known is None or found.on > known.on:
            latest[contact_id] = found
    return latest


def _within(column: Any, scope: Scope) -> ColumnElement[bool] | None:
    return None if scope is None else column.in_(scope)


def _where(statement: _S, column: Any, scope: Scope) -> _S:
    condition = _within(column, scope)
    return statement if condition is None else statement.where(condition)


def _meetings(session: Session, scope: Scope, now: datetime) -> Iterator[tuple[int, Interaction]]:
    """Each person's latest event where they were marked met. All-day events are ranked apart
    from timed ones: an all-day event's day is its UTC date, a timed one's the local date, so
    the later start is not always the later day."""
    ranked = _where(
        select(
            Attendance.contact_id.label("contact_id"),
            Event.name.label("name"),
            Event.starts_at.label("starts_at"),
            Event.all_day.label("all_day"),
            func.row_number()
            .over(
                partition_by=(Attendance.contact_id, Event.all_day),
                order_by=(Event.starts_at.desc(), Event.id.desc()),
            )
            .label("n"),
        )
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.met.is_(True), Event.starts_at <= now),
        Attendance.contact_id,
        scope,
    ).subquery()
    rows = session.execute(
        select(ranked.c.contact_id, ranked.c.name, ranked.c.starts_at, ranked.c.all_day).where(
            ranked.c.n == 1
        )
    )
    for contact_id, name, starts_at, all_day in rows:
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=UTC)
        day = starts_at.astimezone(UTC).date() if all_day else local_day(starts_at)
        yield contact_id, Interaction(day, "met", f"Met at {name}")


def _notes(session: Session, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    """Each person's latest note; an "emailed" note (an email logged as sent) says Emailed."""
    ranked = _where(
        select(
            Note.contact_id.label("contact_id"),
            Note.topic.label("topic"),
            Note.created_at.label("created_at"),
            func.row_number()
            .over(partition_by=Note.contact_id, order_by=(Note.created_at.desc(), Note.id.desc()))
            .label("n"),
        ),
        Note.contact_id,
        scope,
    ).subquery()
    rows = session.execute(
        select(ranked.c.contact_id, ranked.c.topic, ranked.c.created_at).where(ranked.c.n == 1)
    )
    for contact_id, topic, created_at in rows:
        emailed = topic == NoteTopic.EMAILED.value
        kind, label = ("emailed", "Emailed") if emailed else ("note", "Note")
        yield contact_id, Interaction(local_day(created_at), kind, label)


def _followups_done(session: Session, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    rows = session.execute(
        _where(
            select(FollowUp.contact_id, func.max(FollowUp.done_at))
            .where(FollowUp.done_at.is_not(None))
            .group_by(FollowUp.contact_id),
            FollowUp.contact_id,
            scope,
        )
    )
    for contact_id, done_at in rows:
        if done_at is None:  # not so: the rows are the done ones; for the type checker
            continue
        yield contact_id, Interaction(local_day(done_at), "followup", "Follow-up done")


def _introductions(session: Session, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    """An introduction counts for both people: each was written to."""
    both = union_all(
        select(
            Introduction.id.label("id"),
            Introduction.first_id.label("contact_id"),
            Introduction.second_id.label("other_id"),
            Introduction.introduced_on.label("introduced_on"),
        ),
        select(
            Introduction.id.label("id"),
            Introduction.second_id.label("contact_id"),
            Introduction.first_id.label("other_id"),
            Introduction.introduced_on.label("introduced_on"),
        ),
    ).subquery()
    ranked = _where(
        select(
            both.c.contact_id,
            both.c.other_id,
            both.c.introduced_on,
            func.row_number()
            .over(
                partition_by=both.c.contact_id,
                order_by=(both.c.introduced_on.desc(), both.c.id.desc()),
            )
            .label("n"),
        ),
        both.c.contact_id,
        scope,
    ).subquery()
    rows = session.execute(
        select(ranked.c.contact_id, ranked.c.introduced_on, Contact.formatted_name)
        .join(Contact, Contact.id == ranked.c.other_id)
        .where(ranked.c.n == 1)
    )
    for contact_id, introduced_on, other in rows:
        yield contact_id, Interaction(introduced_on, "introduction", f"Introduced to {other}")
