"""Finding one of the window's menus by its title, for the parts that add their own actions to it
(Help, File > Add contact from QR image, File > Restore backup…)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu


def top_menu(window: QMainWindow, title: str) -> QMenu | None:
    """The menu bar's menu titled `title` ("File" finds "&File"), None when there is none."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return menu
    return None
