"""Opening databases: new files, refusing files netdesk must not touch, both dialects."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import (
    CorruptDatabaseError,
    Database,
    DatabaseOpenError,
    NewerDatabaseError,
    NotNetdeskDatabaseError,
    current_revision,
    head_revision,
    integrity_problem,
    open_database,
    search_index,
)
from tests.pictures import png_1x1


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def make_netdesk_file(path: Path, people: int = 3) -> None:
    db = open_database(url_of(path))
    services = Services(db)
    for i in range(people):
        services.contacts.create(
            ContactInput(
                formatted_name=f"Person {i:04d}",
                organization=f"Company {i % 17}",
                emails=[f"person{i}@example.org"],
                note="Met at the stand; talked about " + "supply chains and ferries " * 8,
            )
        )
    db.close()


def sidecars(path: Path) -> list[Path]:
    return [
        p
        for suffix in ("-wal", "-shm", "-journal")
        if (p := path.with_name(path.name + suffix)).exists()
    ]


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def assert_refused_untouched(
    path: Path, error: type[DatabaseOpenError], wording: str
) -> DatabaseOpenError:
    assert sidecars(path) == []  # the test itself must not have left any
    before = fingerprint(path)
    siblings_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(error) as info:
        open_database(url_of(path))
    message = str(info.value)
    assert str(path) in message
    assert wording in message
    assert fingerprint(path) == before
    assert sidecars(path) == []
    assert sorted(p.name for p in path.parent.iterdir()) == siblings_before
    return info.value


# --- a new database -------------------------------------------------------------------------


def test_new_file_is_created_at_head_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    db = open_database(url_of(path))
    try:
        assert path.exists()
        assert current_revision(db.engine) == head_revision()
        # Several connections at once: the pragmas must hold on each, not just the first.
        conns = [db.engine.connect() for _ in range(3)]
        try:
            for conn in conns:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            for conn in conns:
                conn.close()
        with db.engine.connect() as conn:
            tables = set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
            )
        assert {"contacts", "events", "notes", "followups", "alembic_version"} <= tables
        assert search_index.TABLE in tables
    finally:
        db.close()
    # A clean close checkpoints and removes the WAL files; no backup is made for a new file.
    assert sidecars(path) == []
    assert not (tmp_path / "netdesk.sqlite.backups").exists()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = open_database(url_of(tmp_path / "netdesk.sqlite"))
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"), db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO contact_emails (contact_id, value, position, kind, label,"
                    " preferred) VALUES (12345, 'a@example.org', 0, '', '', 0)"
                )
            )
    finally:
        db.close()


def test_zero_byte_file_is_opened_as_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    db = open_database(url_of(path))
    try:
        assert current_revision(db.engine) == head_revision()
        Services(db).contacts.create(ContactInput(formatted_name="Ada Lovelace"))
        assert Services(db).contacts.count() == 1
    finally:
        db.close()
    assert path.stat().st_size > 0


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "yet" / "netdesk.sqlite"
    db = open_database(url_of(path))
    db.close()
    assert path.is_file()


def test_path_with_spaces_and_accents(tmp_path: Path) -> None:
    path = tmp_path / "Mes données" / "carnet #1.sqlite"
    make_netdesk_file(path, people=1)
    assert [p.name for p in path.parent.iterdir()] == ["carnet #1.sqlite"]
    db = open_database(url_of(path))  # an existing file goes through the read-only checks
    try:
        assert Services(db).contacts.count() == 1
    finally:
        db.close()


def test_parent_that_is_a_file_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseOpenError, match="Cannot create the folder"):
        open_database(url_of(blocker / "netdesk.sqlite"))
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_reopening_a_current_database_keeps_data_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=2)
    db = open_database(url_of(path))
    try:
        assert Services(db).contacts.count() == 2
        assert current_revision(db.engine) == head_revision()
    finally:
        db.close()
    assert not (tmp_path / "netdesk.sqlite.backups").exists()


def test_two_open_handles_see_each_others_writes(tmp_path: Path) -> None:
    """The GUI and `netdesk demo` may have the same file open at once (WAL allows it)."""
    path = tmp_path / "netdesk.sqlite"
    first = open_database(url_of(path))
    second = open_database(url_of(path))
    try:
        Services(first).contacts.create(ContactInput(formatted_name="Grace Hopper"))
        assert [r.name for r in Services(second).search.page("hopper")] == ["Grace Hopper"]
    finally:
        first.close()
        second.close()


# --- files netdesk must refuse, untouched ---------------------------------------------------


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "shopping.txt"
    path.write_text("eggs\nmilk\nbread\n", encoding="utf-8")
    assert_refused_untouched(path, NotNetdeskDatabaseError, "is not a netdesk database")


def test_png_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png_1x1())
    assert_refused_untouched(path, NotNetdeskDatabaseError, "is not a netdesk database")


def test_other_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.executemany("INSERT INTO moz_places (url) VALUES (?)", [("https://example.org",)] * 50)
    conn.commit()
    conn.close()
    assert_refused_untouched(path, NotNetdeskDatabaseError, "is not a netdesk database")


def test_other_programs_wal_database_is_refused_untouched(tmp_path: Path) -> None:
    """A WAL-mode file would get -wal and -shm files from a plain read-only open."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO things (name) VALUES ('kettle')")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, NotNetdeskDatabaseError, "is not a netdesk database")


