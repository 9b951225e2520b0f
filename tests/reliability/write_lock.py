"""Whether a process is in the middle of writing a SQLite database, seen from outside without
touching the database: the write lock it holds, as Linux lists it in /proc/locks.

In WAL mode a writer holds a POSIX write lock on byte 120 of the -shm file (WAL_WRITE_LOCK)
from the start of its write transaction to its commit or rollback; in rollback-journal mode it
holds the RESERVED byte of the database file (PENDING_BYTE + 1). The lock is only looked at, so
the command being killed runs exactly as it would without the harness.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCKS = Path("/proc/locks")
_WAL_WRITE_LOCK = 120
_RESERVED_BYTE = 0x40000001


def can_see_locks() -> bool:
    return LOCKS.exists()


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def holds_write_lock(pid: int, database: Path) -> bool:
    """True if `pid` holds the write lock of `database` now (always False without /proc)."""
    if not can_see_locks():
        return False
    wanted = {
        inode: byte
        for inode, byte in (
            (_inode(database.with_name(database.name + "-shm")), _WAL_WRITE_LOCK),
            (_inode(database), _RESERVED_BYTE),
        )
        if inode is not None
    }
    try:
        text = LOCKS.read_text("ascii", "replace")
    except OSError:
        return False
    for line in text.splitlines():
        # "1: POSIX  ADVISORY  WRITE 10538 fe:00:2385315 120 120" (end "EOF" for a lock to the
        # end of the file); blocked requests ("-> POSIX ...") are not held.
        fields = line.split()
        if len(fields) < 8 or fields[1] != "POSIX" or fields[3] != "WRITE":
            continue
        if fields[4] != str(pid):
            continue
        inode = int(fields[5].rsplit(":", 1)[1])
        if inode not in wanted:
            continue
        start = int(fields[6])
        end = None if fields[7] == "EOF" else int(fields[7])
        if start <= wanted[inode] and (end is None or wanted[inode] <= end):
            return True
    return False
