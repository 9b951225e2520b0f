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


def png_noise(side: int = 16) -> bytes:
    """A real RGB PNG of `side` x `side` pixels of noise: a few hundred bytes at 16, that do
    not compress away (a photo's base64 that folds over many lines)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    seed = 7
    rows = bytearray()
    for _ in range(side):
        rows.append(0)  # filter type None
        for _ in range(side * 3):
            seed = (seed * 1103515245 + 12345) % 2**31
            rows.append((seed >> 16) % 4 * 64)
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )
