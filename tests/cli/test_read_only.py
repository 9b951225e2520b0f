"""Every command against a read-only database: a sentence for the user, never a traceback nor
the driver's text with SQLAlchemy's links.

As root, chmod does not stop our own writes: the commands run under setpriv, which drops the
capabilities that let root ignore file permissions (skipped where that is not possible)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import make_salon_database, unprivileged

pytestmark = pytest.mark.skipif(os.name != "posix", reason="permissions and setpriv are POSIX")


def _run(prefix: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "netdesk", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A database with a person and an event, the file and its folder read-only."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_salon_database(folder / "netdesk.sqlite")
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield path, unprivileged(path)
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


COMMANDS = [
    ["search", "ada"],
    ["export", "vcard", "OUT/people.vcf"],
    ["export", "csv", "OUT/people.csv"],
    ["export", "ics", "OUT/events.ics"],
    ["export", "vcard", "-"],
    ["duplicates"],
    ["duplicates", "--merge"],
    ["qr", "--contact", "ada@example.org", "OUT/card.png"],
    ["badges", "--event", "Salon", "OUT/badges.pdf"],
    ["import", "OUT/one.vcf"],
    ["demo", "--people", "3", "--force"],
    ["backup"],
    ["backup", "OUT/copy.sqlite"],
    ["backup", "--list"],
    ["restore", "--yes", "OUT/one.vcf"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_no_command_prints_a_traceback_or_driver_text(
    read_only: tuple[Path, list[str]], tmp_path: Path, command: list[str]
) -> None:
    path, prefix = read_only
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)
    (out / "one.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New One\r\nEND:VCARD\r\n")
    argv = [part.replace("OUT", str(out)) for part in command]

    done = _run(prefix, "--db", str(path), *argv)

    said = done.stderr
    assert done.returncode in (0, 1), said
    for raw in ("Traceback", "sqlalche.me", "OperationalError", "(sqlite3."):
        assert raw not in said, said
    assert len(said.strip().splitlines()) <= 1, said
    if command[0] == "search":  # read as it is: nobody can be writing it here
        assert (done.returncode, said) == (0, ""), said
    if command[0] in ("export", "duplicates", "qr", "badges", "import", "demo"):
        assert said.startswith("netdesk: The database file is read-only"), said


def test_a_read_only_file_in_a_writable_folder_is_searched_and_exported(
    read_only: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path, prefix = read_only
    path.parent.chmod(0o755)  # SQLite can make its -wal and -shm files beside it
    out = tmp_path / "people.vcf"
    done = _run(prefix, "--db", str(path), "search", "ada")
    assert (done.returncode, done.stdout) == (0, "Ada Lovelace\t\tada@example.org\n"), done.stderr
    done = _run(prefix, "--db", str(path), "export", "vcard", str(out))
    assert done.returncode == 0, done.stderr
    assert "FN:Ada Lovelace" in out.read_text("utf-8")
