"""The QR code as a widget: as large as its space allows, square, sharp, with its quiet zone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from netdesk.cards.qr import QUIET_ZONE, QrCode
from netdesk.cards.qr_image import paint_code

# Scanned across a table, a code wants about 9 cm on screen; a screen's logical DPI is close
# enough to its real one for that.
MIN_SCREEN_CM = 9.0


def code_rect(area: QRect, code: QrCode) -> QRect:
    """The largest square in `area`, centred, quiet zone included, holding a whole number of
    pixels per module (every module the same width reads best) unless that would cost more than
    a tenth of the size: a dense code needs its size more than even modules."""
    modules = code.size + 2 * QUIET_ZONE
    side = min(area.width(), area.height())
    even = (side // modules) * modules
    if even >= side * 0.9:
        side = even
    left = area.x() + (area.width() - side) // 2
    top = area.y() + (area.height() - side) // 2
    return QRect(left, top, side, side)


def screen_pixels(widget: QWidget, cm: float) -> int:
    return round(cm / 2.54 * widget.logicalDpiX())


class QrCodeView(QWidget):
    """Draws the code that `code_source` gives, asked for only when painted: a window that is
    built but not shown never makes its code."""

    def __init__(
        self, code_source: Callable[[], QrCode | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = code_source
        self.setObjectName("qr_code")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        side = screen_pixels(self, MIN_SCREEN_CM)
        self.setMinimumSize(side, side)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def sizeHint(self) -> QSize:
        side = screen_pixels(self, MIN_SCREEN_CM + 2)
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def shown_rect(self) -> QRect:
        """Where the code is drawn now (empty without a code)."""
        code = self._source()
        return code_rect(self.rect(), code) if code is not None else QRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        code = self._source()
        painter = QPainter(self)
        if code is None:
            # No code (too much to fit): a pale square says where it would be.
            side = min(self.width(), self.height())
            square = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
            painter.fillRect(square, QColor("#f1f3f5"))
            return
        paint_code(painter, QRectF(code_rect(self.rect(), code)), code)
