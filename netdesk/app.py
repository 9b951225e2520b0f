"""Starting the GUI: the window first, then the database, then the data."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk import __version__
from netdesk.config import APP_NAME, demo_database_path, sqlite_url
from netdesk.resource_files import DESKTOP_ENTRY

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from netdesk.store import Database
    from netdesk.ui.main_window import MainWindow


def run_gui(url: str, argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    benchmark = bool(os.environ.get("NETDESK_QUIT_WHEN_SHOWN"))
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0], *(argv or [])])
    )
    from netdesk.ui.main_window import MainWindow
    from netdesk.ui.widgets.icons import app_icon
    from netdesk.ui.widgets.indicator_style import outline_indicators

    app.setWindowIcon(app_icon())
    # Wayland shows no window icon: the desktop finds the entry (and its icon) by this app id,
    # which would otherwise be the name of the Python interpreter.
    app.setDesktopFileName(DESKTOP_ENTRY.removesuffix(".desktop"))
    outline_indicators(app)  # check boxes that a dark palette does not hide
    # The window goes on screen before SQLAlchemy is imported and the database opened.
    window = MainWindow(None, window_settings(url))
    window.show()
    opened: list[Database] = []

    def report(stage: str) -> None:
        if benchmark:  # for benchmarks/bench_startup.py
            print(f"{stage} {time.perf_counter() - started:.4f}", flush=True)

    def open_and_fill() -> None:
        db = _open(window, url)
        if db is None:
            app.exit(1)
            return
        opened.append(db)
        window.load_current_view()
        report("filled")
        if benchmark:
            app.quit()

    QTimer.singleShot(0, lambda: report("shown"))
    QTimer.singleShot(0, open_and_fill)
    try:
        status = app.exec()
        return 1 if window.damaged else status
    finally:
        for db in opened:
            db.close()


def window_settings(url: str) -> QSettings:
    """Where the window keeps its size, layout and last page. The demo's window keeps them to
    itself: closing it must not change how the user's own window opens next time."""
    from PySide6.QtCore import QSettings

    if url == sqlite_url(demo_database_path()):
        return QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "demo-window"
        )
    return QSettings()


def _open(window: MainWindow, url: str) -> Database | None:
    from netdesk.services.service_set import Services
    from netdesk.store import DatabaseOpenError, open_database, sqlite_path
    from netdesk.ui.widgets.plain_text import show_error

    try:
        # The whole-file integrity read happens in the background (_check_in_background).
        db = open_database(url, verify_integrity=False)
    except DatabaseOpenError as exc:
        show_error(window, "netdesk cannot open its database", str(exc))
        return None
    window.attach(Services(db))
    path = sqlite_path(url)
    if path is not None and db.backups is not None:
        from netdesk.ui.backups.actions import DailyBackup

        # After the check, and only of a sound file: both read all of it, and a damaged
        # file's copy is not a backup.
        _check_in_background(window, path, then=DailyBackup(db.backups, window).run)
    return db


def _check_in_background(
    window: MainWindow, path: Path, then: Callable[[], None] | None = None
) -> None:
    """Read the whole file for damage off the GUI thread; on damage, say so and stop, else
    do `then` (on that thread)."""
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    from netdesk.store import integrity_problem

    class _Relay(QObject):
        damaged = Signal(str)

    # Owned by the application, which outlives the window, so that a late report of the
    # thread never reaches a deleted object.
    relay = _Relay(QCoreApplication.instance())
    relay.damaged.connect(window.database_damaged)

    def check() -> None:
        problem = integrity_problem(path)
        if problem:
            relay.damaged.emit(problem)
        elif then is not None:
            then()

    threading.Thread(target=check, name="netdesk-integrity-check", daemon=True).start()
