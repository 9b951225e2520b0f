"""vCard 2.1, 3.0 and 4.0 files to ContactRecords, card by card.

A plain unfold-and-split reader, about ten times faster than vobject, and tolerant of what
phones and mail clients really write (see DESIGN.md, "Formats"). Whatever netdesk does not map
is kept in `ContactRecord.extra_lines` so that an export can write it back. Bad input never
raises: a broken card or line becomes a `Problem` and the other cards are still read.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterator
from pathlib import Path

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard_decode import TextDecoder, logical_lines, to_ascii_compatible
from netdesk.formats.vcard_read_card import CardReader, Prop
from netdesk.formats.vcard_read_line import (
    escape_newlines,
    parsed_params,
    split_line,
    split_params,
)

_NO_COLON = "line has no ':' separating name and value"
# Padding some old programs leave between or after cards: NUL, form feed, DOS end of file.
_FILLER = b" \t\x00\x0c\x1a"


def read_vcard_file(path: Path) -> Iterator[ContactRecord | Problem]:
    """Records and problems of a vCard file (see `read_vcards`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield Problem(str(path), 0, f"could not read the file: {exc.strerror or exc}")
        return
    yield from read_vcards(data, str(path))


def read_vcards(data: bytes, file: str = "<data>") -> Iterator[ContactRecord | Problem]:
    """Yield each card of `data` as a ContactRecord as soon as it is read, and Problems.

    `file` names the data in problems. Problem lines are 1-based physical lines.
    """
    data = to_ascii_compatible(data)
    decoder = TextDecoder(data)
    card: list[Prop] | None = None
    problems: list[Problem] = []
    begin = last = 0
    stray_first = stray_last = 0
    empty = True
    for number, raw in logical_lines(data):
        empty = False
        prop = _parse(number, raw, decoder)
        if card is None:
            if (
                prop is not None
                and prop[2].lstrip("\ufeff") == "BEGIN"  # a BOM where files were concatenated
                and prop[4].strip().upper() == "VCARD"
            ):
                if stray_first:
                    yield _stray(file, stray_first, stray_last)
                    stray_first = 0
                card, problems, begin, last = [], [], number, number
            elif raw.strip(_FILLER):
                stray_first = stray_first or number
                stray_last = number
            continue
        if prop is None:
            problems.append(Problem(file, number, _NO_COLON))
            last = number
            continue
        name = prop[2]
        if (name == "END" or name == "BEGIN") and prop[4].strip().upper() == "VCARD":
            if name == "END":
                yield from _finish(card, begin, problems, file)
                card = None
                continue
            yield from problems
            yield _unfinished(file, begin, last)
            card, problems, begin, last = [], [], number, number
            continue
        card.append(prop)
        last = number
    if card is not None:
        yield from problems
        yield _unfinished(file, begin, last)
    if stray_first:
        yield _stray(file, stray_first, stray_last)
    if empty:
        yield Problem(file, 0, "the file is empty: there are no vCards in it")


def _unfinished(file: str, begin: int, last: int) -> Problem:
    return Problem(file, begin, f"card has no END:VCARD; read up to line {last}")


def _stray(file: str, first: int, last: int) -> Problem:
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    return Problem(
        file, first, f"text outside any vCard was ignored ({where}); is BEGIN:VCARD missing?"
    )


def _parse(number: int, raw: bytes, decoder: TextDecoder) -> Prop | None:
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


def _finish(
    props: list[Prop], begin: int, problems: list[Problem], file: str
) -> Iterator[ContactRecord | Problem]:
    reader = CardReader(file, begin, problems)
    try:
        record = reader.read(props)
    except Exception as exc:  # a safety net: one odd card must never stop the file
        record = None
        problems.append(Problem(file, begin, f"could not read this card: {exc!r}"))
    if record is not None:
        yield record
    yield from problems
