"""Reading an SQLite file without changing it or leaving anything beside it: for the checks
before netdesk opens a file, and for counting what a backup holds. sqlite3 only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from netdesk.database_files import sidecar_files


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file nor leave anything next to it.

    A plain read-only open of a WAL-mode file creates -wal and -shm files and leaves them
    behind. When none exist the file is not in use, so `immutable` is safe and creates none;
    when they do exist, someone has it open (or crashed) and the normal read path is needed.
    """
    # Beside the file a symbolic link leads to, where SQLite keeps them.
    real = path.resolve()
    in_use = any(p.exists() for p in sidecar_files(real))
    mode = "mode=ro" if in_use else "mode=ro&immutable=1"
    return sqlite3.connect(f"{real.as_uri()}?{mode}", uri=True)
