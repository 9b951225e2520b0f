"""Runs the demo: events first, then people in batches, bulk-inserted in one transaction.

Everything is written with Core bulk inserts in one transaction, with ids assigned here (after
the current maximum) so that child rows can point at their parents without a round trip: the
ORM would take about ten times longer for 100,000 people (docs/architecture.md, "Measured").
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.models import Contact, Rhythm
from netdesk.services.bulk import collector_paused
from netdesk.services.demo.context import DemoContext, PendingRows
from netdesk.services.demo.events import make_events
from netdesk.services.demo.goals import add_demo_goals
from netdesk.services.demo.meetings import Meetings
from netdesk.services.demo.people import People
from netdesk.store import Database, mark_changed, search_index
from netdesk.text import fold

Progress = Callable[[int, int], None]

# People written per round trip; also how often progress is reported.
BATCH = 2000
# Keep-in-touch rhythms the demo gives its tags: (tag, every so many months).
DEMO_RHYTHMS = (("mentor", 3),)


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo added."""

    contacts: int
    events: int
    attendances: int
    notes: int
    followups: int
    # Tags created (existing tags with the same name are reused, not counted).
    tags: int


def generate_demo(
    db: Database,
    people: int = 150,
    events: int = 6,
    seed: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add `people` contacts (one of them the user's own card, unless there is one already)
    and `events` events around `today`, with attendances, notes, follow-ups and tags.

    The same seed gives the same names, events and notes; uids are always fresh so that a second
    run adds to the database instead of clashing with the first.
    """
    if people < 0 or events < 0:
        raise ValueError("people and events must not be negative")
    real_today = clock.today()
    today = today or real_today
    # Noon keeps "now" on `today` in every time zone the user may be in.
    now = (
        clock.now().replace(microsecond=0)
        if today == real_today
        else datetime.combine(today, time(12), UTC)
    )
    with collector_paused(), db.transaction() as session:
        loader = _DemoLoader(session, random.Random(seed), today, now, people + events, progress)
        summary = loader.build(people, events)
        add_demo_goals(session, today, now)
        kinds = ("contacts", "events", "attendances", "notes", "followups", "tags", "goals")
        mark_changed(session, *kinds, "rhythms")
    return summary


class _DemoLoader:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        today: date,
        now: datetime,
        total: int,
        progress: Progress | None,
    ) -> None:
        self.ctx = DemoContext(session, rng, today, now)
        self.total = total
        self.done = 0
        self.progress = progress
        # Meetings shuffles its follow-up buckets now: the seed's sequence depends on that order.
        self.meetings = Meetings(self.ctx)
        self.people = People(self.ctx, self.meetings)

    def build(self, people: int, events: int) -> DemoSummary:
        ctx = self.ctx
        self._report()
        make_events(ctx, events)
        self.done += events
        self._report()
        has_me = ctx.conn.execute(select(Contact.id).where(Contact.is_me.is_(True))).first()
        batch_ids: list[int] = []
        for index in range(people):
            if index == 0 and has_me is None:
                batch_ids.append(self.people.make_me())
            else:
                batch_ids.append(self.people.make_person())
            if len(batch_ids) >= BATCH:
                self._flush(batch_ids)
                batch_ids = []
        self._flush(batch_ids)
        self._fix_sequences()
        self._keep_in_touch()
        return DemoSummary(
            contacts=ctx.counts["contacts"],
            events=len(ctx.events),
            attendances=ctx.counts["attendances"],
            notes=ctx.counts["notes"],
            followups=ctx.counts["followups"],
            tags=ctx.tags_created,
        )

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _flush(self, contact_ids: list[int]) -> None:
        ctx = self.ctx
        for table, rows in ctx.rows.in_insert_order():
            if rows:
                ctx.session.execute(insert(table), rows)
        ctx.rows = PendingRows()
        if contact_ids:
            search_index.refresh(ctx.conn, contact_ids)
            self.done += len(contact_ids)
            self._report()

    def _keep_in_touch(self) -> None:
        """Mentors every 3 months, so that "Time to reconnect" has someone to show; a tag
        given a rhythm by the user already keeps theirs."""
        conn = self.ctx.conn
        for tag, every in DEMO_RHYTHMS:
            tag_id = self.ctx.tag_ids.get(fold(tag))
            if tag_id is None:
                continue
            if conn.execute(select(Rhythm.id).where(Rhythm.tag_id == tag_id)).first() is None:
                conn.execute(insert(Rhythm).values(tag_id=tag_id, every=every, unit="months"))

    def _fix_sequences(self) -> None:
        """PostgreSQL's id sequences do not see explicit ids; move them past ours."""
        if self.ctx.conn.dialect.name != "postgresql":
            return
        for table, last in self.ctx.ids.used().items():
            self.ctx.conn.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                {"table": table, "last": last},
            )
