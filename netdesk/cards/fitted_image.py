"""A picture decoded for the size it is shown at: a contact's photo, a badge's logo.

A JPEG is decoded at a fraction of its size directly (libjpeg scales while it decodes). Qt's
PNG, WebP, GIF and BMP readers always decode the whole picture, and "scaled size" then copies
it once more to smooth it (a 7,740 px square PNG with transparency cost 460 MB). A big PNG is
read a band of rows at a time instead (png_bands.py); the others are decoded once, sampled
down to four times the size wanted and only that smoothed, so that the whole picture is held
once and never copied.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from netdesk.cards.png_bands import shrunk_png

# Beyond this a picture is not decoded at all (a hostile file's 100,000 x 100,000 header).
MAX_PIXELS = 60_000_000
# Read while decoding at 1/2, 1/4 or 1/8 of the size.
_SCALED_WHILE_READ = frozenset({b"jpeg", b"jpg"})
# A PNG of more pixels than this is read a band of rows at a time (png_bands.py), never held
# whole: 64 MB decoded.
_BANDED = 16_000_000
# Nearest-pixel sampling down to this many times the size wanted, then smoothing: as sharp as
# smoothing the whole picture at once, without its copy of every pixel.
_OVERSAMPLE = 4


def fitted_image(source: bytes | str, box: QSize) -> QImage:
    """The picture in `source` (its bytes, or a file's path) scaled to fit within `box`, in
    proportion and never enlarged, upright as the camera meant it; a null QImage when it is
    no picture Qt can read or claims more than MAX_PIXELS pixels."""
    buffer = QBuffer()
    if isinstance(source, bytes):
        buffer.setData(QByteArray(source))
        if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
            return QImage()
        reader = QImageReader(buffer)
    else:
        reader = QImageReader(source)
    reader.setAutoTransform(True)  # a phone's portrait photo stands upright
    size = reader.size()  # from the header, nothing decoded yet
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return QImage()
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    stored_box = box.transposed() if turned else box
    kind = bytes(reader.format().data()).lower()
    if kind in _SCALED_WHILE_READ:
        if size.width() > stored_box.width() or size.height() > stored_box.height():
            reader.setScaledSize(size.scaled(stored_box, Qt.AspectRatioMode.KeepAspectRatio))
        return reader.read()
    if kind == b"png" and size.width() * size.height() > _BANDED:
        banded = _banded(source, size, box)
        if banded is not None:
            return banded
    return _shrunk(reader.read(), box)


def _banded(source: bytes | str, size: QSize, box: QSize) -> QImage | None:
    goal = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError:
        return None
    sampled = shrunk_png(data, (goal * _OVERSAMPLE).boundedTo(size))
    return None if sampled is None else _shrunk(sampled, box)


def _shrunk(image: QImage, box: QSize) -> QImage:
    if image.isNull() or (image.width() <= box.width() and image.height() <= box.height()):
        return image
    # A 10,000 x 1 banner still keeps a line of one pixel.
    goal = image.size().scaled(box, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))
    sampled = goal * _OVERSAMPLE
    if image.width() > sampled.width() and image.height() > sampled.height():
        image = image.scaled(
            sampled, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
        )
    return image.scaled(
        goal, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
