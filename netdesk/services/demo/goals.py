"""Two goals in the demo, with aims at its events and people, a note and an event linked: what
the Goals page, the event page's aims and Today's card show on a first look."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from netdesk.models import (
    Attendance,
    Contact,
    Event,
    EventAim,
    Goal,
    Note,
    Tag,
    contact_tags,
    goal_contacts,
    goal_events,
    goal_notes,
)
from netdesk.services.goals import aim_text


def add_demo_goals(session: Session, today: date, now: datetime) -> int:
    """Adds the two goals (in the demo's transaction, dated `now` so that a seed gives the same
    rows) unless the database has goals already; returns how many it added."""
    if session.scalar(select(Goal.id).limit(1)) is not None:
        return 0
    events = list(session.execute(select(Event.id, Event.starts_at).order_by(Event.starts_at)))
    if not events:
        return 0
    past = [e for e, starts in events if starts < now]
    ahead = [e for e, starts in events if starts >= now]
    tags = {
        t.key: t
        for t in session.scalars(select(Tag).where(Tag.key.in_(["climate tech", "mentor"])))
    }

    def tagged(key: str, limit: int) -> list[int]:
        return list(
            session.scalars(
                select(Contact.id)
                .join(contact_tags, contact_tags.c.contact_id == Contact.id)
                .join(Tag, Tag.id == contact_tags.c.tag_id)
                .where(Tag.key == key, Contact.is_me.is_(False))
                .order_by(Contact.id)
                .limit(limit)
            )
        )

    def goal(text: str, by: date, key: str, description: str = "") -> Goal:
        made = Goal(text=text, target_date=by, description=description, created_at=now)
        made.tags = [tags[key]] if key in tags else []
        session.add(made)
        session.flush()
        return made

    def aim(event_id: int, goal_id: int, target: int, role: str = "", key: str = "") -> None:
        tag = tags.get(key)
        text = aim_text(target, role, tag.name if tag else "")
        session.add(
            EventAim(
                event_id=event_id,
                goal_id=goal_id,
                text=text,
                target=target,
                role=role,
                tag_id=tag.id if tag else None,
            )
        )

    job = goal(
        "A job in climate tech",
        date(today.year + (today.month > 6), 6, 30),
        "climate tech",
        "Ask around for teams that hire; meet the speakers.",
    )
    climate = tagged("climate tech", 4)
    if climate:
        session.execute(
            insert(goal_contacts), [{"goal_id": job.id, "contact_id": c} for c in climate]
        )
    if ahead:
        session.execute(insert(goal_events), [{"goal_id": job.id, "event_id": ahead[0]}])
        aim(ahead[0], job.id, 3, role="speaker")
    if past:
        # The past event where the most speakers were met: an aim one short of reached.
        met = func.count(Attendance.id)
        best, speakers = session.execute(
            select(Attendance.event_id, met)
            .where(
                Attendance.event_id.in_(past),
                Attendance.role == "speaker",
                Attendance.met.is_(True),
            )
            .group_by(Attendance.event_id)
            .order_by(met.desc(), Attendance.event_id)
        ).first() or (past[-1], 0)
        aim(best, job.id, max(speakers + 1, 2), role="speaker")

    mentor = goal("A mentor in product management", today + timedelta(days=120), "mentor")
    mentors = tagged("mentor", 2)
    if mentors:
        session.execute(
            insert(goal_contacts), [{"goal_id": mentor.id, "contact_id": c} for c in mentors]
        )
        note = session.scalar(
            select(Note.id).where(Note.contact_id.in_(mentors)).order_by(Note.id).limit(1)
        )
        if note is not None:
            session.execute(insert(goal_notes), [{"goal_id": mentor.id, "note_id": note}])
    if ahead:
        aim(ahead[-1], mentor.id, 2, key="mentor")
    if past:
        aim(past[-1], mentor.id, 1, key="mentor")
    session.flush()
    return 2
