"""The files a netdesk SQLite database keeps beside it: SQLite's -wal, -shm and -journal files
and netdesk's backups folder. Named here, below both, for the store that makes them and for
netdesk.output_files, which never writes over them."""

from __future__ import annotations

from pathlib import Path


def sidecar_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files SQLite keeps next to a database while it is in use."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def backups_folder(database: Path) -> Path:
    """The folder beside a database that holds its backups (netdesk.store.backups)."""
    return database.with_name(database.name + ".backups")
