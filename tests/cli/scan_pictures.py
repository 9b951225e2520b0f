"""Business-card pictures for the `netdesk scan` tests, drawn with Pillow: a plain card, flat
on a white background, as a flatbed scan shows it (the reader's own tests cover photographed
ones)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

_FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _font(size: int, bold: bool = False) -> object:
    from PIL import ImageFont

    path = _FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        pytest.skip("the DejaVu fonts (Debian package fonts-dejavu-core) are not installed")
    return ImageFont.truetype(str(path), size)


def card_jpeg(*lines: str, kind: str = "JPEG") -> bytes:
    """A 1050x600 white card with a margin of grey around it: the first line big and bold
    (the name), the others below it in a smaller size."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (1250, 800), (170, 170, 170))
    card = Image.new("RGB", (1050, 600), (255, 255, 255))
    draw = ImageDraw.Draw(card)
    top = 70
    for number, line in enumerate(lines):
        size = 60 if number == 0 else 36
        draw.text((80, top), line, fill=(20, 20, 20), font=_font(size, number == 0))  # type: ignore[arg-type]
        top += size + (40 if number == 0 else 22)
    picture.paste(card, (100, 100))
    out = io.BytesIO()
    picture.save(out, kind, quality=90) if kind == "JPEG" else picture.save(out, kind)
    return out.getvalue()


def blank_jpeg() -> bytes:
    """A plain light picture: no card, no text."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 600), (235, 232, 225)).save(out, "JPEG", quality=90)
    return out.getvalue()


ANA = ("Ana Lima", "Head of Sales", "Example GmbH", "ana.lima@example.com", "M +49 170 5550123")
BRUNO = ("Bruno Costa", "Software Engineer", "Acme Ltd", "bruno@acme.example", "T +44 20 7946 0018")
