"""What the Follow-ups view shows instead of the queue when there is nothing in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netdesk.ui.widgets.plain_text import plain_label

EMPTY_TEXT = "No follow-ups. Promise something at your next event!"


def empty_state(new_item: Callable[[], object]) -> tuple[QWidget, QLabel]:
    """The page and its main line; its button calls `new_item`."""
    page = QWidget()
    page.setObjectName("followups_empty")
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    label = plain_label(EMPTY_TEXT, wrap=True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    hint = plain_label("Use Quick capture during an event, or add one yourself.", wrap=True)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setEnabled(False)
    button = QPushButton("New follow-up…")
    button.clicked.connect(new_item)
    layout.addWidget(label)
    layout.addWidget(hint)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    row.addStretch(1)
    layout.addSpacing(8)
    layout.addLayout(row)
    layout.addStretch(2)
    return page, label
