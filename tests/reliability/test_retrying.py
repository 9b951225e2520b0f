"""A transaction that lost a race with another writer on PostgreSQL is run again from the
start, a bounded number of times, and then said in words; SQLite's write lock lets no race
happen, so there it runs once."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from netdesk.store import Database, DatabaseWriteError, open_database
from netdesk.store.database import ATTEMPTS


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """Another process's connection to the same database."""
    second = open_database(db.engine.url.render_as_string(hide_password=False))
    yield second
    second.close()


def tag_count(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM tags")).scalar_one())


def test_a_transaction_that_lost_a_race_is_run_again_and_sees_the_winner(
    db: Database, other: Database
) -> None:
    attempts: list[int] = []

    def work(session: Session) -> int:
        before = tag_count(session)  # read first: the state this attempt plans from
        attempts.append(before)
        if len(attempts) == 1 and db.dialect == "postgresql":
            # Meanwhile another process adds the very tag this attempt is about to add.
            with other.transaction() as meanwhile:
                meanwhile.execute(text("INSERT INTO tags (name, key) VALUES ('Won', 'number 1')"))
        session.execute(
            text("INSERT INTO tags (name, key) VALUES (:name, :key)"),
            {"name": f"Number {before + 1}", "key": f"number {before + 1}"},
        )
        return before + 1

    assert db.retrying(work) == len(attempts)
    with db.Session() as session:
        names = set(session.execute(text("SELECT name FROM tags")).scalars())
    if db.dialect == "postgresql":
        # The first attempt planned "Number 1" from a state the winner had changed.
        assert attempts == [0, 1]
        assert names == {"Won", "Number 2"}
    else:
        assert attempts == [0]
        assert names == {"Number 1"}


@pytest.mark.postgres
def test_losing_every_time_gives_up_after_a_few_attempts_with_words(
    db: Database, other: Database
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("SQLite lets no two writers race")
    with other.transaction() as session:
        session.execute(text("INSERT INTO tags (name, key) VALUES ('Shared', 'shared')"))
    attempts: list[int] = []

    def work(session: Session) -> None:
        attempts.append(1)
        session.execute(text("SELECT name FROM tags WHERE key = 'shared'")).scalar_one()
        with other.transaction() as meanwhile:
            meanwhile.execute(text("UPDATE tags SET name = name || '!' WHERE key = 'shared'"))
        session.execute(text("UPDATE tags SET name = 'Mine' WHERE key = 'shared'"))

    with pytest.raises(DatabaseWriteError) as raised:
        db.retrying(work)
    assert len(attempts) == ATTEMPTS
    assert str(raised.value) == (
        "Another netdesk kept changing the same people at the same moment, so nothing was "
        "saved; try again."
    )
    with db.Session() as session:
        name = session.execute(text("SELECT name FROM tags WHERE key = 'shared'")).scalar_one()
    assert name == "Shared" + "!" * ATTEMPTS


FAILED_BATCH = """
import sys
from sqlalchemy import text
from netdesk.store import DatabaseWriteError, open_database
db = open_database(sys.argv[1])
try:
    with db.transaction() as session:
        # A clash half-way through a long batch: it is still being sent when refused.
        rows = [{"name": f"Tag {i}", "key": f"tag {i % 1000}"} for i in range(2000)]
        session.execute(text("INSERT INTO tags (name, key) VALUES (:name, :key)"), rows)
except DatabaseWriteError:
    print("refused")
db.close()
"""


@pytest.mark.postgres
def test_a_failed_batch_leaves_no_driver_text_on_the_terminal(db: Database) -> None:
    """psycopg logs "error ignored terminating Pipeline…" when a batch of statements fails;
    with no logging set up, Python's last resort would print it under our own message."""
    if db.dialect != "postgresql":
        pytest.skip("a psycopg message")
    url = db.engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-c", FAILED_BATCH, url], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "refused"
    assert done.stderr == ""
