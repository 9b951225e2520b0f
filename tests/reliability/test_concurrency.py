"""Two netdesk processes on one SQLite file: the window open while the command line imports,
two imports at once, and a write held open longer than the busy timeout.

Both succeed: a command waits for another's write lock, saying so once it has waited 5 s (up to
half an hour); an import in the window waits up to a minute, a quick edit 5 s. One that waits
longer says clearly that another netdesk is writing; nothing is lost, nothing is half imported,
the file stays sound.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk.cli import main as cli
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import Database, DatabaseWriteError, open_database
from tests.cli.helpers import run
from tests.reliability.kill_harness import DB_NAME, integrity, netdesk, snapshot, vcards

BUSY = "database is busy"
ANOTHER_WRITER = "another netdesk is writing to this database; try again when it has finished"
ANOTHER_WRITER_SAID = f"The database is busy: {ANOTHER_WRITER}. Nothing was saved."
# What a command says once it has waited a window's wait (5 s) for another's write lock.
WAITING = (
    "netdesk: another netdesk is writing to the database; waiting for it to finish "
    "(Ctrl+C to give up)\n"
)
CARDS = 1000


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / DB_NAME
    db = open_database(f"sqlite:///{path}")
    try:
        services = Services(db)
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
            services.contacts.create(ContactInput(name, emails=[f"{name.split()[0]}@x.example"]))
    finally:
        db.close()
    return path


@pytest.fixture
def window(db_path: Path) -> Iterator[Database]:
    """The database as the window holds it: open, with a read and a write done."""
    db = open_database(f"sqlite:///{db_path}")
    services = Services(db)
    assert [r.name for r in services.search.page("grace")] == ["Grace Hopper"]
    services.contacts.create(ContactInput("Opened The Window", emails=["window@x.example"]))
    yield db
    db.close()


def cards_file(folder: Path, prefix: str, count: int = CARDS) -> Path:
    path = folder / f"{prefix}.vcf"
    path.write_text(vcards(count, prefix), "utf-8")
    return path


def start(db_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        netdesk(db_path, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def contacts_like(db_path: Path, pattern: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        (count,) = conn.execute(
            "SELECT count(*) FROM contact_emails WHERE value LIKE ?", (pattern,)
        ).fetchone()
    finally:
        conn.close()
    return int(count)


def test_the_window_keeps_working_while_the_command_line_imports(
    window: Database, db_path: Path, tmp_path: Path
) -> None:
    services = Services(window)
    before = services.contacts.count()
    cards = cards_file(tmp_path, "cli")
    proc = start(db_path, "import", str(cards))
    typed: list[int] = []
    refused: list[str] = []
    while proc.poll() is None:
        # The window reads and writes meanwhile: a write waits for the import's commit.
        services.search.page("kim")
        try:
            typed.append(services.contacts.create(ContactInput(f"Typed Meanwhile {len(typed)}")))
        except DatabaseWriteError as exc:
            refused.append(str(exc))  # only if the import outlasted the busy timeout
        time.sleep(0.05)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == f"{cards}: {CARDS} added"
    assert all(BUSY in message for message in refused)
    assert typed, "the window could not write at all"
    assert services.contacts.count() == before + CARDS + len(typed)
    names = sorted(services.contacts.get(i).formatted_name for i in typed)
    assert names == sorted(f"Typed Meanwhile {n}" for n in range(len(typed)))
    assert contacts_like(db_path, "cli%@kill.example") == CARDS
    assert integrity(db_path) == ["ok"]


def test_two_imports_at_once_both_go_in(db_path: Path, tmp_path: Path) -> None:
    before = snapshot(db_path)
    files = [cards_file(tmp_path, "first"), cards_file(tmp_path, "second")]
    procs = [start(db_path, "import", str(f)) for f in files]
    done = [(p, *p.communicate(timeout=120)) for p in procs]
    for (proc, out, err), path, prefix in zip(done, files, ("first", "second"), strict=True):
        assert proc.returncode == 0, err
        assert err.replace(WAITING, "") == ""
        assert out.strip() == f"{path}: {CARDS} added"
        assert contacts_like(db_path, f"{prefix}%@kill.example") == CARDS
    after = snapshot(db_path)
    assert len(after.rows["contacts"]) == len(before.rows["contacts"]) + 2 * CARDS
    assert set(before.rows["contacts"]) <= set(after.rows["contacts"])
    assert integrity(db_path) == ["ok"]


def test_the_same_file_imported_twice_at_once_adds_each_person_once(
    db_path: Path, tmp_path: Path
) -> None:
    """The duplicate check of the second import must see what the first one added: each
    import reads and writes one state (BEGIN IMMEDIATE), not a state read before it waited."""
    cards = cards_file(tmp_path, "same")
    procs = [start(db_path, "import", str(cards)) for _ in range(2)]
    done = [(p.returncode, out, err) for p in procs for out, err in [p.communicate(timeout=120)]]
    assert [(code, err.replace(WAITING, "")) for code, _out, err in done] == [(0, ""), (0, "")]
    summaries = sorted(out.strip() for _code, out, _err in done)
    assert summaries == [f"{cards}: {CARDS} added", f"{cards}: {CARDS} merged"]
    assert contacts_like(db_path, "same%@kill.example") == CARDS
    assert integrity(db_path) == ["ok"]


@pytest.fixture
def held_write(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's long write: the write lock taken and held until the test ends."""
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO tags (name, key) VALUES ('held, never committed', 'held')")
    yield conn
    conn.rollback()
    conn.close()


