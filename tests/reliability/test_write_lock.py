"""The harness's view of a writer from outside: it must see a write transaction, and only
while one is open."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.write_lock import can_see_locks, holds_write_lock

if not can_see_locks():
    pytest.skip("only Linux lists the locks a process holds", allow_module_level=True)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_write_transaction_is_seen_from_begin_to_commit(tmp_path: Path, journal: str) -> None:
    path = tmp_path / "x.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.execute("CREATE TABLE t (n INTEGER)")
        assert not holds_write_lock(os.getpid(), path)
        conn.execute("BEGIN IMMEDIATE")
        assert holds_write_lock(os.getpid(), path)
        assert not holds_write_lock(os.getpid() + 1, path)
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("COMMIT")
        assert not holds_write_lock(os.getpid(), path)
        # A reader holds locks too, but not the write lock.
        conn.execute("BEGIN")
        conn.execute("SELECT * FROM t").fetchall()
        assert not holds_write_lock(os.getpid(), path)
        conn.execute("COMMIT")
    finally:
        conn.close()
