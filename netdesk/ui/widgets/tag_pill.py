"""A tag shown as a pill: always one line, eliding only when even a line of its own is too
narrow, so that a row of pills wraps between pills and never inside one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from netdesk.ui.widgets.plain_text import tooltip_text


class TagPill(QLabel):
    def __init__(self, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = tag
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # The style sheet's rounded border gives the label a frame, and a framed label indents
        # its text by half an "x" unless told otherwise: the text would be cut at the right.
        self.setIndent(0)
        self.setText(tag)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        # As wide as the whole tag, whatever is shown now (the style sheet's padding is in
        # the contents margins).
        return QSize(self._width_for(self._full), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # A tag longer than the pane elides rather than widening the pane.
        width = min(self._width_for(self._full), self._width_for("Mm…"))
        return QSize(width, super().minimumSizeHint().height())

    def _width_for(self, text: str) -> int:
        margins = self.contentsMargins()
        # A pixel to spare: the text's ink can reach past its advance.
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(tooltip_text(self._full) if shown != self._full else "")
