"""Driving the import dialogs as a user would: picking choices in their combo-box cells."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.qtbot import QtBot

from netdesk.ui.importing.choice_delegate import choice_editor


def open_choice(qtbot: QtBot, view: QTableView, index: QModelIndex) -> QComboBox:
    """Click a choice cell: its combo box opens with its list dropped down."""
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    combo = choice_editor(view, index)
    assert combo is not None, "clicking the cell opened no combo box"
    qtbot.waitUntil(combo.view().isVisible)
    return combo


def choose(qtbot: QtBot, view: QTableView, index: QModelIndex, label: str) -> None:
    """Click the cell, walk its list with the arrow keys to `label` and press Enter."""
    combo = open_choice(qtbot, view, index)
    target = combo.findText(label)
    assert target >= 0, f"{label!r} is not a choice: {choice_labels(combo)}"
    popup = combo.view()
    row = popup.currentIndex().row()
    key = Qt.Key.Key_Down if target > row else Qt.Key.Key_Up
    for _ in range(abs(target - row)):
        qtbot.keyClick(popup, key)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: choice_editor(view, index) is None)


def close_choice(qtbot: QtBot, view: QTableView, index: QModelIndex) -> None:
    """Escape closes the list, a second Escape the combo box, changing nothing."""
    combo = choice_editor(view, index)
    assert combo is not None
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: choice_editor(view, index) is None)


def choice_labels(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def column_texts(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [
        str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
    ]
