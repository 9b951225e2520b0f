"""From the bytes of a vCard file to unfolded content lines and their text.

Work happens on bytes for as long as possible: a fold may split a UTF-8 character between two
lines, and quoted-printable values (vCard 2.1) are bytes in whatever CHARSET the line names.
UTF-16 and UTF-32 files are turned into UTF-8 first so that every later step sees an
ASCII-compatible stream. Lines that are not valid UTF-8 are decoded with their CHARSET parameter
or, when a file has none, with the legacy code page that reads most plausibly.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Generator, Iterator
from functools import lru_cache

# UTF-32 first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
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


def to_ascii_compatible(data: bytes) -> bytes:
    """Drop a byte order mark and re-encode UTF-16/32 files as UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace").encode("utf-8")
    codec = _bomless_utf16(data)
    if codec:
        return data.decode(codec, "replace").encode("utf-8")
    return data


def _bomless_utf16(data: bytes) -> str:
    """UTF-16 without a BOM shows as a zero byte in every other position of ASCII text."""
    sample = data[:512]
    half = len(sample) // 2
    if half < 2:
        return ""
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    if odd_zeros > half * 0.4 and even_zeros < half * 0.1:
        return "utf-16-le"
    if even_zeros > half * 0.4 and odd_zeros < half * 0.1:
        return "utf-16-be"
    return ""


def _is_quoted_printable(line: bytes) -> bool:
    colon = line.find(b":")
    return colon > 0 and b"QUOTED-PRINTABLE" in line[:colon].upper()


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Yield (1-based number of the first physical line, content line) for each content line.

    Joins folded lines (a leading space or tab continues the previous line) and
    quoted-printable soft line breaks (a value ending in "=" continues on the next line, which
    keeps all its characters), and vCard 2.1 values continued after a lone backslash. Any run
    of CR and LF characters is one line break (see `_physical_lines`): an empty line ends
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
    for lines, long_length in _physical_lines(data, hold):
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


def _physical_lines(data: bytes, keep: int) -> Iterator[tuple[list[bytes], int]]:
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


@lru_cache(maxsize=64)
def codec_for(charset: str) -> str:
    """Python's codec name for a CHARSET parameter, or "" when Python does not know it."""
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):
        return ""


class TextDecoder:
    """Decodes the bytes of one file's lines: UTF-8 when valid, else CHARSET, else a guess.

    The guess is made once per file, on first need, from all its text that is not UTF-8
    (quoted-printable values decoded: a 2.1 file may hold no other); `guessed` tells that it
    was needed, for the reader to say so once.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._guess = ""
        self.guessed = False

    def decode(self, raw: bytes, charset: str = "") -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        codec = codec_for(charset) if charset else ""
        if codec:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                pass
        self.guessed = True
        return raw.decode(self.fallback_codec(), "replace")

    def fallback_codec(self) -> str:
        if not self._guess:
            self._guess = guess_legacy_codec(_non_utf8_sample(self._data))
        return self._guess


# A quoted-printable escape of a byte that is not ASCII (=E9): worth decoding for the sample.
_QP_HIGH = re.compile(rb"=[89A-Fa-f][0-9A-Fa-f]")


def _non_utf8_sample(data: bytes, limit: int = 65536) -> bytes:
    sample: list[bytes] = []
    size = 0
    for line in (line for lines, _ in _physical_lines(data, limit) for line in lines):
        if b"=" in line and _QP_HIGH.search(line):
            line = binascii.a2b_qp(line)
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            # Only the beginning of a long line: guessing from 10 MB of it took over a minute.
            sample.append(line[: limit - size])
            size += len(sample[-1])
            if size >= limit:
                break
    return b"\n".join(sample)


# Letters with diacritics and the languages that use them. A word whose accented letters share
# no language (like "Dvoøák", Windows-1250 read as Windows-1252) is a sign of the wrong code page.
_LANGUAGE_LETTERS = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíóúñü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "nl": "áéëïóöüè",
    "da": "æøåéó",
    "sv": "åäöé",
    "fi": "åäöšž",
    "is": "áéíóúýþæöð",
    "ca": "àçèéíïòóúü",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ",
    "hr": "čćđšž",
    "et": "äöõüšž",
}
_LETTER_LANGUAGES: dict[str, frozenset[str]] = {}
for _language, _letters in _LANGUAGE_LETTERS.items():
    for _letter in _letters:
        _LETTER_LANGUAGES[_letter] = _LETTER_LANGUAGES.get(_letter, frozenset()) | {_language}
_CYRILLIC = frozenset({"cyrillic"})
_NONE: frozenset[str] = frozenset()
# Runs of letters (ASCII or not); the words are those with a non-ASCII character. (Finding
# those with one regex backtracked over every run of ASCII letters: minutes for a long one.)
_LETTERS = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LEGACY_CANDIDATES = ("cp1252", "cp1250", "cp1251")


def _plausibility(text: str) -> int:
    score = 0
    for word in _LETTERS.findall(text):
        if word.isascii():
            continue
        languages: frozenset[str] | None = None
        for char in word:
            if char < "\x80":
                continue
            if not char.isalpha():
                continue  # symbols such as © say little about the language
            lower = char.lower()
            found = _LETTER_LANGUAGES.get(lower)
            if found is None:
                found = _CYRILLIC if "\u0400" <= lower <= "\u04ff" else _NONE
            languages = found if languages is None else languages & found
        if languages is None:
            continue
        if languages == _CYRILLIC:
            # Cyrillic letters inside a Latin word come from reading Latin text as Windows-1251.
            score += -1 if _ASCII_LETTER.search(word) else 1
        else:
            score += 1 if languages else -1
    return score


def guess_legacy_codec(sample: bytes) -> str:
    """The legacy code page that reads `sample` most plausibly (Windows-1252 on a tie)."""
    best, best_score = "", -(10**9)
    for codec in _LEGACY_CANDIDATES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if score > best_score:
            best, best_score = codec, score
    if best_score < 0:
        # Nothing reads as a European language: let charset_normalizer try the rest
        # (Shift_JIS, GBK, Big5, ...).
        from charset_normalizer import from_bytes

        match = from_bytes(sample).best()
        if match is not None and codec_for(match.encoding):
            return codec_for(match.encoding)
    return best or "cp1252"
