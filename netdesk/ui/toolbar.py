"""The main toolbar: the new items, undo and redo, delete and find (the QR card adds itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

if TYPE_CHECKING:
    from netdesk.ui.window_actions import WindowActions


def build_toolbar(window: QMainWindow, acts: WindowActions) -> QToolBar:
    tb = QToolBar("Main toolbar")
    tb.setObjectName("main_toolbar")
    tb.setMovable(False)
    tb.setIconSize(QSize(22, 22))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for act in acts.new_items():
        tb.addAction(act)
    tb.addSeparator()
    # Undo and redo show just their icon: their text names the step ("Undo Delete Ann
    # Lee"), which would make the toolbar jump about; the tooltip and menu carry it.
    for act in (acts.undo, acts.redo):
        button = QToolButton()
        button.setDefaultAction(act)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAutoRaise(True)
        tb.addWidget(button)
    tb.addAction(acts.delete)
    tb.addSeparator()
    tb.addAction(acts.find)
    window.addToolBar(tb)
    return tb
