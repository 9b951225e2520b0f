"""From the bytes of a vCard file to its unfolded content lines (still bytes).

Work happens on bytes for as long as possible: a fold may split a UTF-8 character between two
lines, and quoted-printable values (vCard 2.1) are bytes in whatever CHARSET the line names.
Any run of CR and LF characters is one line break; folds, quoted-printable soft line breaks and
vCard 2.1 backslash continuations are joined. The file is expected ASCII-compatible already
(see `formats.vcard.charset.to_ascii_compatible`).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

_FOLD_STARTS = (b" ", b"\t")
_CARD_EDGES = (b"END:VCARD", b"BEGIN:VCARD")
# A line break: any run of CR and LF characters.
_RUN = re.compile(rb"[\r\n]+")
# The start of a content line: a name (with its group) then ';' or ':'. A line after a value
# ending in a lone backslash continues that value unless it starts a property of its own.
_PROPERTY_START = re.compile(rb"[ \t]*(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_/-]+[ \t]*[;:]")
# Files are split into lines 64 KB at a time: a list of every line of a big file at once
# would hold the file twice over (and 40 bytes more for each of its millions of lines).
CHUNK = 64 * 1024
# What is kept of a physical line too long to hold: enough to read its name and parameters.
CUT_HEAD = 64 * 1024


def _is_quoted_printable(line: bytes) -> bool:
    colon = line.find(b":")
    return colon > 0 and b"QUOTED-PRINTABLE" in line[:colon].upper()


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (1-based number of the first physical line, content line) for each content line.

    Joins folded lines (a leading space or tab continues the previous line) and
    quoted-printable soft line breaks (a value ending in "=" continues on the next line, which
    keeps all its characters), and vCard 2.1 values continued after a lone backslash. Any run
    of CR and LF characters is one line break (see `physical_lines`): an empty line ends
    only a soft line break, and is not yielded.
    """
    for number, line, _size in sized_lines(data):
        yield number, line


def sized_lines(data: bytes, keep: int | None = None) -> Iterator[tuple[int, bytes, int]]:
    """`logical_lines` with the length of each content line: (number, line, length).

    Of a content line longer than `keep` bytes only a beginning is held and yielded (enough to
    name its property), so that a 100 MB line never sits in memory; its length still counts
    all of it. Such a line is the only kind whose length exceeds len(line).
    """
    hold = len(data) if keep is None else keep  # no line is longer than the file
    pending: bytes | None = None  # the content line's first physical line
    joined: bytearray | None = None  # the content line once it spans several lines
    total = 0  # the content line's whole length
    cut = False  # the content line is longer than `hold`: the rest is only counted
    start = number = 0
    soft = False  # the pending line is quoted-printable and ends with a soft line break
    for lines, long_length in physical_lines(data, hold):
        for line in lines:
            number += 1
            if not line:
                # One more line end of a run that counts as several (CRLF CRLF): it ends a
                # quoted-printable soft line break, as an empty line always did, and
                # nothing else (a fold after it still continues the line before).
                if soft:
                    soft = False
                    total -= 1
                    if not cut:
                        if joined is None:
                            joined = bytearray(pending or b"")
                        del joined[-1:]
                continue
            length = long_length or len(line)
            if soft:
                soft = False
                if not line.upper().startswith(_CARD_EDGES):
                    if joined is None:
                        joined = bytearray(pending or b"")
                    total += length - 1
                    if not cut:
                        cut = length > len(line) or len(joined) + length - 1 > hold
                        if cut:
                            del joined[CUT_HEAD:]
                        else:
                            del joined[-1:]
                            joined += line
                    soft = line.endswith(b"=")
                    continue
            if line.startswith(_FOLD_STARTS):
                if pending is not None:
                    if joined is None:
                        joined = bytearray(pending)
                    total += length - 1
                    if not cut:
                        cut = length > len(line) or len(joined) + length - 1 > hold
                        if cut:
                            del joined[CUT_HEAD:]
                        else:
                            joined += memoryview(line)[1:]
                    soft = line.endswith(b"=") and _is_quoted_printable(pending)
                    continue
                # A continuation with nothing to continue: read it as a line of its own.
                stripped = line.lstrip(b" \t")
                if length == len(line):  # (a cut line stays longer than what is kept of it)
                    length = len(stripped)
                line = stripped
            if pending is not None:
                content = pending if joined is None else joined
                if content.endswith(b"\\") and not cut and _escaped_break(content, line):
                    # vCard 2.1 (Palm, old Nokia): a backslash before the line break continues
                    # the value on the next line; the break becomes an escaped newline.
                    if joined is None:
                        joined = bytearray(pending)
                    total += length + 1
                    cut = length > len(line) or len(joined) + length + 1 > hold
                    if cut:
                        del joined[CUT_HEAD:]
                    else:
                        joined += b"n"
                        joined += line
                    soft = line.endswith(b"=") and _is_quoted_printable(pending)
                    continue
                yield start, pending if joined is None else bytes(joined), total
                joined = None
            if line:
                pending, start, total, cut = line, number, length, length > len(line)
                soft = line.endswith(b"=") and _is_quoted_printable(line)
            else:
                pending = None
    if pending is not None:
        yield start, pending if joined is None else bytes(joined), total


