"""Finding a quote that opens a CSV cell and is never closed. Without this, the csv module
reads everything after it, the rest of the file, as one cell."""

from __future__ import annotations

import re

_LINE_END = re.compile(r"\r\n|\r|\n")
# A quote with text on both sides (5" floppy): literal to the csv module, and the one way a
# file can hold an even number of quotes and still a quote that is never closed.
# (Written to start with the quote, so that the search jumps from quote to quote.)
_INNER_QUOTE = re.compile(r'"(?=[^"\r\n,;\t])(?<=[^"\r\n,;\t]")')


def unclosed_quote(text: str, delimiter: str) -> int | None:
    """The position of a quote that opens a cell and is not closed before the end of the text,
    or None. Follows the csv module's (non-strict) rules: a quote opens a cell only right
    after a delimiter or a line end; inside, two quotes stand for one."""
    if text.count('"') % 2 == 0 and not _INNER_QUOTE.search(text):
        return None  # quotes that open and close come in pairs: no scan of every quote
    find = text.find
    position = 0
    while (opening := find('"', position)) >= 0:
        if opening and text[opening - 1] not in (delimiter, "\n", "\r"):
            position = opening + 1  # a literal quote inside a cell: 5" floppy
            continue
        inside = opening + 1
        while True:
            closing = find('"', inside)
            if closing < 0:
                return opening
            if text.startswith('"', closing + 1):
                inside = closing + 2
                continue
            break
        position = closing + 1
    return None


def line_of(text: str, position: int) -> int:
    """The 1-based physical line of a position (CR LF, CR and LF each end one line)."""
    return sum(1 for _ in _LINE_END.finditer(text, 0, position)) + 1
