"""What goes into a QR card: only the shared fields, escaped so that every reader gets them back.

Each vCard payload is read back by netdesk's own reader, by the independent strict parser of
tests/formats/independent_vcard.py and, where its ISO 8859-1 limit allows, by the `vcard`
package's RFC 2426 validator."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

from netdesk.cards.payload import PayloadFormat, card_payload, display_name
from netdesk.cards.qr_read import contacts_from_text, mecard_record
from netdesk.cards.share import (
    BADGE_DEFAULT_FIELDS,
    CARD_DEFAULT_FIELDS,
    SHARE_FIELDS,
    fields_text,
    parse_fields,
    shared_record,
)
from netdesk.formats.records import ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.read import read_vcards
from tests.formats.independent_vcard import Card, parse_vcards

PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) + b"\xff\xd9"


def person(**changes: object) -> ContactRecord:
    record = ContactRecord(
        uid="urn:uuid:5f0c1a52-0d3b-4b7e-9f57-0c8f5e6a1b2c",
        formatted_name="Zoë Müller",
        given_name="Zoë",
        family_name="Müller",
        nickname="Zo",
        organization="Société Générale",
        department="Research",
        title="Head of research",
        birthday=date(1984, 2, 29),
        emails=[Typed("zoe@home.example", "home"), Typed("zoe@sg.example", "work", preferred=True)],
        phones=[Typed("+33 1 23 45 67 89", "cell")],
        urls=[Typed("https://zoe.example/")],
        addresses=[PostalAddress(street="12 rue de la Paix", locality="Paris", country="France")],
        photo=PHOTO,
        photo_mime="image/jpeg",
        note="Owes me a coffee; private",
        categories=["python", "vip"],
        extra_lines=["X-SKYPE:zoe.secret", "item1.X-ABLabel:Secret"],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def vcard(record: ContactRecord, fields: tuple[str, ...] = SHARE_FIELDS) -> str:
    return card_payload(shared_record(record, fields), PayloadFormat.VCARD)


def strict_card(payload: str) -> Card:
    (card,) = parse_vcards(payload.encode("utf-8"))
    assert card.version == "3.0"
    return card


def our_reading(payload: str) -> ContactRecord:
    (record,) = list(read_vcards(payload.encode("utf-8"), "qr"))
    assert isinstance(record, ContactRecord), record
    return record


def validated_by_vcard_package(payload: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            VCard(payload)
        except VCardError as exc:
            pytest.fail(f"the vcard package rejects the payload: {exc}\n{payload}")
    # It measures folds in characters, not octets, and warns about lines full in UTF-8; and it
    # guesses at names ("Possible split name") from their spaces, which says nothing of validity.
    hints = ("Short folded line", "Possible split name")
    assert [str(w.message) for w in caught if not str(w.message).startswith(hints)] == []


# ---- which fields ---------------------------------------------------------------------------


def test_every_field_shared_still_leaves_out_photo_notes_birthday_tags_and_extra_lines() -> None:
    payload = vcard(person())
    for never in ("PHOTO", "NOTE", "BDAY", "CATEGORIES", "X-SKYPE", "X-ABLabel", "NICKNAME", "UID"):
        assert never not in payload.upper().replace("ORG:", ""), never
    assert "JFIF" not in payload and "coffee" not in payload and "1984" not in payload
    assert "python" not in payload and "secret" not in payload.lower()
    card = strict_card(payload)
    assert {prop.name for prop in card.props} == {
        "VERSION", "N", "FN", "ORG", "TITLE", "EMAIL", "TEL", "URL", "ADR"
    }  # fmt: skip


def test_mecard_leaves_out_the_private_fields_too() -> None:
    payload = card_payload(shared_record(person(), SHARE_FIELDS), PayloadFormat.MECARD)
    assert payload.startswith("MECARD:") and payload.endswith(";;")
    for never in ("NOTE", "BDAY", "PHOTO", "JFIF", "coffee", "1984", "python", "Secret", "Zo;"):
        assert never not in payload, never


def test_only_the_chosen_fields_go_in_and_one_value_of_each_kind() -> None:
    card = strict_card(vcard(person(), ("name", "email")))
    assert [prop.name for prop in card.props] == ["VERSION", "N", "FN", "EMAIL"]
    # The preferred address, not the first one.
    assert card.one("EMAIL").text() == "zoe@sg.example"
    card = strict_card(vcard(person(), BADGE_DEFAULT_FIELDS))
    assert [prop.name for prop in card.props] == ["VERSION", "N", "FN", "ORG", "TITLE"]
    assert card.one("ORG").components() == ["Société Générale", "Research"]
    card = strict_card(vcard(person(), CARD_DEFAULT_FIELDS))
    assert "ADR" not in {prop.name for prop in card.props}
    assert card.one("TEL").text() == "+33 1 23 45 67 89"
    assert card.one("TEL").param("TYPE") == ["CELL"]


def test_the_name_is_always_there_even_when_not_chosen() -> None:
    for fields in ((), ("email",), ("organization",)):
        card = strict_card(vcard(person(), fields))
        assert card.one("FN").text() == "Zoë Müller"
        assert card.one("N").components() == ["Müller", "Zoë", "", "", ""]
    assert fields_text(["email", "name", "bogus"]) == "name,email"


def test_someone_known_only_by_their_company_keeps_that_name_when_it_is_not_shared() -> None:
    company = ContactRecord(organization="Initech", emails=[Typed("info@initech.example")])
    card = strict_card(vcard(company, ("name", "email")))
    assert card.one("FN").text() == "Initech"
    # Phones file the card under N: the name goes in the given-name part rather than nowhere.
    assert card.one("N").components() == ["", "Initech", "", "", ""]
    assert not card.all("ORG")
    assert display_name(company) == "Initech"


def test_a_formatted_name_alone_fills_n_too() -> None:
    card = strict_card(vcard(ContactRecord(formatted_name="Prince"), ()))
    assert card.one("FN").text() == "Prince"
    assert card.one("N").components() == ["", "Prince", "", "", ""]


def test_parse_fields_keeps_known_names_in_card_order() -> None:
    assert parse_fields(" Email , name,bogus,ORGANIZATION") == ("name", "organization", "email")
    assert parse_fields("") == ()


# ---- escaping and characters ----------------------------------------------------------------

AWKWARD = ContactRecord(
    formatted_name="Smith, Jr.; the \\ second",
    given_name="John",
    family_name="Smith; Jr.",
    organization="Bits, Bytes; and \\ Co",
    department="R&D",
    title="Head of things\nand more",
    emails=[Typed("john@example.org")],
    phones=[Typed("+1 555 0100")],
    urls=[Typed("https://example.org/a,b;c\n")],
    addresses=[
        PostalAddress(street="1 Main St, Apt 2; back", locality="Springfield", postal_code="0123")
    ],
)


def test_special_characters_are_escaped_and_read_back_by_a_strict_parser() -> None:
    payload = vcard(AWKWARD)
    card = strict_card(payload)
    assert card.one("FN").raw == "Smith\\, Jr.\\; the \\\\ second"
    assert card.one("FN").text() == "Smith, Jr.; the \\ second"
    assert card.one("N").components() == ["Smith; Jr.", "John", "", "", ""]
    assert card.one("ORG").components() == ["Bits, Bytes; and \\ Co", "R&D"]
    assert card.one("TITLE").text() == "Head of things\nand more"
    assert card.one("ADR").components() == [
        "", "", "1 Main St, Apt 2; back", "Springfield", "", "0123", ""
    ]  # fmt: skip
    # A URL is a URI: not escaped, but a pasted line break must not end its line.
    assert card.one("URL").raw == "https://example.org/a,b;c"
    # The vcard package takes a ";" in a URL for a second value (RFC 2426 does not): it checks
    # the card without that one character.
    validated_by_vcard_package(payload.replace("a,b;c", "a,bc"))


def test_our_own_reader_gets_the_same_values_back() -> None:
    record = our_reading(vcard(AWKWARD))
    assert record.formatted_name == AWKWARD.formatted_name
    assert (record.family_name, record.given_name) == ("Smith; Jr.", "John")
    assert (record.organization, record.department) == ("Bits, Bytes; and \\ Co", "R&D")
    assert record.title == "Head of things\nand more"
    assert record.addresses[0].street == "1 Main St, Apt 2; back"
    assert [e.value for e in record.emails] == ["john@example.org"]
    assert [u.value for u in record.urls] == ["https://example.org/a,b;c"]


@pytest.mark.parametrize(
    ("given", "family", "organization"),
    [
        ("Zoë", "Müller-Lüdenscheidt", "Société Générale"),
        ("伟", "张", "北京大学"),
        ("Łukasz", "Żółć", "Wisła Cloud"),
        ("さくら", "山田", "株式会社テスト"),
    ],
)
def test_accents_and_cjk_survive(given: str, family: str, organization: str) -> None:
    record = ContactRecord(given_name=given, family_name=family, organization=organization)
    payload = vcard(record, ("name", "organization"))
    card = strict_card(payload)
    assert card.one("FN").text() == f"{given} {family}"
    assert card.one("ORG").components() == [organization]
    read = our_reading(payload)
    assert (read.given_name, read.family_name, read.organization) == (given, family, organization)
    mecard = mecard_record(card_payload(record, PayloadFormat.MECARD))
    assert (mecard.given_name, mecard.family_name, mecard.organization) == (
        given,
        family,
        organization,
    )


def test_long_lines_are_folded_at_75_octets_never_inside_a_character() -> None:
    record = ContactRecord(
        formatted_name=" ".join(["Ünïcödé"] * 12),
        given_name="名前" * 20,
        family_name="Ü",
        title=" ".join(["A very long job title"] * 6),
    )
    payload = vcard(record, ("name", "title"))
    assert max(len(line.encode()) for line in payload.split("\r\n")) <= 75
    card = strict_card(payload)  # refuses folds that split a UTF-8 character
    assert card.one("FN").text() == record.formatted_name
    assert card.one("TITLE").text() == record.title
    read = our_reading(payload)
    assert read.given_name == "名前" * 20 and read.title == record.title


def test_the_vcard_is_valid_3_0_with_crlf_line_ends_ending_in_crlf() -> None:
    payload = vcard(person(), CARD_DEFAULT_FIELDS)
    assert payload.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert payload.endswith("END:VCARD\r\n")
    assert "\n" not in payload.replace("\r\n", "")
    strict_card(payload)
    latin = ContactRecord(
        given_name="Anna",
        family_name="Schröder",
        organization="ACME; Platform, Inc",
        title="CTO",
        emails=[Typed("anna@acme.example", "internet,work")],
        phones=[Typed("+49 151 23456789", "cell")],
        addresses=[PostalAddress(street="Hauptstraße 1", locality="Köln", country="Germany")],
    )
    validated_by_vcard_package(vcard(latin))


# ---- MECARD ---------------------------------------------------------------------------------


def test_mecard_round_trip_through_mecard_record() -> None:
    payload = card_payload(shared_record(AWKWARD, SHARE_FIELDS), PayloadFormat.MECARD)
    assert payload.startswith("MECARD:N:Smith\\; Jr.,John;")
    read = mecard_record(payload)
    assert (read.family_name, read.given_name) == ("Smith; Jr.", "John")
    assert read.formatted_name == "John Smith; Jr."
    assert read.organization == "Bits, Bytes; and \\ Co"
    # MECARD has no line breaks: they become spaces.
    assert read.title == "Head of things and more"
    assert [e.value for e in read.emails] == ["john@example.org"]
    assert [p.value for p in read.phones] == ["+1 555 0100"]
    assert [u.value for u in read.urls] == ["https://example.org/a,b;c"]
    (address,) = read.addresses
    assert (address.street, address.locality, address.postal_code) == (
        "1 Main St, Apt 2; back",
        "Springfield",
        "0123",
    )
    assert read.source == "qr"


def test_mecard_of_a_name_without_a_family_name() -> None:
    payload = card_payload(ContactRecord(formatted_name="Prince"), PayloadFormat.MECARD)
    assert payload == "MECARD:N:Prince;;"
    assert mecard_record(payload).formatted_name == "Prince"


def test_contacts_from_text_tells_vcard_mecard_and_other_text_apart() -> None:
    (from_vcard,) = contacts_from_text(vcard(AWKWARD, ("name",)), "scan")
    assert from_vcard.family_name == "Smith; Jr." and from_vcard.source == "qr"
    (from_mecard,) = contacts_from_text("MECARD:N:Doe,Jane;EMAIL:jane@example.org;;", "scan")
    assert from_mecard.formatted_name == "Jane Doe"
    from netdesk.cards.qr_read import QrReadError

    with pytest.raises(QrReadError, match="web address"):
        contacts_from_text("https://example.org/", "scan")
    with pytest.raises(QrReadError, match="not a contact card"):
        contacts_from_text("just some words", "scan")
    with pytest.raises(QrReadError, match="without a name"):
        contacts_from_text("MECARD:EMAIL:a@b.example;;", "scan")
