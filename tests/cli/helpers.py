"""Running the command line in-process, reading back what it wrote, and the small databases and
unprivileged prefixes the command-line tests start from."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netdesk.cli.main import main
from netdesk.config import sqlite_url
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import open_database


@contextmanager
def services_at(db_path: Path) -> Iterator[Services]:
    """The services over the database a command wrote, closed again afterwards."""
    db = open_database(sqlite_url(db_path))
    try:
        yield Services(db)
    finally:
        db.close()


def run(db_path: Path, *args: str) -> int:
    """`netdesk --db DB_PATH ARGS...`, its exit status."""
    return main(["--db", str(db_path), *args])


def write_file(folder: Path, name: str, text: str) -> Path:
    """`text` as the UTF-8 file `name` in `folder`, line ends as given."""
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def make_salon_database(path: Path) -> Path:
    """A database at `path` in which Ada Lovelace (ada@example.org) attends the Salon."""
    with services_at(path) as services:
        ada = services.contacts.create(
            ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
        )
        event = services.events.create(
            EventInput(name="Salon", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
        )
        services.events.add_attendee(event, ada)
    return path


def unprivileged(probe: Path) -> list[str]:
    """A command prefix under which a file without write permission cannot be written, even
    by root (setpriv drops the capabilities that let root ignore file permissions); skips the
    test where that is not possible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file is writable for us")
    prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]
    check = subprocess.run(
        [*prefix, sys.executable, "-c", f"open({str(probe)!r}, 'r+b')"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if "PermissionError" not in check.stderr:
        pytest.skip(f"setpriv cannot drop root's file powers here: {check.stderr[-200:]}")
    return prefix