def test_an_import_waits_past_the_busy_timeout_for_a_long_write_then_goes_in(
    db_path: Path, tmp_path: Path, held_write: sqlite3.Connection
) -> None:
    """A second `netdesk import` while another netdesk writes for longer than the busy timeout
    (a large import takes minutes) waits for it, says so, and then imports its file: it used to
    give up after 5 s with "busy" and leave the whole file out."""
    cards = cards_file(tmp_path, "blocked", 200)
    proc = start(db_path, "import", str(cards))
    time.sleep(7)  # past the busy timeout (5 s)
    assert proc.poll() is None, proc.communicate()
    held_write.rollback()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == f"{cards}: 200 added"
    assert err.strip() == (
        "netdesk: another netdesk is writing to the database; waiting for it to finish "
        "(Ctrl+C to give up)"
    )
    assert contacts_like(db_path, "blocked%@kill.example") == 200
    assert integrity(db_path) == ["ok"]


def test_an_import_that_waited_its_time_says_busy_and_adds_nothing(
    db_path: Path,
    tmp_path: Path,
    held_write: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli, "LOCK_WAIT_SECONDS", 1.0)  # instead of half an hour
    before = snapshot(db_path)
    cards = cards_file(tmp_path, "blocked", 200)
    started = time.monotonic()
    code = run(db_path, "import", str(cards))
    waited = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"netdesk: {ANOTHER_WRITER_SAID}"
    assert out == ""
    assert waited >= 5.5, "it gave up before the busy timeout and its own wait"
    held_write.rollback()
    assert snapshot(db_path).rows == before.rows
    assert integrity(db_path) == ["ok"]


def test_an_import_in_the_window_that_outwaits_its_wait_says_another_netdesk_is_writing(
    db_path: Path, tmp_path: Path, held_write: sqlite3.Connection
) -> None:
    before = snapshot(db_path)
    cards = cards_file(tmp_path, "blocked", 200)
    db = open_database(f"sqlite:///{db_path}")
    try:
        db.long_wait = 0.5  # a minute in real use; the same message after it
        with pytest.raises(DatabaseWriteError) as refused:
            Services(db).imports.import_file(cards)
    finally:
        db.close()
    assert str(refused.value) == ANOTHER_WRITER_SAID
    held_write.rollback()
    assert snapshot(db_path).rows == before.rows
    assert integrity(db_path) == ["ok"]


def test_a_service_write_during_a_long_write_is_a_busy_error_and_keeps_everything(
    db_path: Path, held_write: sqlite3.Connection
) -> None:
    db = open_database(f"sqlite:///{db_path}")
    try:
        db.quick_wait = 0.3  # a window's quick edit waits 5 s; the same, shorter
        services = Services(db)
        before = services.contacts.count()
        with pytest.raises(DatabaseWriteError, match=ANOTHER_WRITER):
            services.contacts.create(ContactInput("Written While Busy"))
        held_write.rollback()
        assert services.contacts.count() == before
        # Once the other write is over, the same write goes through.
        services.contacts.create(ContactInput("Written Afterwards"))
        assert services.contacts.count() == before + 1
    finally:
        db.close()
