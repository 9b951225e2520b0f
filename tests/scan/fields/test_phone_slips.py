"""Phones the text reader glued or garbled: two numbers read as one line, a Japanese postcode
whose 〒 was read as the fax label "F"."""

from __future__ import annotations

from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import card


def test_two_numbers_glued_on_one_line_after_one_label_are_both_read() -> None:
    # The second number's pictogram was not read: "Mobile +86 180… 0755 8580 1410".
    fields = recognise(
        card(
            "朱志強",
            "深圳华信贸易股份有限公司",
            "Mobile +86 180 1667 0301 0755 8580 1410",
            "地址：深圳市南山区科技园南路150号24层",
        )
    )
    assert [p.number for p in fields.phones] == ["+86 180 1667 0301", "+86 755 8580 1410"]
    assert fields.phones[0].kind == "mobile"


def test_a_japanese_postcode_read_with_f_for_its_mark_is_no_fax() -> None:
    fields = recognise(
        card(
            "伊藤 拓也",
            "有限会社ひかりシステム",
            "0+81 70-2747-6425",
            "E-mail: t.ito@hikari-systems.co.jp",
            "F100-0005",
            "東京都千代田区丸の内3-7-38",
            "日本",
        )
    )
    assert [p.number for p in fields.phones] == ["+81 70-2747-6425"]
    assert "100-0005" in fields.address


def test_a_country_code_whose_first_digit_was_read_as_0_is_mended() -> None:
    # No country code starts with 0: "+06" on a Chinese card is "+86".
    fields = recognise(
        card(
            "胡静",
            "广州瑞达科技集团有限公司",
            "+06 20 3018 6382",
            "+06 133 8685 1342",
            "jhu@ruida-tech.com.cn",
            "地址：广州市天河区天河路44号24层",
        )
    )
    assert [p.number for p in fields.phones] == ["+86 20 3018 6382", "+86 133 8685 1342"]
    assert {"phones:0", "phones:1"} <= fields.low_confidence


def test_a_country_code_with_a_digit_misread_is_mended_to_the_cards_own() -> None:
    fields = recognise(
        card(
            "Dr. André Ribeiro Costa",
            "ALVORADA ENGENHARIA S.A.",
            "+351 21 999 1571",
            "+352918292045",
            "Morada: Rua Augusta, 136",
            "1100-053 Lisboa",
        )
    )
    assert [p.number for p in fields.phones] == ["+351 21 999 1571", "+351 918 292 045"]
    assert "phones:1" in fields.low_confidence


def test_a_registry_label_with_a_letter_misread_keeps_its_number_out_of_the_phones() -> None:
    fields = recognise(
        card(
            "mgr inż. Zbigniew Nowicki",
            "Orzeł Logistyka sp.k.",
            "tel. +48 22 446 54 38",
            "ul. Marszałkowska 147",
            "00-514 Warszawa",
            "REY2ON 460001332",
        )
    )
    assert [p.number for p in fields.phones] == ["+48 22 446 54 38"]
    assert "REY2ON 460001332" in fields.unplaced
