"""Quick capture: "met X from Y, talked about Z, promised W" in one step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.models import Contact, FollowUp, Note, NoteTopic
from netdesk.services.attendance import ensure_attendance
from netdesk.services.contact_input import apply_contact, validate_contact
from netdesk.services.errors import ValidationError
from netdesk.services.followups import check_action
from netdesk.services.records import ContactInput
from netdesk.services.validation import without_control_characters
from netdesk.store import Database


@dataclass
class Capture:
    name: str
    organization: str = ""
    talked_about: str = ""
    followup: str = ""
    due_date: date | None = None
    event_id: int | None = None


@dataclass(frozen=True)
class CaptureResult:
    contact_id: int
    created: bool
    note_id: int | None
    followup_id: int | None


def _validate(capture: Capture) -> tuple[ContactInput, list[str]]:
    """Every problem at once, keyed by the capture's fields, so the dialog marks them all."""
    errors: dict[str, str] = {}
    clean, e164s = ContactInput(), list[str]()
    try:
        clean, e164s = validate_contact(
            ContactInput(formatted_name=capture.name, organization=capture.organization)
        )
    except ValidationError as exc:
        errors.update(exc.errors)
    if capture.followup.strip():
        try:
            check_action(capture.followup)
        except ValidationError as exc:
            errors["followup"] = exc.errors["action"]
    elif capture.due_date is not None:
        errors["followup"] = "Say what to follow up on, or clear the date."
    if errors:
        raise ValidationError(errors)
    return clean, e164s


def _existing(session: Session, name: str, organization: str) -> Contact | None:
    """The person a capture adds to: same name, and same organisation when one was typed.

    The same rule as ContactService.find_by_name, which the capture dialog uses to tell the
    user beforehand whom the capture will go to: "Anna" typed alone at an event is the Anna
    already known, not a second one.
    """
    stmt = select(Contact).where(Contact.formatted_name == name)
    if organization:
        stmt = stmt.where(Contact.organization == organization)
    return session.scalars(stmt.order_by(Contact.id)).first()


class CaptureService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, capture: Capture) -> CaptureResult:
        """One transaction: the person (reused when the name, and the organisation if typed,
        match), the event attendance marked as met, the note and the follow-up."""
        capture = without_control_characters(capture)
        clean, e164s = _validate(capture)
        with self.db.transaction() as session:
            contact = _existing(session, clean.formatted_name, clean.organization)
            created = contact is None
            if contact is None:
                parts = clean.formatted_name.rsplit(" ", 1)
                if len(parts) == 2:
                    clean.given_name, clean.family_name = parts
                contact = Contact(formatted_name=clean.formatted_name, source="capture")
                session.add(contact)
                apply_contact(session, contact, clean, e164s)
                session.flush()
            if capture.event_id is not None:
                ensure_attendance(session, capture.event_id, contact.id, met=True)
            note_id = followup_id = None
            if capture.talked_about.strip():
                note = Note(
                    contact_id=contact.id,
                    event_id=capture.event_id,
                    topic=NoteTopic.TALKED_ABOUT.value,
                    body=capture.talked_about.strip(),
                )
                session.add(note)
                session.flush()
                note_id = note.id
            if capture.followup.strip():
                f = FollowUp(
                    contact_id=contact.id,
                    event_id=capture.event_id,
                    action=check_action(capture.followup),
                    due_date=capture.due_date,
                )
                session.add(f)
                session.flush()
                followup_id = f.id
            return CaptureResult(contact.id, created, note_id, followup_id)
