"""The demo generator: a lived-in sample that is deterministic, valid, searchable and additive."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from netdesk.models import (
    Attendance,
    Base,
    Contact,
    ContactEmail,
    ContactPhone,
    Event,
    EventKind,
    FollowUp,
    Note,
    NoteTopic,
    Tag,
    contact_tags,
)
from netdesk.services.demo import DemoSummary, generate_demo
from netdesk.services.followups import Bucket
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.services.validation import phone_to_e164
from netdesk.store import Database, open_database, search_index

# Not the real date, so that "now" inside the generator is noon of this day, not the clock.
TODAY = date(2025, 3, 14)
NOON = datetime.combine(TODAY, time(12), UTC)


def _count(db: Database, what: Any) -> int:
    with db.Session() as session:
        return session.scalar(select(func.count()).select_from(what)) or 0


def test_default_demo_looks_like_a_lived_in_address_book(services: Services) -> None:
    summary = generate_demo(services.db, seed=7, today=TODAY)

    assert summary.contacts == 150
    assert summary.events == 6
    assert 150 <= summary.attendances <= 450
    assert 60 <= summary.notes <= 400
    assert 15 <= summary.followups <= 120
    assert 10 <= summary.tags <= 60
    assert services.contacts.count() == 150

    events = services.events.list(NOON)
    upcoming = [e for e in events if e.upcoming]
    past = [e for e in events if not e.upcoming]
    assert 2 <= len(upcoming) <= 3
    assert 3 <= len(past) <= 4
    assert all(NOON - timedelta(days=125) <= e.starts_at <= NOON for e in past)
    assert all(NOON < e.starts_at <= NOON + timedelta(days=62) for e in upcoming)
    assert len({e.kind for e in events}) >= 4
    assert {EventKind.CONFERENCE.value, EventKind.MEETUP.value} <= {e.kind for e in events}
    assert len({e.name for e in events}) == 6
    for row in events:
        detail = services.events.get(row.id)
        assert detail.venue and detail.organiser and detail.description
        assert detail.url.startswith("https://")
        assert ZoneInfo(detail.timezone)
        assert detail.tags
        assert detail.ends_at is not None and detail.ends_at > detail.starts_at
        assert services.events.attendees(row.id), f"nobody at {detail.name}"

    people = services.search.page(limit=500)
    assert sum(1 for p in people if p.organization) >= 100
    assert sum(1 for p in people if p.title) == 150
    assert sum(1 for p in people if p.email) == 150
    assert sum(1 for p in people if p.phone) >= 100
    # International names, accents included.
    assert sum(1 for p in people if not p.name.isascii()) >= 20
    with services.db.Session() as session:
        topics = set(session.scalars(select(Note.topic)))
        two_emails = session.scalar(
            select(func.count()).select_from(
                select(ContactEmail.contact_id)
                .group_by(ContactEmail.contact_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        tag_names = set(session.scalars(select(Tag.name)))
    assert {NoteTopic.TALKED_ABOUT, NoteTopic.COMMON_GROUND, NoteTopic.CAN_OFFER} <= topics
    assert (two_emails or 0) >= 10
    assert {"python", "data", "hiring", "investor", "speaker"} <= tag_names

    # A detail pane with something in every section.
    met = next(
        services.contacts.get(p.id)
        for p in people
        if (d := services.contacts.get(p.id)).followups and d.meetings and d.notes
    )
    assert met.meetings[0].notes
    assert met.tags

    today = services.today.summary(now=NOON, today=TODAY)
    assert today.upcoming_events
    assert today.due_followups
    assert today.recently_met


def test_follow_ups_fill_every_group_of_the_queue(services: Services) -> None:
    generate_demo(services.db, seed=11, today=TODAY)

    queue = services.followups.queue(today=TODAY)

    for bucket in Bucket:
        assert queue[bucket], f"no follow-ups in {bucket}"
    assert all(r.due_date is not None and r.due_date < TODAY for r in queue[Bucket.OVERDUE])
    assert all(r.due_date == TODAY for r in queue[Bucket.TODAY])
    assert all(r.done_at is not None and r.done_at <= NOON for r in queue[Bucket.DONE])
    assert services.followups.due(TODAY)


def test_exactly_one_card_is_mine_even_after_a_second_run(services: Services) -> None:
    generate_demo(services.db, people=40, events=3, seed=1, today=TODAY)
    me = services.contacts.me()
    assert me is not None
    assert me.emails and me.phones

    generate_demo(services.db, people=40, events=3, seed=2, today=TODAY)

    with services.db.Session() as session:
        assert session.scalar(select(func.count()).where(Contact.is_me.is_(True))) == 1
    again = services.contacts.me()
    assert again is not None and again.id == me.id


def test_an_existing_own_card_is_kept_and_not_doubled(services: Services) -> None:
    mine = services.contacts.create(ContactInput(formatted_name="Robin Weber", is_me=True))

    summary = generate_demo(services.db, people=30, events=2, seed=5, today=TODAY)

    assert summary.contacts == 30
    me = services.contacts.me()
    assert me is not None and me.id == mine
    assert services.contacts.count() == 31


def test_search_finds_demo_people_by_name_organisation_and_tag(services: Services) -> None:
    generate_demo(services.db, seed=3, today=TODAY)
    with services.db.Session() as session:
        person = session.scalars(
            select(Contact)
            .join(contact_tags, contact_tags.c.contact_id == Contact.id)
            .join(Tag, Tag.id == contact_tags.c.tag_id)
            .where(Contact.is_me.is_(False), Contact.organization != "", Tag.key == "data")
            .order_by(Contact.id)
        ).first()
        assert person is not None
        family, org, cid = person.family_name, person.organization, person.id

    assert cid in {r.id for r in services.search.page(family, limit=500)}
    assert cid in {r.id for r in services.search.page(org, limit=500)}
    assert cid in {r.id for r in services.search.page("data", limit=500)}
    # Accents folded: the user's own card is "Alex Schröder".
    assert "Alex Schröder" in {r.name for r in services.search.page("alex schroder")}
    assert services.search.count("schroder") >= 1


def test_phone_numbers_are_valid_and_stored_with_their_e164_form(services: Services) -> None:
    generate_demo(services.db, people=400, events=4, seed=9, today=TODAY)
    with services.db.Session() as session:
        phones = session.execute(select(ContactPhone.value, ContactPhone.e164)).all()

    assert len(phones) >= 300
    for value, e164 in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value
        assert phone_to_e164(value) == e164
    regions = {phonenumbers.region_code_for_number(phonenumbers.parse(v)) for v, _ in phones}
    assert len(regions) >= 15
    # Varied, not one example number copied everywhere.
    assert len({e for _, e in phones}) >= len(phones) - 5


def test_running_twice_adds_rather_than_clashing(services: Services) -> None:
    first = generate_demo(services.db, people=60, events=4, seed=4, today=TODAY)
    second = generate_demo(services.db, people=60, events=4, seed=4, today=TODAY)

    # Tags with the same name are reused, not doubled.
    assert second.tags < first.tags
    assert _count(services.db, Tag) == first.tags + second.tags
    assert second.contacts == 60 and second.events == 4
    with services.db.Session() as session:
        assert session.scalar(select(func.count(Contact.id))) == 120
        assert session.scalar(select(func.count(func.distinct(Contact.uid)))) == 120
        assert session.scalar(select(func.count(func.distinct(Event.uid)))) == 8
        assert session.scalar(select(func.count(func.distinct(Event.name)))) == 8
        assert session.scalar(select(func.count(Attendance.id))) == (
            first.attendances + second.attendances
        )
    # The ORM still hands out fresh ids after the demo's own (PostgreSQL sequences included).
    new_id = services.contacts.create(
        ContactInput(formatted_name="Added Later", emails=["added@example.org"])
    )
    event_id = services.events.create(EventInput(name="Later event", starts_at=NOON))
    services.notes.add(new_id, "Met after the demo", event_id=event_id)
    services.followups.add(new_id, "Say thanks", TODAY, event_id)
    assert new_id > 120
    assert services.search.page("added later")[0].id == new_id


def test_existing_data_is_kept(services: Services) -> None:
    cid = services.contacts.create(
        ContactInput(formatted_name="Kept Person", organization="Kept Org", tags=["python"])
    )
    eid = services.events.create(EventInput(name="Kept event", starts_at=NOON))

    generate_demo(services.db, people=50, events=3, seed=6, today=TODAY)

    assert services.contacts.get(cid).tags == ("python",)
    assert services.events.get(eid).name == "Kept event"
    assert services.contacts.count() == 51
    assert cid in {r.id for r in services.search.page("kept person")}


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, without the uids (fresh on every run by design)."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with db.Session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "uid"]
            rows = session.execute(select(*columns).order_by(*table.primary_key.columns))
            dump[table.name] = [tuple(r) for r in rows]
    return dump


def test_same_seed_same_data(tmp_path: Path) -> None:
    dumps = []
    for name in ("a", "b", "c"):
        db = open_database(f"sqlite:///{tmp_path / name}.sqlite")
        try:
            generate_demo(db, people=120, events=5, seed=42 if name != "c" else 43, today=TODAY)
            dumps.append(_dump(db))
        finally:
            db.close()

    assert dumps[0] == dumps[1]
    assert dumps[0]["contacts"] != dumps[2]["contacts"]
    assert dumps[0]["events"] != dumps[2]["events"]


def _orphans(session: Session, child: Any, column: Any, parent: Any) -> int:
    """Rows of `child` whose `column` points at no row of `parent`."""
    return (
        session.scalar(
            select(func.count())
            .select_from(child)
            .outerjoin(parent, parent.c.id == column)
            .where(column.is_not(None), parent.c.id.is_(None))
        )
        or 0
    )


def test_large_run_is_consistent(services: Services) -> None:
    calls: list[tuple[int, int]] = []
    summary = generate_demo(
        services.db,
        people=2000,
        events=20,
        seed=8,
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )

    db = services.db
    assert summary == DemoSummary(
        contacts=_count(db, Contact),
        events=_count(db, Event),
        attendances=_count(db, Attendance),
        notes=_count(db, Note),
        followups=_count(db, FollowUp),
        tags=_count(db, Tag),
    )
    contacts = Contact.__table__
    events = Event.__table__
    with db.Session() as session:
        checks = {
            "attendance contact": (Attendance.__table__, Attendance.contact_id, contacts),
            "attendance event": (Attendance.__table__, Attendance.event_id, events),
            "note contact": (Note.__table__, Note.contact_id, contacts),
            "note event": (Note.__table__, Note.event_id, events),
            "follow-up contact": (FollowUp.__table__, FollowUp.contact_id, contacts),
            "follow-up event": (FollowUp.__table__, FollowUp.event_id, events),
            "email contact": (ContactEmail.__table__, ContactEmail.contact_id, contacts),
            "phone contact": (ContactPhone.__table__, ContactPhone.contact_id, contacts),
            "tag link contact": (contact_tags, contact_tags.c.contact_id, contacts),
            "tag link tag": (contact_tags, contact_tags.c.tag_id, Tag.__table__),
        }
        for label, (child, column, parent) in checks.items():
            assert _orphans(session, child, column, parent) == 0, label
        # Attendance is unique per (event, contact); a note at an event is from someone there.
        assert (
            session.scalar(
                select(func.count()).select_from(
                    select(Attendance.event_id, Attendance.contact_id)
                    .group_by(Attendance.event_id, Attendance.contact_id)
                    .having(func.count() > 1)
                    .subquery()
                )
            )
            == 0
        )
        notes_without_attendance = session.scalar(
            select(func.count())
            .select_from(Note)
            .outerjoin(
                Attendance,
                (Attendance.event_id == Note.event_id) & (Attendance.contact_id == Note.contact_id),
            )
            .where(Note.event_id.is_not(None), Attendance.id.is_(None))
        )
        assert notes_without_attendance == 0
        # Every contact is in the search index, once.
        indexed = session.scalar(text(f"SELECT count(*) FROM {search_index.TABLE}"))
        assert indexed == 2000
        if db.dialect == "sqlite":
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    total = 2000 + 20
    assert calls[0] == (0, total)
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) >= 3


def test_listeners_hear_what_the_demo_changed(services: Services) -> None:
    heard: list[frozenset[str]] = []
    services.db.add_change_listener(heard.append)

    generate_demo(services.db, people=10, events=2, seed=1, today=TODAY)

    assert len(heard) == 1
    assert {"contacts", "events", "attendances", "notes", "followups", "tags"} <= heard[0]


def test_nothing_asked_nothing_added_and_negative_counts_refused(services: Services) -> None:
    assert generate_demo(services.db, people=0, events=0, seed=1) == DemoSummary(0, 0, 0, 0, 0, 0)
    assert services.contacts.count() == 0
    # People without events: cards only.
    summary = generate_demo(services.db, people=5, events=0, seed=1, today=TODAY)
    assert summary.contacts == 5 and summary.attendances == 0
    with pytest.raises(ValueError):
        generate_demo(services.db, people=-1)
