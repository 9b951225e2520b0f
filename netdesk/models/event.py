"""An event: a conference, meetup, workshop, association meeting, ..."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.tag import Tag, event_tags

if TYPE_CHECKING:
    from netdesk.models.attendance import Attendance


class EventKind(enum.StrEnum):
    CONFERENCE = "conference"
    MEETUP = "meetup"
    WORKSHOP = "workshop"
    ASSOCIATION_MEETING = "association meeting"
    ONLINE_COMMUNITY = "online community"
    MENTORING = "mentoring"
    OTHER = "other"


def new_event_uid() -> str:
    return f"{uuid.uuid4()}@netdesk"


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True, default=new_event_uid)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(40), default=EventKind.OTHER.value)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # IANA zone the event is held in, for showing local times; empty means the user's zone.
    timezone: Mapped[str] = mapped_column(String(64), default="")
    venue: Mapped[str] = mapped_column(String(255), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    url: Mapped[str] = mapped_column(String(2048), default="")
    organiser: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # A date, not a moment: starts_at is midnight UTC of the first day and ends_at midnight UTC
    # after the last, shown as those UTC dates in every zone. Declared last because migration
    # 0004 adds the column at the end of the table, where create_all must put it too.
    all_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The iCalendar RRULE, RDATE and EXDATE content lines, verbatim and joined by "\n" (empty
    # for a one-off event): kept so that an export gives back the series the file described.
    # Added by migration 0006, after all_day.
    recurrence: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))

    tags: Mapped[list[Tag]] = relationship(secondary=event_tags, order_by=Tag.key)
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
