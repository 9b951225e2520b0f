"""A file whose writer was killed in the middle of a transaction, in rollback-journal mode
(another SQLite program, or an older copy): its -journal is undone as SQLite does at any open,
not reported as damage (whose advice, to restore a backup, would lose the newer work)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.cli.helpers import unprivileged

KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 1")  # changed pages go to the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE contacts SET formatted_name = 'Half Written', sort_name = 'written half'")
conn.execute("UPDATE contact_search SET name = 'half written'")
os._exit(0)  # killed: no commit, no rollback
"""


def _file_with_a_cut_off_write(folder: Path) -> Path:
    path = folder / "netdesk.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        contacts = Services(db).contacts
        for n in range(200):
            contacts.create(ContactInput(f"Ada Lovelace {n}", note="x" * 500))
    finally:
        db.close()
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=True, timeout=120)
    assert path.with_name(path.name + "-journal").stat().st_size > 0
    return path


def _netdesk(prefix: list[str], path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "netdesk", "--db", str(path), *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_a_write_cut_off_is_undone_and_the_search_answers(tmp_path: Path) -> None:
    path = _file_with_a_cut_off_write(tmp_path)
    done = _netdesk([], path, "search", "ada", "--limit", "1")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Ada Lovelace 0\t")
    assert _netdesk([], path, "search", "half").returncode == 1  # no match: undone
    assert not path.with_name(path.name + "-journal").exists()


def test_a_write_cut_off_in_a_read_only_folder_is_said_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _file_with_a_cut_off_write(folder)
    before = path.read_bytes()
    probe = tmp_path / "probe"
    probe.touch(0o444)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        done = _netdesk(unprivileged(probe), path, "search", "ada")
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert done.returncode == 1
    assert "cut off" in done.stderr and "damaged" not in done.stderr, done.stderr
    assert path.read_bytes() == before


def test_a_log_without_its_index_in_a_read_only_folder_is_not_called_damage(
    tmp_path: Path,
) -> None:
    """A killed netdesk's -wal, copied without its -shm to a read-only place (a snapshot, a
    mounted backup): SQLite cannot read it there, which is no damage."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "netdesk.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        Services(db).contacts.create(ContactInput("Ada Lovelace"))
        kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    finally:
        db.close()
    for p in folder.iterdir():
        p.unlink()
    for name, data in kept.items():
        if not name.endswith("-shm"):
            (folder / name).write_bytes(data)
            (folder / name).chmod(0o444)
    assert path.with_name(path.name + "-wal").exists()
    probe = tmp_path / "probe"
    probe.touch(0o444)
    folder.chmod(0o555)
    try:
        done = _netdesk(unprivileged(probe), path, "events")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.startswith(f"netdesk: Cannot read {path}: "), done.stderr
    assert "damaged" not in done.stderr and "backup" not in done.stderr, done.stderr
