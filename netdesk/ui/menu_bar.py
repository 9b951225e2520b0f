"""The window's menus, made here from its actions. The parts that add their own actions find a
menu by its title with widgets.menus.top_menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow, QMenu

from netdesk.ui.widgets.icons import icon

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from netdesk.ui.window_actions import WindowActions


class Exchange(Protocol):
    """File > Import and Export, People > Find duplicates (importing/actions.py)."""

    @property
    def act_import(self) -> QAction: ...

    @property
    def act_duplicates(self) -> QAction: ...

    def export_actions(self) -> tuple[QAction, ...]: ...


def build_menus(window: QMainWindow, acts: WindowActions, exchange: Exchange) -> QMenu:
    """File, Edit, People and Go; returns the Help menu, left for Help to fill."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for act in acts.new_items():
        file_menu.addAction(act)
    file_menu.addSeparator()
    file_menu.addAction(exchange.act_import)
    export_menu = file_menu.addMenu(icon("export"), "&Export")
    export_menu.setObjectName("export_menu")
    for act in exchange.export_actions():
        export_menu.addAction(act)
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)
    edit = bar.addMenu("&Edit")
    for act in (acts.undo, acts.redo):
        edit.addAction(act)
    edit.addSeparator()
    edit.addAction(acts.delete)
    edit.addAction(acts.find)
    edit.addSeparator()
    edit.addAction(acts.tags)
    people = bar.addMenu("&People")
    people.addAction(exchange.act_duplicates)
    go = bar.addMenu("&Go")
    for act in acts.go:
        go.addAction(act)
    return bar.addMenu("&Help")
