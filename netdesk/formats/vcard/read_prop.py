"""One content line of a vCard file to a `Prop`, within the limits on its size.

The usual UTF-8 line without quotes or transfer encodings takes a fast path; quoted-printable,
CHARSET and legacy code page lines are decoded on the slow one and written back as plain 3.0/4.0
lines. Lines over LINE_LIMIT are kept only when they hold a picture, sound or key small enough
once decoded; otherwise they become a reported problem. The reasons given for lines are here.
"""

from __future__ import annotations

import binascii
import re

from netdesk.formats.records import Problem
from netdesk.formats.vcard.charset import TextDecoder
from netdesk.formats.vcard.lines import CUT_HEAD
from netdesk.formats.vcard.read_card import BINARY_LIMIT, Prop, too_big
from netdesk.formats.vcard.read_line import (
    escape_newlines,
    parsed_params,
    split_line,
    split_params,
)

NO_COLON = "line has no ':' separating name and value"
# Limits that turn hostile or broken lines into reported problems instead of exhausted memory.
# A content line (unfolded) longer than this is left out, unless it holds a picture, sound or
# key: the longest NOTE seen in real address books is a few kilobytes; a megabyte is a book.
LINE_LIMIT = 1024 * 1024
# Properties whose value is binary data (base64 or a data: URI) and may pass LINE_LIMIT up to
# BINARY_LIMIT decoded (see formats.vcard.read_card), each with the word a report uses.
_BINARY = {"PHOTO": "photo", "LOGO": "logo", "SOUND": "sound", "KEY": "key"}
# What is held of a line: all of a BINARY_LIMIT photo in base64 (4/3 of its size) with room for
# its parameters and the indentation of 2.1 continuation lines (about 4%). Of longer lines
# only the beginning is kept, to name them in the report.
KEEP = BINARY_LIMIT * 3 // 2
_PRINTABLE_NAME = re.compile(r"[A-Z0-9._/-]{1,64}").fullmatch


def parse(number: int, raw: bytes, decoder: TextDecoder) -> Prop | None:
    """The fast path for the usual UTF-8 line without quotes or transfer encodings."""
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return _parse_slowly(number, raw, decoder, legacy=True)
    head, colon, value = text.partition(":")
    if not colon or '"' in head:
        return _parse_slowly(number, raw, decoder, legacy=False)
    name, _, param_text = head.partition(";")
    group = ""
    if "." in name:
        group, _, name = name.rpartition(".")
    params = parsed_params(param_text) if param_text else None
    if params is not None and (params.charset or params.encoding == "QUOTED-PRINTABLE"):
        return _parse_slowly(number, raw, decoder, legacy=False)
    return number, group.strip(), name.strip().upper(), params, value, text


def _parse_slowly(number: int, raw: bytes, decoder: TextDecoder, legacy: bool) -> Prop | None:
    # Bytes map 1:1 to Latin-1 characters: good enough to find the parameters (ASCII), then
    # the value is decoded again with its CHARSET or the file's code page.
    text = raw.decode("latin-1") if legacy else raw.decode()
    parts = split_line(text)
    if parts is None:
        return None
    group, name, param_text, value = parts
    params = parsed_params(param_text) if param_text else None
    if params is not None and (params.charset or params.encoding == "QUOTED-PRINTABLE"):
        if params.encoding == "QUOTED-PRINTABLE":
            encoded = value.encode("latin-1" if legacy else "utf-8")
            value = decoder.decode(binascii.a2b_qp(encoded), params.charset)
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        elif legacy:
            value = decoder.decode(value.encode("latin-1"), params.charset)
        # Written back as a 3.0/4.0 line: decoded text, no transfer parameters.
        text = _plain_line(group, name, param_text, value)
    elif legacy:
        text = decoder.decode(raw)
        parts = split_line(text)
        if parts is None:
            return None
        group, name, param_text, value = parts
        params = parsed_params(param_text) if param_text else None
    return number, group, name.upper(), params, value, text


def _plain_line(group: str, name: str, param_text: str, value: str) -> str:
    kept = [segment for segment in split_params(param_text) if not _is_transfer(segment)]
    head = f"{group}.{name}" if group else name
    if kept:
        head += ";" + ";".join(kept)
    return f"{head}:{escape_newlines(value)}"


def _is_transfer(segment: str) -> bool:
    key, equals, value = segment.partition("=")
    key = key.strip().upper()
    if not equals:
        return not key or key == "QUOTED-PRINTABLE"
    return key == "CHARSET" or (key == "ENCODING" and value.strip().upper() == "QUOTED-PRINTABLE")


def parse_long(
    number: int, raw: bytes, size: int, decoder: TextDecoder, problems: list[Problem], file: str
) -> Prop | None:
    """A content line over LINE_LIMIT: a picture, sound or key small enough, or a Problem."""
    head = raw[:CUT_HEAD].decode("latin-1")
    parts = split_line(head)
    name = (parts[1] if parts else head.partition(";")[0]).upper()
    if parts is None or name not in _BINARY:
        shown = name if _PRINTABLE_NAME(name) else "unnamed"
        problems.append(
            Problem(
                file, number, f"this line is longer than 1 MB; the {shown} property was left out"
            )
        )
        return None
    estimate = _decoded_size(raw, size, len(head) - len(parts[3]), parts)
    if estimate > BINARY_LIMIT:
        problems.append(Problem(file, number, too_big(_BINARY[name], estimate)))
        return None
    if size > len(raw):  # small when decoded, but too long to hold (mostly %XX escapes)
        held = KEEP // (1024 * 1024)
        reason = f"this line is longer than {held} MB; the {name} property was left out"
        problems.append(Problem(file, number, reason))
        return None
    return parse(number, raw, decoder)


def _decoded_size(raw: bytes, size: int, value_at: int, parts: tuple[str, str, str, str]) -> int:
    """How many bytes a binary value decodes to, estimated from its length, without decoding."""
    encoded = size - value_at
    whole = size == len(raw)
    if whole:
        encoded -= raw.count(b" ", value_at) + raw.count(b"\t", value_at)
    value_head = parts[3][:256].lower()
    if value_head.startswith("data:") and "base64" not in value_head.partition(",")[0]:
        # Percent-encoded: each %XX is one byte (of a cut line, as often as in what is kept).
        kept = max(len(raw) - value_at, 1)
        return encoded * (kept - 2 * raw.count(b"%", value_at)) // kept
    if "://" in value_head:
        return encoded  # a link, kept as text
    return encoded * 3 // 4  # base64, with or without its ENCODING parameter


def guessed_reason(codec: str) -> str:
    name = f"windows-{codec[2:]}" if codec.startswith("cp125") else codec
    return (
        f"text that is neither UTF-8 nor in a character set the file names was read as {name}"
        " (here and in the rest of the file); check its accented letters"
    )
