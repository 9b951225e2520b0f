"""Web addresses and postal addresses when two people become one: each side's are kept, the
ones both have are kept once. Three ways to get there: merging duplicates, an import merging
into an existing person, and the same person twice in one file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from netdesk.models import Contact, ContactAddress
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.service_set import Services

FIRST = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL:ada@example.org\r\n"
    "URL:https://ada.example.org\r\n"
    "URL:https://engines.example.org/ada\r\n"
    "ADR;TYPE=work:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\r\n"
    "ADR;TYPE=home:;;Ockham Park;Ockham;Surrey;GU23 6NG;United Kingdom\r\n"
    "END:VCARD\r\n"
)
# One web address and one address in common with FIRST (the address in other capitals).
SECOND = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL:ada@example.org\r\n"
    "URL:https://engines.example.org/ada\r\n"
    "URL:https://lovelace.example.net\r\n"
    "ADR;TYPE=work:;;12 ST JAMES'S SQUARE;LONDON;;SW1Y 4JH;UNITED KINGDOM\r\n"
    "ADR;TYPE=home:;;Horsley Towers;East Horsley;Surrey;KT24 6DR;United Kingdom\r\n"
    "END:VCARD\r\n"
)
BOTH_URLS = (
    "https://ada.example.org",
    "https://engines.example.org/ada",
    "https://lovelace.example.net",
)
BOTH_ADDRESSES = [
    ("12 St James's Square", "London", "SW1Y 4JH"),
    ("Ockham Park", "Ockham", "GU23 6NG"),
    ("Horsley Towers", "East Horsley", "KT24 6DR"),
]


def _import(services: Services, tmp_path: Path, name: str, text: str, **options: object) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    services.imports.import_file(path, **options)  # type: ignore[arg-type]


def _people(services: Services) -> list[int]:
    with services.db.Session() as session:
        return list(session.scalars(select(Contact.id).order_by(Contact.id)))


def _ada_imported_twice(services: Services, tmp_path: Path) -> tuple[int, int]:
    """FIRST, then SECOND imported as a new person beside it: the ids of the two."""
    _import(services, tmp_path, "first.vcf", FIRST)
    _import(services, tmp_path, "second.vcf", SECOND, on_duplicate=OnDuplicate.NEW)
    first, second = _people(services)
    return first, second


def _addresses(services: Services, contact_id: int) -> list[tuple[str, str, str]]:
    with services.db.Session() as session:
        rows = session.scalars(
            select(ContactAddress)
            .where(ContactAddress.contact_id == contact_id)
            .order_by(ContactAddress.position)
        )
        return [(a.street, a.locality, a.postal_code) for a in rows]


def test_merging_duplicates_keeps_both_sides_urls_and_addresses_once(
    services: Services, tmp_path: Path
) -> None:
    keep, other = _ada_imported_twice(services, tmp_path)
    assert _addresses(services, other)[0][0] == "12 ST JAMES'S SQUARE"

    services.duplicates.merge(keep, [other])

    assert _people(services) == [keep]
    assert services.contacts.get(keep).urls == BOTH_URLS
    assert _addresses(services, keep) == BOTH_ADDRESSES


def test_merging_duplicates_the_other_way_round_keeps_the_kept_ones_first(
    services: Services, tmp_path: Path
) -> None:
    first, second = _ada_imported_twice(services, tmp_path)

    services.duplicates.merge(second, [first])

    assert services.contacts.get(second).urls == (
        "https://engines.example.org/ada",
        "https://lovelace.example.net",
        "https://ada.example.org",
    )
    assert _addresses(services, second) == [
        ("12 ST JAMES'S SQUARE", "LONDON", "SW1Y 4JH"),
        ("Horsley Towers", "East Horsley", "KT24 6DR"),
        ("Ockham Park", "Ockham", "GU23 6NG"),
    ]


def test_an_import_merging_into_a_person_adds_only_the_new_urls_and_addresses(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "first.vcf", FIRST)
    _import(services, tmp_path, "second.vcf", SECOND, on_duplicate=OnDuplicate.MERGE)
    (ada,) = _people(services)
    assert services.contacts.get(ada).urls == BOTH_URLS
    assert _addresses(services, ada) == BOTH_ADDRESSES


def test_the_same_person_twice_in_one_file_keeps_both_urls_and_addresses(
    services: Services, tmp_path: Path
) -> None:
    _import(services, tmp_path, "twice.vcf", FIRST + SECOND)
    (ada,) = _people(services)
    assert services.contacts.get(ada).urls == BOTH_URLS
    assert _addresses(services, ada) == BOTH_ADDRESSES
