"""Larger goals ("a job in climate tech by June"), what is linked to them, and per-event aims
("talk to 3 speakers") checked off from the people marked met at the event."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.tag import Tag


def _link_table(name: str, other: str) -> Table:
    return Table(
        f"goal_{name}",
        Base.metadata,
        Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
        Column(
            f"{other}_id",
            ForeignKey(f"{other}s.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


goal_tags = _link_table("tags", "tag")
goal_contacts = _link_table("contacts", "contact")
goal_events = _link_table("events", "event")
goal_notes = _link_table("notes", "note")
goal_followups = _link_table("followups", "followup")


class Goal(Base):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    target_date: Mapped[date | None] = mapped_column(Date, default=None)
    description: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tags: Mapped[list[Tag]] = relationship(secondary=goal_tags, order_by=Tag.key)


class EventAim(Base):
    """ "Meet 5 people from climate tech" at one event: reached when `target` people marked met
    there have the role (if set) and the tag (if set)."""

    __tablename__ = "event_aims"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True, default=None
    )
    text: Mapped[str] = mapped_column(String(255))
    target: Mapped[int] = mapped_column(Integer, default=1)
    role: Mapped[str] = mapped_column(String(20), default="")
    tag_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="SET NULL"), index=True, default=None
    )
