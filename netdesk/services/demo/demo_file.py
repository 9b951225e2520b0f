"""The demo data in a file of its own, opened in a window of its own.

A newcomer who wants to look around gets invented people and events without a single one of
them landing in their own address book: the demo lives in demo.sqlite beside it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from netdesk.config import demo_database_path, sqlite_url
from netdesk.services.demo.loader import generate_demo
from netdesk.store import open_database


def ensure_demo_file(path: Path | None = None) -> tuple[Path, bool]:
    """The demo file, made first if it is missing; says whether it was made now.

    It is written under a temporary name and renamed when complete, so that an interrupted
    run never leaves a half-filled demo behind to be opened next time."""
    path = path or demo_database_path()
    if path.exists():
        return path, False
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    db = open_database(sqlite_url(partial))
    try:
        generate_demo(db)
    except BaseException:
        db.close()
        partial.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(partial, path)
    return path, True


def demo_command(path: Path) -> list[str]:
    """The command that opens the demo file in a netdesk window of its own."""
    return [sys.executable, "-m", "netdesk", "--db", str(path)]
