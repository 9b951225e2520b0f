"""Tags: find-or-create by name, list, rename, delete."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netdesk.models import Tag, contact_tags, event_tags
from netdesk.services import undo
from netdesk.services.bulk import column_length, table_of
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.validation import typed_text
from netdesk.store import Database, insert_missing, mark_changed, refresh_search
from netdesk.text import fold

TAG_LENGTH = column_length(Tag, "key") or 80  # the columns that hold tag names and keys


def tag_key(name: str) -> str:
    """What makes two tag names one tag ("AI" and "ai"), fitted to its column."""
    return fold(name)[:TAG_LENGTH]


def clean_tag_names(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for raw in names:
        name = " ".join(typed_text(raw).split())[:TAG_LENGTH]
        if name and tag_key(name) not in seen:
            seen[tag_key(name)] = name
    return list(seen.values())


def tags_for(session: Session, names: Iterable[str]) -> list[Tag]:
    """The Tag rows for these names, creating the missing ones ("AI" and "ai" are one tag)."""
    wanted = clean_tag_names(names)
    if not wanted:
        return []
    keys = [tag_key(n) for n in wanted]
    existing = {t.key: t for t in session.scalars(select(Tag).where(Tag.key.in_(keys)))}
    missing = [
        {"name": name, "key": key}
        for name, key in zip(wanted, keys, strict=True)
        if key not in existing
    ]
    if missing:
        # Another process may make the same tag at the same moment: the first one's is kept.
        insert_missing(session, table_of(Tag), missing, ["key"])
        mark_changed(session, "tags")
        made = [row["key"] for row in missing]
        existing.update((t.key, t) for t in session.scalars(select(Tag).where(Tag.key.in_(made))))
    return [existing[key] for key in keys]


@dataclass(frozen=True)
class TagUsage:
    name: str
    people: int
    events: int


class TagService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[TagUsage]:
        """Every tag with how many people and how many events carry it, by name."""
        # Counted apart and then joined: one join over both tables would multiply the counts.
        people = (
            select(contact_tags.c.tag_id, func.count().label("n"))
            .group_by(contact_tags.c.tag_id)
            .subquery()
        )
        events = (
            select(event_tags.c.tag_id, func.count().label("n"))
            .group_by(event_tags.c.tag_id)
            .subquery()
        )
        with self.db.Session() as session:
            rows = session.execute(
                select(Tag.name, func.coalesce(people.c.n, 0), func.coalesce(events.c.n, 0))
                .outerjoin(people, people.c.tag_id == Tag.id)
                .outerjoin(events, events.c.tag_id == Tag.id)
                .order_by(Tag.key)
            )
            return [TagUsage(name, int(p), int(e)) for name, p, e in rows]

    def names(self) -> list[str]:
        """Every tag name, alphabetically: what a tag field offers to complete."""
        with self.db.Session() as session:
            return list(session.scalars(select(Tag.name).order_by(Tag.key)))

    def rename(self, old: str, new: str) -> str:
        """Rename the tag everywhere; returns its name before, as it was spelled (for undo)."""
        new_clean = " ".join(typed_text(new).split())
        if not new_clean:
            raise ValidationError({"name": "A tag needs a name."})
        with self.db.transaction() as session:
            tag = session.scalar(select(Tag).where(Tag.key == fold(old)))
            if tag is None:
                raise NotFoundError(f"There is no tag “{old}”.")
            clash = session.scalar(select(Tag).where(Tag.key == fold(new_clean), Tag.id != tag.id))
            if clash is not None:
                raise ValidationError({"name": f"A tag “{clash.name}” exists already."})
            before = tag.name
            tag.name, tag.key = new_clean, fold(new_clean)
            return before

    def delete(self, name: str) -> undo.Snapshot:
        """Remove the tag from everybody and every event; the snapshot undoes it."""
        with self.db.transaction() as session:
            tag = session.scalar(select(Tag).where(Tag.key == fold(name)))
            if tag is None:
                raise NotFoundError(f"There is no tag “{name}”.")
            snapshot = undo.capture_tag(session, tag.id, f"Delete tag {tag.name}")
            # The association rows go by ON DELETE CASCADE, unseen by the ORM: re-index by hand.
            holders = set(
                session.scalars(
                    select(contact_tags.c.contact_id).where(contact_tags.c.tag_id == tag.id)
                )
            )
            session.delete(tag)
            session.flush()
            refresh_search(session, holders)
            return snapshot

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)
