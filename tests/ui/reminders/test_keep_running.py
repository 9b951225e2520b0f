"""Settings > Keep running in the tray when the window closes: off by default; when on,
closing the window hides it and netdesk goes on (the tray still counts), and Quit, from the
tray or File > Quit, really ends it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow
from netdesk.ui.reminders.keep_running import KEY, TIP_ON
from netdesk.ui.widgets.menus import top_menu
from tests.ui.reminders.conftest import Queue

Opener = Callable[..., MainWindow]


def keep_action(window: MainWindow) -> QAction:
    menu = top_menu(window, "Settings")
    assert menu is not None
    [action] = [a for a in menu.actions() if a.text().replace("&", "").startswith("Keep running")]
    return action


def test_off_by_default_closing_ends_it(qtbot: QtBot, queue: Queue, open_window: Opener) -> None:
    window = open_window(tray=True)
    keep = keep_action(window)
    assert keep.isEnabled() and not keep.isChecked()
    assert keep.toolTip() == TIP_ON
    assert QApplication.quitOnLastWindowClosed()
    assert window.close()
    assert not window.isVisible()
    assert not window.reminders.watch.timer.isActive()  # type: ignore[union-attr]
    assert not window.reminders.icon.isVisible()  # type: ignore[union-attr]


def test_when_on_closing_hides_the_window_and_netdesk_goes_on(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    window = open_window(tray=True)
    keep_action(window).trigger()
    assert window.settings.value(KEY) in (True, "true")
    assert not QApplication.quitOnLastWindowClosed()
    assert not window.close()
    assert not window.isVisible()
    # Still running: the tray is there, counting, and the timer armed.
    icon = window.reminders.icon
    watch = window.reminders.watch
    assert icon is not None and watch is not None
    assert icon.isVisible() and watch.timer.isActive()
    sqlite_services.followups.set_done(queue.overdue)
    qtbot.waitUntil(lambda: icon.toolTip() == "netdesk: No follow-ups due")
    # File > Quit (Ctrl+Q) quits for real: the window closes, the watch stops.
    window.act_quit.trigger()
    assert not window.isVisible()
    assert window.reminders.keep_running.quitting
    assert not watch.timer.isActive() and not icon.isVisible()


def test_the_setting_is_remembered(
    qtbot: QtBot, queue: Queue, open_window: Opener, tmp_path: Path
) -> None:
    first = open_window(tray=True)
    keep_action(first).trigger()
    first.act_quit.trigger()
    again = open_window(tray=True)
    assert keep_action(again).isChecked()
    assert not QApplication.quitOnLastWindowClosed()
    keep_action(again).trigger()
    assert QApplication.quitOnLastWindowClosed()
    assert again.close()


APP = """
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.main_window import MainWindow

folder, keep, how = sys.argv[1], sys.argv[2] == "on", sys.argv[3]
app = QApplication([])
db = open_database(f"sqlite:///{folder}/netdesk.sqlite")
settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)
settings.setValue("tray/keep_running", keep)
window = MainWindow(Services(db), settings, tray_available=True)
window.show()

def report():
    print("still running, window shown:", window.isVisible(), flush=True)

def quit_():
    if how == "tray":
        window.reminders.act_quit.trigger()
    else:
        window.act_quit.trigger()

def close():
    if how == "damaged":  # as database_damaged does, after its message
        window.damaged = True
    window.close()

QTimer.singleShot(200, close)
QTimer.singleShot(600, report)
QTimer.singleShot(800, quit_)
QTimer.singleShot(20_000, lambda: (print("never quit", flush=True), app.exit(3)))
status = app.exec()
print("ended", status, flush=True)
db.close()
"""


def run_app(tmp_path: Path, keep: str, how: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(APP), str(tmp_path), keep, how],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("how", ["tray", "file-menu"])
def test_the_application_runs_on_until_quit(tmp_path: Path, how: str) -> None:
    assert run_app(tmp_path, "on", how) == ["still running, window shown: False", "ended 0"]


def test_without_the_setting_closing_the_window_ends_the_application(tmp_path: Path) -> None:
    assert run_app(tmp_path, "off", "tray") == ["ended 0"]


def test_a_damaged_database_ends_it_even_with_the_setting(tmp_path: Path) -> None:
    assert run_app(tmp_path, "on", "damaged") == ["ended 0"]
