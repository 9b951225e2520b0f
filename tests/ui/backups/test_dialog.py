"""File > Back up now and File > Restore backup…, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import contact_count
from netdesk.ui.backups.dialog import PEOPLE, WHEN, WHY, BackupDialog
from netdesk.ui.main_window import MainWindow
from tests.ui.main_window_helpers import (
    answer_message_box,
    click,
    open_window,
    settings_at,
)
from tests.ui.polling import soon


def _file_menu(window: MainWindow) -> QMenu:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File" and a.menu()]
    assert isinstance(menu, QMenu)
    return menu


def _action(window: MainWindow, text: str) -> QAction:
    [action] = [a for a in _file_menu(window).actions() if a.text() == text]
    return action


def _people_shown(window: MainWindow) -> list[str]:
    view = window.go_to("people")
    model = view.table.model()
    return sorted(model.index(r, 0).data() for r in range(model.rowCount()))


def _open_dialog(qtbot: QtBot, window: MainWindow) -> BackupDialog:
    menu = _file_menu(window)
    menu.aboutToShow.emit()
    action = _action(window, "&Restore backup…")
    assert action.isEnabled()
    action.trigger()
    dialog = window.backup_actions.dialog
    assert isinstance(dialog, BackupDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_back_up_now_then_restore_after_confirming(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    contacts = sqlite_services.contacts
    contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    contacts.create(ContactInput(formatted_name="Grace Hopper"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    store = sqlite_services.db.backups
    assert store is not None

    _file_menu(window).aboutToShow.emit()
    _action(window, "&Back up now").trigger()
    [first] = store.backups()
    assert contact_count(first.path) == 2
    assert "Backed up 2 people" in window.statusBar().currentMessage()

    # Later: someone is added by mistake, someone deleted.
    contacts.create(ContactInput(formatted_name="Mallory Mistake"))
    ada = sqlite_services.search.page("Ada")[0].id
    contacts.delete([ada])
    assert _people_shown(window) == ["Grace Hopper", "Mallory Mistake"]
    window.undo_stack.push(QUndoCommand("something undoable"))

    dialog = _open_dialog(qtbot, window)
    table = dialog.table
    assert table.topLevelItemCount() == 1
    row = table.topLevelItem(0)
    assert row.text(WHY) == "Made by hand"
    assert row.text(PEOPLE) == "2 people"
    assert first.taken_at.astimezone().strftime("%H:%M") in row.text(WHEN)

    # Cancelling the confirmation changes nothing.
    seen: list[str] = []
    answer_message_box(seen, "Cancel")
    click(qtbot, dialog.restore_button)
    assert "Replace everything in netdesk.sqlite (2 people now)" in seen[0]
    assert contacts.count() == 2 and len(store.backups()) == 1

    answer_message_box(seen, "Restore")
    click(qtbot, dialog.restore_button)
    # The window shows the restored people, and undo no longer reaches into the old state.
    qtbot.waitUntil(lambda: _people_shown(window) == ["Ada Lovelace", "Grace Hopper"])
    assert window.undo_stack.count() == 0
    assert "Restored the backup of" in dialog.status.text()
    # The replaced state is the newest backup, listed first and selected.
    assert table.topLevelItemCount() == 2
    assert table.topLevelItem(0).text(WHY) == "Before a restore"
    assert table.topLevelItem(0).text(PEOPLE) == "2 people"
    assert table.currentItem() is table.topLevelItem(0)
    assert "Restored" in window.statusBar().currentMessage()

    # And back again: restoring the state that was replaced.
    answer_message_box(seen, "Restore")
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: _people_shown(window) == ["Grace Hopper", "Mallory Mistake"])


def test_keep_setting_and_back_up_now_in_the_dialog(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = _open_dialog(qtbot, window)
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()
    for _ in range(3):
        click(qtbot, dialog.back_up_button)
    assert dialog.table.topLevelItemCount() == 3
    assert not dialog.empty_label.isVisible()
    assert dialog.restore_button.isEnabled()

    dialog.keep.selectAll()
    qtbot.keyClicks(dialog.keep.lineEdit(), "2")
    qtbot.keyClick(dialog.keep.lineEdit(), Qt.Key.Key_Return)
    store = sqlite_services.db.backups
    assert store is not None
    assert store.keep == 2
    assert dialog.table.topLevelItemCount() == 2 == len(store.backups())


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = _open_dialog(qtbot, window)
    bogus = tmp_path / "holiday.sqlite"
    bogus.write_bytes(b"<b>not</b> a database" * 50)
    seen: list[str] = []

    def then_ok() -> None:
        answer_message_box(seen)

    # Confirm, then read the error box that follows and close it.
    answer_message_box(seen, "Restore")
    soon(lambda: qtbot.waitUntil(lambda: len(seen) == 1) or then_ok())
    assert not dialog.restore(bogus, "holiday.sqlite")
    assert len(seen) == 2
    assert "holiday.sqlite is not a netdesk database" in seen[1]
    assert sqlite_services.contacts.count() == 1
    assert dialog.isVisible()


def test_the_daily_backup_runs_beside_the_window_and_says_so(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    from netdesk.ui.backups.actions import daily_backup_in_background

    sqlite_services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    store = sqlite_services.db.backups
    assert store is not None
    thread = daily_backup_in_background(sqlite_services.db, window)
    assert thread is not None
    thread.join(30)
    qtbot.waitUntil(lambda: "Made today's backup" in window.statusBar().currentMessage())
    [daily] = store.backups()
    assert daily.reason == "daily" and contact_count(daily.path) == 1
    # Used again the same day: no second one.
    again = daily_backup_in_background(sqlite_services.db, window)
    assert again is not None
    again.join(30)
    assert len(store.backups()) == 1
