"""Control characters, which no text field of a contact or an event has a use for.

Removed: C0 controls but tab, line feed and carriage return (line breaks are a note's own;
single-line fields turn them into spaces when they are cleaned), DEL, the C1 controls
U+0080-U+009F (what a Windows-1252 file read as Latin-1 leaves, never text) and U+FEFF, a byte
order mark that a joined file carries into the middle of a value, invisible there. The Unicode
line and paragraph separators U+2028 and U+2029 are line breaks, not controls: they become "\\n".
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SEPARATORS = re.compile(r"[\u2028\u2029]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]")


def has_control(value: str) -> bool:
    """Whether `value` holds a character clean_text removes (not just a line separator)."""
    return _CONTROL.search(value) is not None


def clean_text(value: str) -> str:
    """`value` without control characters, its Unicode line separators made line feeds."""
    if not _NEEDS_WORK.search(value):
        return value
    return _SEPARATORS.sub("\n", _CONTROL.sub("", value))
