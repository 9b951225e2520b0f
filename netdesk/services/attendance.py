"""Who was at an event: the attendee list, adding, editing and taking people off."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.models import Attendance, Contact, Event, RegistrationStatus, Role
from netdesk.services import undo
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import AttendeeRow
from netdesk.services.validation import typed_text
from netdesk.store import Database


class EventAttendance:
    """The attendance half of EventService: callers reach these as `services.events.…`."""

    db: Database

    def attendees(self, event_id: int) -> list[AttendeeRow]:
        with self.db.Session() as session:
            rows = session.execute(
                select(Attendance, Contact.formatted_name, Contact.organization)
                .join(Contact, Contact.id == Attendance.contact_id)
                .where(Attendance.event_id == event_id)
                .order_by(Contact.sort_name, Contact.id)
            )
            return [
                AttendeeRow(
                    attendance_id=a.id,
                    contact_id=a.contact_id,
                    name=name,
                    organization=org,
                    role=a.role,
                    status=a.status,
                    met=a.met,
                    notes=a.notes,
                    badge_printed=a.badge_printed,
                    qr_fields=a.qr_fields,
                )
                for a, name, org in rows
            ]

    def add_attendee(
        self,
        event_id: int,
        contact_id: int,
        role: str = Role.ATTENDEE.value,
        status: str = RegistrationStatus.REGISTERED.value,
        met: bool = False,
    ) -> int:
        _check_choice(role, Role, "role")
        _check_choice(status, RegistrationStatus, "status")
        with self.db.transaction() as session:
            return ensure_attendance(session, event_id, contact_id, role, status, met).id

    def update_attendance(
        self,
        attendance_id: int,
        *,
        role: str | None = None,
        status: str | None = None,
        met: bool | None = None,
        notes: str | None = None,
        badge_printed: bool | None = None,
    ) -> None:
        with self.db.transaction() as session:
            a = session.get(Attendance, attendance_id)
            if a is None:
                raise NotFoundError("That person is no longer on the event.")
            if role is not None:
                _check_choice(role, Role, "role")
                a.role = role
            if status is not None:
                _check_choice(status, RegistrationStatus, "status")
                a.status = status
            if met is not None:
                a.met = met
            if notes is not None:
                a.notes = typed_text(notes).strip()
            if badge_printed is not None:
                a.badge_printed = badge_printed

    def remove_attendee(self, attendance_id: int) -> undo.Snapshot:
        return self.remove_attendees([attendance_id])

    def remove_attendees(self, attendance_ids: list[int]) -> undo.Snapshot:
        """Takes these people off their event in one transaction; one undo brings all back."""
        with self.db.transaction() as session:
            snapshot = undo.Snapshot("Remove from event")
            for attendance_id in attendance_ids:
                a = session.get(Attendance, attendance_id)
                if a is None:
                    raise NotFoundError("That person is no longer on the event.")
                taken = undo.capture_rows(session, Attendance, attendance_id, snapshot.label)
                snapshot.rows.extend(taken.rows)
                session.delete(a)
            return snapshot

    def restore_attendance(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)


def _check_choice(value: str, choices: type, field: str) -> None:
    if value not in {c.value for c in choices}:  # type: ignore[attr-defined]
        raise ValidationError({field: f"“{value}” is not a {field}."})


def ensure_attendance(
    session: Session,
    event_id: int,
    contact_id: int,
    role: str = Role.ATTENDEE.value,
    status: str = RegistrationStatus.REGISTERED.value,
    met: bool = False,
) -> Attendance:
    """The contact's attendance at the event, created if missing (met is only ever turned on)."""
    if session.get(Event, event_id) is None:
        raise NotFoundError("That event no longer exists.")
    if session.get(Contact, contact_id) is None:
        raise NotFoundError("That contact no longer exists.")
    a = session.scalar(
        select(Attendance).where(
            Attendance.event_id == event_id, Attendance.contact_id == contact_id
        )
    )
    if a is None:
        a = Attendance(event_id=event_id, contact_id=contact_id, role=role, status=status, met=met)
        session.add(a)
        session.flush()
    elif met and not a.met:
        a.met = True
    return a


# The UI takes these choices from here, not from the models.
__all__ = ["EventAttendance", "RegistrationStatus", "Role", "ensure_attendance"]
