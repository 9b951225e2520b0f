"""Running the command line in-process, and reading back what it wrote."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netdesk.cli import main
from netdesk.db import open_database
from netdesk.services.service_set import Services


@contextmanager
def services_at(db_path: Path) -> Iterator[Services]:
    """The services over the database a command wrote, closed again afterwards."""
    db = open_database(f"sqlite:///{db_path}")
    try:
        yield Services(db)
    finally:
        db.close()


def run(db_path: Path, *args: str) -> int:
    """`netdesk --db DB_PATH ARGS...`, its exit status."""
    return main(["--db", str(db_path), *args])
