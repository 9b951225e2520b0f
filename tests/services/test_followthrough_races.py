"""Two netdesk processes doing the same follow-through write at the same moment: on PostgreSQL
the one that comes second runs again from what the first stored (or waits for it), so it ends
as if the two had run one after the other, never in a unique-key error or a second "Emailed"
note. SQLite's write lock lets no two writers race, so there the tests check the plain case."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event, func, select

from netdesk.models import FollowUp, Note, RhythmUnit
from netdesk.models.note import NoteTopic
from netdesk.services.errors import NotFoundError
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from netdesk.store import Database, DatabaseWriteError, open_database
from tests.services.mail.helpers import person


@pytest.fixture
def other(db: Database) -> Iterator[Services]:
    """Another process's netdesk on the same database."""
    second = open_database(db.engine.url.render_as_string(hide_password=False))
    yield Services(second)
    second.close()


def meanwhile(db: Database, before: str, work: Callable[[], object]) -> list[object]:
    """Runs `work` (the other process) once, just before this process's first statement that
    starts with `before`: after this one has read, before it writes. Only on PostgreSQL."""
    done: list[object] = []
    if db.dialect != "postgresql":
        return done

    def listener(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not done and statement.lstrip().upper().startswith(before):
            done.append(work())

    event.listen(db.engine, "before_cursor_execute", listener)
    return done


def test_a_rhythm_set_at_once_in_two_processes_keeps_the_later_one(
    services: Services, other: Services
) -> None:
    ana = person(services)
    kit = services.keep_in_touch
    ran = meanwhile(
        services.db,
        "INSERT INTO RHYTHMS",
        lambda: other.keep_in_touch.set_rhythm(contact_id=ana, every=2, unit=RhythmUnit.WEEKS),
    )
    kit.set_rhythm(contact_id=ana, every=3, unit=RhythmUnit.MONTHS)
    rhythm = kit.rhythm_for(ana)
    assert rhythm is not None and (rhythm.every, rhythm.unit) == (3, RhythmUnit.MONTHS)
    assert len(ran) == (services.db.dialect == "postgresql")


def test_a_snooze_set_at_once_in_two_processes_keeps_the_later_one(
    services: Services, other: Services
) -> None:
    ana = person(services)
    meanwhile(
        services.db,
        "INSERT INTO RECONNECT_SNOOZES",
        lambda: other.keep_in_touch.snooze(ana, date(2030, 1, 1)),
    )
    services.keep_in_touch.snooze(ana, date(2030, 2, 1))
    assert services.keep_in_touch.snoozed_until(ana) == date(2030, 2, 1)


def test_a_goal_linked_at_once_in_two_processes_is_linked_once(
    services: Services, other: Services
) -> None:
    ana = person(services)
    goal = services.goals.create("A mentor in product management")
    meanwhile(
        services.db, "INSERT INTO GOAL_CONTACTS", lambda: other.goals.link(goal, contact_id=ana)
    )
    linked = services.goals.link(goal, contact_id=ana)
    assert linked is (services.db.dialect == "sqlite")  # on PostgreSQL the other one linked it
    assert [g.id for g in services.goals.goals_for(contact_id=ana)] == [goal]


def test_an_email_marked_sent_in_two_windows_at_once_writes_one_note(
    services: Services, other: Services
) -> None:
    ana = person(services)
    [draft_id] = services.drafts.record(services.drafts.compose("reconnect", [ana]))
    results: list[object] = []
    second = threading.Thread(target=lambda: results.append(other.drafts.mark_sent([draft_id])))

    def other_window() -> None:
        second.start()
        second.join(timeout=1.5)  # it finishes unless it waits for this window's lock

    meanwhile(services.db, "INSERT INTO NOTES", other_window)
    services.drafts.mark_sent([draft_id])
    if second.is_alive() or results:
        second.join(timeout=10)
        assert len(results) == 1
    with services.db.Session() as session:
        emailed = session.scalar(
            select(func.count(Note.id)).where(
                Note.contact_id == ana, Note.topic == NoteTopic.EMAILED.value
            )
        )
    assert emailed == 1
    assert services.drafts.pending() == []


def test_a_person_reviewed_in_two_windows_at_once_gets_one_follow_up(
    services: Services, other: Services
) -> None:
    ana = person(services)
    pycon = services.events.create(
        EventInput(name="PyCon DE", starts_at=datetime(2026, 12, 1, 9, tzinfo=UTC))
    )
    attendance = services.events.add_attendee(pycon, ana, met=True)
    outcome: list[object] = []

    def review_there() -> None:
        try:
            outcome.append(other.review.follow_up_in(attendance, 2))
        except NotFoundError as exc:
            outcome.append(exc)

    second = threading.Thread(target=review_there)

    def other_window() -> None:
        second.start()
        second.join(timeout=1.5)  # it finishes unless it waits for this window's lock

    meanwhile(services.db, "INSERT INTO FOLLOWUPS", other_window)
    services.review.follow_up_in(attendance, 2)
    if services.db.dialect == "postgresql":
        second.join(timeout=10)
        [said] = outcome
        assert isinstance(said, NotFoundError) and "reviewed" in str(said)
    with services.db.Session() as session:
        assert session.scalar(select(func.count(FollowUp.id))) == 1


def test_a_template_saved_at_once_in_two_windows_keeps_the_later_text(
    services: Services, other: Services
) -> None:
    mine = replace(services.templates.get("reconnect"), subject="Long time, {first_name}")
    theirs = replace(mine, subject="Hello again, {first_name}")
    meanwhile(services.db, "INSERT INTO EMAIL_TEMPLATES", lambda: other.templates.save(theirs))
    services.templates.save(mine)
    assert services.templates.get("reconnect").subject == "Long time, {first_name}"


def test_a_click_waits_only_briefly_for_another_process_writing_to_the_file(
    sqlite_services: Services,
) -> None:
    """Running again after a lost race must not make a click wait as long as an import."""
    ana = person(sqlite_services)
    db = sqlite_services.db
    db.quick_wait, db.long_wait = 0.2, 30.0
    path = db.engine.url.database
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of an import
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseWriteError):
            sqlite_services.keep_in_touch.set_rhythm(contact_id=ana, every=3, unit="months")
    finally:
        holder.rollback()
        holder.close()
    assert time.monotonic() - started < 10
