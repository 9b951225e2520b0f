"""One sync of an account at a time per database: two at once (the window's timer and a
`netdesk sync` in a terminal) each sent and received everything, and each wrote the counts
into the history. The lock dies with its process, so a killed run leaves none behind: an
advisory lock on PostgreSQL, an OS lock on a file beside an SQLite database."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from netdesk.services.sync.errors import SyncAlreadyRunning
from netdesk.store import Database, sqlite_path


@contextmanager
def one_sync_at_a_time(db: Database, account: str) -> Iterator[None]:
    key = int.from_bytes(hashlib.sha256(f"netdesk-sync:{account}".encode()).digest()[:8], "big")
    key -= 1 << 63  # a signed bigint, as pg_try_advisory_lock takes it
    if db.dialect == "postgresql":
        with db.engine.connect() as connection:
            if not connection.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
                raise SyncAlreadyRunning(account)
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()
        return
    path = sqlite_path(db.url)
    if path is None:  # an in-memory database belongs to this process alone
        yield
        return
    lock = path.with_name(f".{path.name}.sync-{key & 0xFFFFFFFF:08x}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not _locked(fd):
            raise SyncAlreadyRunning(account)
        yield
    finally:
        os.close(fd)  # releases the lock


def _locked(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
