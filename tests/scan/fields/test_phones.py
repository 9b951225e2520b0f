"""Phones and their kinds; numbers that are not phones stay out."""

from __future__ import annotations

import pytest

from netdesk.scan.card_fields import CardPhone
from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import beside, card


def phones(*rows: str, region: str | None = None) -> list[tuple[str, str]]:
    return [(p.number, p.kind) for p in recognise(card("Ana Lima", *rows), region).phones]


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ("M +49 171 2345678", "mobile"),
        ("Mob.: +49 171 2345678", "mobile"),
        ("Handy +49 171 2345678", "mobile"),
        ("Cell: +49 171 2345678", "mobile"),
        ("Tel. +49 30 5550123", "work"),
        ("T: +49 30 5550123", "work"),
        ("Phone +49 30 5550123", "work"),
        ("Büro +49 30 5550123", "work"),
        ("Fax +49 30 5550124", "fax"),
        ("F +49 30 5550124", "fax"),
        ("Télécopie : +49 30 5550124", "fax"),
        ("+49 30 5550123", "work"),
        ("+49 171 2345678", "mobile"),
    ],
)
def test_the_label_before_a_number_gives_its_kind(row: str, kind: str) -> None:
    assert [found[1] for found in phones(row)] == [kind]


def test_numbers_glued_on_one_line_are_cut_at_their_labels() -> None:
    assert phones("T +49 30 5550123 F +49 30 5550124 M +49 171 2345678") == [
        ("+49 30 5550123", "work"),
        ("+49 30 5550124", "fax"),
        ("+49 171 2345678", "mobile"),
    ]


def test_a_label_in_a_column_of_its_own_names_the_number_beside_it() -> None:
    lines = (
        card(("Ana Lima", 40))
        + beside("Mobil", "+49 171 2345678", 200)
        + beside("Fax", "+49 30 5550124", 240)
    )
    assert recognise(lines).phones == [
        CardPhone("+49 171 2345678", "mobile"),
        CardPhone("+49 30 5550124", "fax"),
    ]


def test_cjk_labels() -> None:
    assert phones("电话: +86 10 6552 8888", "手机：+86 138 0013 8000", "传真 +86 10 6552 8899") == [
        ("+86 10 6552 8888", "work"),
        ("+86 138 0013 8000", "mobile"),
        ("+86 10 6552 8899", "fax"),
    ]


@pytest.mark.parametrize(
    "row",
    [
        "USt-IdNr.: DE123456789",
        "VAT No. GB 123 4567 89",
        "NIP 123-456-78-90",
        "KRS 0000123456",
        "REGON 123456785",
        "SIRET 732 829 320 00074",
        "CIF B12345678",
        "CNPJ 12.345.678/0001-90",
        "HRB 123456 B, Amtsgericht Charlottenburg",
        "IBAN DE89 3704 0044 0532 0130 00",
        "10115 Berlin",
        "01310-100 São Paulo",
        "Seit 12.03.2001",
    ],
)
def test_tax_ids_registers_ibans_postcodes_and_dates_are_not_phones(row: str) -> None:
    fields = recognise(card("Ana Lima", row, "ana@example.de"), "DE")
    assert fields.phones == []
    assert row in fields.unplaced or row in fields.address


def test_a_tax_id_on_the_phone_line_stays_out_but_the_phone_is_read() -> None:
    assert phones("Tel. +49 30 5550123 · USt-IdNr. DE 123 456 789") == [("+49 30 5550123", "work")]


def test_national_numbers_are_read_in_the_country_of_the_address() -> None:
    assert phones("ul. Długa 5", "00-950 Warszawa", "tel. kom. 601 234 567") == [
        ("+48 601 234 567", "mobile")
    ]


def test_national_numbers_are_read_in_the_country_of_a_printed_code() -> None:
    assert phones("T +33 1 42 68 53 00", "M 06 12 34 56 78")[1] == ("+33 6 12 34 56 78", "mobile")


def test_national_numbers_are_read_in_the_country_of_the_web_domain() -> None:
    assert phones("Tel. 030 5550123", "ana@example.de") == [("+49 30 5550123", "work")]


def test_else_in_the_users_own_region() -> None:
    assert phones("Tel. (415) 555-0132", region="US") == [("+1 415-555-0132", "work")]


def test_a_label_glued_to_the_number_before_it() -> None:
    assert phones("+43 662 097492Mobil: +43 676 952510") == [
        ("+43 662 097492", "work"),
        ("+43 676 952510", "mobile"),
    ]


@pytest.mark.parametrize(
    ("row", "region", "number"),
    [
        ("0 +48 604 545 994", "PL", "+48 604 545 994"),
        ("0+55 11 93209-7031", "BR", "+55 11 93209-7031"),
        ("LI080-3324-1956", "JP", "+81 80-3324-1956"),
        ("0 135 0853 5555", "CN", "+86 135 0853 5555"),
    ],
)
def test_a_mobile_pictogram_read_as_a_glyph_gives_the_kind(
    row: str, region: str, number: str
) -> None:
    assert phones(row, region=region) == [(number, "mobile")]


def test_a_national_number_starting_with_0_is_no_pictogram() -> None:
    assert phones("021 5431 8024", region="CN") == [("+86 21 5431 8024", "work")]


def test_letters_read_for_digits_in_a_labelled_number_are_mended() -> None:
    assert phones("kom. -48 S01 063 643") == [("+48 501 063 643", "mobile")]


def test_french_numbers_with_dots_are_no_dates() -> None:
    assert phones("05.55.26.92.56", region="FR") == [("+33 5 55 26 92 56", "work")]


def test_several_unlabelled_numbers_get_kinds_from_their_form_marked_as_guesses() -> None:
    fields = recognise(card("Ana Lima", "+49 30 5550123", "+49 171 2345678", "+49 30 5550124"))
    assert [(p.number, p.kind) for p in fields.phones] == [
        ("+49 30 5550123", "work"),
        ("+49 171 2345678", "mobile"),
        ("+49 30 5550124", "fax"),
    ]
    assert {"phones:0", "phones:1", "phones:2"} <= fields.low_confidence


def test_an_unlabelled_number_beside_labelled_ones_gets_its_kind_from_its_form() -> None:
    fields = recognise(card("Ana Lima", "+49 30 5550123", "Fax +49 30 5550124", "+49 171 2345678"))
    assert [(p.number, p.kind) for p in fields.phones] == [
        ("+49 30 5550123", "work"),
        ("+49 30 5550124", "fax"),
        ("+49 171 2345678", "mobile"),
    ]
    assert fields.low_confidence == {"phones:0", "phones:2"}


def test_beside_a_mobile_pictogram_the_other_numbers_get_kinds_too() -> None:
    fields = recognise(card("Ana Lima", "+1312-555-0157", "0 +1 646-555-0199"))
    assert [(p.number, p.kind) for p in fields.phones] == [
        ("+1 312-555-0157", "work"),
        ("+1 646-555-0199", "mobile"),
    ]


def test_a_mobile_pictogram_read_as_0_glued_to_a_national_number() -> None:
    assert phones("0070-6646-6033", region="JP") == [("+81 70-6646-6033", "mobile")]
    assert phones("0049 30 5550123", region="DE") == [("+49 30 5550123", "work")]
