"""Timestamped text about a contact, optionally at an event."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.contact import Contact
from netdesk.models.event import Event


class NoteTopic(enum.StrEnum):
    GENERAL = "general"
    TALKED_ABOUT = "talked about"
    COMMON_GROUND = "common ground"
    CAN_OFFER = "I can offer"
    # Written by netdesk when the user says an email from it was sent (services.mail).
    EMAILED = "emailed"


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True, default=None
    )
    topic: Mapped[str] = mapped_column(String(40), default=NoteTopic.GENERAL.value)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    contact: Mapped[Contact] = relationship()
    event: Mapped[Event | None] = relationship()
