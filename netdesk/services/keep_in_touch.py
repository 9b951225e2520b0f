"""Keep in touch: how often the user wants to hear from a person ("every 3 months"), set on
the person or on a tag, and who is past it today ("Time to reconnect").

A person's own rhythm wins over their tags'; among tags the shortest wins. The rhythm runs
from the last interaction (services/interactions.py), so any of them restarts it; a person
never met runs from the day they were added. A snooze keeps someone off the list until its
date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, select, true
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dates import add_interval, local_day
from netdesk.models import Contact, ReconnectSnooze, Rhythm, RhythmUnit, Tag, contact_tags
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.interactions import (
    LONGEST_ID_LIST,
    Interaction,
    latest_interactions,
)
from netdesk.store import Database

MOST_EVERY = 999
# For choosing the shortest of several tags' rhythms ("4 weeks" is shorter than "1 month").
_ROUGH_DAYS = {
    RhythmUnit.DAYS: 1,
    RhythmUnit.WEEKS: 7,
    RhythmUnit.MONTHS: 30,
    RhythmUnit.YEARS: 365,
}


def rhythm_text(every: int, unit: RhythmUnit | str) -> str:
    """ "every month", "every 3 months", "every 2 weeks"."""
    word = unit_word(RhythmUnit(unit), every)
    return f"every {word}" if every == 1 else f"every {every} {word}"


def unit_word(unit: RhythmUnit, every: int) -> str:
    """ "month" for every 1, "months" for more."""
    return unit.value if every != 1 else unit.value.removesuffix("s")


@dataclass(frozen=True)
class EffectiveRhythm:
    """The rhythm that applies to a person; `source` is "own" or the name of the tag."""

    every: int
    unit: RhythmUnit
    source: str
    text: str

    @property
    def own(self) -> bool:
        return self.source == "own"


@dataclass(frozen=True)
class RhythmStatus:
    """What the person page says: the rhythm, the last interaction, the next date."""

    rhythm: EffectiveRhythm
    last: Interaction | None
    due_on: date
    snoozed_until: date | None


@dataclass(frozen=True)
class ReconnectRow:
    contact_id: int
    name: str
    organization: str
    last: Interaction | None
    rhythm_text: str
    due_on: date
    days_over: int


@dataclass(frozen=True)
class TagRhythm:
    tag_id: int
    name: str
    rhythm: EffectiveRhythm | None


def _effective(every: int, unit: str, source: str) -> EffectiveRhythm:
    return EffectiveRhythm(every, RhythmUnit(unit), source, rhythm_text(every, unit))


def _length(rhythm: EffectiveRhythm) -> tuple[int, str]:
    """For finding the shortest rhythm; on a tie, the tag first by name."""
    return rhythm.every * _ROUGH_DAYS[rhythm.unit], rhythm.source.casefold()


def _rhythms(conn: Connection, scope: Sequence[int] | None) -> dict[int, EffectiveRhythm]:
    """Each person's rhythm, own or from their tags (three queries, whatever the number)."""
    by_tag = {
        tag_id: _effective(every, unit, name)
        for tag_id, name, every, unit in conn.execute(
            select(Tag.id, Tag.name, Rhythm.every, Rhythm.unit).join(
                Rhythm, Rhythm.tag_id == Tag.id
            )
        )
    }
    # Each person takes the shortest of their tags' rhythms.
    rank = {t: n for n, t in enumerate(sorted(by_tag, key=lambda t: _length(by_tag[t])))}
    tagged = select(contact_tags.c.contact_id, contact_tags.c.tag_id).where(
        contact_tags.c.tag_id.in_(list(by_tag))
    )
    own = select(Rhythm.contact_id, Rhythm.every, Rhythm.unit).where(Rhythm.contact_id.is_not(None))
    if scope is not None:
        own = own.where(Rhythm.contact_id.in_(scope))
        tagged = tagged.where(contact_tags.c.contact_id.in_(scope))
    best: dict[int, int] = {}
    if by_tag:
        for contact_id, tag_id in conn.execute(tagged):
            known = best.get(contact_id)
            if known is None or rank[tag_id] < rank[known]:
                best[contact_id] = tag_id
    found = {contact_id: by_tag[tag_id] for contact_id, tag_id in best.items()}
    for contact_id, every, unit in conn.execute(own):
        if contact_id is not None:  # always: filtered above
            found[contact_id] = _effective(every, unit, "own")
    return found


