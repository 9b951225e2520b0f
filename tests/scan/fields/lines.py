"""Hand-made cards for the field recogniser: TextLines laid out as a recogniser reads them."""

from __future__ import annotations

from netdesk.scan.text_lines import TextLine

Row = str | tuple[str, float] | tuple[str, float, float]


def card(*rows: Row, left: float = 60.0, score: float = 0.97) -> list[TextLine]:
    """One line per row, top to bottom; a row is the text, or (text, height) for a bigger or
    smaller line, or (text, height, score)."""
    lines: list[TextLine] = []
    top = 40.0
    for row in rows:
        text, height, line_score = _row(row, score)
        lines.append(TextLine(text, left, top, len(text) * height * 0.55, height, line_score))
        top += height * 1.5
    return lines


def beside(label: str, text: str, top: float, height: float = 22.0) -> list[TextLine]:
    """A label printed in a column of its own, left of its value on the same row."""
    return [
        TextLine(label, 60.0, top, len(label) * height * 0.55, height, 0.95),
        TextLine(text, 200.0, top + 1, len(text) * height * 0.55, height, 0.95),
    ]


def _row(row: Row, score: float) -> tuple[str, float, float]:
    if isinstance(row, str):
        return row, 22.0, score
    if len(row) == 2:
        return row[0], row[1], score
    return row[0], row[1], row[2]
