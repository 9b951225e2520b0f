"""One vCard content line: `[group.]NAME[;param...]:value`, its parameters and value escapes.

Tolerant of what real files contain: 2.1 bare parameters (`TEL;CELL;PREF`), several TYPE
parameters, quoted values holding ':' ',' or ';', empty parameters (`NOPARAM;:`), lowercase
names, RFC 6868 escapes (^n ^^ ^') and escaped colons (Google's `http\\://`).
"""

from __future__ import annotations

import re

# Parameter values that say how the value is encoded, not what it is (2.1 writes them bare).
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_RFC6868 = re.compile(r"\^[n^']")
_RFC6868_CHARS = {"^n": "\n", "^^": "^", "^'": '"'}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED_CHARS = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ",", ":": ":"}


class Params:
    """What netdesk reads from a line's parameters; the raw text stays in the line itself."""

    __slots__ = (
        "charset",
        "encoding",
        "kind",
        "label",
        "mediatype",
        "pref",
        "types",
        "value_type",
    )

    def __init__(self) -> None:
        self.types: list[str] = []  # lower-case, in file order, "pref" included
        self.pref = False  # PREF=1 (4.0)
        self.encoding = ""  # upper-case: "QUOTED-PRINTABLE", "B", "BASE64", ...
        self.charset = ""
        self.value_type = ""  # lower-case VALUE: "uri", "text", "date", ...
        self.label = ""  # ADR;LABEL= (4.0)
        self.mediatype = ""  # MEDIATYPE= (4.0)
        self.kind: tuple[str, bool] | None = None  # the reader's (kind, preferred), once known


def split_line(text: str) -> tuple[str, str, str, str] | None:
    """(group, name as written, parameter text, value) or None when there is no ':'."""
    head, colon, value = text.partition(":")
    if not colon:
        return None
    if '"' in head:  # a quoted parameter value may hold ':'
        end = _colon_after_quotes(text, text.index('"'))
        if end < 0:
            return None
        head, value = text[:end], text[end + 1 :]
    name, _, params = head.partition(";")
    group = ""
    if "." in name:
        group, _, name = name.rpartition(".")
        group = group.strip()
    return group, name.strip(), params, value


def _colon_after_quotes(text: str, quote: int) -> int:
    inside = False
    for index in range(quote, len(text)):
        char = text[index]
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


def split_params(text: str) -> list[str]:
    """The parameter segments of a line, split on ';' outside double quotes."""
    if '"' not in text:
        return text.split(";")
    segments: list[str] = []
    inside = False
    start = 0
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == ";" and not inside:
            segments.append(text[start:index])
            start = index + 1
    segments.append(text[start:])
    return segments


_CACHE: dict[str, Params] = {}
_CACHE_SIZE = 4096
# Longer parameter lists are not remembered: real ones are short, and a cache of 4,096 crafted
# megabyte-long lists (with their parsed types) would hold gigabytes.
_CACHE_TEXT = 256


def parsed_params(text: str) -> Params:
    """`parse_params`, remembered: files repeat the same few parameter lists on every card.

    The Params returned are shared, so callers must not change them (only fill the `kind`
    memo, which is the same for every line with these parameters).
    """
    if len(text) > _CACHE_TEXT:
        return parse_params(text)
    params = _CACHE.get(text)
    if params is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        params = _CACHE[text] = parse_params(text)
    return params


def parse_params(text: str) -> Params:
    params = Params()
    for segment in split_params(text):
        key, equals, value = segment.partition("=")
        key = key.strip().upper()
        if not equals:
            if not key:
                continue  # empty parameter, as in "NOPARAM;:" or "A;;B"
            if key in _ENCODINGS:
                params.encoding = key
            else:  # 2.1 bare type, sometimes a comma list ("MSG,WORK")
                params.types.extend(_type_list(key))
            continue
        if key == "TYPE":
            if '"' in value:
                value = value.replace('"', "")
            if "^" in value:
                value = decode_param(value)
            params.types.extend(_type_list(value))
        elif key == "PREF":
            level = value.strip().strip('"')
            params.pref = not level.isdigit() or int(level) <= 1
        elif key == "ENCODING":
            params.encoding = value.strip().strip('"').upper()
        elif key == "CHARSET":
            params.charset = value.strip().strip('"')
        elif key == "VALUE":
            params.value_type = value.strip().strip('"').lower()
        elif key == "LABEL":
            params.label = decode_param(_unquote(value))
        elif key == "MEDIATYPE":
            params.mediatype = _unquote(value).strip().lower()
    return params


def _type_list(value: str) -> list[str]:
    kinds = value.lower().split(",")
    if " " in value or "\t" in value:
        kinds = [kind.strip() for kind in kinds]
    return [kind for kind in kinds if kind]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def decode_param(value: str) -> str:
    """Undo RFC 6868 parameter escapes: ^n newline, ^^ caret, ^' double quote."""
    if "^" not in value:
        return value
    return _RFC6868.sub(lambda m: _RFC6868_CHARS[m.group(0)], value)


def unescape(value: str) -> str:
    r"""Undo value escapes: \\ \; \, \: and \n or \N (newline). Other backslashes stay."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _ESCAPED_CHARS.get(m.group(1), m.group(0)), value)


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on `separator` where it is not escaped by a backslash; pieces stay escaped."""
    if "\\" not in value:
        return value.split(separator)
    if "\x00" in value or "\x01" in value:
        return _split_escaped_slowly(value, separator)
    # Hide escaped backslashes and separators behind control characters no vCard value holds.
    escaped = "\\" + separator
    hidden = value.replace("\\\\", "\x00").replace(escaped, "\x01")
    return [
        piece.replace("\x01", escaped).replace("\x00", "\\\\") for piece in hidden.split(separator)
    ]


def _split_escaped_slowly(value: str, separator: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    index = 0
    end = len(value)
    while index < end:
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == separator:
            pieces.append(value[start:index])
            start = index + 1
        index += 1
    pieces.append(value[start:])
    return pieces


def components(value: str, separator: str = ";") -> list[str]:
    """A structured value's unescaped components (N, ADR, ORG) or list items (CATEGORIES)."""
    return [unescape(piece) for piece in split_escaped(value, separator)]


def escape_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
