"""Checks of an SQLite file before netdesk opens it, all read-only: that it is a netdesk
database of a schema this version knows, and not damaged."""

from __future__ import annotations

import logging
import shlex
import sqlite3
from pathlib import Path

from netdesk.database_files import backups_folder
from netdesk.store import integrity_stamp
from netdesk.store.backup_list import newest_backup
from netdesk.store.errors import reason
from netdesk.store.first_bytes import read_first_bytes
from netdesk.store.open_errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NotNetdeskDatabaseError,
)
from netdesk.store.schema import known_revisions, unknown_revision_error
from netdesk.store.sqlite_files import connect_read_only
from netdesk.store.sqlite_names import SQLITE_MAGIC

log = logging.getLogger(__name__)

SQLITE_READONLY_ROLLBACK = 776  # a hot journal, which a read-only connection cannot roll back


def _restore_advice(path: Path) -> str:
    newest = newest_backup(backups_folder(path))
    if newest is None:
        return "Open a backup copy of it instead, if you have one."
    return (
        f"Its newest backup is {newest.path}; restore it with: "
        f"netdesk --db {shlex.quote(str(path))} restore {shlex.quote(str(newest.path))}"
    )


def _damage(exc: sqlite3.Error) -> str:
    """What SQLite said of a damaged file, in words, unless it only says that it is damaged."""
    said = reason(exc)
    return "" if "damaged" in said or said == "the database reported an error" else f" ({said})"


def _quick_check(conn: sqlite3.Connection) -> None:
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems) or "no answer to a check")


def integrity_problem(path: Path) -> str | None:
    """A full read of the file (a quarter of a second per 200 MB): a message if it is damaged.

    The GUI runs this after its window is shown instead of before (see open_database).
    """
    seen = integrity_stamp.fingerprint(path)
    try:
        conn = connect_read_only(path)
        try:
            _quick_check(conn)
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        # Not damage (that is a DatabaseError): busy, locked, a -shm we may not read. Calling
        # it damage would close the window and advise a restore that loses the newer work;
        # the next start checks again, since nothing good was noted.
        log.warning("the whole-file check of %s could not be made: %s", path, exc)
        return None
    except sqlite3.DatabaseError as exc:
        integrity_stamp.forget(path)
        return (
            f"{path} is damaged{_damage(exc)}. netdesk stopped before changing anything. "
            + _restore_advice(path)
        )
    if seen is not None:
        integrity_stamp.record(path, seen)
    return None


def verify_unless_unchanged(path: Path) -> None:
    """check_sqlite_file's whole-file check, unless the file is as it was at its last good
    check (netdesk.store.integrity_stamp says what that means)."""
    seen = integrity_stamp.fingerprint(path)
    if seen is not None and integrity_stamp.unchanged_since_check(path, seen):
        return
    try:
        check_sqlite_file(path, verify=True)
    except DatabaseOpenError:
        integrity_stamp.forget(path)
        raise
    if seen is not None:
        integrity_stamp.record(path, seen)


def check_sqlite_file(path: Path, verify: bool = True) -> str | None:
    """Inspect an existing file read-only; returns its revision, or None for an empty database.

    Raises a DatabaseOpenError, leaving the file untouched, for anything netdesk must not open.
    """
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder; give the path of a netdesk database file.")
    try:
        # Never open()/close(): this process may have the file open (store.first_bytes).
        header = read_first_bytes(path, len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header != SQLITE_MAGIC:
        raise NotNetdeskDatabaseError(
            f"{path} is not a netdesk database (it is not an SQLite file). "
            "The file was not changed."
        )
    try:
        try:
            tables, row = _tables_and_revision(path, verify)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != SQLITE_READONLY_ROLLBACK:
                raise
            if not _roll_back(path):
                raise DatabaseOpenError(
                    f"{path} holds a write that was cut off, which cannot be undone while the "
                    "file or its folder is read-only. The file was not changed; open it where "
                    "it may be written."
                ) from exc
            tables, row = _tables_and_revision(path, verify)
    except sqlite3.OperationalError as exc:
        # Not damage (that is a DatabaseError): a file SQLite cannot open here, busy, locked.
        # Called damaged, the advice to restore a backup would lose the newer work.
        raise DatabaseOpenError(
            f"Cannot read {path}: {reason(exc)}. The file was not changed."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{path} is damaged and cannot be opened{_damage(exc)}. The file was not changed. "
            + _restore_advice(path)
        ) from exc
    if not tables:
        return None
    if "alembic_version" not in tables or "contacts" not in tables:
        raise NotNetdeskDatabaseError(
            f"{path} is not a netdesk database: it belongs to another program. "
            "The file was not changed."
        )
    if row is None:
        raise NotNetdeskDatabaseError(
            f"{path} is not a netdesk database: it has no netdesk schema version. "
            "The file was not changed."
        )
    revision = str(row[0])
    if revision not in known_revisions():
        raise unknown_revision_error(str(path), revision)
    return revision


def _tables_and_revision(path: Path, verify: bool) -> tuple[set[str], tuple[object, ...] | None]:
    conn = connect_read_only(path)
    try:
        if verify:
            _quick_check(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return tables, None
        return tables, conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()


def _roll_back(path: Path) -> bool:
    """Whether the transaction a writer was killed in could be undone.

    It left a rollback journal ("hot"), which a read-only connection cannot apply: it says
    "attempt to write a readonly database", which is no damage. The first read of a connection
    that may write puts the pages back as they were before that transaction, as SQLite does at
    any open (a read-only file or folder keeps the error)."""
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True
