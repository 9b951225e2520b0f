"""Control characters, which no text field of a contact or an event has a use for.

Removed: C0 controls but tab, line feed and carriage return (line breaks are a note's own;
single-line fields turn them into spaces when they are cleaned), DEL, the C1 controls
U+0080-U+009F (what a Windows-1252 file read as Latin-1 leaves, never text) and U+FEFF, a byte
order mark that a joined file carries into the middle of a value, invisible there. The Unicode
line and paragraph separators U+2028 and U+2029 are line breaks, not controls: they become "\\n".
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SEPARATORS = re.compile(r"[\u2028\u2029]")
_LINE_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ufeff]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]")


def has_control(value: str) -> bool:
    """Whether `value` holds a character clean_text removes (not just a line separator)."""
    return _CONTROL.search(value) is not None


def clean_text(value: str) -> str:
    """`value` without control characters, its Unicode line separators made line feeds."""
    if not _NEEDS_WORK.search(value):
        return value
    return _SEPARATORS.sub("\n", _CONTROL.sub("", value))


def clean_fields(data: T) -> T:
    """A copy of a dataclass (a form's input, a record to write) with clean_text applied to
    each text and list of texts it holds; the same object when none needed it."""
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(data):  # type: ignore[arg-type]
        value = getattr(data, field.name)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned is not value:
                changes[field.name] = cleaned
        elif isinstance(value, list) and any(
            isinstance(v, str) and _NEEDS_WORK.search(v) for v in value
        ):
            changes[field.name] = [clean_text(v) if isinstance(v, str) else v for v in value]
    return dataclasses.replace(data, **changes) if changes else data  # type: ignore[type-var]


def without_line_controls(line: str) -> str:
    """An unfolded content line of a vCard or iCalendar file without control characters,
    line breaks included (a value's own are escaped as \\n before): a writer's last guard
    against text an older netdesk or another program stored."""
    return _LINE_CONTROL.sub("", line) if _LINE_CONTROL.search(line) else line
