"""Contacts: create, edit, read with everything around them, delete (undoably)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import CompoundSelect, func, select, union
from sqlalchemy.orm import Session, selectinload

from netdesk.db import Database
from netdesk.formats.phone_extension import split_extension, with_extension
from netdesk.models import (
    Attendance,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactUrl,
    Event,
    FollowUp,
    Note,
)
from netdesk.services import undo
from netdesk.services.bulk import column_length
from netdesk.services.edit_merge import merge_edit
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.event_times import is_upcoming
from netdesk.services.records import (
    ContactDetail,
    ContactInput,
    FollowUpRow,
    MeetingRow,
    NoteRow,
    PhoneValue,
)
from netdesk.services.tags import tags_for
from netdesk.services.validation import (
    email_problem,
    phone_to_e164,
    web_address,
    without_control_characters,
)
from netdesk.text import sort_key_for_name


def _clean(value: str) -> str:
    return " ".join(value.split())


def validate_contact(
    data: ContactInput, region: str | None = None
) -> tuple[ContactInput, list[str]]:
    """A cleaned copy of the input and the E.164 form of each phone; ValidationError if wrong."""
    errors: dict[str, str] = {}
    data = without_control_characters(data)
    clean = ContactInput(
        formatted_name=_clean(data.formatted_name),
        given_name=_clean(data.given_name),
        family_name=_clean(data.family_name),
        nickname=_clean(data.nickname),
        organization=_clean(data.organization),
        department=_clean(data.department),
        title=_clean(data.title),
        emails=[e.strip() for e in data.emails if e.strip()],
        phones=[p.strip() for p in data.phones if p.strip()],
        urls=[u.strip() for u in data.urls if u.strip()],
        birthday=data.birthday,
        note=data.note.strip(),
        tags=list(data.tags),
        is_me=data.is_me,
    )
    if not clean.formatted_name:
        clean.formatted_name = " ".join(p for p in (clean.given_name, clean.family_name) if p)
    if not clean.formatted_name:
        errors["name"] = "A contact needs a name."
    errors.update(_too_long(clean))
    # Every bad line at once, so that one round of corrections is enough.
    problems = [p for p in map(email_problem, clean.emails) if p]
    problems.extend(_long_values(clean.emails, ContactEmail, "email address"))
    if problems:
        errors["emails"] = "\n".join(problems)
    clean.emails = _unique(clean.emails, str.casefold)
    e164s: list[str] = []
    problems = []
    phones: list[str] = []
    seen: set[tuple[str, str]] = set()
    for phone in clean.phones:
        # "+1 418-656-9254 ext. 102" or "x102": the extension is kept apart (apply_contact).
        number, extension = split_extension(phone)
        try:
            e164 = phone_to_e164(number, region)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if (e164, extension) not in seen:  # the same number typed twice, perhaps differently
            seen.add((e164, extension))
            e164s.append(e164)
            phones.append(with_extension(number, extension))
    if problems:
        errors["phones"] = "\n".join(problems)
    clean.phones = phones
    urls: list[str] = []
    problems = []
    for url in clean.urls:
        try:
            urls.append(web_address(url))
        except ValueError as exc:
            problems.append(str(exc))
    problems.extend(_long_values(urls, ContactUrl, "web address"))
    if problems:
        errors["urls"] = "\n".join(problems)
    clean.urls = _unique(urls, str.casefold)
    if errors:
        raise ValidationError(errors)
    return clean, e164s


# Form fields and the contact columns they are saved in (the name parts share one error).
_TEXT_COLUMNS = {
    "formatted_name": "name",
    "given_name": "name_parts",
    "family_name": "name_parts",
    "nickname": "nickname",
    "organization": "organization",
    "department": "department",
    "title": "title",
}


def _too_long(data: ContactInput) -> dict[str, str]:
    """PostgreSQL refuses text longer than its column (SQLite would keep it): say so beside
    the field instead of failing the save."""
    errors: dict[str, str] = {}
    for attribute, field in _TEXT_COLUMNS.items():
        limit = column_length(Contact, attribute)
        if limit is not None and len(getattr(data, attribute)) > limit:
            errors[field] = f"Too long: at most {limit:,} characters."
    return errors


def _long_values(values: list[str], model: type, what: str) -> list[str]:
    limit = column_length(model, "value")
    if limit is None:
        return []
    return [
        f"A {what} of {len(v):,} characters is too long (at most {limit:,})."
        for v in values
        if len(v) > limit
    ]


def _unique(values: list[str], key: Callable[[str], str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            unique.append(value)
    return unique


def apply_contact(session: Session, contact: Contact, data: ContactInput, e164s: list[str]) -> None:
    contact.formatted_name = data.formatted_name
    contact.given_name = data.given_name
    contact.family_name = data.family_name
    contact.nickname = data.nickname
    contact.organization = data.organization
    contact.department = data.department
    contact.title = data.title
    contact.birthday = data.birthday
    contact.note = data.note
    contact.sort_name = sort_key_for_name(data.family_name, data.given_name, data.formatted_name)
    contact.tags = tags_for(session, data.tags)
    # Keep rows whose value is unchanged so that their type, label and preference survive.
    old_emails = {e.value.casefold(): e for e in contact.emails}
    contact.emails = [
        old_emails.get(v.casefold()) or ContactEmail(value=v, kind="work" if i == 0 else "")
        for i, v in enumerate(data.emails)
    ]
    old_phones = {(p.value, p.extension): p for p in contact.phones}
    phones = []
    for text, e164 in zip(data.phones, e164s, strict=True):
        value, extension = split_extension(text)
        row = old_phones.get((value, extension)) or ContactPhone(
            value=value, kind="cell", extension=extension
        )
        row.e164 = e164
        phones.append(row)
    contact.phones = phones
    old_urls = {u.value: u for u in contact.urls}
    contact.urls = [old_urls.get(v) or ContactUrl(value=v) for v in data.urls]
    for group in (contact.emails, contact.phones, contact.urls):
        for position, child in enumerate(group):
            child.position = position  # type: ignore[attr-defined]
            child.preferred = position == 0  # type: ignore[attr-defined]


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
            contact = _load(session, contact_id)
            if opened is not None:
                now = _detail(session, contact).as_input()
                clean, e164s = validate_contact(merge_edit(opened, data, now))
            apply_contact(session, contact, clean, e164s)
            if clean.is_me and not contact.is_me:
                _make_me(session, contact)
            elif not clean.is_me:
                contact.is_me = False

    def get(self, contact_id: int) -> ContactDetail:
        with self.db.Session() as session:
            contact = _load(session, contact_id)
            return _detail(session, contact)

    def me(self) -> ContactDetail | None:
        with self.db.Session() as session:
            contact = session.scalar(select(Contact).where(Contact.is_me.is_(True)))
            return _detail(session, contact) if contact else None

    def find_by_name(self, name: str, organization: str = "") -> int | None:
        """An existing contact with exactly this name (and organisation, when given)."""
        with self.db.Session() as session:
            stmt = select(Contact.id).where(Contact.formatted_name == _clean(name))
            if organization.strip():
                stmt = stmt.where(Contact.organization == _clean(organization))
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


def _load(session: Session, contact_id: int) -> Contact:
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


def _detail(session: Session, contact: Contact) -> ContactDetail:
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
    now = datetime.now(UTC)
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
