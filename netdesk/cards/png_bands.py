"""A big PNG read a band of rows at a time, so that a small picture of it never needs the
whole picture in memory (Qt's own reader decodes all of it, however small the result).

A PNG's rows are one zlib stream, each row filtered against the row above it. The stream is
inflated here a band at a time, and each band wrapped as a PNG of its own for Qt to decode,
led by the band above's last row, unfiltered, for its first row's filter to refer to. Only the
usual kinds are read so: 8 bits a channel, not interlaced, no EXIF orientation; for any other,
or a file that does not hold together, `shrunk_png` says None and the caller decodes it whole.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage, QPainter

SIGNATURE = b"\x89PNG\r\n\x1a\n"
BAND_BYTES = 4 * 1024 * 1024  # of inflated rows per band
_STORED = 65_535  # the most a stored deflate block holds
# Bytes a pixel for each colour type read here: grey, RGB, palette, grey+alpha, RGBA.
_PIXEL_BYTES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


class _Unreadable(Exception):
    pass


@dataclass
class _Png:
    width: int
    height: int
    colour: int
    extra: list[bytes] = field(default_factory=list)  # PLTE and tRNS chunks, whole
    idat: list[memoryview] = field(default_factory=list)


def shrunk_png(data: bytes, size: QSize, band_bytes: int = BAND_BYTES) -> QImage | None:
    """The PNG `data` scaled to `size` (nearest-pixel sampling): None when it is not a PNG
    this module reads, so that the caller decodes it whole instead."""
    try:
        png = _parse(data)
        return _sampled(png, size, band_bytes)
    except (_Unreadable, zlib.error, struct.error):
        return None


def _parse(data: bytes) -> _Png:
    if not data.startswith(SIGNATURE):
        raise _Unreadable
    view = memoryview(data)
    png: _Png | None = None
    pos = len(SIGNATURE)
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = bytes(view[pos + 4 : pos + 8])
        body = view[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in _PIXEL_BYTES or interlace or not width or not height:
                raise _Unreadable
            png = _Png(width, height, colour)
        elif png is None or kind == b"eXIf":  # an orientation to turn by: Qt's own reader
            raise _Unreadable
        elif kind in (b"PLTE", b"tRNS"):
            png.extra.append(bytes(view[pos : pos + 12 + length]))
        elif kind == b"IDAT":
            png.idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if png is None or not png.idat:
        raise _Unreadable
    return png


def _bands(png: _Png, band_bytes: int) -> Iterator[tuple[int, QImage]]:
    """(the row of the picture its first row is, a band decoded) from top to bottom; a band
    after the first starts with the last row of the one before."""
    row_bytes = 1 + png.width * _PIXEL_BYTES[png.colour]
    rows_per_band = max(1, band_bytes // row_bytes)
    top = 0
    above = b""
    for raw in _inflated(png.idat, row_bytes * rows_per_band):
        rows = min(len(raw) // row_bytes, png.height - top)
        if rows <= 0:
            break
        lead = b"\x00" + above if above else b""
        height = rows + bool(lead)
        image = QImage.fromData(_wrapped(png, height, lead, memoryview(raw)[: rows * row_bytes]))
        if image.isNull() or image.size() != QSize(png.width, height):
            raise _Unreadable
        yield top - bool(lead), image
        top += rows
        if top >= png.height:
            return
        above = _raw_row(image, height - 1, png)
    raise _Unreadable  # fewer rows than the header says: let Qt's reader judge the file


def _inflated(idat: list[memoryview], band: int) -> Iterator[bytes]:
    """The inflated rows, `band` bytes at a time; at most that much is held."""
    inflater = zlib.decompressobj()
    pieces: list[bytes] = []
    held = 0
    for chunk in idat:
        data: bytes | memoryview = chunk
        while data:
            piece = inflater.decompress(data, band - held)
            data = inflater.unconsumed_tail
            pieces.append(piece)
            held += len(piece)
            if held == band:
                yield b"".join(pieces)
                pieces, held = [], 0
    pieces.append(inflater.flush())
    if any(pieces):
        yield b"".join(pieces)


def _wrapped(png: _Png, rows: int, lead: bytes, raw: memoryview) -> bytes:
    """A PNG of `rows` rows: `lead` (unfiltered) and `raw` (as filtered in the file), in
    stored deflate blocks: it is decoded at once and never written anywhere, and compressing
    would cost more than all the rest."""
    data = [memoryview(lead), raw] if lead else [raw]
    stream: list[bytes | memoryview] = [b"\x78\x01"]
    adler = 1
    for part in data:
        adler = zlib.adler32(part, adler)
        for start in range(0, len(part), _STORED):
            block = part[start : start + _STORED]
            stream += [struct.pack("<BHH", 0, len(block), 0xFFFF ^ len(block)), block]
    stream += [struct.pack("<BHH", 1, 0, 0xFFFF), struct.pack(">I", adler)]  # the last block
    header = struct.pack(">IIBBBBB", png.width, rows, 8, png.colour, 0, 0, 0)
    return b"".join(
        [
            SIGNATURE,
            *_chunk(b"IHDR", [header]),
            *png.extra,
            *_chunk(b"IDAT", stream),
            *_chunk(b"IEND", []),
        ]
    )


def _chunk(kind: bytes, body: list[bytes | memoryview]) -> list[bytes | memoryview]:
    crc = zlib.crc32(kind)
    for part in body:
        crc = zlib.crc32(part, crc)
    length = sum(len(part) for part in body)
    return [struct.pack(">I", length), kind, *body, struct.pack(">I", crc)]


def _raw_row(image: QImage, y: int, png: _Png) -> bytes:
    """Row `y` of a decoded band as the PNG holds it unfiltered."""
    width = png.width
    if png.colour == 3:
        if image.format() != QImage.Format.Format_Indexed8:
            raise _Unreadable
        return _bytes_of(image.copy(0, y, width, 1))[:width]
    if image.format() in (
        QImage.Format.Format_ARGB32_Premultiplied,
        QImage.Format.Format_RGBA8888_Premultiplied,
        QImage.Format.Format_Indexed8,  # grey with a transparent shade: that shade is gone
    ):
        raise _Unreadable  # the colour under a transparent pixel is gone
    line = image.copy(0, y, width, 1).convertToFormat(QImage.Format.Format_RGBA8888)
    rgba = _bytes_of(line)[: width * 4]
    if png.colour == 6:
        return rgba
    channels = {0: (0,), 2: (0, 1, 2), 4: (0, 3)}[png.colour]
    out = bytearray(width * len(channels))
    for place, channel in enumerate(channels):
        out[place :: len(channels)] = rgba[channel::4]
    return bytes(out)


def _bytes_of(image: QImage) -> bytes:
    # Copied while `image` is held: its bits are freed with it.
    return bytes(image.constBits())


def _sampled(png: _Png, size: QSize, band_bytes: int) -> QImage:
    """Each row of `size` taken from the source row at its middle, scaled along."""
    result = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    result.fill(Qt.GlobalColor.transparent)
    wanted = [(y * 2 + 1) * png.height // (size.height() * 2) for y in range(size.height())]
    painter = QPainter(result)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    try:
        y = 0
        for top, band in _bands(png, band_bytes):  # top: the picture's row of band's first
            while y < len(wanted) and wanted[y] < top + band.height():
                line = band.copy(0, wanted[y] - top, png.width, 1)
                painter.drawImage(
                    QPoint(0, y),
                    line.scaled(
                        size.width(),
                        1,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation,
                    ),
                )
                y += 1
            if y == len(wanted):
                break
    finally:
        painter.end()
    return result
