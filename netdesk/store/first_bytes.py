"""Reading the first bytes of a file that SQLite may have open in this process, without
dropping SQLite's locks on it. Plain Python: the command line and a mail client's search import
this before SQLAlchemy.

POSIX locks belong to a process and a file, and closing ANY descriptor of the file drops every
lock the process holds on it, SQLite's included ("How To Corrupt An SQLite Database File",
section 2.2). A plain open()/close() of a database this process has open (a second open of it,
the command line run beside the window) so let another netdesk think itself the file's last
user, which deletes the write-ahead log under the first: its later writes were lost.

So a descriptor opened here on an SQLite file is never closed: it is kept for the life of the
process, one per database file (by device and inode), and read again at the next look. That is
the simplest safe choice: whether this process has the file open through SQLite cannot be asked
(sqlite3 connections are made outside Database too), and reading through SQLite itself cannot
tell a damaged header from a file of another kind. A file with bytes that are not an SQLite
header holds no SQLite lock, and its descriptor is closed at once. Windows locks per handle, so
closing another handle drops none there.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path
from typing import BinaryIO

from netdesk.store.sqlite_names import SQLITE_MAGIC

_kept: dict[tuple[int, int], int] = {}
_strays: list[int] = []  # a file replaced between stat and open: kept, never closed either
_lock = threading.Lock()


def read_first_bytes(path: Path, size: int) -> bytes:
    """The first `size` bytes of the file at `path` (fewer when it is shorter; none from a
    FIFO or a device, which are never waited for). Raises OSError as open() would."""
    if os.name == "nt":
        with path.open("rb") as fh:
            return fh.read(size)
    with _lock:
        info = os.stat(path)
        kept = _kept.get((info.st_dev, info.st_ino))
        if kept is not None:
            return os.pread(kept, size, 0)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                os.close(fd)  # not a file SQLite could have open as a database
                return b""
            data = os.pread(fd, size, 0)
        except BaseException:
            # Even here only a file that surely is no database may be closed.
            _strays.append(fd)
            raise
        if data and not data.startswith(SQLITE_MAGIC[: len(data)]):
            os.close(fd)
            return data
        key = (opened.st_dev, opened.st_ino)
        if key in _kept:
            _strays.append(fd)
        else:
            _kept[key] = fd
        return data


def open_unless_database(path: Path) -> BinaryIO:
    """open(path, "rb") for reading a file whole (an import), refused with an OSError for an
    SQLite database: closing it would drop the locks of this process's connections to it
    (the window's, when its own database is picked by mistake)."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        regular = False  # open() says why
    if regular and read_first_bytes(path, len(SQLITE_MAGIC)) == SQLITE_MAGIC:
        raise OSError(errno.EINVAL, "it is a database, not a file to import")
    return path.open("rb")
