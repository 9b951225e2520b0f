"""Turning a card picture upright, whatever way the card lay in the photo, and reading it.

Lines of text are long and level on an upright card. Which way the text runs is seen first
from the picture's strokes (milliseconds): smeared along the lines, upright text makes long
level blobs, text on its side tall ones. A card on its side (or one the strokes leave in doubt)
has its text found on a small copy, and whether it lies turned left or right is asked of
RapidOCR's small orientation model on a few of the longest lines. Then the card is read once.
A level card is read at once; if that shows it upside down (the same model, on its longest
lines), its lines are moved with it, as the recogniser turns each line it sees upside down;
unless a line was read unsurely (one it did not turn reads as garbage): then the card, turned,
is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdesk.scan import ocr
from netdesk.scan.text_lines import TextLine

if TYPE_CHECKING:
    import numpy as np

# How many of the longest lines are asked which way up they are.
ASKED_LINES = 6
# The long side of the copies the text's direction is looked for on.
GLANCE_SIDE = 640
STROKES_SIDE = 500
# Lines of an upside-down card all read this surely were each turned by the recogniser.
SURE_READING = 0.85
# A reading with this many lines scored under DOUBTFUL_READING is checked the other way up.
DOUBTFUL_READING = 0.7
DOUBTFUL_LINES = 2
# The strokes decide when one direction has this many times the other's blob length.
DECISIVE = 2.0


def read_upright(card: np.ndarray) -> tuple[np.ndarray, list[TextLine]]:
    """The card picture turned upright, and its lines of text in that picture's pixels."""
    import numpy as np

    card = ocr.readable(card)
    if text_direction(card) != "level":
        turns = quarter_turns(card)
        if turns:
            card = np.ascontiguousarray(np.rot90(card, k=turns))
        return card, ocr.read_lines(card)
    lines = ocr.read_lines(card)
    if not lines:
        return card, []
    if _lying(lines):  # the strokes misled: turned as the lines read say, and read again
        turns = _turns_of(card, lines)
        card = np.ascontiguousarray(np.rot90(card, k=turns))
        return card, ocr.read_lines(card)
    if _upside_down(card, lines):
        turned = np.ascontiguousarray(np.rot90(card, k=2))
        if min(line.score for line in lines) < SURE_READING:
            # A line the recogniser did not turn itself was read upside down (garbage, and
            # unsure): the card is read again turned, and the surer reading kept (on a blurred
            # card the orientation model can be wrong).
            turned_lines = ocr.read_lines(turned)
            if _sureness(turned_lines) >= _sureness(lines):
                return turned, turned_lines
            return card, lines
        height, width = card.shape[:2]
        flipped = [_half_turn(line, width, height) for line in lines]
        return turned, ocr.reading_order(flipped)
    if _doubtful(lines):
        # Several lines read as garbage: the orientation model may have misjudged a blurred
        # card upside down. Read it turned too, and keep the surer reading.
        turned = np.ascontiguousarray(np.rot90(card, k=2))
        turned_lines = ocr.read_lines(turned)
        if _sureness(turned_lines) > _sureness(lines):
            return turned, turned_lines
    return card, lines


def _doubtful(lines: list[TextLine]) -> bool:
    return sum(1 for line in lines if line.score < DOUBTFUL_READING) >= DOUBTFUL_LINES


def _sureness(lines: list[TextLine]) -> float:
    """How much text was read, and how surely (garbage reads short and unsure)."""
    return sum(line.score * len(line.text) for line in lines if line.score >= DOUBTFUL_READING)


def text_direction(card: np.ndarray) -> str | None:
    """ "level" or "lying" as the strokes on the card show it; None when they leave it open."""
    import cv2
    import numpy as np

    height, width = card.shape[:2]
    scale = STROKES_SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    gray = cv2.cvtColor(cv2.resize(card, size, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    strokes = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    _, ink = cv2.threshold(strokes, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    margin = 8  # the card's own edge is no text
    ink[:margin] = 0
    ink[-margin:] = 0
    ink[:, :margin] = 0
    ink[:, -margin:] = 0
    level = _blob_length(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8)), 2)
    lying = _blob_length(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((9, 1), np.uint8)), 3)
    if level > DECISIVE * lying:
        return "level"
    if lying > DECISIVE * level:
        return "lying"
    return None


def _blob_length(mask: np.ndarray, along: int) -> int:
    """The summed length of the blobs at least 4 times longer than thick, along the axis
    `along` (2: level, width in the stats; 3: standing, height)."""
    import cv2

    _, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    across = 3 if along == 2 else 2
    return int(
        sum(row[along] for row in stats[1:] if row[along] >= 4 * row[across] and row[across] >= 3)
    )


def quarter_turns(card: np.ndarray) -> int:
    """How many quarter turns anticlockwise (numpy's rot90) make the card upright, 0 to 3, from
    where text is found on a small copy."""
    import cv2

    height, width = card.shape[:2]
    scale = min(1.0, GLANCE_SIDE / max(height, width))
    small = card
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        small = cv2.resize(card, size, interpolation=cv2.INTER_AREA)
    boxes = [_scaled(box, 1 / scale) for box in ocr.detect(small)]
    if not boxes:
        return 0
    if _lying(boxes):
        return _turns_of(card, boxes)
    return 2 if _upside_down(card, boxes) else 0


def _turns_of(card: np.ndarray, lying: list[TextLine]) -> int:
    """For a card on its side: 3 (a quarter clockwise) or 1 (anticlockwise)."""
    import numpy as np

    height = card.shape[0]
    turned = np.ascontiguousarray(np.rot90(card, k=-1))
    return 1 if _upside_down(turned, [_quarter_clockwise(box, height) for box in lying]) else 3


def _scaled(box: TextLine, factor: float) -> TextLine:
    return TextLine(
        box.text,
        box.left * factor,
        box.top * factor,
        box.width * factor,
        box.height * factor,
        box.score,
    )


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
