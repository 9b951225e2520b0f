"""Notes about a contact, optionally taken at an event."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.models import Contact, Event, Note, NoteTopic
from netdesk.services import undo
from netdesk.services.contact_details import note_row
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import NoteRow
from netdesk.services.validation import typed_text
from netdesk.store import Database


def _check(body: str, topic: str) -> str:
    text = typed_text(body).strip()
    if not text:
        raise ValidationError({"body": "The note is empty."})
    if topic not in {t.value for t in NoteTopic}:
        raise ValidationError({"topic": f"“{topic}” is not a kind of note."})
    return text


def _check_event(session: Session, event_id: int | None) -> None:
    if event_id is not None and session.get(Event, event_id) is None:
        raise NotFoundError("That event no longer exists.")


class NoteService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        contact_id: int,
        body: str,
        topic: str = NoteTopic.GENERAL.value,
        event_id: int | None = None,
    ) -> int:
        text = _check(body, topic)
        with self.db.transaction() as session:
            if session.get(Contact, contact_id) is None:
                raise NotFoundError("That contact no longer exists.")
            _check_event(session, event_id)
            note = Note(contact_id=contact_id, body=text, topic=topic, event_id=event_id)
            session.add(note)
            session.flush()
            return note.id

    def update(
        self,
        note_id: int,
        body: str,
        topic: str,
        event_id: int | None,
        opened: tuple[str, str, int | None] | None = None,
    ) -> None:
        """`opened`: (body, topic, event_id) as the form showed them when it opened; what the
        user left alone keeps what the note holds now (another window may have changed it)."""
        text = _check(body, topic)
        with self.db.transaction() as session:
            note = session.get(Note, note_id)
            if note is None:
                raise NotFoundError("That note no longer exists.")
            if opened is not None:
                body = note.body if body == opened[0] else body
                topic = note.topic if topic == opened[1] else topic
                event_id = note.event_id if event_id == opened[2] else event_id
                text = _check(body, topic)
            _check_event(session, event_id)
            note.body, note.topic, note.event_id = text, topic, event_id

    def get(self, note_id: int) -> NoteRow:
        with self.db.Session() as session:
            row = session.execute(
                select(Note, Contact.formatted_name, Event.name)
                .join(Contact, Contact.id == Note.contact_id)
                .outerjoin(Event, Event.id == Note.event_id)
                .where(Note.id == note_id)
            ).first()
            if row is None:
                raise NotFoundError("That note no longer exists.")
            note, contact_name, event_name = row
            return note_row(note, contact_name, event_name or "")

    def delete(self, note_id: int) -> undo.Snapshot:
        with self.db.transaction() as session:
            note = session.get(Note, note_id)
            if note is None:
                raise NotFoundError("That note no longer exists.")
            snapshot = undo.capture_rows(session, Note, note_id, "Delete note")
            session.delete(note)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)


# The UI offers the topics from here rather than reaching into the models.
__all__ = ["NoteService", "NoteTopic"]
