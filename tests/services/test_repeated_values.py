"""The same number or email listed twice with different types is one entry with both types."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from netdesk.models import ContactEmail, ContactPhone
from netdesk.services.service_set import Services

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
    "TEL;TYPE=WORK:+1 418 656 9254\r\n"
    "TEL;TYPE=FAX,PREF:+1-418-656-9254\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0958\r\n"
    "TEL;TYPE=VOICE,HOME:0044 20 7946 0958\r\n"
    "TEL;TYPE=HOME:555-0100\r\n"
    "TEL;TYPE=WORK:555 0100\r\n"
    "TEL;TYPE=WORK:+1 418 656 9254 ext. 7\r\n"
    "EMAIL;TYPE=INTERNET,WORK:ada@example.org\r\n"
    "EMAIL;TYPE=INTERNET,HOME:Ada@Example.org\r\n"
    "END:VCARD\r\n"
)


def _import(services: Services, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    services.imports.import_file(path)


def _rows(services: Services, model: type) -> list[tuple[object, ...]]:
    with services.db.Session() as session:
        return [
            (row.value, row.kind, row.preferred)
            for row in session.scalars(select(model).order_by(model.id))  # type: ignore[attr-defined]
        ]


def test_one_number_listed_twice_keeps_the_types_of_both(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "ada.vcf", CARD)
    assert _rows(services, ContactPhone) == [
        ("+1 418 656 9254", "work,fax", True),
        ("+44 20 7946 0958", "cell,home", False),
        ("555-0100", "home,work", False),  # unparsable without a country: the same digits
        ("+1 418 656 9254", "work", False),  # another line of the same switchboard
    ]
    assert _rows(services, ContactEmail) == [("ada@example.org", "work,home", False)]


def test_the_preview_shows_the_number_once_with_both_types(
    services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "ada.vcf"
    path.write_text(CARD)
    [item] = services.imports.preview(path).items
    first = item.record.phones[0]
    assert (first.value, first.kind) == ("+1 418 656 9254", "work,fax")


ADA_AT_WORK = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL;TYPE=WORK:ada@example.org\r\n"
    "TEL;TYPE=WORK:+1 418 656 9254\r\nEND:VCARD\r\n"
)
ADA_AT_HOME = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL;TYPE=HOME:ada@example.org\r\n"
    "TEL;TYPE=FAX:+14186569254\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize(
    "files",
    [
        [("one.vcf", ADA_AT_WORK), ("two.vcf", ADA_AT_HOME)],
        [("twice.vcf", ADA_AT_WORK + ADA_AT_HOME)],
    ],
    ids=["merged-from-a-second-file", "listed-twice-in-one-file"],
)
def test_a_person_listed_again_keeps_the_types_of_both_listings(
    services: Services, tmp_path: Path, files: list[tuple[str, str]]
) -> None:
    for name, text in files:
        _import(services, tmp_path, name, text)
    assert [(v, k) for v, k, _ in _rows(services, ContactPhone)] == [
        ("+1 418 656 9254", "work,fax")
    ]
    emails = _rows(services, ContactEmail)
    assert [(v, k) for v, k, _ in emails] == [("ada@example.org", "work,home")]
