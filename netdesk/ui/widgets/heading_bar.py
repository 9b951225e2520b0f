"""A heading with its buttons on the right, the heading always on one line.

Where the row is too narrow for every button's text (a 1,366 px laptop with the events list
beside the page), the buttons that have an icon show only the icon, their text moving into the
tooltip, before the heading would have to wrap.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class HeadingBar(QWidget):
    def __init__(
        self, heading: QLabel, buttons: list[QPushButton], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading.setWordWrap(False)
        self.heading = heading
        self._buttons = buttons
        self._texts = {id(b): (b.text(), b.toolTip()) for b in buttons}
        self._full = {id(b): b.sizeHint().width() for b in buttons}
        self._compact = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading, 1)
        for button in buttons:
            layout.addWidget(button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def is_compact(self) -> bool:
        return self._compact

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self._needed(compact=True), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self._needed(compact=False), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_compact(self.width() < self._needed(compact=False))

    def event(self, event: QEvent) -> bool:
        # A longer heading ("People · 20 · 11 met") may need the room of the buttons' texts.
        if event.type() == QEvent.Type.LayoutRequest:
            self._set_compact(self.width() < self._needed(compact=False))
        return super().event(event)

    def _needed(self, *, compact: bool) -> int:
        layout = self.layout()
        spacing = max(layout.spacing(), 0) if layout is not None else 0
        shown = [b for b in self._buttons if not b.isHidden()]
        width = self.heading.minimumSizeHint().width()
        for button in shown:
            width += spacing + self._width_of(button, compact=compact)
        return width

    def _width_of(self, button: QPushButton, *, compact: bool) -> int:
        """The button's width with its full text, or with its icon alone when compact."""
        key = id(button)
        if not self._compact:
            # Measured while the text shows, so that going back to it needs no guess.
            self._full[key] = button.sizeHint().width()
        if compact == self._compact or button.icon().isNull():
            return button.sizeHint().width() if compact == self._compact else self._full[key]
        text, _tip = self._texts[key]
        if compact:
            return self._full[key] - button.fontMetrics().horizontalAdvance(text)
        return self._full[key]

    def _set_compact(self, compact: bool) -> None:
        if compact == self._compact:
            return
        self._compact = compact
        for button in self._buttons:
            text, tip = self._texts[id(button)]
            if button.icon().isNull():
                continue
            button.setText("" if compact else text)
            plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
            button.setToolTip(f"{plain}\n{tip}" if compact and tip else plain if compact else tip)
            button.setAccessibleName(plain)
