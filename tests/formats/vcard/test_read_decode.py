"""Bytes to content lines: byte order marks, UTF-16/32, folds, soft breaks, legacy code pages."""

from __future__ import annotations

import codecs

import pytest

from netdesk.formats.vcard.decode import (
    TextDecoder,
    guess_legacy_codec,
    logical_lines,
    to_ascii_compatible,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + b"FN:Zo\xc3\xab", "FN:Zoë"),
        (codecs.BOM_UTF16_LE + "FN:Zoë".encode("utf-16-le"), "FN:Zoë"),
        (codecs.BOM_UTF16_BE + "FN:Zoë".encode("utf-16-be"), "FN:Zoë"),
        (codecs.BOM_UTF32_LE + "FN:Zoë".encode("utf-32-le"), "FN:Zoë"),
        ("BEGIN:VCARD\r\nFN:Zoë".encode("utf-16-le"), "BEGIN:VCARD\r\nFN:Zoë"),
        (b"FN:plain", "FN:plain"),
    ],
)
def test_to_ascii_compatible(data: bytes, expected: str) -> None:
    assert to_ascii_compatible(data) == expected.encode("utf-8")


def test_logical_lines_number_each_line_by_its_first_physical_line() -> None:
    data = (
        b"BEGIN:VCARD\r\nNOTE:a\r\n b\r\n\tc\r\n\r\nN;ENCODING=QUOTED-PRINTABLE:=\r\nA=\r\n;B\r\n"
        b"PHOTO;ENCODING=b:AAA=\r\n BBB=\r\nEND:VCARD"
    )
    assert list(logical_lines(data)) == [
        (1, b"BEGIN:VCARD"),
        (2, b"NOTE:abc"),
        (6, b"N;ENCODING=QUOTED-PRINTABLE:A;B"),
        (9, b"PHOTO;ENCODING=b:AAA=BBB="),
        (11, b"END:VCARD"),
    ]


def test_a_soft_break_followed_by_an_empty_line_ends_the_value() -> None:
    data = b"ADR;QUOTED-PRINTABLE:;;Street;=\r\n\r\nTEL:1"
    assert list(logical_lines(data)) == [(1, b"ADR;QUOTED-PRINTABLE:;;Street;"), (3, b"TEL:1")]


def test_a_continuation_with_nothing_before_it_stands_alone() -> None:
    assert list(logical_lines(b" FN:Ada\r\n\r\n \r\n")) == [(1, b"FN:Ada")]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("FN:Antonín Dvořák\r\nADR:;;Žižkova 12;Plzeň", "cp1250"),
        ("FN:Łukasz Żółć", "cp1250"),
        ("FN:Jürgen Müller\r\nORG:Bäckerei Groß", "cp1252"),
        ("FN:Hélène Côté", "cp1252"),
        ("FN:Søren Kierkegård", "cp1252"),
        ("FN:Иван Петров", "cp1251"),
    ],
)
def test_guess_legacy_codec(text: str, codec: str) -> None:
    assert text.encode(codec).decode(guess_legacy_codec(text.encode(codec))) == text


def test_text_decoder_prefers_utf8_then_charset_then_the_file_guess() -> None:
    data = "FN:Dvořák\r\nN:Dvořák;Antonín".encode("cp1250")
    decoder = TextDecoder(data)
    assert decoder.decode("Grüße".encode()) == "Grüße"
    assert decoder.decode("Grüße".encode("latin-1"), "ISO-8859-1") == "Grüße"
    assert decoder.decode("Dvořák".encode("cp1250")) == "Dvořák"
    assert decoder.decode("Dvořák".encode("cp1250"), "no-such-charset") == "Dvořák"
