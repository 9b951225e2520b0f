"""Rolling backups: made with the online backup API, listed with dates and head counts, pruned
to the last N, taken before big imports and merges and once a day, and restored."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command

from netdesk.cli.main import main
from netdesk.database_files import backups_folder
from netdesk.services.errors import ServiceError
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import (
    DEFAULT_KEEP,
    HANDFUL,
    BackupError,
    BackupStore,
    Database,
    DatabaseOpenError,
    alembic_config,
    contact_count,
    current_revision,
    head_revision,
    make_engine,
    open_database,
)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _add_people(db: Database, *names: str) -> None:
    contacts = Services(db).contacts
    for name in names:
        contacts.create(ContactInput(formatted_name=name))


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT formatted_name FROM contacts"))
    finally:
        conn.close()


@pytest.fixture
def sqlite_file_db(db_path: Path) -> Database:
    db = open_database(_url(db_path))
    yield db  # type: ignore[misc]
    db.close()


def _vcards(count: int, prefix: str = "Person") -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{prefix} {i}\r\nN:{i};{prefix};;;\r\n"
        f"EMAIL:{prefix.lower()}{i}@example.org\r\nEND:VCARD\r\n"
        for i in range(count)
    )


def test_a_backup_is_a_complete_file_listed_with_its_date_reason_and_people(
    sqlite_file_db: Database, db_path: Path
) -> None:
    _add_people(sqlite_file_db, "Ada Lovelace", "Grace Hopper")
    store = sqlite_file_db.backups
    assert store is not None
    before = datetime.now(UTC).replace(microsecond=0)
    backup = store.take("manual")
    assert (
        backup.path.parent == backups_folder(db_path) == db_path.with_name("netdesk.sqlite.backups")
    )
    # A single finished file that opens on its own, with the data and the schema version.
    assert not list(store.folder.glob("*-wal")) and not list(store.folder.glob(".partial-*"))
    assert _names(backup.path) == ["Ada Lovelace", "Grace Hopper"]
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    conn.close()
    [listed] = store.backups()
    assert listed.path == backup.path
    assert listed.reason == "manual" and listed.label == "Made by hand"
    assert before - timedelta(seconds=1) <= listed.taken_at <= datetime.now(UTC)
    assert contact_count(listed.path) == 2


def test_only_the_last_n_backups_are_kept_and_n_is_remembered(
    sqlite_file_db: Database, db_path: Path
) -> None:
    store = sqlite_file_db.backups
    assert store is not None
    assert store.keep == DEFAULT_KEEP
    store.set_keep(3)
    assert BackupStore(db_path).keep == 3  # another process (the CLI) sees the setting
    made = []
    for i in range(5):
        _add_people(sqlite_file_db, f"Person {i}")
        made.append(store.take("manual").path)
    kept = store.backups()
    # Newest first; the two oldest are gone.
    assert [b.path for b in kept] == made[:1:-1]
    assert [contact_count(b.path) for b in kept] == [5, 4, 3]
    assert not made[0].exists() and not made[1].exists()
    store.set_keep(1)
    assert [b.path for b in store.backups()] == [made[-1]]
    with pytest.raises(BackupError, match="between 1 and"):
        store.set_keep(0)


def test_a_partial_file_left_by_a_crash_is_never_listed_and_is_cleaned_up_later(
    sqlite_file_db: Database,
) -> None:
    store = sqlite_file_db.backups
    assert store is not None
    store.folder.mkdir(parents=True)
    partial = store.folder / ".partial-0123.tmp"
    partial.write_bytes(b"SQLite format 3\x00 half a database")
    assert store.backups() == []
    store.take("manual")
    assert partial.exists()  # it might be another process's backup in progress
    old = time.time() - 2 * 3600
    os.utime(partial, (old, old))
    store.take("manual")
    assert not partial.exists()


def test_an_import_of_more_than_a_handful_makes_a_backup_first(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    _add_people(sqlite_file_db, "Already Here")
    services = Services(sqlite_file_db)
    store = sqlite_file_db.backups
    assert store is not None
    small = tmp_path / "small.vcf"
    small.write_text(_vcards(HANDFUL, "Small"))
    services.imports.import_file(small)
    assert store.backups() == []
    big = tmp_path / "big.vcf"
    big.write_text(_vcards(HANDFUL + 1, "Big"))
    services.imports.import_file(big, dry_run=True)
    assert store.backups() == []
    services.imports.import_file(big)
    [backup] = store.backups()
    assert backup.reason == "import"
    # The backup holds the state from before the import: what was there, not what came in.
    assert contact_count(backup.path) == 1 + HANDFUL
    # The preview-then-apply path (the window's) too.
    plan = services.imports.preview(big)
    services.imports.apply(plan)
    assert [b.reason for b in store.backups()] == ["import", "import"]


def test_a_utf16_file_of_more_than_a_handful_counts_too(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    _add_people(sqlite_file_db, "Already Here")
    wide = tmp_path / "wide.vcf"
    wide.write_bytes(_vcards(HANDFUL + 1).lower().replace("fn:", "FN:").encode("utf-16"))
    report = Services(sqlite_file_db).imports.import_file(wide)
    assert report.added == HANDFUL + 1
    assert sqlite_file_db.backups is not None
    assert [b.reason for b in sqlite_file_db.backups.backups()] == ["import"]


def test_an_empty_database_gets_no_backup_before_its_first_import(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    big = tmp_path / "big.vcf"
    big.write_text(_vcards(HANDFUL + 10))
    Services(sqlite_file_db).imports.import_file(big)
    assert sqlite_file_db.backups is not None and sqlite_file_db.backups.backups() == []


def test_a_merge_of_more_than_a_handful_makes_a_backup_first(sqlite_file_db: Database) -> None:
    services = Services(sqlite_file_db)
    ids = [services.contacts.create(ContactInput(formatted_name="Ada Lovelace")) for _ in range(8)]
    store = sqlite_file_db.backups
    assert store is not None
    services.duplicates.merge(ids[0], ids[1:3])
    assert store.backups() == []
    services.duplicates.merge(ids[0], ids[3:])
    [backup] = store.backups()
    assert backup.reason == "merge"
    assert contact_count(backup.path) == 6  # the state before this merge


def test_no_backup_can_be_made_so_nothing_is_imported(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    _add_people(sqlite_file_db, "Ada Lovelace")
    store = sqlite_file_db.backups
    assert store is not None
    # A file where the backups folder should be: the backup cannot be written.
    store.folder.write_text("in the way")
    big = tmp_path / "big.vcf"
    big.write_text(_vcards(HANDFUL + 1))
    with pytest.raises(
        ServiceError,
        match=r"No backup of netdesk\.sqlite could be made.*the import was not started and "
        "nothing was changed",
    ):
        Services(sqlite_file_db).imports.import_file(big)
    assert Services(sqlite_file_db).contacts.count() == 1


def test_the_daily_backup_is_made_once_a_day_and_not_of_an_empty_database(
    sqlite_file_db: Database,
) -> None:
    store = sqlite_file_db.backups
    assert store is not None
    assert store.take_daily_if_due() is None  # nobody in it yet
    _add_people(sqlite_file_db, "Ada Lovelace")
    first = store.take_daily_if_due()
    assert first is not None and first.reason == "daily"
    assert store.take_daily_if_due() is None
    assert store.take_daily_if_due(now=datetime.now(UTC) + timedelta(hours=23)) is None
    second = store.take_daily_if_due(now=datetime.now(UTC) + timedelta(hours=25))
    assert second is not None
    assert len(store.backups()) == 2


def test_restore_replaces_the_content_an_open_database_sees_and_keeps_the_replaced_state(
    sqlite_file_db: Database,
) -> None:
    services = Services(sqlite_file_db)
    _add_people(sqlite_file_db, "Ada Lovelace", "Grace Hopper")
    store = sqlite_file_db.backups
    assert store is not None
    backup = store.take("manual")
    _add_people(sqlite_file_db, "Alan Turing")
    services.contacts.delete([services.search.page("Ada")[0].id])
    heard: list[frozenset[str]] = []
    sqlite_file_db.add_change_listener(heard.append)

    kept = sqlite_file_db.restore(backup.path)

    # The same open Database (as the window holds it) now sees the restored content.
    assert sorted(r.name for r in services.search.page("", limit=10)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert [r.name for r in services.search.page("ada")] == ["Ada Lovelace"]
    assert heard and {"contacts", "events", "notes", "followups"} <= heard[-1]
    # The state it replaced is the newest backup, and can be restored in turn.
    assert kept is not None and kept == store.backups()[0].path
    assert store.backups()[0].reason == "restore"
    assert _names(kept) == ["Alan Turing", "Grace Hopper"]
    sqlite_file_db.restore(kept)
    assert services.contacts.count() == 2
    assert [r.name for r in services.search.page("turing")] == ["Alan Turing"]
    # Still a sound WAL-mode database that takes writes.
    _add_people(sqlite_file_db, "Hedy Lamarr")
    with sqlite_file_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_write_that_commits_while_a_restore_waits_is_in_the_backup_it_keeps(
    sqlite_file_db: Database,
) -> None:
    """Another process's import holds the write lock when the restore starts. The restore's
    safety backup was taken at once (without the import) and the copy then waited for the
    import's commit and wrote over it: the import said "30000 added", and they were in
    neither the database nor the backup."""
    store = sqlite_file_db.backups
    assert store is not None
    _add_people(sqlite_file_db, "Ada Lovelace")
    backup = store.take("manual")
    importing = sqlite3.connect(store.database, isolation_level=None, check_same_thread=False)
    importing.execute("BEGIN IMMEDIATE")
    importing.execute(
        "INSERT INTO contacts (uid, formatted_name, sort_name, given_name, family_name, "
        "middle_name, prefix, suffix, nickname, organization, department, title, photo_mime, "
        "note, is_me, source, created_at, updated_at) VALUES ('imported', 'Grace Hopper', "
        "'hopper', '', '', '', '', '', '', '', '', '', '', '', 0, 'vcard', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    commit = threading.Timer(1.5, importing.commit)
    commit.start()
    try:
        kept = sqlite_file_db.restore(backup.path)
    finally:
        commit.join()
        importing.close()

    assert kept is not None
    assert _names(kept) == ["Ada Lovelace", "Grace Hopper"]
    assert _names(store.database) == ["Ada Lovelace"]


def test_restoring_the_oldest_backup_when_the_safety_copy_prunes_it(
    sqlite_file_db: Database,
) -> None:
    store = sqlite_file_db.backups
    assert store is not None
    store.set_keep(1)
    _add_people(sqlite_file_db, "Ada Lovelace")
    only = store.take("manual")
    _add_people(sqlite_file_db, "Grace Hopper")
    sqlite_file_db.restore(only.path)
    assert Services(sqlite_file_db).contacts.count() == 1
    assert [b.reason for b in store.backups()] == ["restore"]


def test_a_backup_of_an_older_schema_is_upgraded_as_it_is_restored(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    old = tmp_path / "old.sqlite"
    older = open_database(_url(old))
    _add_people(older, "Radia Perlman")
    older.close()
    engine = make_engine(_url(old))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    engine.dispose()
    sqlite_file_db.restore(old)
    services = Services(sqlite_file_db)
    assert [r.name for r in services.search.page("perlman")] == ["Radia Perlman"]
    with sqlite_file_db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            head_revision()
        )
    assert current_revision(make_engine(_url(old))) == "0004"  # the file restored from is kept
    assert _names(old) == ["Radia Perlman"]  # the file restored from is left as it was


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all" * 100, "not a netdesk database"),
        (None, "holds no netdesk data"),
    ],
)
def test_restoring_something_unusable_changes_nothing(
    sqlite_file_db: Database, tmp_path: Path, content: bytes | None, message: str
) -> None:
    _add_people(sqlite_file_db, "Ada Lovelace")
    bad = tmp_path / "bad.sqlite"
    if content is None:
        sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.close()
        bad.write_bytes(bad.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute("DROP TABLE t")
        conn.close()
    else:
        bad.write_bytes(content)
    with pytest.raises(ServiceError, match=message):
        sqlite_file_db.restore(bad)
    assert Services(sqlite_file_db).contacts.count() == 1
    assert sqlite_file_db.backups is not None and sqlite_file_db.backups.backups() == []


def test_a_damaged_database_is_set_aside_and_the_backup_put_in_its_place(
    db_path: Path, tmp_path: Path
) -> None:
    db = open_database(_url(db_path))
    _add_people(db, *(f"Person {i}" for i in range(300)))
    assert db.backups is not None
    good = db.backups.take("manual")
    db.close()
    with db_path.open("r+b") as fh:  # scribble over pages in the middle of the file
        fh.seek(8192)
        fh.write(os.urandom(20000))
    # The message that stops netdesk says which backup to restore, and how.
    with pytest.raises(DatabaseOpenError) as info:
        open_database(_url(db_path))
    assert f"netdesk --db {db_path} restore {good.path}" in str(info.value)
    store = BackupStore(db_path)
    # A damaged file is not backed up over a good backup's slot.
    with pytest.raises(BackupError, match="damaged"):
        store.take("manual")
    kept = store.restore(good.path)
    assert kept is not None and kept.name.startswith("damaged-") and kept.exists()
    db = open_database(_url(db_path))
    try:
        assert Services(db).contacts.count() == 300
    finally:
        db.close()


def test_postgres_has_no_file_backups(db: Database) -> None:
    if db.dialect == "sqlite":
        assert db.backups is not None
        return
    assert db.backups is None
    db.backup_before("import", 1000)  # nothing to do, nothing raised
    with pytest.raises(ServiceError, match="pg_restore"):
        db.restore(Path("anything.sqlite"))


# --- the command line ----------------------------------------------------------------------


def test_cli_backup_list_keep_and_restore(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(_url(db_path))
    _add_people(db, "Ada Lovelace", "Grace Hopper")
    db.close()
    out = tmp_path / "chosen" / "copy.sqlite"
    assert main(["--db", str(db_path), "backup", str(out)]) == 0
    assert f"Backed up 2 people to {out}" in capsys.readouterr().out
    assert _names(out) == ["Ada Lovelace", "Grace Hopper"]
    assert main(["--db", str(db_path), "backup"]) == 0
    assert main(["--db", str(db_path), "backup", "--keep", "4"]) == 0
    assert "Keeping the last 4 backups" in capsys.readouterr().out
    assert BackupStore(db_path).keep == 4
    assert main(["--db", str(db_path), "backup", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "Made by hand\t2 people\t" in listed[0]

    db = open_database(_url(db_path))
    _add_people(db, "Alan Turing")
    db.close()
    # Without --yes and without a terminal to ask on, nothing happens.
    assert main(["--db", str(db_path), "restore", str(out)]) == 1
    assert "add --yes" in capsys.readouterr().err
    assert len(_names(db_path)) == 3
    assert main(["--db", str(db_path), "restore", str(out), "--yes"]) == 0
    said = capsys.readouterr().out
    assert "Restored 2 people" in said and "The state it replaced is kept in" in said
    assert _names(db_path) == ["Ada Lovelace", "Grace Hopper"]
    assert main(["--db", str(db_path), "restore", str(tmp_path / "missing.sqlite"), "--yes"]) == 1
    assert "there is no such file" in capsys.readouterr().err


def test_cli_restore_asks_on_a_terminal(db_path: Path, tmp_path: Path) -> None:
    """Through a real process whose stdin is a terminal (a pty), answering no and then yes."""
    import pty

    db = open_database(_url(db_path))
    _add_people(db, "Ada Lovelace")
    assert db.backups is not None
    backup = db.backups.take("manual")
    _add_people(db, "Grace Hopper")
    db.close()

    def run(answer: bytes) -> tuple[int, str]:
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "netdesk", "--db", str(db_path), "restore", str(backup.path)],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        os.close(follower)
        os.write(leader, answer + b"\n")
        out, _ = proc.communicate(timeout=60)
        os.close(leader)
        return proc.returncode, out.decode()

    code, out = run(b"n")
    assert code == 1 and "Nothing was restored" in out
    assert len(_names(db_path)) == 2
    code, out = run(b"y")
    assert code == 0, out
    assert _names(db_path) == ["Ada Lovelace"]


def test_cli_backup_of_postgres_says_what_to_use(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert main(["--db", url, "backup"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_after_restoring_over_a_damaged_file_an_open_database_writes_to_the_restored_one(
    db_path: Path,
) -> None:
    db = open_database(_url(db_path))
    try:
        _add_people(db, *(f"Person {i}" for i in range(300)))
        assert db.backups is not None
        good = db.backups.take("manual")
        with db.engine.connect() as conn:  # checkpointed, so the damage below is what counts
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with db_path.open("r+b") as fh:
            fh.seek(8192)
            fh.write(os.urandom(20000))
        kept = db.restore(good.path)
        assert kept is not None and kept.name.startswith("damaged-")
        _add_people(db, "Written after the restore")
    finally:
        db.close()
    names = _names(db_path)
    assert len(names) == 301 and "Written after the restore" in names


def test_one_command_importing_many_files_makes_one_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(_url(db_path))
    _add_people(db, "Already Here")
    db.close()
    files = []
    for n in range(3):
        path = tmp_path / f"part{n}.vcf"
        path.write_text(_vcards(HANDFUL + 1, f"Part{n}"))
        files.append(str(path))
    assert main(["--db", str(db_path), "import", *files]) == 0
    backups = BackupStore(db_path).backups()
    assert [b.reason for b in backups] == ["import"]
    assert contact_count(backups[0].path) == 1


def test_the_backup_from_before_an_upgrade_outlives_the_last_n(sqlite_file_db: Database) -> None:
    store = sqlite_file_db.backups
    assert store is not None
    _add_people(sqlite_file_db, "Ada Lovelace")
    store.set_keep(2)
    upgrade = store.take("upgrade", "0004")
    made = [store.take("manual").path for _ in range(3)]
    assert [b.path for b in store.backups()] == [made[2], made[1], upgrade.path]
    newer_upgrade = store.take("upgrade", "0005")
    # Only the newest upgrade backup is kept beyond the last N.
    assert [b.path for b in store.backups()] == [newer_upgrade.path, made[2]]


def test_a_backup_that_cannot_be_upgraded_is_refused_with_a_message(
    sqlite_file_db: Database, tmp_path: Path
) -> None:
    from netdesk.store import search_index
    from tests.store.test_migrations import _build_first_revision

    _add_people(sqlite_file_db, "Ada Lovelace")
    old = tmp_path / "old.sqlite"
    _build_first_revision(old)
    conn = sqlite3.connect(old)
    conn.execute(f"CREATE TABLE {search_index.TABLE} (something_else TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="could not be brought up to this version"):
        sqlite_file_db.restore(old)
    assert _names(sqlite_file_db.backups.database) == ["Ada Lovelace"]  # type: ignore[union-attr]
