"""How far each goal has come and what to do next, read for many goals in a few grouped
queries (never one query per goal or per person)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from netdesk.dates import event_day, plural, short_date
from netdesk.models import (
    Attendance,
    Contact,
    Event,
    EventAim,
    FollowUp,
    Goal,
    Tag,
    contact_tags,
    goal_contacts,
    goal_events,
    goal_followups,
    goal_notes,
    goal_tags,
)
from netdesk.services.event_times import upcoming_clause

NO_LINKS_STEP = "Link people or events to this goal"


@dataclass(frozen=True)
class GoalProgress:
    aims_reached: int = 0
    aims_total: int = 0
    people: int = 0
    events: int = 0
    notes: int = 0
    followups_done: int = 0
    followups_total: int = 0
    days_left: int | None = None  # to the target date; negative when it has passed
    done: bool = False

    @property
    def fraction(self) -> float | None:
        """Aims reached and follow-ups done, of all of them; None when there is nothing to
        count yet (a done goal is whole)."""
        if self.done:
            return 1.0
        total = self.aims_total + self.followups_total
        if not total:
            return None
        return (self.aims_reached + self.followups_done) / total

    @property
    def text(self) -> str:
        """ "2 of 3 aims · 1 of 4 follow-ups done · 5 people · 12 days left"."""
        parts = []
        if self.aims_total:
            parts.append(f"{self.aims_reached} of {self.aims_total} aims")
        if self.followups_total:
            parts.append(f"{self.followups_done} of {self.followups_total} follow-ups done")
        if self.people:
            parts.append(plural(self.people, "person", "people"))
        if self.events:
            parts.append(plural(self.events, "event"))
        if self.days_left is not None and not self.done:
            n = self.days_left
            if n > 0:
                parts.append(f"{plural(n, 'day')} left")
            elif n == 0:
                parts.append("due today")
            else:
                parts.append(f"{plural(-n, 'day')} past the date")
        return " · ".join(parts) if parts else "Nothing linked yet"


@dataclass(frozen=True)
class GoalRow:
    id: int
    text: str
    target_date: date | None
    tags: tuple[str, ...]
    done_at: datetime | None
    progress: GoalProgress
    next_step: str
    description: str = ""


@dataclass(frozen=True)
class AimRow:
    id: int
    text: str
    target: int
    reached: int
    done: bool
    goal_id: int | None
    event_id: int = 0
    event_name: str = ""
    role: str = ""
    tag: str = ""
    goal_text: str = ""

    @property
    def count_text(self) -> str:
        return f"{min(self.reached, self.target)} of {self.target}"


def aim_rows(session: Session, *where: ColumnElement[bool]) -> list[AimRow]:
    """The aims matching `where`, each with how many people marked met at its event have its
    role and its tag: one grouped query for all of them."""
    att = Attendance.__table__.alias("att")
    tagged = exists().where(
        contact_tags.c.contact_id == att.c.contact_id, contact_tags.c.tag_id == EventAim.tag_id
    )
    counts = (
        select(EventAim.id.label("aim_id"), func.count(att.c.id).label("n"))
        .outerjoin(
            att,
            and_(
                att.c.event_id == EventAim.event_id,
                att.c.met.is_(True),
                or_(EventAim.role == "", att.c.role == EventAim.role),
                or_(EventAim.tag_id.is_(None), tagged),
            ),
        )
        .where(*where)
        .group_by(EventAim.id)
        .subquery()
    )
    stmt = (
        select(
            EventAim.id,
            EventAim.text,
            EventAim.target,
            counts.c.n,
            EventAim.goal_id,
            EventAim.event_id,
            Event.name,
            EventAim.role,
            func.coalesce(Tag.name, ""),
            func.coalesce(Goal.text, ""),
        )
        .join(counts, counts.c.aim_id == EventAim.id)
        .join(Event, Event.id == EventAim.event_id)
        .outerjoin(Tag, Tag.id == EventAim.tag_id)
        .outerjoin(Goal, Goal.id == EventAim.goal_id)
        .order_by(Event.starts_at, EventAim.id)
    )
    return [
        AimRow(i, text, target, int(n), int(n) >= target, goal, event, name, role, tag, goal_text)
        for i, text, target, n, goal, event, name, role, tag, goal_text in session.execute(stmt)
    ]


def _link_counts(
    session: Session, tables: Sequence[Table], goal_ids: Sequence[int]
) -> list[dict[int, int]]:
    """How many rows each goal has in each link table, in one statement."""
    counts: list[dict[int, int]] = [{} for _ in tables]
    stmt = union_all(
        *(
            select(literal(i).label("i"), t.c.goal_id, func.count())
            .where(t.c.goal_id.in_(goal_ids))
            .group_by(t.c.goal_id)
            for i, t in enumerate(tables)
        )
    )
    for i, goal_id, n in session.execute(stmt):
        counts[i][goal_id] = int(n)
    return counts


@dataclass(frozen=True)
class _OpenFollowUp:
    due_date: date | None
    id: int
    name: str
    action: str


def goal_rows(session: Session, goals: Sequence[Goal], today: date, now: datetime) -> list[GoalRow]:
    ids = [g.id for g in goals]
    if not ids:
        return []
    tags: dict[int, list[str]] = defaultdict(list)
    for goal_id, name in session.execute(
        select(goal_tags.c.goal_id, Tag.name)
        .join(Tag, Tag.id == goal_tags.c.tag_id)
        .where(goal_tags.c.goal_id.in_(ids))
        .order_by(Tag.key)
    ):
        tags[goal_id].append(name)
    people, events, notes = _link_counts(session, (goal_contacts, goal_events, goal_notes), ids)

    # The follow-ups linked directly and those of the people linked, each once per goal.
    pairs = union(
        select(goal_followups.c.goal_id, goal_followups.c.followup_id).where(
            goal_followups.c.goal_id.in_(ids)
        ),
        select(goal_contacts.c.goal_id, FollowUp.id)
        .join(FollowUp, FollowUp.contact_id == goal_contacts.c.contact_id)
        .where(goal_contacts.c.goal_id.in_(ids)),
    ).subquery()
    done: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    first_open: dict[int, _OpenFollowUp] = {}
    far = date.max
    for goal_id, fid, action, due, done_at, name in session.execute(
        select(
            pairs.c.goal_id,
            FollowUp.id,
            FollowUp.action,
            FollowUp.due_date,
            FollowUp.done_at,
            Contact.formatted_name,
        )
        .join(FollowUp, FollowUp.id == pairs.c.followup_id)
        .join(Contact, Contact.id == FollowUp.contact_id)
    ):
        total[goal_id] += 1
        if done_at is not None:
            done[goal_id] += 1
            continue
        candidate = _OpenFollowUp(due, fid, name, action)
        best = first_open.get(goal_id)
        if best is None or (due or far, fid) < (best.due_date or far, best.id):
            first_open[goal_id] = candidate

    aims: dict[int, list[AimRow]] = defaultdict(list)
    for aim in aim_rows(session, EventAim.goal_id.in_(ids)):
        assert aim.goal_id is not None
        aims[aim.goal_id].append(aim)

    upcoming: dict[int, tuple[datetime, int, str, bool]] = {}
    for goal_id, event_id, name, starts_at, all_day in session.execute(
        select(goal_events.c.goal_id, Event.id, Event.name, Event.starts_at, Event.all_day)
        .join(Event, Event.id == goal_events.c.event_id)
        .where(goal_events.c.goal_id.in_(ids), upcoming_clause(now))
        .order_by(Event.starts_at, Event.id)
    ):
        upcoming.setdefault(goal_id, (starts_at, event_id, name, all_day))

    rows = []
    for g in goals:
        goal_aims = aims.get(g.id, [])
        progress = GoalProgress(
            aims_reached=sum(a.done for a in goal_aims),
            aims_total=len(goal_aims),
            people=people.get(g.id, 0),
            events=events.get(g.id, 0),
            notes=notes.get(g.id, 0),
            followups_done=done.get(g.id, 0),
            followups_total=total.get(g.id, 0),
            days_left=(g.target_date - today).days if g.target_date else None,
            done=g.done_at is not None,
        )
        step = (
            ""
            if g.done_at is not None
            else _next_step(first_open.get(g.id), upcoming.get(g.id), goal_aims, today)
        )
        rows.append(
            GoalRow(
                g.id,
                g.text,
                g.target_date,
                tuple(tags.get(g.id, ())),
                g.done_at,
                progress,
                step,
                g.description,
            )
        )
    return rows


def _next_step(
    followup: _OpenFollowUp | None,
    event: tuple[datetime, int, str, bool] | None,
    aims: list[AimRow],
    today: date,
) -> str:
    """The earliest open follow-up, else the next linked event (with what to aim for there),
    else the first aim not reached yet, else a hint to link something."""
    if followup is not None:
        due = f" (due {short_date(followup.due_date, today)})" if followup.due_date else ""
        return f"{followup.name}: {followup.action}{due}"
    if event is not None:
        starts_at, event_id, name, all_day = event
        text = f"Go to {name} on {short_date(event_day(starts_at, all_day), today)}"
        there = [a for a in aims if a.event_id == event_id and not a.done]
        return f"{text}: {_lower_first(there[0].text)}" if there else text
    open_aims = [a for a in aims if not a.done]
    if open_aims:
        a = open_aims[0]
        return f"At {a.event_name}: {_lower_first(a.text)} ({a.count_text})"
    return NO_LINKS_STEP


def _lower_first(text: str) -> str:
    # "Talk to 3 speakers" inside a sentence; a name later in it keeps its capitals.
    return text[:1].lower() + text[1:]
