"""A command reads the whole database file for damage only when it changed since its last good
check (or that check is a day old): a search on 100,000 people no longer pays a quarter of a
second for it at every start, and writing into a damaged file stays refused."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from netdesk.cli.main import main
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import CorruptDatabaseError, integrity_problem, integrity_stamp, open_database
from tests.store.test_db import _page_in_the_middle_of, make_netdesk_file


def checked_at(path: Path) -> float | None:
    """When the whole of `path` was last found sound, as noted; None when not noted."""
    try:
        notes = json.loads(integrity_stamp.notes_path().read_text("utf-8"))
    except FileNotFoundError:
        return None
    note = notes.get(str(path.resolve()))
    return None if note is None else float(note["checked_at"])


def opened(path: Path) -> float | None:
    open_database(f"sqlite:///{path}").close()
    return checked_at(path)


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A file with people in it, opened once since: its whole-file check is noted."""
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=30)
    assert checked_at(path) is None  # a new file has nothing to check
    assert opened(path) is not None
    return path


def test_an_unchanged_file_is_not_read_whole_again(checked: Path) -> None:
    first = checked_at(checked)
    for _ in range(3):
        assert opened(checked) == first
    assert not [p for p in checked.parent.iterdir() if p.name != checked.name]


def test_a_write_by_anyone_makes_the_next_open_check_again(checked: Path) -> None:
    first = checked_at(checked)
    db = open_database(f"sqlite:///{checked}")
    try:
        Services(db).contacts.create(ContactInput("Grace Hopper"))
        # The write is in the log beside the file while the writer has it open.
        second = opened(checked)
        assert second is not None and first is not None and second > first
    finally:
        db.close()
    # Closing folds the log into the file: that is a change again.
    third = opened(checked)
    assert third is not None and third > second
    assert opened(checked) == third


def test_damage_after_a_good_check_is_found_and_the_file_left_as_it_was(checked: Path) -> None:
    page, page_size = _page_in_the_middle_of(checked, "contacts")
    with checked.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    before = checked.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="is damaged"):
        open_database(f"sqlite:///{checked}")
    assert checked.read_bytes() == before
    assert checked_at(checked) is None


def test_a_file_copied_over_with_its_old_times_is_checked(checked: Path, tmp_path: Path) -> None:
    first = checked_at(checked)
    other = tmp_path / "other.sqlite"
    make_netdesk_file(other, people=30)
    shutil.copy2(other, tmp_path / "copy.sqlite")
    stat = checked.stat()
    os.utime(tmp_path / "copy.sqlite", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(tmp_path / "copy.sqlite", checked)
    again = opened(checked)
    assert again is not None and first is not None and again > first


def test_a_check_a_day_old_is_made_again(checked: Path) -> None:
    notes_file = integrity_stamp.notes_path()
    notes = json.loads(notes_file.read_text("utf-8"))
    day_ago = time.time() - integrity_stamp.MAX_AGE_SECONDS - 60
    notes[str(checked.resolve())]["checked_at"] = day_ago
    notes_file.write_text(json.dumps(notes), "utf-8")
    again = opened(checked)
    assert again is not None and again > day_ago + 60


def test_the_windows_own_check_counts_for_the_next_command(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=30)
    assert integrity_problem(path) is None
    noted = checked_at(path)
    assert noted is not None
    assert opened(path) == noted


def test_unreadable_notes_only_cost_a_check(checked: Path) -> None:
    integrity_stamp.notes_path().write_text("{not json", "utf-8")
    assert opened(checked) is not None
    assert opened(checked) == checked_at(checked)


def test_damage_the_disk_did_unnoticed_is_found_by_the_search_that_reads_it(
    checked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad sector changes no time nor size: the note still says the file is sound. The
    quick search that trips over the page has the whole file checked, and the user is told."""
    page, page_size = _page_in_the_middle_of(checked, "contacts")
    with checked.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    seen = integrity_stamp.fingerprint(checked)
    assert seen is not None
    integrity_stamp.record(checked, seen)  # as if the damage had come without a trace
    before = checked.read_bytes()
    assert main(["--db", str(checked), "search", "", "--limit", "1000"]) == 1
    err = capsys.readouterr().err
    assert "is damaged and cannot be opened" in err
    assert checked.read_bytes() == before
    assert checked_at(checked) is None


def test_damage_an_export_trips_over_makes_the_next_command_check_the_whole_file(
    checked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only the search: any command that meets a damaged page forgets the good check, so
    that the next one reads the whole file and names the backup to restore."""
    page, page_size = _page_in_the_middle_of(checked, "contacts")
    with checked.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    seen = integrity_stamp.fingerprint(checked)
    assert seen is not None
    integrity_stamp.record(checked, seen)
    assert main(["--db", str(checked), "export", "csv", str(tmp_path / "out.csv")]) == 1
    assert "damaged" in capsys.readouterr().err
    assert checked_at(checked) is None
    assert main(["--db", str(checked), "export", "csv", str(tmp_path / "out.csv")]) == 1
    assert "is damaged and cannot be opened" in capsys.readouterr().err


def test_a_busy_file_is_not_called_damaged_by_the_windows_check(tmp_path: Path) -> None:
    """Another program holds the file's exclusive lock mid-write while the window checks it:
    busy is no damage (the window would close and advise restoring an older backup)."""
    import sqlite3

    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=30)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode=DELETE")
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE contacts SET formatted_name = formatted_name || ' x'")
        assert integrity_problem(path) is None
        assert checked_at(path) is None  # nothing good was noted: the next start checks
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_an_empty_log_left_beside_the_file_does_not_count_as_a_change(checked: Path) -> None:
    """An empty -wal beside the file (left by a reader that still had it open, or a crash after
    a checkpoint) is touched by every open, yet holds nothing: it must not cost a whole-file
    check at each start."""
    wal = checked.with_name(checked.name + "-wal")
    wal.write_bytes(b"")
    first = opened(checked)
    assert first is not None
    for _ in range(2):
        time.sleep(0.01)
        os.utime(wal)  # what an open does to the empty log's times
        assert opened(checked) == first
