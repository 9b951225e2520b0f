"""The window follows its file: the command line run in a real process beside a real window
(an import, a restore, a damaged or vanished file) and what the window then shows."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

import netdesk
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.main_window import PEOPLE, MainWindow
from netdesk.ui.outside_changes import BACK_TEXT, RESTORED_TEXT
from netdesk.ui.people.note_dialog import NoteDialog
from tests.conftest import PG_URL_VAR
from tests.conftest import _reset_postgres as reset_postgres
from tests.ui.main_window_helpers import ModalDriver, open_window, settings_at

VCARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
    for name, email in (("Zoe Dowling", "zoe@example.org"), ("Yan Dower", "yan@example.org"))
)
REPLACED_TEXT = "The database file was replaced (restored from a backup?); reopened."
# Polled once a second: a change shows within about that, plus the reload.
SHOWN_WITHIN_MS = 2500


def netdesk_cli(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`netdesk --db DB ARGS...` in a process of its own, as from a terminal."""
    env = {**os.environ, "PYTHONPATH": str(Path(netdesk.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def people_count(window: MainWindow) -> int:
    return int(window.view(PEOPLE).model.total_count())


def add_people(services: Services, *names: str) -> None:
    for name in names:
        services.contacts.create(ContactInput(formatted_name=name))


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    add_people(sqlite_services, "Ann Lee", "Bo Chen", "Cy Dow")
    win = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    win.go_to(PEOPLE)
    return win


def reloads_of(window: MainWindow) -> list[frozenset[str]]:
    seen: list[frozenset[str]] = []
    window.bridge.changed.connect(seen.append)
    return seen


def test_an_import_from_a_terminal_shows_within_two_seconds_keeping_search_and_selection(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    people = window.view(PEOPLE)
    people.search_edit.setText("dow")  # Cy Dow, and the two coming
    people.flush_search()
    assert people.show_contact(window.services.contacts.find_by_name("Cy Dow") or 0)
    assert people_count(window) == 3
    vcf = tmp_path / "outside.vcf"
    vcf.write_text(VCARDS, encoding="utf-8")

    # The user is typing a new contact meanwhile.
    dialog = people.make_contact_dialog()
    dialog.open()
    dialog.name_edit.setText("Half typed")

    netdesk_cli(str(db_path), "import", str(vcf))
    committed = time.perf_counter()
    qtbot.waitUntil(lambda: people_count(window) == 5, timeout=SHOWN_WITHIN_MS)
    delay = time.perf_counter() - committed
    print(f"outside import shown after {delay:.2f} s")
    assert window.statusBar().currentMessage() != RESTORED_TEXT  # an import is no restore

    assert people.search_edit.text() == "dow"
    assert people.model.query == "dow"
    assert people.model.match_count() == 3
    ids = people.selected_contact_ids()
    assert [window.services.contacts.get(i).formatted_name for i in ids] == ["Cy Dow"]
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "Half typed"
    dialog.reject()


def test_reloads_come_only_from_changes_and_the_windows_own_only_once(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    """Idle: no reload. The window's own write: one (its own notification), none from the
    watch. Another engine on the file (a second window, another process): one."""
    seen = reloads_of(window)
    qtbot.wait(2500)
    assert seen == []
    add_people(window.services, "Dee Own")
    assert len(seen) == 1
    qtbot.wait(2500)
    assert len(seen) == 1

    other = open_database(f"sqlite:///{db_path}")
    try:
        add_people(Services(other), "Eve Second")
    finally:
        other.close()
    qtbot.waitUntil(lambda: people_count(window) == 5, timeout=SHOWN_WITHIN_MS)
    qtbot.wait(2500)
    assert len(seen) == 2


def test_a_restore_from_the_command_line_shows_the_restored_people(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    backups = window.services.db.backups
    assert backups is not None
    backup = backups.take("manual")
    add_people(window.services, "Dee After")
    assert people_count(window) == 4

    netdesk_cli(str(db_path), "restore", str(backup.path), "--yes")
    qtbot.waitUntil(lambda: people_count(window) == 3, timeout=SHOWN_WITHIN_MS)
    # Restored into the file itself: the window says what happened, not just that it changed.
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RESTORED_TEXT, timeout=2000)
    add_people(window.services, "Fay Later")  # the window still writes into the file
    assert people_count(window) == 4


def _damage(path: Path) -> None:
    """Overwrites pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2)
        f.write(b"\xff" * 4096 * 2)


def test_a_restore_that_replaces_the_file_is_reopened_and_said_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    """A damaged database is set aside and the backup put in its place: a new file, which
    the window's old connections would never see (or worse, write beside)."""
    db = window.services.db
    assert db.backups is not None
    backup = db.backups.take("manual")
    add_people(window.services, *(f"Person {i}" for i in range(300)))
    before = db_path.stat().st_ino
    _damage(db_path)

    netdesk_cli(str(db_path), "restore", str(backup.path), "--yes")
    assert db_path.stat().st_ino != before  # the file was replaced, not written into
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == REPLACED_TEXT, timeout=3000)
    assert people_count(window) == 3
    people = window.view(PEOPLE)
    assert people.model.rowCount() == 3
    # Quick capture works on the restored file.
    dialog = window.quick_capture()
    qtbot.keyClicks(dialog.name, "Gus Captured")
    qtbot.keyClicks(dialog.talked_about, "Backups")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Return)
    assert dialog.result is not None
    assert people_count(window) == 4


def message_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_a_damaged_replacement_says_what_happened_and_offers_to_reopen(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    seen = reloads_of(window)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8192)
    os.replace(junk, db_path)

    qtbot.waitUntil(lambda: bool(message_boxes(window)), timeout=3000)
    [box] = message_boxes(window)
    assert "was replaced" in box.text()
    assert "Traceback" not in box.text()
    assert str(db_path) in box.text() or db_path.name in box.text()
    assert "Reopen" in [b.text() for b in box.buttons()]
    assert not window.act_capture.isEnabled()
    assert "not open" in window.database_label.text()
    assert seen == []  # the views keep what they showed
    assert people_count(window) == 3

    # The user puts a sound file back and clicks Reopen.
    good = tmp_path / "good.sqlite"
    db = open_database(f"sqlite:///{good}")
    add_people(Services(db), "Hal Good")
    db.close()
    os.replace(good, db_path)
    [reopen] = [b for b in box.buttons() if b.text() == "Reopen"]
    reopen.click()
    qtbot.waitUntil(lambda: people_count(window) == 1, timeout=3000)
    assert window.act_capture.isEnabled()
    assert not message_boxes(window)


def test_a_vanished_file_is_said_and_nothing_is_created_in_its_place(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    add_people(window.services, "Ivy Late")  # in the WAL beside the file, not in it yet
    aside = tmp_path / "aside.sqlite"
    os.replace(db_path, aside)
    qtbot.waitUntil(lambda: bool(message_boxes(window)), timeout=3000)
    [box] = message_boxes(window)
    assert "gone" in box.text()
    assert not db_path.exists()
    qtbot.wait(1200)
    assert not db_path.exists()  # no empty database made by a poll, nor by a view reading
    window.outside_changes.act_reopen.trigger()  # File > Reopen database, too early
    [box] = message_boxes(window)
    assert "gone" in box.text()
    assert not db_path.exists()

    replaced_before = window.services.db.files_replaced
    os.replace(aside, db_path)  # put back: reopened by itself
    qtbot.waitUntil(lambda: not message_boxes(window), timeout=3000)
    assert window.act_capture.isEnabled()
    assert window.statusBar().currentMessage() == BACK_TEXT
    # Put back or made anew (a deleted file's inode number is reused), the window cannot
    # tell: editors opened before it went count it as another file and save nothing into it.
    assert window.services.db.files_replaced == replaced_before + 1
    assert QApplication.activeModalWidget() is None
    assert people_count(window) == 4  # Ivy too: the file's WAL was left where it was


def test_reopening_by_hand_keeps_what_another_connection_has_not_checkpointed(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    other = open_database(f"sqlite:///{db_path}")
    try:
        add_people(Services(other), "Jo Other")
        window.outside_changes.act_reopen.trigger()  # File > Reopen database
        assert window.statusBar().currentMessage() == "Reopened the database."
        assert people_count(window) == 4
        assert Services(other).contacts.count() == 4
    finally:
        other.close()
    add_people(window.services, "Kai After")
    assert people_count(window) == 5


@pytest.fixture
def pg_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    reset_postgres(url)
    db = open_database(url)
    services = Services(db)
    add_people(services, "Ann Lee", "Bo Chen", "Cy Dow")
    win = open_window(qtbot, services, settings_at(tmp_path))
    win.go_to(PEOPLE)
    yield win
    win.close()
    db.close()


@pytest.mark.postgres
def test_postgres_an_import_from_a_terminal_shows_and_own_writes_reload_once(
    qtbot: QtBot, pg_window: MainWindow, tmp_path: Path
) -> None:
    window = pg_window
    seen = reloads_of(window)
    qtbot.wait(1500)
    assert seen == []
    add_people(window.services, "Dee Own")
    qtbot.wait(1500)
    assert len(seen) == 1  # the window's own write, announced to itself too, is not reloaded
    vcf = tmp_path / "outside.vcf"
    vcf.write_text(VCARDS, encoding="utf-8")

    netdesk_cli(
        window.services.db.engine.url.render_as_string(hide_password=False), "import", str(vcf)
    )
    qtbot.waitUntil(lambda: people_count(window) == 6, timeout=SHOWN_WITHIN_MS)
    assert len(seen) == 2


def test_a_note_being_written_survives_an_outside_import_and_is_saved(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    services = window.services
    ann = services.contacts.find_by_name("Ann Lee")
    assert ann is not None
    services.notes.add(ann, "First chat")
    people = window.view(PEOPLE)
    assert people.show_contact(ann)
    vcf = tmp_path / "outside.vcf"
    vcf.write_text(VCARDS, encoding="utf-8")

    def write_while_an_import_runs(dialog: NoteDialog) -> None:
        dialog.body.setPlainText("Talked about the conference")
        netdesk_cli(str(db_path), "import", str(vcf))
        qtbot.waitUntil(lambda: people_count(window) == 5, timeout=SHOWN_WITHIN_MS)
        assert dialog.isVisible()
        assert dialog.body.toPlainText() == "Talked about the conference"
        dialog.ok_button.click()

    driver = ModalDriver(NoteDialog, write_while_an_import_runs)
    [edit] = [b for b in people.detail.findChildren(QPushButton, "edit_note") if b.isVisible()]
    edit.click()
    driver.check()
    assert [n.body for n in services.contacts.get(ann).notes] == ["Talked about the conference"]
    assert people.selected_contact_ids() == [ann]


def test_a_replacement_from_a_newer_netdesk_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.sqlite"
    open_database(f"sqlite:///{newer}").close()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    os.replace(newer, db_path)
    qtbot.waitUntil(lambda: bool(message_boxes(window)), timeout=3000)
    [box] = message_boxes(window)
    assert "newer version of netdesk" in box.text()
    assert not window.act_new_contact.isEnabled()
    assert people_count(window) == 3  # still what it showed
