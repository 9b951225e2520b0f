"""A contact at an event."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import NEVER_REUSE_IDS, Base, UTCDateTime
from netdesk.models.contact import Contact
from netdesk.models.event import Event


class Role(enum.StrEnum):
    ATTENDEE = "attendee"
    SPEAKER = "speaker"
    ORGANISER = "organiser"
    SPONSOR = "sponsor"
    EXHIBITOR = "exhibitor"
    STAFF = "staff"


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    CHECKED_IN = "checked in"
    CANCELLED = "cancelled"


class Attendance(Base):
    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("event_id", "contact_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default=Role.ATTENDEE.value)
    status: Mapped[str] = mapped_column(String(20), default=RegistrationStatus.REGISTERED.value)
    met: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Comma-separated field names the person agreed to put in their badge QR code.
    qr_fields: Mapped[str] = mapped_column(String(255), default="name,organization,title")
    notes: Mapped[str] = mapped_column(Text, default="")
    # When the after-event review dealt with this person (wrote, planned a follow-up, or
    # "nothing needed"); None while they wait to be reviewed.
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    event: Mapped[Event] = relationship(back_populates="attendances")
    contact: Mapped[Contact] = relationship()
