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


def test_a_japanese_postcode_read_with_t_is_no_phone() -> None:
    fields = recognise(card(("伊藤 拓也", 44), "T100-0005", "東京都千代田区丸の内3-7-38", "日本"))
    assert fields.address == "〒100-0005, 東京都千代田区丸の内3-7-38, 日本"
    assert fields.phones == []


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (
            ["France", "44000 Nantes", "55 place Bellecour"],
            "55 place Bellecour, 44000 Nantes, France",
        ),
        (
            ["Japan", "Fukuoka 810-0001", "1-5-82 Tenjin, Chuo-ku"],
            "1-5-82 Tenjin, Chuo-ku, Fukuoka 810-0001, Japan",
        ),
        (["東京都千代田区丸の内3-7-38", "〒100-0005"], "〒100-0005, 東京都千代田区丸の内3-7-38"),
    ],
)
def test_an_address_read_bottom_up_is_written_in_order(lines: list[str], address: str) -> None:
    """A card the reader turned the wrong way up gives its lines last first."""
    assert recognise(card(("Ana Lima", 40), *lines)).address == address


def test_a_slogan_with_a_year_beside_the_address_is_not_its_street() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "Gran Vía, 150", "Calidad desde 1975", "46002 Valencia")
    )
    assert fields.address == "Gran Vía, 150, 46002 Valencia"


@pytest.mark.parametrize(
    ("lines", "address"),
    [
        (["90place Bellecour", "44000 Nantes"], "90 place Bellecour, 44000 Nantes"),
        (["ul. Floriańska150/32", "31-042 Kraków"], "ul. Floriańska 150/32, 31-042 Kraków"),
    ],
)
def test_a_house_number_glued_to_its_street(lines: list[str], address: str) -> None:
    assert recognise(card(("Ana Lima", 40), *lines)).address == address


def test_a_registry_number_beside_the_address_is_not_its_street() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "145 Fifth Avenue, Suite 3400", "NMLS ID 6339", "New York, NY 10118")
    )
    assert fields.address == "145 Fifth Avenue, Suite 3400, New York, NY 10118"


def test_a_brazilian_state_read_with_a_look_alike_letter() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "Rua da Assembleia, 58", "Rio de Janeiro - RI, 20040-002")
    )
    assert fields.address == "Rua da Assembleia, 58, Rio de Janeiro - RJ, 20040-002"
