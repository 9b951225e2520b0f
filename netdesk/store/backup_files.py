"""Making and checking one backup file: a consistent copy of an SQLite database written under a
temporary name and renamed when complete, and what a file holds (how many people, any data).

The errors a user sees when a copy cannot be made are worded here too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import uuid
from pathlib import Path

from netdesk.errors import ServiceError
from netdesk.store.sqlite_files import connect_read_only

PARTIAL_PREFIX = ".partial-"


class BackupError(ServiceError):
    """A backup could not be made, read or restored; the message says why for the user."""


def people_text(count: int | None) -> str:
    """ "1 person", "1,204 people", or "an unknown number of people" for an unreadable file."""
    if count is None:
        return "an unknown number of people"
    return f"{count:,} {'person' if count == 1 else 'people'}"


def contact_count(path: Path) -> int | None:
    """How many people a backup (or any netdesk file) holds; None when it cannot be read."""
    try:
        conn = connect_read_only(path)
        try:
            row = conn.execute("SELECT count(*) FROM contacts").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def holds_data(path: Path) -> bool:
    """Whether a database holds any person or event: an empty one needs no backup."""
    try:
        conn = connect_read_only(path)
        try:
            row = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM events)"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # unreadable here: the backup itself will say what is wrong
    return bool(row and row[0])


def copy_database(source: Path, destination: Path) -> None:
    """A consistent copy of `source`, even while other processes write to it, written under a
    temporary name beside `destination` and renamed into place only once complete."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f"{PARTIAL_PREFIX}{uuid.uuid4().hex}.tmp")
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A single file, readable without -wal and -shm beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
                # A damaged database copies without complaint; its copy must not take the
                # place (and, by pruning, the slot) of a good backup.
                problems = [row[0] for row in dst.execute("PRAGMA quick_check(3)")]
                if problems != ["ok"]:
                    raise sqlite3.DatabaseError(f"the database is damaged ({'; '.join(problems)})")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk; not every platform can open a folder for this.
    with contextlib.suppress(OSError):
        _fsync(folder)


def reason_error(what: str, exc: BaseException) -> BackupError:
    from netdesk.store.errors import reason

    detail = getattr(exc, "strerror", None) or reason(exc)
    code = exc.errno if isinstance(exc, OSError) else None
    lowered = detail.lower()
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in lowered:
        detail = "the disk is full"
    elif "readonly database" in lowered or "read-only" in lowered:
        detail = "the database file (or its folder) is read-only"
    elif code == errno.EFBIG or "disk i/o error" in lowered:
        detail = "it could not be written (the disk may be full, removed or failing)"
    return BackupError(f"{what}: {detail}.")


def is_damaged(path: Path) -> bool:
    # SQLAlchemy (for the schema's revisions) only when a file's damage is in question.
    from netdesk.store.open_errors import CorruptDatabaseError, DatabaseOpenError
    from netdesk.store.sqlite_checks import check_sqlite_file

    try:
        check_sqlite_file(path, verify=True)
    except CorruptDatabaseError:
        return True
    except DatabaseOpenError:
        return False
    return False
