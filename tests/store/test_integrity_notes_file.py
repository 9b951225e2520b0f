"""Whatever lies in place of the notes of good whole-file checks (a FIFO, a device, JSON nested
too deep, a huge file), a command neither hangs nor fails: it checks the file whole again."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk.store import integrity_stamp, open_database
from tests.cli.helpers import make_salon_database


@pytest.fixture
def notes() -> Iterator[Path]:
    path = integrity_stamp.notes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def test_a_fifo_in_place_of_the_notes_does_not_hang_a_command(notes: Path, tmp_path: Path) -> None:
    database = make_salon_database(tmp_path / "netdesk.sqlite")
    os.mkfifo(notes)
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(database), "events"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # a read of the FIFO would wait for a writer forever
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Salon\t")


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, " " * (2 << 20) + "{}"])
def test_notes_nested_too_deep_or_too_big_only_cost_a_check(
    notes: Path, tmp_path: Path, content: str
) -> None:
    database = make_salon_database(tmp_path / "netdesk.sqlite")
    notes.write_text(content, "utf-8")
    open_database(f"sqlite:///{database}").close()
    fingerprint = integrity_stamp.fingerprint(database)
    assert fingerprint is not None
    assert integrity_stamp.unchanged_since_check(database, fingerprint)
