"""Extra lines made into valid vCard 3.0/4.0 content lines before they are written back.

Readers keep the lines netdesk has no field for; the writer passes them on, repaired only where
a strict reader would refuse them (vCard 2.1 bare parameters, names with "_" or "/", unquoted
parameter values, control characters).
"""

from __future__ import annotations

import re

from netdesk.formats.vcard.write_escape import param_value

_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
# A whole content line that is already valid RFC 2426 / RFC 6350 syntax.
_PARAM_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
_VALID_LINE = re.compile(
    rf"(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+"
    rf"(?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*"
    r":[^\x00-\x08\x0a-\x1f\x7f]*"
)
_NOT_NAME_CHARS = re.compile(r"[^A-Za-z0-9-]")
_VALUE_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# vCard 2.1 writes these encodings as bare parameters ("PHOTO;BASE64:").
_BARE_ENCODINGS = frozenset({"BASE64", "B", "QUOTED-PRINTABLE", "8BIT", "7BIT"})


def content_line(line: str) -> str | None:
    """`line` as a valid vCard 3.0/4.0 content line, or None when no property is left in it.

    Extra lines are written as they came, unless a strict reader would refuse them: vCard 2.1
    bare parameters (`TEL;HOME`, `PHOTO;BASE64`) get their TYPE= or ENCODING= name, empty
    parameters go, characters that names may not hold ("_", "/") become "-", parameter values
    are quoted where they must be, and control characters leave the value. Readers that keep
    extra lines this way get them back unchanged from an export.
    """
    if "\n" in line or "\r" in line:
        # One unfolded content line: a stray line break would end it early (and a soft line
        # break of quoted-printable text joins what it splits).
        line = line.replace("\r", "").replace("\n", "")
    if _VALID_LINE.fullmatch(line):
        return line
    colon = value_colon(line)
    if colon < 0:
        return None
    segments = _split_outside_quotes(line[:colon], ";")
    group, _, name = segments[0].strip().rpartition(".")
    name = _NOT_NAME_CHARS.sub("-", name.strip())
    if not name.strip("-"):
        return None
    group = _NOT_NAME_CHARS.sub("-", group.strip())
    params = []
    for segment in segments[1:]:
        key, equals, raw = segment.partition("=")
        if not equals:
            # vCard 2.1 names only the value: an encoding or a list of types ("MSG,WORK").
            bare = [t.strip().strip('"') for t in key.split(",") if t.strip().strip('"')]
            if len(bare) == 1 and bare[0].upper() in _BARE_ENCODINGS:
                params.append(f"ENCODING={param_value(bare[0], False)}")
            elif bare:
                params.append("TYPE=" + ",".join(param_value(t, False) for t in bare))
            continue
        key = _NOT_NAME_CHARS.sub("-", key.strip())
        if not key.strip("-"):
            continue
        values = [v.strip() for v in _split_outside_quotes(raw, ",")]
        values = [v[1:-1] if len(v) >= 2 and v[0] == v[-1] == '"' else v for v in values]
        params.append(f"{key}=" + ",".join(param_value(v, False) for v in values))
    head = f"{group}.{name}" if group else name
    value = _VALUE_CONTROL.sub("", line[colon + 1 :])
    return ";".join([head, *params]) + ":" + value


def value_colon(line: str) -> int:
    """Where the value starts: the first colon outside double-quoted parameter values."""
    inside = False
    for index, char in enumerate(line):
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    pieces, start, inside = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == separator and not inside:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def property_name(line: str) -> str:
    """The property name of a content line, upper case and without its group."""
    match = _NAME.match(line)
    return match.group(1).upper() if match else ""
