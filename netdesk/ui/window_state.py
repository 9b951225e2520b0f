"""What the main window keeps between sessions: its place and size, its toolbar, the page on
screen and the column widths of People and Follow-ups (in the QSettings it is given)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QListWidget, QMainWindow

from netdesk.ui.shell import FOLLOWUPS, PAGE_KEYS, PEOPLE, TODAY
from netdesk.ui.widgets.screen_fit import WINDOW_SIZE, fit_to_screen

# The pages whose column widths are kept, under these keys.
COLUMNS = {PEOPLE: "people/columns", FOLLOWUPS: "followups/columns"}


def restore_window(window: QMainWindow, settings: QSettings, sidebar: QListWidget) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        fit_to_screen(window, WINDOW_SIZE)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    page = str(settings.value("window/page", TODAY))
    sidebar.setCurrentRow(PAGE_KEYS.index(page) if page in PAGE_KEYS else 0)


def restore_columns(settings: QSettings, key: str, view: Any) -> None:
    """A page's column widths as the user left them (People and Follow-ups)."""
    name = COLUMNS.get(key)
    widths = settings.value(name) if name else None
    if isinstance(widths, QByteArray):
        view.header().restoreState(widths)


def save_window(window: QMainWindow, settings: QSettings, page: str, views: dict[str, Any]) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/page", page)
    for key, name in COLUMNS.items():
        view = views.get(key)
        if view is not None:
            settings.setValue(name, view.header().saveState())
    settings.sync()
