"""Something promised to a contact, with a due date."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.contact import Contact
from netdesk.models.event import Event


class FollowUp(Base):
    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True, default=None
    )
    action: Mapped[str] = mapped_column(String(500))
    due_date: Mapped[date | None] = mapped_column(Date, index=True, default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contact: Mapped[Contact] = relationship()
    event: Mapped[Event | None] = relationship()
