"""Lines about the file, not the person (RFC 2425's PROFILE, NAME and SOURCE, another program's
PRODID and REV, a second VERSION) are not kept on import and never written on export; every
other kept line goes out in a form that vobject, ical.js and the `vcard` validator all read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.write import write_vcards
from tests.formats.independent_vcard import parse_vcards
from tests.formats.three_parsers import check_export, parse_with_vobject

VERSIONS = ("3.0", "4.0")

# As an old Yahoo or LDAP export wrote it: the directory envelope inside the card.
ENVELOPED = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PROFILE:VCard\r\n"
    "NAME:Address book of Ada\r\n"
    "SOURCE:Yahoo Contacts (http://contacts.yahoo.com)\r\n"
    "VERSION:2.1\r\n"
    "PRODID:-//Yahoo//Contacts//EN\r\n"
    "REV:2019-05-01T10:00:00Z\r\n"
    "FN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\n"
    "EMAIL:ada@example.org\r\n"
    "X-SKYPE:ada.l\r\n"
    "END:VCARD\r\n"
)


def export(records: list[ContactRecord], version: str) -> bytes:
    out = io.BytesIO()
    write_vcards(records, out, version)
    return out.getvalue()


def read(data: bytes) -> ContactRecord:
    (record,) = [item for item in read_vcards(data, "f.vcf") if isinstance(item, ContactRecord)]
    return record


def test_the_envelope_of_a_file_is_not_kept_with_the_person() -> None:
    record = read(ENVELOPED.encode())

    assert record.extra_lines == ["X-SKYPE:ada.l"]
    assert record.formatted_name == "Ada Lovelace"


@pytest.mark.parametrize("version", VERSIONS)
def test_an_enveloped_card_exports_to_a_file_every_parser_reads(
    version: str, tmp_path: Path
) -> None:
    data = export([read(ENVELOPED.encode())], version)

    check_export(data, version, tmp_path)
    assert parse_with_vobject(data) == 1
    assert b"PROFILE" not in data and b"SOURCE" not in data and b"\r\nNAME" not in data


# What databases filled by earlier versions hold among a contact's kept lines.
STORED = [
    "PROFILE:VCard",
    "home.profile:vcard",
    "NAME:Address book",
    "SOURCE:ldap://ldap.example.com/cn=Ada",
    "VERSION:2.1",
    "BEGIN:VCARD",
    "item1.END:VCARD",
    "PRODID:-//Apple Inc.//iOS 17//EN",
    "REV:2020-01-01T00:00:00Z",
    "FN:Second name",
    "N:Other;Name;;;",
    "UID:other-uid",
    "KEY;ENCODING=b:not base64 at all!",
    "X-KEEP:this one stays",
]


@pytest.mark.parametrize("version", VERSIONS)
def test_stored_envelope_lines_are_not_written(version: str, tmp_path: Path) -> None:
    record = ContactRecord(uid="u-1", formatted_name="Ada", given_name="Ada", extra_lines=STORED)

    data = export([record], version)

    check_export(data, version, tmp_path)
    (card,) = parse_vcards(data)
    names = [prop.name for prop in card.props]
    for gone in ("PROFILE", "NAME", "SOURCE", "REV", "KEY"):
        assert gone not in names
    assert names.count("VERSION") == names.count("PRODID") == names.count("N") == 1
    assert card.one("PRODID").raw == "-//netdesk//netdesk//EN"
    assert card.one("UID").text() == "u-1"
    assert card.one("X-KEEP").text() == "this one stays"
    assert data.count(b"BEGIN:") == data.count(b"END:") == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_a_birthday_that_is_no_date_survives_both_versions(version: str, tmp_path: Path) -> None:
    source = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Old\r\nBDAY;VALUE=text:circa 1800\r\nEND:VCARD\r\n"
    record = read(source.encode())

    data = export([record], version)

    check_export(data, version, tmp_path)
    assert read(data).extra_lines == ["BDAY;VALUE=text:circa 1800"]


@pytest.mark.parametrize("version", VERSIONS)
def test_kept_lines_with_values_of_the_wrong_type_still_parse(version: str, tmp_path: Path) -> None:
    record = ContactRecord(
        formatted_name="Tz",
        extra_lines=[
            "TZ:Europe/London",
            "X-SEEN;VALUE=date:last summer",
            "ANNIVERSARY:our first meeting",
            "KEY;ENCODING=b:AAA",
        ],
    )

    data = export([record], version)

    check_export(data, version, tmp_path)
    (card,) = parse_vcards(data)
    assert card.one("TZ").raw == "Europe/London"
    assert card.one("X-SEEN").raw == "last summer"
    assert card.one("ANNIVERSARY").param("VALUE") == ["text"]
    assert card.one("KEY").raw == "AAA="


@pytest.mark.parametrize("version", VERSIONS)
def test_legacy_encodings_among_kept_lines_do_not_break_the_card(
    version: str, tmp_path: Path
) -> None:
    # vobject decodes quoted-printable lines itself (and fails on a cut UTF-8 sequence), and
    # takes any other ENCODING of a text property for base64.
    record = ContactRecord(
        formatted_name="Q",
        extra_lines=[
            "X-QP;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Stra=C3=9Fe=0D=0A2=E2=82",
            "X-EIGHT;ENCODING=8BIT:plain text",
            "TITLE;ENCODING=7BIT:Chief",
        ],
    )

    data = export([record], version)

    check_export(data, version, tmp_path)
    again = read(data)
    assert again.extra_lines[:2] == ["X-QP:Straße\\n2\ufffd", "X-EIGHT:plain text"]
    assert read(export([again], version)).extra_lines == again.extra_lines
