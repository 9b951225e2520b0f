"""Help: the guide on F1, the keyboard shortcuts read from the window's actions, About."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from netdesk.config import demo_database_path
from netdesk.services.service_set import Services
from netdesk.ui.help.guide import link_actions
from netdesk.ui.help.guide_text import GUIDE_HTML, START
from netdesk.ui.help.shortcuts_dialog import ShortcutsDialog
from netdesk.ui.main_window import MainWindow
from tests.ui.main_window_helpers import open_window, settings_at


def native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def help_menu(window: MainWindow) -> QMenu:
    [menu] = [
        a.menu()
        for a in window.menuBar().actions()
        if a.text() == "&Help" and isinstance(a.menu(), QMenu)
    ]
    assert isinstance(menu, QMenu)
    return menu


def test_help_offers_the_guide_the_shortcuts_the_demo_and_about(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    texts = [a.text() for a in help_menu(window).actions() if not a.isSeparator()]
    assert texts == [
        "&Getting started",
        "&Keyboard shortcuts",
        "Look around in &demo data",
        "&About netdesk",
    ]


def test_the_shortcuts_dialog_lists_every_action_with_a_key(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    # An action added after the fact is listed too: nothing in the dialog is written by hand.
    late = QAction("Zap everything", window)
    late.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    window.addAction(late)

    window.help.act_shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    shown = dialog.shown_rows()

    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    # Every page was built for the list: the Follow-ups page's own keys are among them.
    assert len(with_keys) >= 20
    for action in with_keys:
        name = action.text().replace("&", "").rstrip("…")
        keys = [native(s) for s in action.shortcuts()]
        matches = [
            row
            for row in shown
            if (
                name.startswith(row[1])
                if action in (window.act_undo, window.act_redo)
                else row[1] == name
            )
            and all(k in row[2].split(", ") for k in keys)
        ]
        assert matches, f"{name} ({', '.join(keys)}) is not listed"
    assert ("Elsewhere", "Zap everything", native(QKeySequence("Ctrl+Alt+Z"))) in shown
    assert ("On the Follow-ups page", "Mark done or not done", "Space") in shown
    assert ("Help", "Getting started", "F1") in shown
    # The keys of issue 14's commands: writing an email and the Goals page.
    assert ("People", "Write email", native(QKeySequence("Ctrl+Shift+E"))) in shown
    assert ("Go", "Goals", native(QKeySequence("Ctrl+5"))) in shown
    # Each command once, even when two keys or two actions lead to it.
    assert len({(g, c) for g, c, _ in shown}) == len(shown)


def test_f1_opens_the_guide_with_the_workflows_and_the_real_keys(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help.guide
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    headings = ("First steps", "Before an event", "At the event", "After the event")
    for heading in (*headings, "Keeping in touch"):
        assert heading in text
    for step in ("Import list", "Print badges", "Quick capture", "QR card", "Follow-ups", "Export"):
        assert step in text
    assert f"Quick capture ({native(window.act_capture.shortcut())})" in text
    assert native(window.badges.act_print_badges.shortcut()) in text
    # What follows up after an event, with the keys the window really has.
    assert f"Write email… ({native(window.mail.act_write.shortcut())})" in text
    assert f"Goals page ({native(QKeySequence('Ctrl+5'))})" in text
    for step in (
        "Review people met",
        "Save email draft",
        "Settings > Email templates",
        "Keep in touch",
        "Time to reconnect",
        "Introduce",
        "Settings > Keep running in the tray when the window closes",
        "netdesk due",
        "netdesk draft",
        "netdesk goals",
    ):
        assert step in text
    assert guide.browser.isReadOnly() and not guide.browser.openExternalLinks()

    # Links between sections move within the guide.
    guide.browser.verticalScrollBar().setValue(0)
    guide.browser.anchorClicked.emit(QUrl("#after"))
    qtbot.waitUntil(lambda: guide.browser.verticalScrollBar().value() > 0)
    assert guide.browser.toPlainText() == text

    # F1 again brings the same guide forward, from the top.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help.guide is guide
    assert guide.browser.verticalScrollBar().value() == 0


def test_the_guides_first_steps_run_their_commands(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    guide = window.help.show_guide(START)
    actions = link_actions(window)
    # Every "netdesk:" link of the guide leads somewhere.
    assert set(re.findall(r'href="netdesk:([a-z-]+)"', GUIDE_HTML)) == set(actions)
    commands: list[list[str]] = []
    window.help.launch = lambda command: commands.append(command) is None
    guide.browser.anchorClicked.emit(QUrl("netdesk:demo"))
    assert commands and commands[0][-1] == str(demo_database_path())
    assert sqlite_services.contacts.count() == 0


def test_about_says_what_netdesk_is(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.help.act_about.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "Remember who you met" in box.text()
    box.close()


def test_a_dialogs_own_keys_are_not_listed_as_the_windows(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    """A dialog's Ctrl+Z works only in it: one left behind (closed, not yet deleted) does not
    add an "Undo" of its own to the list."""
    from netdesk.ui.undo.dialog import UndoableDialog

    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    left_behind = UndoableDialog(window.undo_stack, window)
    assert left_behind.undo_action.shortcuts()
    window.help.act_shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    commands = [(group, name) for group, name, _keys in dialog.shown_rows()]
    assert [c for c in commands if c[1] == "Undo"] == [("Edit", "Undo")]
