"""Fitting one short text (a name, an organisation) into a box: shrink, wrap once, then elide.

Sizes are whole device pixels (QFont pixel sizes); a badge at 1200 dpi in a PDF and at 300 dpi
in a preview picks its sizes the same way from millimetres, so both look alike."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

# Hinting and rounding make the painted width differ from the measured one by a hair;
# keep that much room so nothing ever touches the box's edge.
_SAFETY = 0.97


@dataclass(frozen=True)
class FittedText:
    font: QFont
    lines: tuple[str, ...]
    widths: tuple[float, ...]  # advance of each line, pixels
    ascent: float
    line_height: float  # baseline to baseline

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)


@lru_cache(maxsize=512)
def font(pixel_size: int, weight: int = 400, spacing: float = 100.0) -> QFont:
    """The default sans-serif font at a pixel size; cached, Qt copies fonts cheaply."""
    result = QFont()
    result.setStyleHint(QFont.StyleHint.SansSerif)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    result.setPixelSize(max(1, pixel_size))
    result.setWeight(QFont.Weight(weight))
    if spacing != 100.0:
        result.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
    return result


@lru_cache(maxsize=512)
def metrics(pixel_size: int, weight: int = 400, spacing: float = 100.0) -> QFontMetricsF:
    return QFontMetricsF(font(pixel_size, weight, spacing))


def text_width(text: str, pixel_size: int, weight: int = 400, spacing: float = 100.0) -> float:
    """The room the text takes: its advance, or its ink where a glyph overhangs."""
    m = metrics(pixel_size, weight, spacing)
    return max(m.horizontalAdvance(text), m.boundingRect(text).right())


def _largest_size(
    texts: tuple[str, ...], width: float, high: int, low: int, weight: int, spacing: float
) -> int:
    """The largest pixel size in low..high at which every text fits `width`, or low - 1."""
    widest = max(text_width(t, high, weight, spacing) for t in texts)
    if widest <= width:
        return high
    # Width grows nearly in proportion to size: guess, then step down to be sure.
    size = min(high, int(high * width / widest))
    while size >= low and max(text_width(t, size, weight, spacing) for t in texts) > width:
        size = min(size - 1, int(size * 0.98))
    return size


def _splits(text: str) -> list[tuple[str, str]]:
    """Ways to put the text on two lines: at spaces, or after hyphens (Hohen-|zollern)."""
    found: list[tuple[str, str]] = []
    for index, char in enumerate(text):
        if char == " ":
            first, second = text[:index].rstrip(), text[index + 1 :].lstrip()
        elif char in "-‐/" and 0 < index < len(text) - 1:
            first, second = text[: index + 1], text[index + 1 :].lstrip()
        else:
            continue
        if first and second:
            found.append((first, second))
    return found


def _elided(text: str, room: float, size: int, weight: int, spacing: float) -> str:
    m = metrics(size, weight, spacing)
    limit = room
    while text_width(text, size, weight, spacing) > room and limit > 0:
        text = m.elidedText(text, Qt.TextElideMode.ElideRight, limit)
        limit -= max(1.0, room * 0.02)
    return text if text_width(text, size, weight, spacing) <= room else ""


@lru_cache(maxsize=16384)
def fit_text(
    text: str,
    width: float,
    max_px: int,
    min_px: int,
    weight: int = 400,
    max_lines: int = 1,
    spacing: float = 100.0,
) -> FittedText:
    """The text at the largest size up to max_px that fits `width` pixels, on up to two lines;
    below min_px it is elided at min_px. Every returned line fits `width`."""
    text = " ".join(text.split())
    room = width * _SAFETY
    min_px = max(1, min(min_px, max_px))
    size = _largest_size((text,), room, max_px, min_px, weight, spacing)
    lines: tuple[str, ...] = (text,)
    # Two lines only when one would shrink a lot: a wrapped name reads worse than a smaller one.
    if max_lines >= 2 and size < max_px * 0.8:
        best = (size, lines)
        for first, second in _splits(text):
            candidate = _largest_size((first, second), room, max_px, min_px, weight, spacing)
            if candidate > best[0]:
                best = (candidate, (first, second))
        if best[0] >= size * 1.15 or size < min_px:
            size, lines = best
    if size < min_px:
        size = min_px
        lines = tuple(_elided(line, room, size, weight, spacing) for line in lines)
    m = metrics(size, weight, spacing)
    return FittedText(
        font=font(size, weight, spacing),
        lines=lines,
        widths=tuple(text_width(line, size, weight, spacing) for line in lines),
        ascent=m.ascent(),
        line_height=m.ascent() + m.descent(),
    )
