"""What the text recogniser read on a card: lines of text, where they sit, how sure it was."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLine:
    """One line of text as read off the upright card picture.

    Positions are in pixels of that picture (origin top left); `score` is the recogniser's
    confidence from 0 to 1. The field recogniser uses the size and position (the biggest line
    near the top is usually the name) as much as the words.
    """

    text: str
    left: float
    top: float
    width: float
    height: float
    score: float = 1.0

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width
