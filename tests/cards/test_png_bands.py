"""A big PNG read a band of rows at a time: exactly the picture Qt decodes whole, for every
kind of PNG read so, and None (decode it whole) for the others."""

from __future__ import annotations

import random
import struct

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from netdesk.cards.png_bands import shrunk_png
from tests.pictures import png_of

WIDTH, HEIGHT = 67, 41
PIXEL_BYTES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def stored_rows(colour: int, seed: int) -> bytes:
    """Random rows, each led by a random filter type: any bytes are valid filtered data, and
    every filter but "None" refers to the row above and the pixel to the left."""
    rng = random.Random(seed)
    return b"".join(
        bytes([rng.randrange(5)]) + rng.randbytes(WIDTH * PIXEL_BYTES[colour])
        for _ in range(HEIGHT)
    )


PALETTE = (b"PLTE", bytes(range(256)) * 3)

KINDS = {
    "grey": (0, ()),
    "RGB": (2, ()),
    "RGB with a transparent colour": (2, ((b"tRNS", b"\x00\x07\x00\x08\x00\x09"),)),
    "palette": (3, (PALETTE,)),
    "palette with transparency": (3, (PALETTE, (b"tRNS", bytes(range(0, 256, 2))))),
    "grey and alpha": (4, ()),
    "RGBA": (6, ()),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("band_bytes", [1, 500, 10**6])
def test_the_bands_make_exactly_the_whole_picture(kind: str, band_bytes: int) -> None:
    colour, extra = KINDS[kind]
    data = png_of(WIDTH, HEIGHT, colour, stored_rows(colour, seed=colour), *extra)
    whole = QImage.fromData(data)
    assert not whole.isNull()
    banded = shrunk_png(data, QSize(WIDTH, HEIGHT), band_bytes)
    assert banded is not None
    assert banded == whole.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


def test_a_smaller_size_takes_rows_and_columns_from_the_whole_picture() -> None:
    data = png_of(WIDTH, HEIGHT, 6, stored_rows(6, seed=1))
    whole = QImage.fromData(data).convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    small = shrunk_png(data, QSize(20, 10), band_bytes=300)
    assert small is not None
    assert small.size() == QSize(20, 10)
    sampled = {small.pixel(x, y) for x in range(20) for y in range(10)}
    assert sampled <= {whole.pixel(x, y) for x in range(WIDTH) for y in range(HEIGHT)}


def test_other_pngs_are_left_to_qt() -> None:
    rows = stored_rows(6, seed=2)
    grey = stored_rows(0, seed=3)
    good = png_of(WIDTH, HEIGHT, 6, rows)
    sixteen_bits = good.replace(
        struct.pack(">IIB", WIDTH, HEIGHT, 8), struct.pack(">IIB", WIDTH, HEIGHT, 16)
    )
    refused = {
        "not a PNG": b"GIF89a" + good[6:],
        "16 bits a channel": sixteen_bits,
        # Qt makes it a palette whose transparent entry has lost its shade.
        "grey with a transparent shade": png_of(WIDTH, HEIGHT, 0, grey, (b"tRNS", b"\x00\x07")),
        "turned by EXIF": png_of(WIDTH, HEIGHT, 6, rows, (b"eXIf", b"MM\x00*")),
        "rows missing": png_of(WIDTH, HEIGHT, 6, rows[: len(rows) // 2]),
        "not deflate": png_of(WIDTH, HEIGHT, 6, b"")[:-30] + b"\x00" * 30,
    }
    for name, data in refused.items():
        assert shrunk_png(data, QSize(10, 10), band_bytes=500) is None, name
