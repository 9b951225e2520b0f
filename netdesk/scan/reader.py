"""Scanning business cards: a photo (file or bytes) in, the cards found on it out, each with
its upright picture, the lines of text read off it, and the fields recognised."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.scan.card_fields import CardFields
from netdesk.scan.errors import ScanError
from netdesk.scan.text_lines import TextLine

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ScanError", "ScannedCard", "scan_data", "scan_file"]

Progress = Callable[[str], None]
JPEG_QUALITY = 85


@dataclass
class ScannedCard:
    source: str  # the photo's file name (for messages and CardImage.source)
    index: int  # 0-based card number within that photo
    image: bytes  # the upright card picture, JPEG (long side <= 1600)
    width: int
    height: int
    lines: list[TextLine] = field(default_factory=list)
    fields: CardFields = field(default_factory=CardFields)


def scan_file(
    path: Path, region: str | None = None, progress: Progress | None = None
) -> list[ScannedCard]:
    """The cards on the photo in the file (or FIFO / stream); [] when it shows no card.
    ScanError (naming the file and the reason) when it cannot be read as a picture."""
    from netdesk.scan.images import read_path

    path = Path(path)
    _say(progress, f"Opening {path.name}…")
    data = read_path(path)
    return _scan(data, str(path), path.name or str(path), region, progress)


def scan_data(
    data: bytes, name: str, region: str | None = None, progress: Progress | None = None
) -> list[ScannedCard]:
    """As scan_file, for a picture already in memory (pasted, dropped, read from stdin);
    `name` names it in messages and as the cards' source."""
    return _scan(data, name, Path(name).name or name, region, progress)


def _scan(
    data: bytes, name: str, source: str, region: str | None, progress: Progress | None
) -> list[ScannedCard]:
    from netdesk.scan.available import missing_scanner

    missing = missing_scanner()
    if missing:
        raise ScanError(f"{name}: {missing}")
    from netdesk.scan.images import load_rgb
    from netdesk.scan.outline import card_pictures
    from netdesk.scan.recognise import recognise
    from netdesk.scan.upright import read_upright

    photo = load_rgb(data, name)
    _say(progress, "Finding the card…")
    pictures = card_pictures(photo)
    del photo
    cards: list[ScannedCard] = []
    for number, picture in enumerate(pictures, start=1):
        if len(pictures) > 1:
            _say(progress, f"Reading the text of card {number} of {len(pictures)}…")
        else:
            _say(progress, "Reading the text…")
        card, lines = read_upright(picture)
        if not lines:
            continue
        fields = recognise(lines, region)
        # A back may carry only web and social addresses: kept, so that it can join its front.
        if fields.is_empty() and not fields.urls:
            continue
        height, width = card.shape[:2]
        cards.append(ScannedCard(source, len(cards), _jpeg(card), width, height, lines, fields))
    return cards


def _jpeg(card: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(card).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _say(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)
