"""Writing the files the user names: never over the open database however its path is spelt,
and into what the name stands for (a symlink's target, a FIFO, a device), never over it."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from netdesk.output_files import (
    IN_BACKUPS,
    OPEN_DATABASE,
    OutputRefused,
    database_refusal,
    write_atomically,
)
from netdesk.services.exporting import file_error_text
from netdesk.store import open_database

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev are POSIX")


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "X.sqlite"
    open_database(f"sqlite:///{path}").close()
    return path


def _spellings(database: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    folder = database.parent
    (folder / "sub").mkdir()
    (folder / "link.vcf").symlink_to(database.name)
    (folder / "linked-folder").symlink_to(folder)
    os.link(database, folder / "hard.vcf")
    monkeypatch.chdir(folder / "sub")
    return [
        database,
        Path("../X.sqlite"),
        folder / "sub" / ".." / "X.sqlite",
        folder / "link.vcf",
        folder / "linked-folder" / "X.sqlite",
        folder / "hard.vcf",
        folder / "X.sqlite-wal",
        folder / "X.sqlite-shm",
        Path("../X.sqlite-journal"),
    ]


def test_the_database_is_refused_however_its_path_is_spelt(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for spelling in _spellings(database, monkeypatch):
        assert database_refusal(spelling, [database]) == OPEN_DATABASE, spelling
    # A symlink that does not lead anywhere yet, to a sidecar file that does not exist yet.
    dangling = database.parent / "dangling.csv"
    dangling.symlink_to(database.parent / "X.sqlite-wal")
    assert database_refusal(dangling, [database]) == OPEN_DATABASE
    # Its backups folder and anything in it, there or not yet.
    backups = database.parent / "X.sqlite.backups"
    assert database_refusal(backups / "new.vcf", [database]) == IN_BACKUPS
    backups.mkdir()
    (backups / "old.sqlite").write_bytes(b"x")
    for inside in (
        backups,
        backups / "old.sqlite",
        backups / "new.vcf",
        Path("../X.sqlite.backups"),
    ):
        assert database_refusal(inside, [database]) == IN_BACKUPS, inside
    # Its neighbours are fine.
    for fine in ("X.sqlite.vcf", "X.sqlite-wal.csv", "Y.sqlite", "X.sqlite.backups.ics"):
        assert database_refusal(database.parent / fine, [database]) is None


def test_writing_over_the_open_database_is_refused_and_leaves_it_whole(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(f"sqlite:///{database}")
    try:
        before = database.read_bytes()
        for spelling in _spellings(database, monkeypatch):
            with pytest.raises(OutputRefused) as info:
                write_atomically(spelling, lambda out: out.write(b"BEGIN:VCARD\r\n"))
            assert str(info.value) == f"refusing to write to {spelling}: it is the open database"
            assert file_error_text(info.value) == "it is the open database"
        assert database.read_bytes() == before
        assert not list(database.parent.glob(".*.part"))
    finally:
        db.close()
    # Once closed, it is a file like any other.
    write_atomically(database.parent / "link.vcf", lambda out: out.write(b"now a vCard\n"))
    assert database.read_bytes() == b"now a vCard\n"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "contacts.vcf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "contacts.vcf"
    link.symlink_to(target)

    write_atomically(link, lambda out: out.write(b"new"))

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["contacts.vcf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.vcf", "real"]


def test_a_dangling_symlink_gets_its_target_written(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to("later.csv")

    write_atomically(link, lambda out: out.write(b"a,b\r\n"))

    assert link.is_symlink()
    assert (tmp_path / "later.csv").read_bytes() == b"a,b\r\n"


@posix_only
def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()

    assert write_atomically(fifo, lambda out: out.write(b"BEGIN:VCALENDAR\r\n" * 10_000)) > 0

    reader.join(timeout=10)
    assert received == [b"BEGIN:VCALENDAR\r\n" * 10_000]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.ics"]


def char_device(folder: Path, name: str, minor: int) -> Path:
    """A device node of our own, the same device as /dev/null (minor 3) or /dev/full (7): a
    writer that renames over it (the fault these tests catch) must not replace the system's."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here (not root, or not Linux)")
    return path


def test_a_null_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    null = char_device(tmp_path, "null", 3)
    link = tmp_path / "out.vcf"
    link.symlink_to(null)
    for path in (null, link):
        write_atomically(path, lambda out: out.write(b"x" * 100_000))
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "out.vcf"]


def test_a_full_device_is_a_full_disk_and_stays_a_device(tmp_path: Path) -> None:
    full = char_device(tmp_path, "full", 7)
    with pytest.raises(OSError) as info:
        write_atomically(full, lambda out: out.write(b"x" * 100_000))
    assert info.value.errno == errno.ENOSPC
    assert file_error_text(info.value) == "the disk is full"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@posix_only
def test_the_temporary_file_has_the_replaced_files_mode_from_the_first_byte(
    tmp_path: Path,
) -> None:
    private = tmp_path / "private.vcf"
    private.write_bytes(b"old")
    private.chmod(0o600)
    modes: list[int] = []

    def write(out: object) -> None:
        [temp] = tmp_path.glob(".private.vcf.*.part")
        modes.append(stat.S_IMODE(temp.stat().st_mode))
        out.write(b"new")  # type: ignore[attr-defined]

    write_atomically(private, write)
    assert modes == [0o600]
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_bytes() == b"new"

    shared = tmp_path / "shared.vcf"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_atomically(shared, lambda out: out.write(b"new"))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664  # not narrowed by the umask

    umask = os.umask(0o022)
    os.umask(umask)
    fresh = tmp_path / "fresh.vcf"
    write_atomically(fresh, lambda out: out.write(b"new"))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
