"""The code on the whole screen, black on pure white, for a phone held at arm's length or
across a table in a dim room. Escape, a click or a key leaves."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from netdesk.cards.qr import QrCode
from netdesk.cards.qr_image import paint_code
from netdesk.ui.cards.code import code_rect

LEAVE_HINT = "Press Esc or click to leave"


class QrFullScreen(QWidget):
    def __init__(self, code: QrCode, name: str, parent: QWidget | None = None) -> None:
        # A window of its own even with a parent: it covers the screen, not the card window.
        super().__init__(parent, Qt.WindowType.Window)
        self.code = code
        self.name = name
        self.setObjectName("qr_full_screen")
        self.setWindowTitle("QR card")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def name_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(18, self.height() // 16))
        font.setBold(True)
        return font

    def layout_rects(self) -> tuple[QRect, QRect, QRect]:
        """The code, the name under it and the hint at the bottom."""
        margin = max(8, self.height() // 40)
        hint_height = max(16, self.height() // 40)
        name_height = int(self.name_font().pixelSize() * 1.6)
        area = self.rect().adjusted(margin, margin, -margin, -(margin + name_height + hint_height))
        code = code_rect(area, self.code)
        name = QRect(margin, code.bottom() + 1, self.width() - 2 * margin, name_height)
        hint = QRect(0, self.height() - hint_height - margin // 2, self.width(), hint_height)
        return code, name, hint

    def code_rect(self) -> QRect:
        return self.layout_rects()[0]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        code, name, hint = self.layout_rects()
        paint_code(painter, QRectF(code), self.code)
        painter.setPen(QColor("black"))
        painter.setFont(self.name_font())
        shown = painter.fontMetrics().elidedText(
            self.name, Qt.TextElideMode.ElideRight, name.width()
        )
        painter.drawText(name, Qt.AlignmentFlag.AlignCenter, shown)
        small = QFont(self.font())
        small.setPixelSize(max(11, hint.height() * 2 // 3))
        painter.setFont(small)
        painter.setPen(QColor("#6b7280"))
        painter.drawText(hint, Qt.AlignmentFlag.AlignCenter, LEAVE_HINT)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.close()
