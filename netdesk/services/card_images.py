"""The pictures of a person's paper business cards: list, read, add, remove (undoably).

The pictures are kept in their own table (contact_card_images) so that reading a person, a
list of people or an export never loads them; they go with the person (deleted, merged and
undone with them) and are never exported (a vCard PHOTO is the person's photo, not a card).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from netdesk.formats.records import CardImage
from netdesk.models import Contact, ContactCardImage, utcnow
from netdesk.services import undo
from netdesk.services.bulk import table_of
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.store import Database, mark_changed


@dataclass(frozen=True)
class CardImageInfo:
    """One stored card picture, without its bytes (see CardImageService.image)."""

    id: int
    position: int
    mime: str
    source: str
    created_at: datetime


def add_card_images(session: Session, contact_id: int, images: Sequence[CardImage]) -> list[int]:
    """Store `images` after the person's pictures already there (a later card of the same
    person, a new job, keeps the earlier one); inside the caller's transaction."""
    if not images:
        return []
    table = table_of(ContactCardImage)
    last = session.scalar(
        select(func.max(table.c.position)).where(table.c.contact_id == contact_id)
    )
    start = 0 if last is None else last + 1
    # One time for the sides of one card: the person page tells a card's front and back from
    # another scan of it by that (each row's own default differed by microseconds).
    now = utcnow()
    rows = [
        {
            "contact_id": contact_id,
            "created_at": now,
            "position": start + i,
            "image": image.data,
            "mime": image.mime or "image/jpeg",
            "source": image.source[:255],
        }
        for i, image in enumerate(images)
    ]
    ids = list(
        session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    mark_changed(session, "contacts")
    return ids


def not_kept_yet(session: Session, contact_id: int, images: Sequence[CardImage]) -> list[CardImage]:
    """`images` but those the person has already, byte for byte: the same photo scanned again
    (a command run twice) reads to the same picture, which would show twice on their page."""
    if not images:
        return []
    table = table_of(ContactCardImage)
    sizes = {len(image.data) for image in images}
    # Only pictures of the same length are loaded to compare (the column is large).
    kept = set(
        session.scalars(
            select(table.c.image).where(
                table.c.contact_id == contact_id, func.length(table.c.image).in_(sizes)
            )
        )
    )
    fresh: list[CardImage] = []
    for image in images:
        if image.data not in kept:
            kept.add(image.data)
            fresh.append(image)
    return fresh


class CardImageService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list_for(self, contact_id: int) -> list[CardImageInfo]:
        """The person's card pictures, front before back, older cards first."""
        table = table_of(ContactCardImage)
        with self.db.Session() as session:
            rows = session.execute(
                select(
                    table.c.id, table.c.position, table.c.mime, table.c.source, table.c.created_at
                )
                .where(table.c.contact_id == contact_id)
                .order_by(table.c.position, table.c.id)
            )
            return [CardImageInfo(*row) for row in rows]

    def image(self, image_id: int) -> bytes:
        table = table_of(ContactCardImage)
        with self.db.Session() as session:
            data = session.scalar(select(table.c.image).where(table.c.id == image_id))
        if data is None:
            raise NotFoundError("That card picture no longer exists.")
        return bytes(data)

    def add(self, contact_id: int, images: Sequence[CardImage]) -> list[int]:
        """Keep `images` with the person (ids in the same order)."""
        for image in images:
            if not image.data:
                raise ValidationError({"card picture": "the picture is empty."})
        with self.db.transaction() as session:
            if session.get(Contact, contact_id) is None:
                raise NotFoundError("That contact no longer exists.")
            return add_card_images(session, contact_id, images)

    def remove(self, image_id: int) -> undo.Snapshot:
        """Delete one card picture; the snapshot puts it back (restore)."""
        with self.db.transaction() as session:
            row = session.get(ContactCardImage, image_id)
            if row is None:
                raise NotFoundError("That card picture no longer exists.")
            snapshot = undo.capture_rows(session, ContactCardImage, image_id, "Remove card picture")
            session.delete(row)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        """Undo a remove; NotFoundError when the person has been deleted since."""
        with self.db.transaction() as session:
            for _name, rows in snapshot.rows:
                for row in rows:
                    if session.get(Contact, row["contact_id"]) is None:
                        raise NotFoundError("The person of that card picture no longer exists.")
            undo.restore(session, snapshot)
