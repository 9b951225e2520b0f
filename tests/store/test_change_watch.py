"""What the watch of an open database tells the window: nothing while nothing happened or
only this Database wrote, CHANGED for another connection's commit, and for an SQLite file
REPLACED or GONE."""

from __future__ import annotations

import os
import time
from pathlib import Path

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import ChangeWatch, Database, Outcome, open_database


def _first_news(watch: ChangeWatch, seconds: float = 2.0) -> Outcome:
    """What the watch tells within `seconds`: a PostgreSQL notification reaches the listening
    connection a moment after the commit."""
    deadline = time.monotonic() + seconds
    while (outcome := watch.check()) is Outcome.NOTHING and time.monotonic() < deadline:
        time.sleep(0.05)
    return outcome


def _add(db: Database, name: str) -> None:
    Services(db).contacts.create(ContactInput(formatted_name=name))


def test_own_writes_are_not_outside_changes_and_another_connections_are(db: Database) -> None:
    watch = ChangeWatch.for_database(db)
    try:
        assert _first_news(watch, 0.3) is Outcome.NOTHING
        _add(db, "Ann Own")
        assert _first_news(watch, 0.3) is Outcome.NOTHING
        other = open_database(db.engine.url.render_as_string(hide_password=False))
        try:
            _add(other, "Bo Other")
        finally:
            other.close()
        assert _first_news(watch) is Outcome.CHANGED
        assert _first_news(watch, 0.3) is Outcome.NOTHING  # told once
    finally:
        watch.close()


def test_a_replaced_or_vanished_file_is_told(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    watch = ChangeWatch.for_database(sqlite_db)
    try:
        other = tmp_path / "other.sqlite"
        open_database(f"sqlite:///{other}").close()
        os.replace(other, path)
        assert watch.check() is Outcome.REPLACED
        os.replace(path, tmp_path / "away.sqlite")
        assert watch.check() is Outcome.GONE
        assert not path.exists()  # watching never creates the file
    finally:
        watch.close()


def test_the_read_only_fallback_reads_a_file_whose_name_holds_a_percent_sign(
    tmp_path: Path,
) -> None:
    from sqlalchemy import text

    from netdesk.config import sqlite_url
    from netdesk.store.change_watch import read_only_engine

    path = tmp_path / "100%41 book?.sqlite"
    db = open_database(sqlite_url(path))
    try:
        _add(db, "Ann Percent")
    finally:
        db.close()
    engine = read_only_engine(path)
    try:
        with engine.connect() as conn:
            names = conn.execute(text("SELECT formatted_name FROM contacts")).scalars().all()
        assert names == ["Ann Percent"]
    finally:
        engine.dispose()
