"""The status bar's line while photos are read: "Reading card 2 of 5 — IMG_2041.HEIC", a bar and
Cancel. It stays out of the way: the window can be used meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from netdesk.ui.widgets.plain_text import ElidedLabel, tooltip_text

STOPPING = "Stopping the scan…"


def reading_text(number: int, total: int, name: str) -> str:
    if total <= 1:
        return f"Reading the card — {name}"
    return f"Reading card {number} of {total} — {name}"


class ScanProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ElidedLabel()
        self.label.setMinimumWidth(240)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop reading the photos not read yet")
        self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_reading(self, number: int, total: int, name: str) -> None:
        self.label.set_full_text(reading_text(number, total, name))
        # Photos done so far, plus a part of the one being read (one step of two).
        self.bar.setRange(0, max(total, 1) * 2)
        self.bar.setValue((number - 1) * 2)
        self.cancel_button.setEnabled(True)
        self.show()

    def show_stopping(self) -> None:
        """Cancelled: the photo being read stops at its next step, which may take a moment;
        the line no longer says it is being read, and Cancel has been heard."""
        self.label.set_full_text(STOPPING)
        self.label.setToolTip("")
        self.cancel_button.setEnabled(False)

    def show_step(self, text: str) -> None:
        self.bar.setValue(min(self.bar.value() + 1, self.bar.maximum()))
        self.label.setToolTip(tooltip_text(self.label.text(), text))

    def finish(self) -> None:
        self.hide()
        self.bar.reset()
