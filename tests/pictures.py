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


def png_of(width: int, height: int, colour: int, rows: bytes, *extra: tuple[bytes, bytes]) -> bytes:
    """A PNG of 8-bit channels from its rows as they are stored (each led by its filter type),
    with extra chunks (kind, data) before them: PLTE, tRNS, eXIf."""
    return _png(width, height, colour, zlib.compress(rows), extra)


def big_png(width: int, height: int) -> bytes:
    """A big RGBA PNG made without ever holding its pixels: mostly one colour with a white
    block, most rows stored with the filter "Up" (so each depends on the one above)."""
    green, white = bytes((40, 150, 110, 200)), bytes((255, 255, 255, 255))
    side = width // 4
    plain = b"\x00" + green * width
    block = b"\x00" + green * side + white * (width // 2) + green * (width - side - width // 2)
    same = b"\x02" + bytes(width * 4)  # "Up" adding nothing: the row above again
    deflater = zlib.compressobj(1)
    parts = []
    for y in range(height):
        if y in (0, height // 2):
            parts.append(deflater.compress(plain))
        elif y == height // 4:
            parts.append(deflater.compress(block))
        else:
            parts.append(deflater.compress(same))
    parts.append(deflater.flush())
    return _png(width, height, 6, b"".join(parts), ())


def _png(
    width: int, height: int, colour: int, idat: bytes, extra: tuple[tuple[bytes, bytes], ...]
) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            *(chunk(kind, data) for kind, data in extra),
            chunk(b"IDAT", idat),
            chunk(b"IEND", b""),
        ]
    )


def png_noise(side: int = 16) -> bytes:
    """A real RGB PNG of `side` x `side` pixels of noise: a few hundred bytes at 16, that do
    not compress away (a photo's base64 that folds over many lines)."""
    seed = 7
    rows = bytearray()
    for _ in range(side):
        rows.append(0)  # filter type None
        for _ in range(side * 3):
            seed = (seed * 1103515245 + 12345) % 2**31
            rows.append((seed >> 16) % 4 * 64)
    return png_of(side, side, 2, bytes(rows))  # 8-bit RGB
