"""A contact read with everything around it: meetings, notes and follow-ups, as a ContactDetail."""

from __future__ import annotations

from sqlalchemy import CompoundSelect, select, union
from sqlalchemy.orm import Session, selectinload

from netdesk import clock
from netdesk.models import Attendance, Contact, Event, FollowUp, Note
from netdesk.services.errors import NotFoundError
from netdesk.services.event_times import is_upcoming
from netdesk.services.records import ContactDetail, FollowUpRow, MeetingRow, NoteRow, PhoneValue


def load_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(
        Contact,
        contact_id,
        options=[
            selectinload(Contact.emails),
            selectinload(Contact.phones),
            selectinload(Contact.urls),
            selectinload(Contact.tags),
        ],
    )
    if contact is None:
        raise NotFoundError("That contact no longer exists.")
    return contact


def note_row(note: Note, contact_name: str, event_name: str) -> NoteRow:
    return NoteRow(
        id=note.id,
        contact_id=note.contact_id,
        contact_name=contact_name,
        event_id=note.event_id,
        event_name=event_name,
        topic=note.topic,
        body=note.body,
        created_at=note.created_at,
    )


def followup_row(f: FollowUp, contact_name: str, event_name: str) -> FollowUpRow:
    return FollowUpRow(
        id=f.id,
        contact_id=f.contact_id,
        contact_name=contact_name,
        event_id=f.event_id,
        event_name=event_name,
        action=f.action,
        due_date=f.due_date,
        done_at=f.done_at,
    )


def contact_detail(session: Session, contact: Contact) -> ContactDetail:
    event_ids: CompoundSelect[tuple[int | None]] = union(
        select(Attendance.event_id).where(Attendance.contact_id == contact.id),
        select(Note.event_id).where(Note.contact_id == contact.id),
        select(FollowUp.event_id).where(FollowUp.contact_id == contact.id),
    )
    event_names: dict[int, str] = {
        event_id: name
        for event_id, name in session.execute(
            select(Event.id, Event.name).where(Event.id.in_(event_ids))
        )
    }
    notes = tuple(
        note_row(n, contact.formatted_name, event_names.get(n.event_id or 0, ""))
        for n in session.scalars(
            select(Note).where(Note.contact_id == contact.id).order_by(Note.created_at.desc())
        )
    )
    now = clock.now()
    meetings = tuple(
        MeetingRow(
            attendance_id=a.id,
            event_id=ev.id,
            event_name=ev.name,
            starts_at=ev.starts_at,
            all_day=ev.all_day,
            role=a.role,
            status=a.status,
            met=a.met,
            notes=tuple(n for n in notes if n.event_id == ev.id),
            upcoming=is_upcoming(ev.starts_at, ev.ends_at, now),
        )
        for a, ev in session.execute(
            select(Attendance, Event)
            .join(Event, Event.id == Attendance.event_id)
            .where(Attendance.contact_id == contact.id)
            .order_by(Event.starts_at.desc())
        )
    )
    followups = tuple(
        followup_row(f, contact.formatted_name, event_names.get(f.event_id or 0, ""))
        for f in session.scalars(
            select(FollowUp)
            .where(FollowUp.contact_id == contact.id)
            .order_by(FollowUp.done_at.is_not(None), FollowUp.due_date, FollowUp.id)
        )
    )
    return ContactDetail(
        id=contact.id,
        uid=contact.uid,
        formatted_name=contact.formatted_name,
        given_name=contact.given_name,
        family_name=contact.family_name,
        nickname=contact.nickname,
        organization=contact.organization,
        department=contact.department,
        title=contact.title,
        emails=tuple(e.value for e in contact.emails),
        phones=tuple(PhoneValue(p.value, p.e164, p.kind, p.extension) for p in contact.phones),
        urls=tuple(u.value for u in contact.urls),
        birthday=contact.birthday,
        note=contact.note,
        tags=tuple(t.name for t in contact.tags),
        is_me=contact.is_me,
        source=contact.source,
        meetings=meetings,
        notes=notes,
        followups=followups,
    )
