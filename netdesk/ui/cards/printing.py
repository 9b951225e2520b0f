"""The QR card on paper: the code at a size phones read from a hand's distance, the name under
it. One painting function serves the printer and the tests (which paint into an image)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPainter

from netdesk.cards.qr import QrCode
from netdesk.cards.qr_image import paint_code

# 6 cm holds even a dense vCard code with room to spare (3 cm is the floor for a small one).
PRINT_MM = 60.0
TOP_MM = 20.0
NAME_PT = 16.0


def printed_mm(code: QrCode) -> float:
    return max(PRINT_MM, code.min_print_mm())


def paint_card_page(painter: QPainter, page: QRectF, dpi: float, code: QrCode, name: str) -> QRectF:
    """Paints the card at the top centre of `page` (device pixels at `dpi`); returns where the
    code went."""
    per_mm = dpi / 25.4
    side = printed_mm(code) * per_mm
    left = page.x() + (page.width() - side) / 2
    target = QRectF(left, page.y() + TOP_MM * per_mm, side, side)
    paint_code(painter, target, code)
    font = QFont()
    # Points are 1/72 in on any device: pixel size from the device's own resolution.
    font.setPixelSize(max(1, round(NAME_PT / 72 * dpi)))
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("black"))
    line = painter.fontMetrics().height()
    name_box = QRectF(page.x(), target.bottom() + 4 * per_mm, page.width(), line * 1.5)
    shown = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(page.width()))
    painter.drawText(name_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, shown)
    painter.restore()
    return target


def print_card(device: QPagedPaintDevice, code: QrCode, name: str) -> bool:
    """Prints on a QPrinter (or QPdfWriter); False when the device could not be opened."""
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        dpi = float(device.logicalDpiX())
        page = QRectF(0, 0, device.width(), device.height())
        paint_card_page(painter, page, dpi, code, name)
    finally:
        painter.end()
    return True
