"""Escaping and folding for vCard 3.0 and 4.0 content lines.

Text values are escaped (RFC 2426 section 5, RFC 6350 section 3.4), URI values only lose the
control characters that would end the line, parameter values are quoted when they need it (and
RFC 6868 ^-escaped in 4.0), and content lines fold at 75 octets without splitting a UTF-8
character.
"""

from __future__ import annotations

import re

FOLD_OCTETS = 75

# A value may hold neither line breaks (they become \n) nor other control characters (no
# vCard grammar allows them; they would make the card unreadable for strict parsers).
_TEXT_ESCAPES: dict[int, str | None] = {c: None for c in range(0x20) if c != 0x09}
_TEXT_ESCAPES.update(
    {ord("\\"): "\\\\", ord(","): "\\,", ord(";"): "\\;", ord("\n"): "\\n", 0x7F: None}
)
_TEXT_NEEDS_WORK = re.compile(r"[\\,;\x00-\x08\x0a-\x1f\x7f]")
# URIs are not escaped (RFC 6350 section 4): only control characters and line breaks go.
_URI_CLEAN: dict[int, str | None] = {c: None for c in range(0x20)}
_URI_CLEAN[0x7F] = None

# Parameter values: SAFE-CHAR excludes DQUOTE ; : , and controls; QSAFE-CHAR only DQUOTE and
# controls (RFC 2426 section 4, RFC 6350 section 3.3).
_PARAM_UNSAFE = re.compile(r'[";:,\x00-\x1f\x7f]')
_PARAM_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def escaped_text(value: str) -> str:
    """A text value escaped for a content line (backslash, comma, semicolon, line breaks);
    other control characters are dropped."""
    if not _TEXT_NEEDS_WORK.search(value):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_TEXT_ESCAPES)


def uri_value(value: str) -> str:
    """A URI value: not escaped, but without the control characters that would end the line."""
    return value.translate(_URI_CLEAN) if _PARAM_CONTROL.search(value) else value


def param_value(value: str, v4: bool) -> str:
    """A parameter value, quoted when it holds ; : or , (which would end it otherwise)."""
    if not _PARAM_UNSAFE.search(value) and not (v4 and "^" in value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if v4:
        # RFC 6868: ^ escapes the caret, a line break and the double quote.
        value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    else:
        # RFC 2426 has no way to write these inside a parameter value.
        value = value.replace("\n", " ").replace('"', "'")
    value = _PARAM_CONTROL.sub("", value)
    return f'"{value}"' if re.search(r"[;:,]", value) else value


def folded(line: str) -> str:
    """Fold at 75 octets, continuation lines starting with a space, never inside a character."""
    if line.isascii():
        if len(line) <= FOLD_OCTETS:
            return line
        pieces = [line[:FOLD_OCTETS]]
        pieces.extend(
            line[start : start + FOLD_OCTETS - 1]
            for start in range(FOLD_OCTETS, len(line), FOLD_OCTETS - 1)
        )
        return "\r\n ".join(pieces)
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return line
    pieces = []
    start = 0
    limit = FOLD_OCTETS
    while len(data) - start > limit:
        end = start + limit
        # Back up to the first byte of a character: UTF-8 continuation bytes are 10xxxxxx.
        while data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end].decode())
        start = end
        limit = FOLD_OCTETS - 1
    pieces.append(data[start:].decode())
    return "\r\n ".join(pieces)
