"""The tray icon: netdesk's own, with the number of due follow-ups in a red disc."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

# Drawn at the sizes trays ask for; each is painted, not scaled, so the number stays sharp.
SIZES = (16, 22, 24, 32, 48, 64)
BADGE = QColor("#d93025")


def badge_text(count: int) -> str:
    return "" if count <= 0 else "99+" if count > 99 else str(count)


def count_icon(base: QIcon, count: int) -> QIcon:
    """`base` with `count` drawn on its lower right; `base` itself when nothing is due."""
    text = badge_text(count)
    if not text:
        return base
    drawn = QIcon()
    for size in SIZES:
        drawn.addPixmap(_pixmap(base, size, text))
    return drawn


def _pixmap(base: QIcon, size: int, text: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base.paint(painter, 0, 0, size, size)
    # Two thirds of the icon's height: readable at 16 pixels, one digit or three.
    height = size * 0.66
    width = max(height, height * (0.45 + 0.3 * len(text)))
    disc = QRectF(size - width, size - height, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE)
    painter.drawRoundedRect(disc, height / 2, height / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(height * (0.72 if len(text) == 1 else 0.6))))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap
