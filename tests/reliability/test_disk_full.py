"""A full disk and a read-only database: a clear message, and nothing already saved is lost.

We run as root in some places, where chmod does not stop our own writes: a full database is
made with SQLite's max_page_count (in-process) or a file size limit on the subprocess
(RLIMIT_FSIZE, SIGXFSZ ignored, so a write past it fails as on a full disk); a read-only file
with a read-only URI (in-process) or, for the command line, chmod plus setpriv dropping root's
power to ignore it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from netdesk.services.demo import generate_demo
from netdesk.services.exporting import file_error_text, write_atomically
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import Database, DatabaseWriteError, make_engine, open_database
from tests.cli.helpers import unprivileged
from tests.reliability.kill_harness import DB_NAME, integrity, netdesk, snapshot, vcards

resource = pytest.importorskip("resource")  # POSIX only

CARDS = 1000


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with a few hundred people, 40 of them twice, closed: no -wal beside it."""
    path = tmp_path / DB_NAME
    twins = tmp_path / "twins.vcf"
    twins.write_text(vcards(40, "twin") * 2, "utf-8")
    db = open_database(f"sqlite:///{path}")
    try:
        generate_demo(db, people=300, events=3, seed=7)
        Services(db).imports.import_file(twins, on_duplicate=OnDuplicate.NEW)
    finally:
        db.close()
    twins.unlink()
    shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)
    return path


def cards_file(folder: Path, count: int = CARDS) -> Path:
    path = folder / "big.vcf"
    path.write_text(vcards(count, "full"), "utf-8")
    return path


