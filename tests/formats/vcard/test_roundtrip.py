"""Lossless exchange: read a vCard, write it as 3.0 and as 4.0, read it again, get the same
contact. Every export is also read by the independent parser, so it must be valid too."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest

from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.write import write_vcards
from tests.corpus import CORPUS_ROOT
from tests.formats.independent_vcard import parse_vcards

vcard_read = pytest.importorskip("netdesk.formats.vcard.read")

CORPUS = CORPUS_ROOT / "vcf"
CORPUS_FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []


def comparable(record: ContactRecord) -> dict[str, Any]:
    fields = dataclasses.asdict(record)
    del fields["line"], fields["source"]
    return fields


def read(data: bytes, file: str) -> tuple[list[ContactRecord], list[Problem]]:
    records: list[ContactRecord] = []
    problems: list[Problem] = []
    for item in vcard_read.read_vcards(data, file):
        (problems if isinstance(item, Problem) else records).append(item)
    return records, problems


def assert_round_trip(data: bytes, file: str) -> list[ContactRecord]:
    records, _ = read(data, file)
    if not records:
        return records
    for version in ("3.0", "4.0"):
        out = io.BytesIO()
        assert write_vcards(records, out, version) == len(records)
        exported = out.getvalue()
        assert len(parse_vcards(exported)) == len(records)
        again, problems = read(exported, f"{file} as {version}")
        assert problems == [], f"our {version} export of {file} reads with problems"
        assert len(again) == len(records)
        for before, after in zip(records, again, strict=True):
            assert comparable(after) == comparable(before), f"{file} as {version}"
    return records


APPLE_3_0 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.2//EN\r\n"
    "N:Müller;Zoë;Anne;Dr.;\r\n"
    "FN:Dr. Zoë Anne Müller\r\n"
    "NICKNAME:Zo\r\n"
    "ORG:Société Générale;R&D\r\n"
    "TITLE:Head of research\\, Europe\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:zoe@example.org\r\n"
    "item1.X-ABLabel:Privé\r\n"
    "EMAIL;type=INTERNET;type=WORK:zoe@work.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78\r\n"
    "item2.TEL:+33 1 00 00 00 00\r\n"
    "item2.X-ABLabel:_$!<Other>!$_\r\n"
    "item3.ADR;type=HOME;type=pref:;;12 rue de la Paix\\nBâtiment B;Paris;;75002;France\r\n"
    "item3.X-ABADR:fr\r\n"
    "item4.URL;type=pref:https://example.org/zoe\r\n"
    "item4.X-ABLabel:_$!<HomePage>!$_\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/zoe\r\n"
    "item5.X-ABDATE;type=pref:2010-06-01\r\n"
    "item5.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "BDAY;value=date:1984-02-29\r\n"
    "NOTE:Met at PyCon\\; promised the slides\\, and more.\\nCall in March.\r\n"
    "CATEGORIES:PyCon,speakers\\, maybe\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8\r\n"
    " UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==\r\n"
    "X-SKYPE:zoe.m\r\n"
    "UID:5f0c1a52-0d3b-4b7e-9f57-0c8f5e6a1b2c\r\n"
    "END:VCARD\r\n"
).encode()

NEXTCLOUD_4_0 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "UID:urn:uuid:0b1d6c47-5c2e-4a3f-9e7f-1b2c3d4e5f60\n"
    "FN:李小龍\n"
    "N:李;小龍;;;\n"
    "EMAIL;TYPE=work;PREF=1:lee@example.org\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+852-1234-5678\n"
    'ADR;TYPE=home;LABEL="Flat 1^nHong Kong":;;Flat 1;Hong Kong;;;China\n'
    "PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\n"
    " +M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n"
    "X-SOCIALPROFILE;TYPE=github:https://github.com/lee\n"
    "GENDER:M\n"
    "END:VCARD\n"
).encode()

ANDROID_2_1 = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=B5=8B=E8=AF=95;=E5=BC=A0;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=20=E6=B5=8B=\r\n"
    b"=E8=AF=95\r\n"
    b"TEL;CELL;PREF:+8613800000000\r\n"
    b"TEL;WORK;FAX:+861000000000\r\n"
    b"EMAIL;HOME:zhang@example.cn\r\n"
    b"X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Xiao;1;;;;;;;;;;;;;\r\n"
    b"END:VCARD\r\n"
)

TRICKY_3_0 = (
    b"begin:vcard\n"
    b"fn:Back\\\\slash\\, comma\\; semi: colon\n"
    b"n:Back\\\\slash;Comma\\,;;;\n"
    b"note:line one\\nline two\\Nline three\n"
    b"org:Ac\\;me\\, Inc.;Dept\\\\\n"
    b"x-evolution-file-as:Slash\\, Back\n"
    b"item7.x-ablabel:orphan label\n"
    b"email;type=work,pref:a@example.org\n"
    b"item1.email:b@example.org\n"
    b"item1.x-ablabel:my\\, label\n"
    b"url:http\\://example.org/a?b=c\n"
    b"version:3.0\n"
    b"end:vcard\n"
)


# Unmapped lines that no strict reader takes as they are: 2.1 bare parameters, "_" and "/" in
# names, an empty parameter, a second N. The writer makes them valid
# (formats.vcard.write_line_syntax.content_line) and drops the second N, so the round trip holds
# once the reader keeps extra lines that way.
LEGACY_EXTRAS = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N:Ulm;Ute;;;\r\n"
    b"N:Second;Name;;;\r\n"
    b"FN:Ute Ulm\r\n"
    b"LABEL;HOME;PREF:Marktplatz 1\\n89073 Ulm\r\n"
    b"X-MSN;HOME:ute@example.com\r\n"
    b"OPPO_RECENT_CALL:NULL\r\n"
    b"X-messaging/irc-All:ute\r\n"
    b"NOPARAM;:pas-id-1\r\n"
    b"END:VCARD\r\n"
)


def _corpus_case(path: Path) -> Any:
    return pytest.param(path, id=path.relative_to(CORPUS).as_posix())


@pytest.mark.parametrize(
    "data",
    [
        APPLE_3_0,
        NEXTCLOUD_4_0,
        ANDROID_2_1,
        TRICKY_3_0,
        LEGACY_EXTRAS,
    ],
    ids=["apple", "nc4", "2.1", "odd", "legacy-extras"],
)
def test_inline_cards_survive_a_round_trip(data: bytes) -> None:
    records = assert_round_trip(data, "inline.vcf")
    assert len(records) == 1
    assert records[0].formatted_name


def test_the_apple_card_keeps_what_netdesk_shows_and_what_it_does_not() -> None:
    (record,) = assert_round_trip(APPLE_3_0, "apple.vcf")
    assert record.family_name == "Müller"
    assert record.emails[0].label == "Privé"
    assert record.urls[-1].kind == "linkedin"
    assert record.note == "Met at PyCon; promised the slides, and more.\nCall in March."
    assert any(line.startswith("X-SKYPE") for line in record.extra_lines)


@pytest.mark.skipif(not CORPUS_FILES, reason="the corpus of real files is not here")
@pytest.mark.parametrize("path", [_corpus_case(path) for path in CORPUS_FILES])
def test_every_corpus_file_survives_a_round_trip(path: Path) -> None:
    # Deliberately broken files are compared on the cards that could be read.
    assert_round_trip(path.read_bytes(), path.name)
