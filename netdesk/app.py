"""Starting the GUI: the QApplication, the database, the main window."""

from __future__ import annotations

import os
import sys
import time

from netdesk import __version__
from netdesk.config import APP_NAME


def run_gui(url: str, argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    # Qt is imported here, not at module level, so that CLI commands start without it.
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from netdesk.db import DatabaseOpenError, open_database

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0], *(argv or [])])
    )
    from netdesk.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    try:
        db = open_database(url)
    except DatabaseOpenError as exc:
        from netdesk.ui.plain_text import show_error

        show_error(None, "netdesk cannot open its database", str(exc))
        return 1
    from netdesk.services.service_set import Services
    from netdesk.ui.main_window import MainWindow

    window = MainWindow(Services(db), QSettings())
    window.show()
    # Fill the views once the window is on screen: start-up shows something at once.
    QTimer.singleShot(0, window.load_current_view)
    window.startup_seconds = time.perf_counter() - started
    if os.environ.get("NETDESK_QUIT_WHEN_SHOWN"):
        # For benchmarks/bench_startup.py: report the time to a shown, filled window and leave.
        def _report_and_quit() -> None:
            print(f"shown {time.perf_counter() - started:.4f}", flush=True)
            app.quit()

        QTimer.singleShot(0, _report_and_quit)
    try:
        return app.exec()
    finally:
        db.close()