def test_other_alembic_application_is_not_called_a_newer_netdesk(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')")
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, full_name TEXT)")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, NotNetdeskDatabaseError, "is not a netdesk database")


def _page_in_the_middle_of(path: Path, table: str) -> tuple[int, int]:
    """(page number, page size) of a b-tree page of `table` near the middle of the file."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()
    return pages[len(pages) // 2], page_size


def test_damaged_page_is_detected_and_file_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=300)
    page, page_size = _page_in_the_middle_of(path, "contacts")
    total_pages = path.stat().st_size // page_size
    assert 3 < page < total_pages  # really in the middle, not the header page
    with path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    assert_refused_untouched(path, CorruptDatabaseError, "is damaged")


def test_truncated_database_is_detected_and_file_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=300)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_refused_untouched(path, CorruptDatabaseError, "is damaged")


def test_garbage_after_the_sqlite_header_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    assert_refused_untouched(path, CorruptDatabaseError, "is damaged")


def test_database_from_a_newer_netdesk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    error = assert_refused_untouched(path, NewerDatabaseError, "newer version of netdesk")
    assert "update netdesk" in str(error).lower()


def test_folder_given_as_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="folder"):
        open_database(url_of(folder))
    assert list(folder.iterdir()) == []


# --- URLs and servers -----------------------------------------------------------------------


def test_unreachable_server_message_hides_the_password() -> None:
    url = "postgresql+psycopg://netdesk:s3cret-pw@127.0.0.1:1/netdesk?connect_timeout=2"
    with pytest.raises(DatabaseOpenError) as info:
        open_database(url)
    assert "s3cret-pw" not in str(info.value)
    assert "127.0.0.1" in str(info.value)


def test_unknown_url_scheme_gives_a_clear_message() -> None:
    with pytest.raises(DatabaseOpenError, match="nosuchdb"):
        open_database("nosuchdb://somewhere/x")


def test_open_write_close_reopen(db: Database, db_url: str) -> None:
    """On SQLite and (when configured) PostgreSQL: data survives closing and reopening."""
    services = Services(db)
    cid = services.contacts.create(
        ContactInput(
            formatted_name="Katherine Johnson",
            organization="NASA Langley",
            emails=["kj@example.org"],
            tags=["Orbital mechanics"],
        )
    )
    services.notes.add(cid, "Trajectory analysis for Freedom 7")
    db.close()

    reopened = open_database(db_url)
    try:
        assert current_revision(reopened.engine) == head_revision()
        again = Services(reopened)
        detail = again.contacts.get(cid)
        assert detail.formatted_name == "Katherine Johnson"
        assert [r.id for r in again.search.page("freedom")] == [cid]
        assert [r.id for r in again.search.page("orbital")] == [cid]
    finally:
        reopened.close()


def test_the_gui_checks_a_damaged_page_after_opening(tmp_path: Path) -> None:
    """The window opens without reading the whole file; the full check follows and tells."""
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=300)
    assert integrity_problem(path) is None
    page, page_size = _page_in_the_middle_of(path, "contacts")
    with path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    before = path.read_bytes()
    db = open_database(f"sqlite:///{path}", verify_integrity=False)
    db.close()
    problem = integrity_problem(path)
    assert problem is not None and "is damaged" in problem and str(path) in problem
    assert path.read_bytes() == before


def test_a_write_refused_by_the_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    from netdesk.services.records import ContactInput
    from netdesk.services.service_set import Services
    from netdesk.store import Database, DatabaseWriteError, make_engine

    path = tmp_path / "netdesk.sqlite"
    open_database(f"sqlite:///{path}").close()
    read_only = Database(make_engine(f"sqlite:///file:{path}?mode=ro&uri=true"))
    try:
        with pytest.raises(DatabaseWriteError, match="read-only, so nothing was saved"):
            Services(read_only).contacts.create(ContactInput(formatted_name="Ann Lee"))
    finally:
        read_only.close()
    reopened = open_database(f"sqlite:///{path}")
    assert Services(reopened).contacts.count() == 0
    reopened.close()
