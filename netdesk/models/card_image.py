"""Pictures of the paper business cards a person handed over, as the card scanner cut them out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from netdesk.models.base import Base, UTCDateTime, utcnow


class ContactCardImage(Base):
    """One side of a paper card, upright and cropped to the card (not the whole photo)."""

    __tablename__ = "contact_card_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    # 0 for the front (the side with the name), 1 for the back; a later card of the same person
    # (a new job) gets the next positions.
    position: Mapped[int] = mapped_column(Integer, default=0)
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    mime: Mapped[str] = mapped_column(String(60), default="image/jpeg")
    # The photo's file name ("IMG_2041.HEIC"), for the person page's tooltip.
    source: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
