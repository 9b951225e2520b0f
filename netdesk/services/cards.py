"""QR business cards and badge data: who goes on a card or badge, with which fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, or_, select, update

from netdesk.cards.badge import Badge
from netdesk.cards.payload import PayloadFormat, card_payload, display_name
from netdesk.cards.qr import QrCode, density_warning, fits_in_a_code, qr_code
from netdesk.cards.share import BADGE_DEFAULT_FIELDS, fields_text, parse_fields, shared_record
from netdesk.formats.records import ContactRecord
from netdesk.models import Attendance, Contact, ContactEmail, Event
from netdesk.models.attendance import RegistrationStatus
from netdesk.services.bulk import chunks
from netdesk.services.contact_records import records_for
from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.store import Database, mark_changed


@dataclass(frozen=True)
class QrCard:
    """What a QR card shows: the payload, its code and whether it will be hard to scan."""

    contact_id: int
    name: str
    fields: tuple[str, ...]
    format: PayloadFormat
    payload: str
    code: QrCode
    warning: str


class BadgeSelection(StrEnum):
    ALL = "all"
    NOT_PRINTED = "not-printed"
    CHECKED_IN = "checked-in"


def badge_payload(record: ContactRecord, fields: tuple[str, ...]) -> str:
    """The attendee's card with the fields they agreed to; when that is more than a QR code
    holds (a very long web address, say), the badge defaults, then the name alone."""
    for chosen in (fields, BADGE_DEFAULT_FIELDS, ("name",)):
        payload = card_payload(shared_record(record, chosen))
        if fits_in_a_code(payload):
            return payload
    return payload


def first_name_of(record: ContactRecord) -> str:
    if record.given_name:
        return record.given_name
    name = display_name(record).split()
    return name[0] if name else ""


class CardService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- QR cards ----------------------------------------------------------------------

    def me_id(self) -> int | None:
        with self.db.Session() as session:
            return session.scalar(select(Contact.id).where(Contact.is_me.is_(True)))

    def record(self, contact_id: int) -> ContactRecord:
        with self.db.Session() as session:
            found = records_for(session.connection(), [contact_id])
        if not found:
            raise NotFoundError(f"No contact with id {contact_id}.")
        return found[0]

    def card(
        self,
        contact_id: int,
        fields: Iterable[str],
        fmt: PayloadFormat = PayloadFormat.VCARD,
    ) -> QrCard:
        record = self.record(contact_id)
        chosen = tuple(fields)
        payload = card_payload(shared_record(record, chosen), fmt)
        code = qr_code(payload)
        return QrCard(
            contact_id=contact_id,
            name=display_name(record),
            fields=chosen,
            format=fmt,
            payload=payload,
            code=code,
            warning=density_warning(code),
        )

    def find_contact(self, email_or_uid: str) -> int:
        """The contact with this email (any of theirs, case-insensitive) or vCard UID."""
        key = email_or_uid.strip()
        if not key:
            raise ValidationError({"contact": "Give an email address or a UID."})
        with self.db.Session() as session:
            found = session.scalars(
                select(Contact.id)
                .outerjoin(ContactEmail, ContactEmail.contact_id == Contact.id)
                .where(or_(Contact.uid == key, func.lower(ContactEmail.value) == key.lower()))
                .distinct()
                .limit(2)
            ).all()
        if not found:
            raise NotFoundError(f"No contact with the email address or UID {key!r}.")
        if len(found) > 1:
            raise ValidationError({"contact": f"More than one contact has {key!r}."})
        return found[0]

    def contact_emails(self) -> list[str]:
        """Every email address of every contact, each once: what `find_contact` is told to
        suggest close ones from."""
        with self.db.Session() as session:
            return list(
                session.scalars(select(ContactEmail.value).distinct().order_by(ContactEmail.value))
            )

    # --- badges --------------------------------------------------------------------------

    def badges(
        self,
        event_id: int,
        selection: BadgeSelection = BadgeSelection.ALL,
        contact_ids: Sequence[int] | None = None,
    ) -> list[Badge]:
        """The event's badges in name order; `contact_ids` picks people by hand instead.

        Cancelled registrations get no badge unless picked by hand."""
        with self.db.Session() as session:
            if session.get(Event, event_id) is None:
                raise NotFoundError(f"No event with id {event_id}.")
            stmt = (
                select(
                    Attendance.id,
                    Attendance.contact_id,
                    Attendance.role,
                    Attendance.qr_fields,
                    Attendance.badge_printed,
                    Attendance.status,
                )
                .join(Contact, Contact.id == Attendance.contact_id)
                .where(Attendance.event_id == event_id)
                .order_by(
                    func.lower(Contact.family_name),
                    func.lower(Contact.formatted_name),
                    Attendance.id,
                )
            )
            if contact_ids is not None:
                stmt = stmt.where(Attendance.contact_id.in_(list(contact_ids)))
            else:
                stmt = stmt.where(Attendance.status != RegistrationStatus.CANCELLED.value)
                if selection == BadgeSelection.NOT_PRINTED:
                    stmt = stmt.where(Attendance.badge_printed.is_(False))
                elif selection == BadgeSelection.CHECKED_IN:
                    stmt = stmt.where(Attendance.status == RegistrationStatus.CHECKED_IN.value)
            rows = session.execute(stmt).all()
            conn = session.connection()
            records: dict[int, ContactRecord] = {}
            ids = [row.contact_id for row in rows]
            for chunk in chunks(ids):
                found = records_for(conn, chunk)
                if len(found) != len(chunk):
                    # Someone deleted a contact in between: better no badges than wrong ones.
                    raise ServiceError("The attendee list changed meanwhile; please try again.")
                records.update(zip(chunk, found, strict=True))
        badges = []
        for row in rows:
            if (record := records.get(row.contact_id)) is None:
                continue
            fields = parse_fields(row.qr_fields) if row.qr_fields else BADGE_DEFAULT_FIELDS
            badges.append(
                Badge(
                    attendance_id=row.id,
                    contact_id=row.contact_id,
                    first_name=first_name_of(record),
                    full_name=display_name(record),
                    organization=record.organization,
                    title=record.title,
                    role=row.role,
                    payload=badge_payload(record, fields),
                    printed=row.badge_printed,
                )
            )
        return badges

    def mark_printed(self, attendance_ids: Iterable[int], printed: bool = True) -> int:
        ids = list(attendance_ids)
        with self.db.transaction() as session:
            for chunk in chunks(ids):
                session.execute(
                    update(Attendance).where(Attendance.id.in_(chunk)).values(badge_printed=printed)
                )
            # A bulk UPDATE goes past the ORM's change events: say so, for open views.
            mark_changed(session, "attendances")
        return len(ids)

    def set_shared_fields(self, attendance_id: int, fields: Iterable[str]) -> str:
        """What this attendee agreed to put in their badge's code; returns what was stored
        (known fields only, in card order, the name always)."""
        text = fields_text({"name", *parse_fields(",".join(fields))})
        with self.db.transaction() as session:
            attendance = session.get(Attendance, attendance_id)
            if attendance is None:
                raise NotFoundError(f"No attendance with id {attendance_id}.")
            attendance.qr_fields = text
        return text
