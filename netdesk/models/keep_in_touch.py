"""How often the user wants to be in touch with a person, or with everyone under a tag."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from netdesk.models.base import Base


class RhythmUnit(enum.StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class Rhythm(Base):
    """ "Every 3 months", for one person (contact_id) or for a tag (tag_id): exactly one is set.
    A person's own rhythm wins over their tags'; among tags the shortest wins."""

    __tablename__ = "rhythms"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True, default=None
    )
    tag_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), unique=True, default=None
    )
    every: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(10), default=RhythmUnit.MONTHS.value)


class ReconnectSnooze(Base):
    """ "Not now": the person leaves "Time to reconnect" until this date (any interaction
    restarts the rhythm anyway)."""

    __tablename__ = "reconnect_snoozes"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    until: Mapped[date] = mapped_column(Date)
