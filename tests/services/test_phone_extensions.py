"""A phone's extension is kept apart from its number from file to database and back out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select

from netdesk.formats.csv.write import CONTACT_HEADERS
from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.read import read_vcards
from netdesk.models import ContactPhone
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services

SWITCHBOARD = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "UID:urn:uuid:6f0b2d1e-ada0-4c1e-9a55-000000000001\r\n"
    "TEL;VALUE=uri;TYPE=work;PREF=1:tel:+1-418-656-9254;ext=102\r\n"
    "TEL;TYPE=cell:+44 20 7946 0958\r\nEND:VCARD\r\n"
)


def _import(services: Services, tmp_path: Path, name: str, data: str | bytes) -> int:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    report = services.imports.import_file(path)
    assert report.rejected == 0
    return report.added + report.merged


def _phones(services: Services) -> list[tuple[str, str, str]]:
    with services.db.Session() as session:
        return [
            (p.value, p.e164, p.extension)
            for p in session.scalars(select(ContactPhone).order_by(ContactPhone.id))
        ]


def _records(data: bytes) -> list[ContactRecord]:
    items = list(read_vcards(data, "export.vcf"))
    assert [i for i in items if isinstance(i, Problem)] == []
    return [i for i in items if isinstance(i, ContactRecord)]


def test_a_tel_uri_extension_is_stored_apart_from_the_number(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "ada.vcf", SWITCHBOARD)
    assert _phones(services) == [
        ("+1-418-656-9254", "+14186569254", "102"),
        ("+44 20 7946 0958", "+442079460958", ""),
    ]


def test_extensions_survive_export_in_3_0_and_4_0_and_import_again(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "ada.vcf", SWITCHBOARD)
    [contact_id] = [c.id for c in services.search.page("")]
    three = services.exports.vcard_bytes([contact_id], "3.0")
    four = services.exports.vcard_bytes([contact_id], "4.0")
    assert b"TEL;TYPE=work,pref:+1-418-656-9254 ext. 102\r\n" in three
    assert b"TEL;VALUE=uri;TYPE=work;PREF=1:tel:+1-418-656-9254;ext=102\r\n" in four
    for data in (three, four):
        [record] = _records(data)
        phone = record.phones[0]
        assert (phone.value, phone.extension, phone.kind) == ("+1-418-656-9254", "102", "work")
    # Imported again (the same person by UID): nothing doubled, nothing glued.
    _import(services, tmp_path, "three.vcf", three)
    _import(services, tmp_path, "four.vcf", four)
    assert _phones(services) == [
        ("+1-418-656-9254", "+14186569254", "102"),
        ("+44 20 7946 0958", "+442079460958", ""),
    ]


def test_csv_export_writes_the_extension_with_the_number_and_reads_it_back(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "ada.vcf", SWITCHBOARD)
    out = io.StringIO()
    services.exports.csv(out)
    text = out.getvalue()
    assert "+1-418-656-9254 ext. 102" in text
    with services.db.transaction() as session:
        for phone in session.scalars(select(ContactPhone)):
            session.delete(phone)
    _import(services, tmp_path, "people.csv", text)
    assert ("+1-418-656-9254", "+14186569254", "102") in _phones(services)


def test_text_extensions_of_any_source_are_split(services: Services, tmp_path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CONTACT_HEADERS)
    phone = CONTACT_HEADERS.index("Phone")
    for name, number in (("Ada", "+1 418 656 9254 x103"), ("Grace", "+1 418 656 9254,,104")):
        row = [""] * len(CONTACT_HEADERS)
        row[0], row[phone] = name, number
        writer.writerow(row)
    _import(services, tmp_path, "people.csv", out.getvalue())
    assert _phones(services) == [
        ("+1 418 656 9254", "+14186569254", "103"),
        ("+1 418 656 9254", "+14186569254", "104"),
    ]


def test_two_people_on_one_switchboard_are_not_one_person(
    services: Services, tmp_path: Path
) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
        "TEL:+1 418 656 9254 ext. 102\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Charles Babbage\r\n"
        "TEL:+1 418 656 9254 ext. 103\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "two.vcf"
    path.write_text(cards)
    report = services.imports.import_file(path)
    assert (report.added, report.merged) == (2, 0)
    assert services.duplicates.find() == []
    # The same line again is the same person.
    again = tmp_path / "again.vcf"
    again.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A. Lovelace\r\nTEL:+14186569254;ext=102\r\nEND:VCARD\r\n"
    )
    assert services.imports.preview(again).items[0].match_name == "Ada Lovelace"


def test_a_phone_typed_with_an_extension_is_saved_apart(services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(formatted_name="Ada", phones=["+1 418 656 9254 ext. 102", "+1 418 656 9254"])
    )
    detail = services.contacts.get(contact_id)
    assert [(p.value, p.extension, p.e164) for p in detail.phones] == [
        ("+1 418 656 9254", "102", "+14186569254"),
        ("+1 418 656 9254", "", "+14186569254"),
    ]
    assert detail.phones[0].shown == "+1 418 656 9254 ext. 102"
    assert detail.as_input().phones[0] == "+1 418 656 9254 ext. 102"
    data = detail.as_input()
    data.phones = ["+1 418 656 9254 x103"]
    services.contacts.update(contact_id, data)
    assert _phones(services) == [("+1 418 656 9254", "+14186569254", "103")]


def test_extensions_are_found_by_search_and_shown_in_the_people_table(
    services: Services,
) -> None:
    services.contacts.create(ContactInput(formatted_name="Ada", phones=["+1 418 656 9254 x102"]))
    services.contacts.create(ContactInput(formatted_name="Grace", phones=["+1 418 656 9254"]))
    assert [r.name for r in services.search.page("ext. 102")] == ["Ada"]
    rows = {r.name: r.phone for r in services.search.page("")}
    assert rows == {"Ada": "+1 418 656 9254 ext. 102", "Grace": "+1 418 656 9254"}


def test_undoing_a_delete_brings_the_extension_back(services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(formatted_name="Ada", phones=["+1 418 656 9254 ext. 102"])
    )
    services.contacts.restore(services.contacts.delete([contact_id]))
    assert _phones(services) == [("+1 418 656 9254", "+14186569254", "102")]


def test_merging_people_keeps_extensions_apart(services: Services) -> None:
    ada = services.contacts.create(
        ContactInput(formatted_name="Ada", phones=["+1 418 656 9254 ext. 102"])
    )
    other = services.contacts.create(
        ContactInput(formatted_name="Ada L.", phones=["+1 418 656 9254 ext. 103"])
    )
    services.duplicates.merge(ada, [other])
    assert [(p.value, p.extension) for p in services.contacts.get(ada).phones] == [
        ("+1 418 656 9254", "102"),
        ("+1 418 656 9254", "103"),
    ]
