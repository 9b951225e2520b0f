"""The text of a vCard file's bytes: byte order marks, UTF-16/32, CHARSET, legacy code pages.

UTF-16 and UTF-32 files are turned into UTF-8 first so that every later step sees an
ASCII-compatible stream. Lines that are not valid UTF-8 are decoded with their CHARSET parameter
or, when a file has none, with the legacy code page that reads most plausibly.
"""

from __future__ import annotations

import binascii
import codecs
import re
from functools import lru_cache

from netdesk.formats.vcard.lines import physical_lines

# UTF-32 first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
    for line in (line for lines, _ in physical_lines(data, limit) for line in lines):
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
