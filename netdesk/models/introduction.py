"""A double opt-in introduction the user made between two people."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from netdesk.models.base import Base, UTCDateTime, utcnow


class Introduction(Base):
    __tablename__ = "introductions"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    second_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    introduced_on: Mapped[date] = mapped_column(Date, index=True)
    # Why the two should meet, as the user wrote it (the template's {reason}).
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