def file_size_limit(max_bytes: int) -> Callable[[], None]:
    """For preexec_fn: no file of the process may grow past `max_bytes`; a write past it fails
    (EFBIG) instead of killing the process (SIGXFSZ)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return limit


def run(
    argv: list[str], preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    # A process whose file size is limited is not measured for coverage: coverage's own data
    # file, written as it exits, would fail past the limit and print a traceback on stderr.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS_")}
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=preexec_fn,
        env=env if preexec_fn else None,
    )


def assert_clear_failure(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("netdesk: "), done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


# ---- a full disk ----------------------------------------------------------------------------


def _full_after_a_few_pages(dbapi_connection: Any, _record: Any) -> None:
    (pages,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
    dbapi_connection.execute(f"PRAGMA max_page_count={pages + 4}")


def test_an_import_into_a_full_database_is_refused_whole(db_path: Path, tmp_path: Path) -> None:
    before = snapshot(db_path)
    db = open_database(f"sqlite:///{db_path}")
    try:
        event.listen(db.engine, "connect", _full_after_a_few_pages)
        db.engine.dispose()
        services = Services(db)
        with pytest.raises(DatabaseWriteError, match="The disk is full, so nothing was saved"):
            services.imports.import_file(cards_file(tmp_path))
        with pytest.raises(DatabaseWriteError, match="disk is full"):
            services.duplicates.merge_groups([g.contact_ids for g in services.duplicates.find()])
    finally:
        db.close()
    assert integrity(db_path) == ["ok"]
    assert snapshot(db_path).rows == before.rows


def test_the_command_line_import_on_a_full_disk_says_so_and_keeps_everything(
    db_path: Path, tmp_path: Path
) -> None:
    cards = cards_file(tmp_path)
    before = snapshot(db_path)
    # Room for the backup made before the import (a copy of the file), not for the import.
    limit = db_path.stat().st_size + 64 * 1024
    argv = netdesk(db_path, "import", str(cards))
    done = run(argv, file_size_limit(limit))
    assert_clear_failure(done, "could not be written", "nothing was saved")
    assert integrity(db_path) == ["ok"]
    assert snapshot(db_path).rows == before.rows
    # And without the limit the same import goes through: it was the disk, not the data.
    assert run(argv).returncode == 0
    assert len(snapshot(db_path).rows["contacts"]) == len(before.rows["contacts"]) + CARDS


def test_a_merge_with_no_room_for_its_backup_merges_nothing(db_path: Path) -> None:
    """The backup before a merge of more than a handful comes first: no room for it, no merge."""
    before = snapshot(db_path)
    argv = netdesk(db_path, "duplicates", "--merge")
    done = run(argv, file_size_limit(db_path.stat().st_size // 2))
    assert_clear_failure(done, "backup")
    assert integrity(db_path) == ["ok"]
    assert snapshot(db_path).rows == before.rows
    assert run(argv).returncode == 0
    assert len(snapshot(db_path).rows["contacts"]) == len(before.rows["contacts"]) - 40


@pytest.mark.parametrize(("kind", "name"), [("vcard", "people.vcf"), ("csv", "people.csv")])
def test_an_export_on_a_full_disk_keeps_the_older_file(
    db_path: Path, tmp_path: Path, kind: str, name: str
) -> None:
    out = tmp_path / name
    older = b"the export of last week, complete\n" * 20
    out.write_bytes(older)
    entries = sorted(p.name for p in tmp_path.iterdir())
    # 300 people are some 100 KB of export: the limit stops it half-way.
    done = run(netdesk(db_path, "export", kind, str(out)), file_size_limit(48 * 1024))
    assert_clear_failure(
        done,
        f"cannot write {out}: the file would be bigger than this system allows",
        "left as it was",
    )
    assert out.read_bytes() == older
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert [n for n in leftovers if n not in entries and not n.startswith(DB_NAME)] == []
    done = run(netdesk(db_path, "export", kind, str(out)))
    assert done.returncode == 0, done.stderr
    assert len(out.read_bytes()) > 48 * 1024


def test_write_atomically_keeps_the_older_file_when_the_disk_fills(tmp_path: Path) -> None:
    out = tmp_path / "people.vcf"
    out.write_bytes(b"older\n")
    os.chmod(out, 0o640)

    def fills_up(stream: Any) -> int:
        stream.write(b"BEGIN:VCARD\r\n" * 1000)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError) as failure:
        write_atomically(out, fills_up)
    assert file_error_text(failure.value) == "the disk is full"
    assert out.read_bytes() == b"older\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.vcf"]
    assert write_atomically(out, lambda stream: stream.write(b"newer\n")) == 6
    assert out.read_bytes() == b"newer\n"
    assert out.stat().st_mode & 0o777 == 0o640  # who may read it stays as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.vcf"]


def test_a_later_export_removes_what_killed_ones_left(tmp_path: Path) -> None:
    out = tmp_path / "people.vcf"
    stale, fresh = tmp_path / ".people.vcf.0badc0de.part", tmp_path / ".people.vcf.12345678.part"
    lookalike = tmp_path / ".people.vcf.notes.part"
    for path in (stale, fresh, lookalike):
        path.write_bytes(b"BEGIN:VCARD\r\n")
    two_hours_ago = time.time() - 7200
    for path in (stale, lookalike):
        os.utime(path, (two_hours_ago, two_hours_ago))
    write_atomically(out, lambda stream: stream.write(b"complete\n"))
    # Only a partial file of this export, and one too old to be still being written.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [out.name, fresh.name, lookalike.name]
    )


# ---- a read-only database -------------------------------------------------------------------


def test_a_write_into_a_read_only_database_is_refused_and_keeps_everything(
    db_path: Path, tmp_path: Path
) -> None:
    before = snapshot(db_path)
    db = Database(make_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true"))
    try:
        services = Services(db)
        count = services.contacts.count()
        assert count == len(before.rows["contacts"])  # reading works
        message = "The database file is read-only, so nothing was saved."
        with pytest.raises(DatabaseWriteError, match=message):
            services.contacts.create(ContactInput("Never Saved"))
        few = tmp_path / "few.vcf"
        few.write_text(vcards(3, "readonly"), "utf-8")  # a handful: no backup first
        with pytest.raises(DatabaseWriteError, match=message):
            services.imports.import_file(few)
        assert services.contacts.count() == count
    finally:
        db.close()
    assert integrity(db_path) == ["ok"]
    assert snapshot(db_path).rows == before.rows


def test_the_command_line_import_into_a_read_only_file_says_so(
    db_path: Path, tmp_path: Path
) -> None:
    cards = cards_file(tmp_path)
    before = snapshot(db_path)
    db_path.chmod(0o444)
    try:
        prefix = unprivileged(db_path)
        done = run([*prefix, *netdesk(db_path, "import", str(cards))])
        assert_clear_failure(done, "The database file is read-only, so nothing was saved.")
        done = run([*prefix, *netdesk(db_path, "duplicates", "--merge")])
        assert_clear_failure(done, "read-only")
    finally:
        db_path.chmod(0o644)
    assert integrity(db_path) == ["ok"]
    assert snapshot(db_path).rows == before.rows
