"""A second open of a database this process already has open must leave SQLite's locks on it.

POSIX locks belong to the process and the file, and closing ANY descriptor of the file drops
them all (SQLite's "How To Corrupt An SQLite Database File", 2.2). When the second open read
the file's header with a Python open()/close(), another netdesk closing the database then
thought itself its last user: it deleted the -wal under the first process, whose later writes
went into the deleted log and were lost, and new connections met a damaged file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.kill_harness import connect, integrity

if os.name == "nt":
    pytest.skip("Windows locks per handle; closing another drops none", allow_module_level=True)

# Process A: one Services on the file for the whole run; a second open of it (as the command
# line run in-process, or a second Database) between its writes; it waits for B on stdin.
_FIRST = """
import sys
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database

url = "sqlite:///" + sys.argv[1]
db = open_database(url)
services = Services(db)
services.contacts.create(ContactInput(formatted_name="A before"))
again = open_database(url)
Services(again).contacts.create(ContactInput(formatted_name="A through the second open"))
again.close()
print("opened twice", flush=True)
sys.stdin.readline()
services.contacts.create(ContactInput(formatted_name="A after B"))
print("wrote", flush=True)
sys.stdin.readline()
services.contacts.create(ContactInput(formatted_name="A after C"))
db.close()
print("closed", flush=True)
"""

# Processes B and C: each opens, writes and closes while A has the file open.
_SECOND = """
import sys
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database

db = open_database("sqlite:///" + sys.argv[1])
Services(db).contacts.create(ContactInput(formatted_name=sys.argv[2]))
db.close()
"""


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}


def _other(path: Path, name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SECOND, str(path), name],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_a_second_open_in_one_process_loses_no_write_of_another(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    first = subprocess.Popen(
        [sys.executable, "-c", _FIRST, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert first.stdout is not None and first.stdin is not None
        assert first.stdout.readline() == "opened twice\n", first.stderr
        _other(path, "B")
        first.stdin.write("go\n")
        first.stdin.flush()
        assert first.stdout.readline() == "wrote\n"
        _other(path, "C")
        out, err = first.communicate("go\n", timeout=120)
        assert first.returncode == 0, err
        assert out == "closed\n"
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()

    assert integrity(path) == ["ok"]
    conn = connect(path)
    try:
        names = sorted(r[0] for r in conn.execute("SELECT formatted_name FROM contacts"))
    finally:
        conn.close()
    assert names == [
        "A after B",
        "A after C",
        "A before",
        "A through the second open",
        "B",
        "C",
    ]


def _locks_held(path: Path) -> list[str]:
    """This process's POSIX locks on `path`, as Linux lists them."""
    inode = f":{os.stat(path).st_ino} "
    mine = f" {os.getpid()} "
    text = Path("/proc/locks").read_text("ascii", "replace")
    return [
        " ".join(line.split()[3:]) for line in text.splitlines() if mine in line and inode in line
    ]


def _check(path: Path) -> None:
    from netdesk.store.sqlite_checks import check_sqlite_file

    check_sqlite_file(path, verify=False)


def _quick_search(path: Path) -> None:
    from netdesk.store.quick_search import search

    search(path, "ada", 5)


def _missing(path: Path) -> None:
    from netdesk.cli.main import missing_database

    assert missing_database(f"sqlite:///{path}") is None


def _import(path: Path) -> None:
    from netdesk.services.importing import ImportFileError, read_import_file

    # The window's own database picked by mistake in Import: refused without a plain open().
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    assert str(caught.value) == (
        f"{path}: cannot be read (it is a database, not a file to import)."
    )


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="only Linux lists the locks")
@pytest.mark.parametrize("look", [_check, _quick_search, _missing, _import])
def test_looking_at_an_open_database_leaves_its_locks(
    tmp_path: Path, look: Callable[[Path], None]
) -> None:
    from netdesk.services.records import ContactInput
    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        Services(db).contacts.create(ContactInput(formatted_name="Ada Lovelace"))
        held = _locks_held(path)
        assert held, "an open WAL database holds a shared lock on its file"
        for _ in range(2):  # the second look reads through what the first kept
            look(path)
            assert _locks_held(path) == held
    finally:
        db.close()
