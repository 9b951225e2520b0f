"""Follow-ups as tasks: what a VTODO carries of one, merged and written back.

The summary is the follow-up's action; the description names the person and the event; the
done state and date go both ways. netdesk's id goes in X-NETDESK-FOLLOWUP-ID as
"NAMESPACE-ID", so a task from another netdesk database is never taken for one of ours.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.formats.ics.todo import TaskRecord
from netdesk.models import Contact, Event, FollowUp
from netdesk.services.sync.calendar_items import digest

ACTION_LENGTH = 500


def task_uid(ns: str, followup_id: int) -> str:
    return f"netdesk-followup-{ns}-{followup_id}"


def netdesk_id(ns: str, followup_id: int) -> str:
    return f"{ns}-{followup_id}"


def followup_of(task: TaskRecord, ns: str) -> int | None:
    """Our follow-up id in a task's X-NETDESK-FOLLOWUP-ID, None for another's task."""
    prefix, _, number = task.netdesk_id.strip().rpartition("-")
    return int(number) if prefix == ns and number.isdigit() else None


def local_tasks(session: Session, followup_ids: list[int]) -> dict[int, TaskRecord]:
    rows = session.execute(
        select(FollowUp, Contact.formatted_name, Contact.organization, Event.name)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .outerjoin(Event, Event.id == FollowUp.event_id)
        .where(FollowUp.id.in_(followup_ids))
    )
    tasks = {}
    for f, name, organization, event in rows:
        who = f"{name} ({organization})" if organization else name
        description = f"With {who}" + (f", met at {event}" if event else "")
        tasks[f.id] = TaskRecord(
            uid="",
            summary=f.action,
            due=f.due_date,
            done=f.done_at is not None,
            completed_at=f.done_at,
            description=description,
        )
    return tasks


def task_hash(task: TaskRecord) -> str:
    """What a follow-up shares with its task: a change in anything else is not sent."""
    return digest(task.summary, task.due, task.done, task.description)


def same_task(a: TaskRecord, b: TaskRecord) -> bool:
    return (a.summary, a.due, a.done) == (b.summary, b.due, b.done)


def merge_task(
    base: TaskRecord | None, mine: TaskRecord, theirs: TaskRecord, changed_here: bool
) -> TaskRecord:
    """Field by field: what changed here since the base wins, the rest comes from there."""
    if not changed_here:
        return replace(
            mine,
            summary=theirs.summary or mine.summary,
            due=theirs.due,
            done=theirs.done,
            completed_at=theirs.completed_at,
        )
    merged = replace(mine)
    for name in ("summary", "due"):
        if base is not None and getattr(mine, name) == getattr(base, name):
            setattr(merged, name, getattr(theirs, name) or getattr(mine, name))
    if base is not None and mine.done == base.done:
        merged.done, merged.completed_at = theirs.done, theirs.completed_at
    return merged


def apply_task(f: FollowUp, task: TaskRecord) -> None:
    if task.summary.strip():
        f.action = " ".join(task.summary.split())[:ACTION_LENGTH]
    f.due_date = task.due
    if task.done and f.done_at is None:
        f.done_at = task.completed_at or clock.now()
    elif not task.done:
        f.done_at = None
