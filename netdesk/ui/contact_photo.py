"""A contact's stored photo as a small picture for the contact pane.

Decoded at the size it is shown (JPEG decodes at a fraction of its size directly), so that a
10 MB camera picture costs a thumbnail's time and memory, not a full decode per click.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap

# Beyond this the picture is not decoded at all (a hostile file's 100,000 x 100,000 header).
MAX_PIXELS = 60_000_000


def photo_pixmap(data: bytes, side: int, ratio: float = 1.0) -> QPixmap | None:
    """The photo scaled to fit a `side` x `side` square (in device-independent pixels, drawn
    sharp at `ratio`), or None when it is not a picture Qt can read."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone's portrait photo stands upright
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return None
    target = round(side * ratio)
    if size.width() > target or size.height() > target:
        reader.setScaledSize(size.scaled(QSize(target, target), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
