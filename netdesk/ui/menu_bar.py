"""The window's menus, found by title by the parts that add their actions to them."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu


def top_menu(window: QMainWindow, title: str) -> QMenu | None:
    """The menu bar's menu titled `title` ("File" finds "&File"), None when there is none."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return menu
    return None
