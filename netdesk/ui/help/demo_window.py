"""Looking around in demo data: the demo file made if missing and opened in a second netdesk
window, whose title and banner say it is the demo, so that the user's own window and file stay
exactly as they were."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QMainWindow, QVBoxLayout, QWidget

from netdesk.ui.widgets.plain_text import plain_label, show_error

# Runs a command without waiting for it; False when it could not be started.
Launcher = Callable[[list[str]], bool]

DEMO_TITLE = "netdesk — demo data"
OPENING = "Opening the demo data in a window of its own. Your own address book is not touched."


def open_demo(parent: QWidget, launch: Launcher) -> str:
    """Make the demo file (once) and start a netdesk window on it: the message for the status
    bar, or "" when it failed (the user has been told why)."""
    from sqlalchemy.exc import SQLAlchemyError

    from netdesk.services.demo.demo_file import demo_command, ensure_demo_file
    from netdesk.store import DatabaseOpenError
    from netdesk.ui.widgets.busy_cursor import busy_cursor

    try:
        with busy_cursor():
            path, _made = ensure_demo_file()
    except (DatabaseOpenError, SQLAlchemyError, OSError) as exc:
        show_error(parent, "Cannot make the demo data", str(exc))
        return ""
    if not launch(demo_command(path)):
        show_error(
            parent,
            "Cannot open the demo data",
            f"netdesk could not start a second window for {path}.",
        )
        return ""
    return OPENING


def is_demo(url: str) -> bool:
    from netdesk.config import is_demo_database
    from netdesk.store import sqlite_path

    return is_demo_database(sqlite_path(url))


def mark_demo_window(window: QMainWindow) -> QWidget:
    """A title and a banner above the pages: nobody mistakes the demo for their own data."""
    window.setWindowTitle(DEMO_TITLE)
    banner = plain_label(
        "Demo data: invented people and events, in a file of their own. Try anything here; "
        "your own address book is not touched.",
        wrap=True,
    )
    banner.setObjectName("demo_banner")
    banner.setFrameShape(QFrame.Shape.StyledPanel)
    banner.setMargin(8)
    # The tooltip colours: a note-like strip whose text the theme keeps readable, light or dark.
    palette = banner.palette()
    palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.ToolTipBase))
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.ToolTipText))
    banner.setPalette(palette)
    banner.setAutoFillBackground(True)
    pages = window.takeCentralWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    if pages is not None:
        layout.addWidget(pages, 1)
    window.setCentralWidget(holder)
    return banner
