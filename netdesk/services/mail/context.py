"""The values a template is filled with: the person, the event, the follow-up, and me (the
card marked "This is me"). Plain text; names and other one-line fields have no line breaks."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netdesk import clock
from netdesk.dates import event_zone, long_date
from netdesk.models import Attendance, Contact, ContactEmail, ContactPhone, Event, FollowUp, Note
from netdesk.models.note import NoteTopic
from netdesk.services.errors import NotFoundError
from netdesk.text import one_line

PERSON_FIELDS = ("first_name", "last_name", "full_name", "organization", "title", "email")
PAIR_FIELDS = ("first_name", "full_name", "organization", "title", "email")


def load(session: Session, contact_id: int) -> Contact:
    contact = session.get(
        Contact,
        contact_id,
        options=[selectinload(Contact.emails), selectinload(Contact.phones)],
    )
    if contact is None:
        raise NotFoundError(f"No contact with id {contact_id}.")
    return contact


def display_name(contact: Contact) -> str:
    name = one_line(contact.formatted_name)
    return name or one_line(f"{contact.given_name} {contact.family_name}")


def first_name(contact: Contact) -> str:
    given = one_line(contact.given_name)
    if given:
        return given
    words = display_name(contact).split()
    # "Dr. Ana Lima" without a given name is Ana, not "Dr.".
    while len(words) > 1 and words[0].endswith(".") and len(words[0]) <= 6:
        words = words[1:]
    return words[0] if words else ""


def first_email(contact: Contact) -> str:
    emails: list[ContactEmail] = sorted(
        contact.emails, key=lambda e: (not e.preferred, e.position, e.id)
    )
    for item in emails:
        value = one_line(item.value)
        if value:
            return value
    return ""


def _first_phone(contact: Contact) -> str:
    phones: list[ContactPhone] = sorted(
        contact.phones, key=lambda p: (not p.preferred, p.position, p.id)
    )
    return one_line(phones[0].value) if phones else ""


def person_values(contact: Contact) -> dict[str, str]:
    return {
        "first_name": first_name(contact),
        "last_name": one_line(contact.family_name),
        "full_name": display_name(contact),
        "organization": one_line(contact.organization),
        "title": one_line(contact.title),
        "email": first_email(contact),
    }


def my_values(session: Session) -> dict[str, str]:
    me_id = session.scalar(select(Contact.id).where(Contact.is_me.is_(True)).limit(1))
    if me_id is None:
        return {
            key: ""
            for key in (
                "my_name",
                "my_first_name",
                "my_title",
                "my_organization",
                "my_email",
                "my_phone",
            )
        }
    me = load(session, me_id)
    return {
        "my_name": display_name(me),
        "my_first_name": first_name(me),
        "my_title": one_line(me.title),
        "my_organization": one_line(me.organization),
        "my_email": first_email(me),
        "my_phone": _first_phone(me),
    }


def event_day(event: Event) -> date:
    """The day the event started where it was held (an all-day event: its UTC date)."""
    start = event.starts_at
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    if event.all_day:
        return start.astimezone(UTC).date()
    zone = event_zone(event.timezone)
    return (start.astimezone(zone) if zone is not None else start.astimezone()).date()


def _note(session: Session, contact_id: int, event_id: int, topics: tuple[str, ...]) -> str:
    body = session.scalar(
        select(Note.body)
        .where(Note.contact_id == contact_id, Note.event_id == event_id, Note.topic.in_(topics))
        .order_by(Note.created_at.desc(), Note.id.desc())
        .limit(1)
    )
    # Read into a sentence ("our conversation about {talked_about}."): no closing full stop.
    return (body or "").strip().rstrip(".").strip()


def event_values(session: Session, contact_id: int | None, event_id: int | None) -> dict[str, str]:
    values = dict.fromkeys(
        ("event", "event_date", "talked_about", "common_ground", "can_offer"), ""
    )
    if event_id is None:
        return values
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    values["event"] = one_line(event.name)
    values["event_date"] = long_date(event_day(event))
    if contact_id is not None:
        talked = _note(session, contact_id, event_id, (NoteTopic.TALKED_ABOUT.value,))
        if not talked:
            talked = _note(
                session,
                contact_id,
                event_id,
                tuple(t.value for t in NoteTopic if t is not NoteTopic.EMAILED),
            )
        values["talked_about"] = talked
        values["common_ground"] = _note(
            session, contact_id, event_id, (NoteTopic.COMMON_GROUND.value,)
        )
        values["can_offer"] = _note(session, contact_id, event_id, (NoteTopic.CAN_OFFER.value,))
    return values


def followup_values(followup: FollowUp | None) -> dict[str, str]:
    if followup is None:
        return {"promise": "", "due_date": ""}
    due = long_date(followup.due_date) if followup.due_date is not None else ""
    return {"promise": " ".join(followup.action.split()), "due_date": due}


def latest_event(session: Session, contact_id: int) -> int | None:
    """The event the person was last at (one that has started), met there first."""
    return session.scalar(
        select(Event.id)
        .join(Attendance, Attendance.event_id == Event.id)
        .where(Attendance.contact_id == contact_id, Event.starts_at <= _now())
        .order_by(Attendance.met.desc(), Event.starts_at.desc(), Event.id.desc())
        .limit(1)
    )


def _now() -> datetime:
    return clock.now()
