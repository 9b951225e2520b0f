"""Contacts: create, edit, read with everything around them, delete (undoably)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netdesk.models import Contact
from netdesk.services import undo
from netdesk.services.contact_details import contact_detail, load_contact
from netdesk.services.contact_input import apply_contact, collapse_spaces, validate_contact
from netdesk.services.edit_merge import merge_edit
from netdesk.services.errors import NotFoundError
from netdesk.services.records import ContactDetail, ContactInput
from netdesk.store import Database


class ContactService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, data: ContactInput, source: str = "manual") -> int:
        clean, e164s = validate_contact(data)
        with self.db.transaction() as session:
            contact = Contact(formatted_name=clean.formatted_name, source=source)
            session.add(contact)
            apply_contact(session, contact, clean, e164s)
            if clean.is_me:
                _make_me(session, contact)
            session.flush()
            return contact.id

    def update(
        self, contact_id: int, data: ContactInput, opened: ContactInput | None = None
    ) -> None:
        """`opened`: the form as it was filled when it opened; then only the fields the user
        changed are written over what the record holds now (see edit_merge)."""
        clean, e164s = validate_contact(data)
        with self.db.transaction() as session:
            contact = load_contact(session, contact_id)
            if opened is not None:
                now = contact_detail(session, contact).as_input()
                clean, e164s = validate_contact(merge_edit(opened, data, now))
            apply_contact(session, contact, clean, e164s)
            if clean.is_me and not contact.is_me:
                _make_me(session, contact)
            elif not clean.is_me:
                contact.is_me = False

    def get(self, contact_id: int) -> ContactDetail:
        with self.db.Session() as session:
            contact = load_contact(session, contact_id)
            return contact_detail(session, contact)

    def me(self) -> ContactDetail | None:
        with self.db.Session() as session:
            contact = session.scalar(select(Contact).where(Contact.is_me.is_(True)))
            return contact_detail(session, contact) if contact else None

    def find_by_name(self, name: str, organization: str = "") -> int | None:
        """An existing contact with exactly this name (and organisation, when given)."""
        with self.db.Session() as session:
            stmt = select(Contact.id).where(Contact.formatted_name == collapse_spaces(name))
            if organization.strip():
                stmt = stmt.where(Contact.organization == collapse_spaces(organization))
            return session.scalars(stmt.order_by(Contact.id)).first()

    def count(self) -> int:
        with self.db.Session() as session:
            return session.scalar(select(func.count(Contact.id))) or 0

    def delete(self, contact_ids: list[int]) -> undo.Snapshot:
        with self.db.transaction() as session:
            contacts = session.scalars(select(Contact).where(Contact.id.in_(contact_ids))).all()
            if not contacts:
                raise NotFoundError("Those contacts no longer exist.")
            label = (
                f"Delete {contacts[0].formatted_name}"
                if len(contacts) == 1
                else f"Delete {len(contacts)} people"
            )
            snapshot = undo.capture_contact(session, [c.id for c in contacts], label)
            for contact in contacts:
                session.delete(contact)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)

    def set_photo(self, contact_id: int, data: bytes, mime: str, replaces_line: str = "") -> None:
        """Store `data` as the contact's photo; `replaces_line`, a kept vCard line (a PHOTO
        link the picture was fetched from), goes in the same transaction."""
        with self.db.transaction() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError("That contact no longer exists.")
            contact.photo = data
            contact.photo_mime = mime
            if replaces_line:
                kept = [e for e in contact.extra_properties if e.line != replaces_line]
                contact.extra_properties = kept  # the others go: delete-orphan


def _make_me(session: Session, contact: Contact) -> None:
    for other in session.scalars(select(Contact).where(Contact.is_me.is_(True))):
        if other is not contact:
            other.is_me = False
    contact.is_me = True
