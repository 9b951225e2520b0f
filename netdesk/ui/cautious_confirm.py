"""A question before something destructive, where Enter and Escape both choose the safe answer.

Someone who presses Delete and then Enter by habit, or Escape twice, keeps their data; only a
deliberate click (or Tab to the button) does the destructive thing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def cautious_box(
    parent: QWidget | None, title: str, message: str, action: str, keep: str = "Cancel"
) -> tuple[QMessageBox, QPushButton]:
    """The box, not yet shown, and its `action` button; `keep` is the default and Escape."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    act = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    return box, act


def ask_cautiously(
    parent: QWidget | None, title: str, message: str, action: str, keep: str = "Cancel"
) -> bool:
    """Whether the user chose `action`."""
    box, act = cautious_box(parent, title, message, action, keep)
    box.exec()
    return box.clickedButton() is act
