"""Turning a card picture upright, whatever way the card lay in the photo, and reading it.

The text is read once as the card lies. Lines of text are long and level on an upright card:
if most boxes stand tall, the card lies on its side, and is turned a quarter and read again.
Whether it is upside down is asked of RapidOCR's small orientation model on a few of the
longest lines (milliseconds): a card upside down is turned, and its lines moved with it, as
the recogniser already read each line the right way up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdesk.scan import ocr
from netdesk.scan.text_lines import TextLine

if TYPE_CHECKING:
    import numpy as np

# How many of the longest lines are asked which way up they are.
ASKED_LINES = 6


def read_upright(card: np.ndarray) -> tuple[np.ndarray, list[TextLine]]:
    """The card picture turned upright, and its lines of text in that picture's pixels."""
    import numpy as np

    lines = ocr.read_lines(card)
    if not lines:
        return card, []
    if _lying(lines):
        # Turned a quarter clockwise, then asked whether that left it upside down.
        turned = np.ascontiguousarray(np.rot90(card, k=-1))
        if _upside_down(turned, [_quarter_clockwise(line, card.shape[0]) for line in lines]):
            turned = np.ascontiguousarray(np.rot90(card, k=1))
        return turned, ocr.read_lines(turned)
    if _upside_down(card, lines):
        height, width = card.shape[:2]
        flipped = [_half_turn(line, width, height) for line in lines]
        return np.ascontiguousarray(np.rot90(card, k=2)), ocr.reading_order(flipped)
    return card, lines


def _lying(lines: list[TextLine]) -> bool:
    """Most of the text (by length) stands in tall boxes: the card lies on its side."""
    tall = sum(line.height for line in lines if line.height >= 1.5 * line.width)
    level = sum(line.width for line in lines if line.width >= 1.5 * line.height)
    return tall > level


def _upside_down(card: np.ndarray, lines: list[TextLine]) -> bool:
    import cv2

    height, width = card.shape[:2]
    longest = sorted(
        (line for line in lines if line.width >= 2 * line.height),
        key=lambda line: line.width,
        reverse=True,
    )[:ASKED_LINES]
    flipped = upright = 0.0
    for line in longest:
        pad = line.height * 0.15
        top, bottom = max(0, int(line.top - pad)), min(height, int(line.bottom + pad) + 1)
        left, right = max(0, int(line.left - pad)), min(width, int(line.right + pad) + 1)
        if bottom - top < 4 or right - left < 8:
            continue
        crop = cv2.cvtColor(card[top:bottom, left:right], cv2.COLOR_RGB2BGR)
        for label, score in ocr.orientation(crop):
            if label == "180":
                flipped += score
            else:
                upright += score
    return flipped > upright


def _quarter_clockwise(line: TextLine, height: int) -> TextLine:
    """The line's box once the picture (`height` pixels high) is turned a quarter clockwise."""
    return TextLine(line.text, height - line.bottom, line.left, line.height, line.width, line.score)


def _half_turn(line: TextLine, width: int, height: int) -> TextLine:
    return TextLine(
        line.text, width - line.right, height - line.bottom, line.width, line.height, line.score
    )
