"""Small real pictures built in code, so that tests need no binary fixtures."""

from __future__ import annotations

import struct
import zlib


def png_1x1() -> bytes:
    """A real 1x1 transparent PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def plain_picture(width: int, height: int, kind: str = "PNG", alpha: bool = True) -> bytes:
    """A picture of any size, mostly one colour so that even a big one is small as a file."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(
        width, height, QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32
    )
    image.fill(QColor(40, 150, 110, 200))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 3, QColor("#ffffff"))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind)
    return bytes(buffer.data())
