"""The postal address: its lines, however the country prints them."""

from __future__ import annotations

import pytest

from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import card


@pytest.mark.parametrize(
    "lines",
    [
        ["Friedrichstraße 12", "10117 Berlin"],
        ["Am Wehrhahn 61", "80331 München", "Deutschland"],
        ["12 rue de la Paix", "75002 PARIS"],
        ["Calle de Alcalá, 12, 3º B", "28014 Madrid"],
        ["Rua Augusta, 166", "1100-053 Lisboa", "Portugal"],
        ["Av. Paulista, 29", "São Paulo - SP, 01310-200"],
        ["ul. Marszałkowska 12/3", "00-514 Warszawa"],
        ["12 Canal Wharf", "Leeds LS1 4HR", "United Kingdom"],
        ["12 Fifth Avenue, Suite 1200", "New York, NY 10118"],
        ["北京市朝阳区建国路88号12层", "100022", "中国"],
        ["〒100-0005", "東京都千代田区丸の内1-2-3", "日本"],
        ["5F, No. 12 Jianguo Road", "Chaoyang District, Beijing 100022", "China"],
        ["1-2-12 Marunouchi, Chiyoda-ku", "Tokyo 100-0005", "Japan"],
    ],
)
def test_address_lines_are_joined(lines: list[str]) -> None:
    fields = recognise(card(("Ana Lima", 40), "ana@example.com", *lines))
    assert fields.address == ", ".join(lines)
    assert fields.unplaced == []


def test_an_address_label_is_left_out() -> None:
    fields = recognise(card(("Ana Lima", 40), "Anschrift: Lindenstraße 5", "50667 Köln"))
    assert fields.address == "Lindenstraße 5, 50667 Köln"


def test_a_number_after_the_address_is_a_phone_not_part_of_it() -> None:
    fields = recognise(card(("Ana Lima", 40), "Lindenstraße 5", "50667 Köln", "0221 5550123"))
    assert fields.address == "Lindenstraße 5, 50667 Köln"
    assert [phone.number for phone in fields.phones] == ["+49 221 5550123"]


def test_a_registry_line_after_the_address_stays_out_of_it() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "Market Street 5", "Austin, TX 78701", "NMLS ID 726054")
    )
    assert fields.address == "Market Street 5, Austin, TX 78701"
    assert fields.unplaced == ["NMLS ID 726054"]


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (["ul. Marszałkowska 122/18", "90-001Łódź"], "ul. Marszałkowska 122/18, 90-001 Łódź"),
        (["Rua XV, 20", "Curitiba- PR. 80010-000"], "Rua XV, 20, Curitiba - PR, 80010-000"),
        (["Calle Mayor, 57, 3° D", "46002 Valencia"], "Calle Mayor, 57, 3º D, 46002 Valencia"),
        (["平530-0001", "大阪府大阪市北区梅田1-10-31"], "〒530-0001, 大阪府大阪市北区梅田1-10-31"),
        (
            ["住所：810-0001", "福岡県福岡市中央区天神3-8-9"],
            "〒810-0001, 福岡県福岡市中央区天神3-8-9",
        ),
    ],
)
def test_slips_of_the_text_reader_in_addresses(lines: list[str], address: str) -> None:
    assert recognise(card(("Ana Lima", 40), *lines)).address == address
