"""The last time the user was in touch with each person: met at an event, a note (an "Emailed"
note included), a follow-up done, an introduction made.

One query per kind of interaction (notes and emailed notes apart) over every person in
scope, never one per person: Today
asks this of thousands of people on each reload. Dates are the user's local dates (an
all-day event's own date), so a note written at 23:30 belongs to that evening's day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select, union_all

from netdesk.dates import event_day, local_day
from netdesk.models import Attendance, Contact, Event, FollowUp, Introduction, Note, NoteTopic
from netdesk.services.introductions import made

# Above this many ids a filter would make a long IN list: every person is read instead and
# the others are dropped in Python (still one query per kind).
LONGEST_ID_LIST = 500


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


def latest_interactions(conn: Connection, scope: Scope, now: datetime) -> dict[int, Interaction]:
    """The latest interaction of each person in `scope` who has one. On one day, a meeting
    is named before a note, a note before a follow-up, that before an introduction."""
    wanted: set[int] | None = None
    if isinstance(scope, Sequence) and not isinstance(scope, Select):
        if not scope:
            return {}
        if len(scope) > LONGEST_ID_LIST:
            wanted, scope = set(scope), None
    latest: dict[int, Interaction] = {}
    for contact_id, found in (
        *_meetings(conn, scope, now),
        *_notes(conn, scope),
        *_followups_done(conn, scope),
        *_introductions(conn, scope),
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


def _meetings(conn: Connection, scope: Scope, now: datetime) -> Iterator[tuple[int, Interaction]]:
    """Each person's latest event where they were marked met: the latest start per person
    (all-day events apart from timed ones: an all-day event's day is its UTC date, a timed
    one's the local date, so the later start is not always the later day), joined back to
    the events for their names."""
    latest = _where(
        select(
            Attendance.contact_id.label("contact_id"),
            Event.all_day.label("all_day"),
            func.max(Event.starts_at).label("starts_at"),
        )
        .join(Event, Event.id == Attendance.event_id)
        .where(Attendance.met.is_(True), Event.starts_at <= now)
        .group_by(Attendance.contact_id, Event.all_day),
        Attendance.contact_id,
        scope,
    ).subquery()
    rows = conn.execute(
        select(latest.c.contact_id, Event.id, Event.name, Event.starts_at, Event.all_day)
        .join(
            Attendance,
            and_(Attendance.contact_id == latest.c.contact_id, Attendance.met.is_(True)),
        )
        .join(
            Event,
            and_(
                Event.id == Attendance.event_id,
                Event.starts_at == latest.c.starts_at,
                Event.all_day == latest.c.all_day,
            ),
        )
    )
    best: dict[int, tuple[date, int, str]] = {}
    for contact_id, event_id, name, starts_at, all_day in rows:
        day = event_day(starts_at, all_day)
        # Two events met at starting at the same moment: the one added last.
        if contact_id not in best or (day, event_id) > best[contact_id][:2]:
            best[contact_id] = (day, event_id, name)
    for contact_id, (day, _event_id, name) in best.items():
        yield contact_id, Interaction(day, "met", f"Met at {name}")


def _notes(conn: Connection, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    """Each person's latest note; an "emailed" note (an email logged as sent) says Emailed."""
    emailed_at = case((Note.topic == NoteTopic.EMAILED.value, Note.created_at))
    latest = conn.execute(
        _where(
            select(Note.contact_id, func.max(Note.created_at), func.max(emailed_at)).group_by(
                Note.contact_id
            ),
            Note.contact_id,
            scope,
        )
    ).all()
    for contact_id, created_at, emailed in latest:
        if created_at is None:  # never: a group has a note; for the type checker
            continue
        if emailed == created_at:
            yield contact_id, Interaction(local_day(created_at), "emailed", "Emailed")
        else:
            yield contact_id, Interaction(local_day(created_at), "note", "Note")


def _followups_done(conn: Connection, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    rows = conn.execute(
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


def _introductions(conn: Connection, scope: Scope) -> Iterator[tuple[int, Interaction]]:
    """An introduction counts for both people: each was written to. One written with Write
    email counts once its email is marked sent (introductions.made)."""
    both = union_all(
        select(
            Introduction.id.label("id"),
            Introduction.first_id.label("contact_id"),
            Introduction.second_id.label("other_id"),
            Introduction.introduced_on.label("introduced_on"),
        ).where(made()),
        select(
            Introduction.id.label("id"),
            Introduction.second_id.label("contact_id"),
            Introduction.first_id.label("other_id"),
            Introduction.introduced_on.label("introduced_on"),
        ).where(made()),
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
    rows = conn.execute(
        select(ranked.c.contact_id, ranked.c.introduced_on, Contact.formatted_name)
        .join(Contact, Contact.id == ranked.c.other_id)
        .where(ranked.c.n == 1)
    )
    for contact_id, introduced_on, other in rows:
        yield contact_id, Interaction(introduced_on, "introduction", f"Introduced to {other}")
