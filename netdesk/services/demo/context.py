"""State shared by the parts of one demo run: session, random source, ids and pending rows."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.orm import Session

from netdesk.models import (
    Attendance,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactUrl,
    Event,
    FollowUp,
    Note,
    Tag,
    contact_tags,
)
from netdesk.services.bulk import table_of
from netdesk.text import fold


@dataclass
class EventInfo:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    local_day: date
    past: bool
    size: int


@dataclass
class PendingRows:
    """Rows waiting for the next bulk insert, parents before children."""

    tags: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    emails: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    urls: list[dict[str, Any]] = field(default_factory=list)
    contact_tags: list[dict[str, Any]] = field(default_factory=list)
    attendances: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)

    def in_insert_order(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (table_of(Tag), self.tags),
            (table_of(Contact), self.contacts),
            (table_of(ContactEmail), self.emails),
            (table_of(ContactPhone), self.phones),
            (table_of(ContactUrl), self.urls),
            (contact_tags, self.contact_tags),
            (table_of(Attendance), self.attendances),
            (table_of(Note), self.notes),
            (table_of(FollowUp), self.followups),
        ]


_ID_TABLES: tuple[Any, ...] = (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactUrl,
    Event,
    Attendance,
    Note,
    FollowUp,
    Tag,
)


def _last_id_handed_out(conn: Connection, table: str) -> int:
    if conn.dialect.name == "sqlite":
        has_sequences = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
        ).first()
        if not has_sequences:
            return 0
        seq = conn.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table}
        ).scalar()
        return int(seq or 0)
    if conn.dialect.name == "postgresql":
        last = conn.execute(
            text("SELECT pg_sequence_last_value(pg_get_serial_sequence(:table, 'id')::regclass)"),
            {"table": table},
        ).scalar()
        return int(last or 0)
    return 0


class Ids:
    """Hands out primary keys after the largest one each table has ever handed out.

    Not just after the largest one present: a deleted row's id must stay free, so that undoing
    the delete can put the row back under it (models/base.py NEVER_REUSE_IDS).
    """

    def __init__(self, conn: Connection) -> None:
        self._next: dict[str, int] = {}
        self._first: dict[str, int] = {}
        for model in _ID_TABLES:
            table = model.__tablename__
            present = conn.execute(select(func.max(model.id))).scalar() or 0
            start = max(present, _last_id_handed_out(conn, table)) + 1
            self._next[table] = self._first[table] = start

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def used(self) -> dict[str, int]:
        """The largest id handed out per table, for tables that got any."""
        return {t: n - 1 for t, n in self._next.items() if n > self._first[t]}


class DemoContext:
    """What events, people and meetings all write to during one run."""

    def __init__(self, session: Session, rng: random.Random, today: date, now: datetime) -> None:
        self.session = session
        self.conn = session.connection()
        self.rng = rng
        self.today = today
        self.now = now
        self.ids = Ids(self.conn)
        self.rows = PendingRows()
        self.tag_ids: dict[str, int] = dict(self.conn.execute(select(Tag.key, Tag.id)).all())
        self.tags_created = 0
        self.counts = {"contacts": 0, "attendances": 0, "notes": 0, "followups": 0}
        # Filled by events.make_events; people pick their events from these.
        self.events: list[EventInfo] = []
        self.event_weights: list[int] = []

    def tag_id(self, name: str) -> int:
        """The id of the tag called `name`, queueing a new tag if there is none yet."""
        key = fold(name)
        tag_id = self.tag_ids.get(key)
        if tag_id is None:
            tag_id = self.ids.take("tags")
            self.tag_ids[key] = tag_id
            self.rows.tags.append({"id": tag_id, "name": name, "key": key})
            self.tags_created += 1
        return tag_id