def _among(column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """`column` is one of `ids`; a long list is left for the caller to filter (a statement
    carries only so many values), so that it is still one query."""
    return column.in_(ids) if len(ids) <= LONGEST_ID_LIST else true()


def _due_on(rhythm: EffectiveRhythm, last: Interaction | None, created_at: datetime) -> date:
    start = last.on if last is not None else local_day(created_at)
    return add_interval(start, rhythm.every, rhythm.unit)


class KeepInTouchService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- rhythms ------------------------------------------------------------------------------

    def set_rhythm(
        self,
        *,
        contact_id: int | None = None,
        tag_id: int | None = None,
        every: int | None,
        unit: RhythmUnit | str = RhythmUnit.MONTHS,
    ) -> tuple[int, RhythmUnit] | None:
        """Set (or with every=None remove) the rhythm of one person or one tag; returns the
        one it replaces, for undo."""
        if (contact_id is None) == (tag_id is None):
            raise ValueError("a rhythm belongs to a person or to a tag")
        try:
            unit = RhythmUnit(unit)
        except ValueError:
            raise ValidationError({"unit": f"Unknown unit of time: {unit}."}) from None
        if every is not None and not 1 <= every <= MOST_EVERY:
            raise ValidationError({"every": f"Choose a number from 1 to {MOST_EVERY}."})
        chosen = unit

        # Run again when another process added the same person's or tag's rhythm meanwhile
        # (its unique key): the second run finds that row and changes it.
        def work(session: Session) -> tuple[int, RhythmUnit] | None:
            owner = session.get(Contact, contact_id) if contact_id else session.get(Tag, tag_id)
            if owner is None:
                what = "person" if contact_id else "tag"
                raise NotFoundError(f"That {what} no longer exists.")
            if contact_id is not None:
                row = session.scalar(select(Rhythm).where(Rhythm.contact_id == contact_id))
            else:
                row = session.scalar(select(Rhythm).where(Rhythm.tag_id == tag_id))
            before = (row.every, RhythmUnit(row.unit)) if row is not None else None
            if every is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    Rhythm(contact_id=contact_id, tag_id=tag_id, every=every, unit=chosen.value)
                )
            else:
                row.every, row.unit = every, chosen.value
            return before

        return self.db.retrying(work, wait=self.db.quick_wait)

    def rhythm_for(self, contact_id: int) -> EffectiveRhythm | None:
        with self.db.Session() as session:
            return _rhythms(session.connection(), [contact_id]).get(contact_id)

    def tag_rhythms(self) -> dict[str, TagRhythm]:
        """Every tag by name with its rhythm (None when it has none), for the tag manager."""
        with self.db.Session() as session:
            rows = session.execute(
                select(Tag.id, Tag.name, Rhythm.every, Rhythm.unit).outerjoin(
                    Rhythm, Rhythm.tag_id == Tag.id
                )
            )
            return {
                name: TagRhythm(
                    tag_id, name, _effective(every, unit, name) if every is not None else None
                )
                for tag_id, name, every, unit in rows
            }

    # -- interactions -------------------------------------------------------------------------

    def last_interactions(self, contact_ids: Iterable[int]) -> dict[int, Interaction]:
        ids = list(dict.fromkeys(contact_ids))
        with self.db.Session() as session:
            return latest_interactions(session.connection(), ids, clock.now())

    def status(self, contact_id: int) -> RhythmStatus | None:
        """The person's rhythm with their last interaction and next date; None without one."""
        with self.db.Session() as session:
            rhythm = _rhythms(session.connection(), [contact_id]).get(contact_id)
            created_at = session.scalar(select(Contact.created_at).where(Contact.id == contact_id))
            if rhythm is None or created_at is None:
                return None
            last = latest_interactions(session.connection(), [contact_id], clock.now()).get(
                contact_id
            )
            snoozed = session.scalar(
                select(ReconnectSnooze.until).where(ReconnectSnooze.contact_id == contact_id)
            )
        return RhythmStatus(rhythm, last, _due_on(rhythm, last, created_at), snoozed)

    # -- who is due ---------------------------------------------------------------------------

    def due(self, today: date | None = None, limit: int | None = 50) -> list[ReconnectRow]:
        """People past their rhythm today (due on or before it), most overdue first; the
        snoozed are left out until their snooze ends."""
        today = today or clock.today()
        with self.db.Session() as session:
            rhythms = _rhythms(session.connection(), None)
            snoozed = set(
                session.scalars(
                    select(ReconnectSnooze.contact_id).where(ReconnectSnooze.until > today)
                )
            )
            wanted = [c for c in rhythms if c not in snoozed]
            if not wanted:
                return []
            latest = latest_interactions(session.connection(), wanted, clock.now())
            # The day each one never in touch was added: their rhythm runs from it.
            never = [c for c in wanted if c not in latest]
            added = dict(
                session.connection()
                .execute(select(Contact.id, Contact.created_at).where(_among(Contact.id, never)))
                .all()
            )
            late: dict[int, date] = {}
            for contact_id in wanted:
                last = latest.get(contact_id)
                if last is None and contact_id not in added:
                    continue
                start = last.on if last is not None else local_day(added[contact_id])
                rhythm = rhythms[contact_id]
                due_on = add_interval(start, rhythm.every, rhythm.unit)
                if due_on <= today:
                    late[contact_id] = due_on
            if not late:
                return []
            people = {
                c: (sort_name, name, organization)
                for c, sort_name, name, organization in session.connection().execute(
                    select(
                        Contact.id, Contact.sort_name, Contact.formatted_name, Contact.organization
                    ).where(_among(Contact.id, list(late)))
                )
            }
            # The most overdue first; equally late, by name.
            order = sorted(
                (c for c in late if c in people), key=lambda c: (late[c], people[c][0], c)
            )
            shown = order if limit is None else order[:limit]
        return [
            ReconnectRow(
                c, *people[c][1:], latest.get(c), rhythms[c].text, late[c], (today - late[c]).days
            )
            for c in shown
        ]

    # -- snoozes ------------------------------------------------------------------------------

    def snooze(self, contact_id: int, until: date) -> date | None:
        """Keep the person off "Time to reconnect" until `until`; returns the snooze it
        replaces, for undo."""

        def work(session: Session) -> date | None:  # run again as set_rhythm's
            if session.get(Contact, contact_id) is None:
                raise NotFoundError("That person no longer exists.")
            row = session.scalar(
                select(ReconnectSnooze).where(ReconnectSnooze.contact_id == contact_id)
            )
            before = row.until if row is not None else None
            if row is None:
                session.add(ReconnectSnooze(contact_id=contact_id, until=until))
            else:
                row.until = until
            return before

        return self.db.retrying(work, wait=self.db.quick_wait)

    def clear_snooze(self, contact_id: int) -> None:
        with self.db.transaction() as session:
            row = session.scalar(
                select(ReconnectSnooze).where(ReconnectSnooze.contact_id == contact_id)
            )
            if row is not None:
                session.delete(row)

    def snoozed_until(self, contact_id: int) -> date | None:
        with self.db.Session() as session:
            return session.scalar(
                select(ReconnectSnooze.until).where(ReconnectSnooze.contact_id == contact_id)
            )
