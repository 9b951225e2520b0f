"""Delivery labels (3.0 LABEL, 4.0 ADR;LABEL=) are text for an envelope, not the custom type
name of an address (Apple's X-ABLabel): they keep their line breaks through a database and
exports in either version, and are never written as X-ABLabel."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest

from netdesk.formats.records import ContactRecord, PostalAddress
from netdesk.formats.vcard import delivery_label as delivery
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.write import write_vcards
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.service_set import Services
from tests.formats.three_parsers import check_export

VERSIONS = ("3.0", "4.0")

# 4.0 as RFC 6350 writes its own example (backslash escapes inside the quoted parameter) and
# as RFC 6868 says (^n), beside an Apple address whose X-ABLabel is a real type name.
CARD_4_0 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Quebec Office\r\n"
    'ADR;LABEL="Main St 1\\nQuebec";TYPE=work:;;Main St 1;Quebec;;;\r\n'
    "ADR;TYPE=home;LABEL=\"Flat 2^nRue ^'Haute^'\\, 3^nLyon\":;;Rue Haute 3;Lyon;;;France\r\n"
    "item1.ADR:;;Elm 2;Paris;;;\r\n"
    "item1.X-ABLabel:Summer house\r\n"
    "END:VCARD\r\n"
)
# 3.0 and 2.1: a LABEL property beside its ADR (the 2.1 one in quoted-printable, CR LF inside).
CARD_3_0 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Quebec Office\r\n"
    "ADR;TYPE=WORK:;;Main St 1;Quebec;;;\r\n"
    "LABEL;TYPE=WORK:Main St 1\\nQuebec\r\n"
    "item1.ADR:;;Elm 2;Paris;;;\r\n"
    "item1.X-ABLabel:Summer house\r\n"
    "END:VCARD\r\n"
)
CARD_2_1 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN:Quebec Office\r\n"
    "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:Main St 1=0D=0AQuebec\r\n"
    "ADR;WORK:;;Main St 1;Quebec;;;\r\n"
    "END:VCARD\r\n"
)
MAIN_ST = ("work", "Main St 1\nQuebec")
FLAT = ("home", 'Flat 2\nRue "Haute", 3\nLyon')


def _read(data: bytes) -> ContactRecord:
    (record,) = list(read_vcards(data))
    assert isinstance(record, ContactRecord), record
    return record


def _labels(record: ContactRecord) -> list[delivery.Label]:
    return [found for line in record.extra_lines if (found := delivery.from_line(line))]


@pytest.mark.parametrize(
    ("card", "labels"),
    [(CARD_4_0, [MAIN_ST, FLAT]), (CARD_3_0, [MAIN_ST]), (CARD_2_1, [MAIN_ST])],
    ids=["4.0", "3.0", "2.1"],
)
def test_a_delivery_label_is_kept_apart_from_the_type_name(
    card: str, labels: list[delivery.Label]
) -> None:
    record = _read(card.encode())

    assert _labels(record) == labels
    assert [a.label for a in record.addresses if a.street != "Elm 2"] == [""] * len(labels)
    assert [a.label for a in record.addresses if a.street == "Elm 2"] in ([], ["Summer house"])
    assert record.addresses[0].street == "Main St 1"


def _people(services: Services) -> list[dict[str, Any]]:
    people = []
    for record in services.exports.records():
        fields = dataclasses.asdict(record)
        del fields["line"], fields["source"]
        people.append(fields)
    return people


@pytest.mark.parametrize("card", [CARD_4_0, CARD_3_0, CARD_2_1], ids=["4.0", "3.0", "2.1"])
def test_a_delivery_label_survives_the_database_and_exports_in_both_versions(
    card: str, database_at: Any, tmp_path: Path
) -> None:
    source = tmp_path / "labels.vcf"
    source.write_bytes(card.encode())
    first = database_at("first")
    first.imports.import_file(source)
    before = _people(first)
    (person,) = before
    expected = _labels(_read(card.encode()))
    assert [delivery.from_line(line) for line in person["extra_lines"]] == expected

    for version in VERSIONS:
        out = io.BytesIO()
        first.exports.vcard(out, version=version)
        data = out.getvalue()
        text = data.decode().replace("\r\n ", "")
        check_export(data, version, tmp_path, "labels")
        type_names = [line for line in text.split("\r\n") if ".X-ABLabel:" in line]
        assert all(line.endswith(":Summer house") for line in type_names), type_names
        if version == "3.0":
            assert "\r\nLABEL;TYPE=work:Main St 1\\nQuebec\r\n" in text
        else:
            assert '\r\nADR;LABEL="Main St 1^nQuebec";TYPE=work:;;Main St 1;Quebec;;;\r\n' in text
            assert "\r\nLABEL" not in text  # no such property in RFC 6350
        exported = tmp_path / f"labels-{version}.vcf"
        again = database_at(f"again-{version}")
        report = again.imports.import_file(exported, on_duplicate=OnDuplicate.NEW)
        assert [str(p) for p in report.problems] == []
        assert _people(again) == before, version


def test_a_label_without_an_address_of_its_types_goes_out_on_an_address_of_its_own() -> None:
    record = _read(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nADR;TYPE=home:;;Elm 2;Paris;;;\r\n"
        b"LABEL;TYPE=work:PO Box 7\\nQuebec\r\nEND:VCARD\r\n"
    )
    out = io.BytesIO()
    write_vcards([record], out, "4.0")
    text = out.getvalue().decode()
    assert 'ADR;LABEL="PO Box 7^nQuebec";TYPE=work:;;;;;;\r\n' in text
    assert "ADR;TYPE=home:;;Elm 2;Paris;;;\r\n" in text
    again = _read(out.getvalue())
    assert again.addresses == record.addresses
    assert again.extra_lines == record.extra_lines


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("stored", ["Main St 1\nQuebec", "Main St 1\\nQuebec"])
def test_a_label_an_older_netdesk_kept_as_a_type_name_goes_out_as_a_delivery_label(
    version: str, stored: str, tmp_path: Path
) -> None:
    # How the 4.0 reader used to keep ADR;LABEL=: as the address's type name.
    address = PostalAddress(street="Main St 1", locality="Quebec", kind="work", label=stored)
    record = ContactRecord(formatted_name="A", addresses=[address])
    out = io.BytesIO()
    write_vcards([record], out, version)

    assert "X-ABLabel" not in out.getvalue().decode()
    check_export(out.getvalue(), version, tmp_path)
    again = _read(out.getvalue())
    assert _labels(again) == [MAIN_ST]
    assert again.addresses[0].label == ""