def _escaped_break(content: bytes | bytearray, line: bytes) -> bool:
    """Whether `content`, which ends in a backslash, ends in a lone one that `line` continues:
    an odd number of backslashes (an even one is escaped backslashes, "\\\\"), and `line`
    does not start a property of its own (so "NOTE:C:\\" followed by "TEL:..." stays two
    lines)."""
    if (len(content) - len(content.rstrip(b"\\"))) % 2 == 0:
        return False
    return b":" not in line or _PROPERTY_START.match(line) is None


def physical_lines(data: bytes, keep: int) -> Iterator[tuple[list[bytes], int]]:
    """The file's lines without their line breaks, split a chunk at a time: (lines, 0), or
    ([the beginning of a line longer than `keep`], its length).

    A run of CR and LF characters ends one line, however it mixes them (iOS writes CR CR LF,
    a CRLF file passed through a text-mode copy LF CR or CR CR LF). Where a run counts for
    more than one line in an editor (see `_line_ends`) an empty line stands for each of the
    others, so that lines keep their numbers; empty lines carry nothing else.

    Unlike `data.splitlines()`, this never holds a second copy of the whole file. Of a line
    longer than `keep`, the first CUT_HEAD bytes and its last byte are yielded (the last byte
    tells whether a quoted-printable soft line break follows).
    """
    size = len(data)
    start = 0
    while start < size:
        end = start + CHUNK
        if end >= size:
            yield _split(data[start:]), 0
            return
        cut = max(data.rfind(b"\n", start, end), data.rfind(b"\r", start, end))
        if cut < 0:  # a line longer than a chunk
            start = yield from _long_line(data, start, keep)
            continue
        run = _RUN.match(data, cut)
        run_end = run.end() if run else cut + 1
        if run_end - end <= CHUNK:  # a run across the seam is taken whole
            yield _split(data[start:run_end]), 0
        else:  # a run of line breaks longer than a chunk: counted, never split into a list
            run_start = start + len(data[start:cut].rstrip(b"\r\n"))
            if run_start > start:
                yield _split(data[start:run_start]), 0
            yield from _blank_lines(data, run_start, run_end, skip=1 if run_start else 0)
        start = run_end


def _line_ends(run: bytes) -> int:
    """How many lines a run of CR and LF characters ends, as most editors and tools count:
    one for each LF in it (grep -n, less, vim, sed: CR CR LF is one line end, CRLF CRLF is
    an empty line), or one for each CR where the run has no LF (old Mac files, where CR ends
    every line)."""
    return run.count(b"\n") or len(run)


def _split(piece: bytes) -> list[bytes]:
    """`piece`'s lines, numbered by `_line_ends` (`piece` never ends inside a run)."""
    lines = piece.splitlines()  # one line end for each CRLF, lone CR and lone LF
    if b"\r" in piece and _lone_returns(piece, lines):  # iOS's CR CR LF, LF CR, mixes
        piece = piece.replace(b"\r\r\n", b"\n")
        lines = piece.splitlines()
        if _lone_returns(piece, lines):
            piece = _RUN.sub(lambda found: b"\n" * _line_ends(found.group()), piece)
            lines = piece.splitlines()
    return lines


def _lone_returns(piece: bytes, lines: list[bytes]) -> bool:
    """Whether `piece` has CRs that are not part of a CRLF, in runs that hold an LF: where
    splitlines counts more line ends than `_line_ends`. (It counts the LFs, and one more
    for each CR not before an LF: cheaper to compare than to look for such CRs.)"""
    feeds = piece.count(b"\n")
    ends = len(lines) if piece.endswith((b"\r", b"\n")) else len(lines) - 1
    return feeds > 0 and ends != feeds


def _blank_lines(data: bytes, start: int, end: int, skip: int) -> Iterator[tuple[list[bytes], int]]:
    """Empty lines for the line numbers a run of line breaks counts (less `skip`), a chunk at
    a time: a file of a billion newlines must not become a list of a billion lines."""
    count = (data.count(b"\n", start, end) or end - start) - skip
    while count > 0:
        step = min(count, CHUNK)
        yield [b""] * step, 0
        count -= step


def _long_line(data: bytes, start: int, keep: int) -> Generator[tuple[list[bytes], int], None, int]:
    """Yield the line beginning at `start`; return where the next line begins."""
    newline = data.find(b"\n", start)
    if newline < 0:
        newline = len(data)
    stop = data.find(b"\r", start, newline)
    if stop < 0:
        stop = newline
    length = stop - start
    if length <= keep:
        yield [data[start:stop]], 0
    else:
        yield [data[start : start + min(keep, CUT_HEAD)] + data[stop - 1 : stop]], length
    run = _RUN.match(data, stop)
    if run is None:
        return stop
    yield from _blank_lines(data, stop, run.end(), skip=1)
    return run.end()
