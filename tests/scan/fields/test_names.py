"""The person's name: which line it is, and its given and family parts."""

from __future__ import annotations

import pytest

from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import card


def name_of(*rows: str | tuple[str, float], region: str | None = None) -> tuple[str, str, str]:
    fields = recognise(card(*rows), region)
    return fields.name, fields.given, fields.family


def test_the_biggest_name_like_line_is_the_name() -> None:
    assert name_of(("Ana Lima", 44), "Product Designer", ("Nordlicht Software GmbH", 26)) == (
        "Ana Lima",
        "Ana",
        "Lima",
    )


def test_a_name_matching_the_email_wins_over_a_bigger_line() -> None:
    rows = [("Made In Sheffield", 40), ("Oliver Whitmore", 30), "o.whitmore@thornbury.co.uk"]
    assert name_of(*rows)[0] == "Oliver Whitmore"


def test_a_name_in_capitals_is_written_capitalised() -> None:
    assert name_of(("JÜRGEN SCHÄFER-LINDAU", 40)) == (
        "Jürgen Schäfer-Lindau",
        "Jürgen",
        "Schäfer-Lindau",
    )


@pytest.mark.parametrize(
    ("printed", "given", "family"),
    [
        ("Dr. Ana Lima", "Ana", "Lima"),
        ("Prof. Dr. Matthias Kühnemann", "Matthias", "Kühnemann"),
        ("Dipl.-Ing. Volker Hölzl", "Volker", "Hölzl"),
        ("dr Łukasz Woźniak", "Łukasz", "Woźniak"),
        ("mgr inż. Ewa Kamińska", "Ewa", "Kamińska"),
        ("Ana Lima, PhD", "Ana", "Lima"),
        ("Rhys Penrose MBA", "Rhys", "Penrose"),
    ],
)
def test_prefixes_and_suffixes_stay_in_the_name_but_not_its_parts(
    printed: str, given: str, family: str
) -> None:
    assert name_of((printed, 40)) == (printed, given, family)


def test_spanish_and_portuguese_names_carry_two_family_names() -> None:
    assert name_of(("Lucía García Ortega", 40), "Calle Mayor, 12", "28014 Madrid")[1:] == (
        "Lucía",
        "García Ortega",
    )
    assert name_of(("João Paulo Junqueira", 40), region="BR")[1:] == ("João Paulo", "Junqueira")


def test_the_email_shows_where_the_given_name_ends() -> None:
    rows = [("Henry Thomas Blackwood", 40), "henrythomas.blackwood@example.com"]
    assert name_of(*rows)[1:] == ("Henry Thomas", "Blackwood")


@pytest.mark.parametrize(
    ("printed", "title", "name", "given", "family"),
    [
        ("王伟", "销售经理", "王伟", "伟", "王"),
        ("王 晓明", "销售经理", "王晓明", "晓明", "王"),
        ("欧阳晓明", "销售经理", "欧阳晓明", "晓明", "欧阳"),
        ("佐藤 健太", "マネージャー", "佐藤 健太", "健太", "佐藤"),
        ("佐藤健太", "マネージャー", "佐藤 健太", "健太", "佐藤"),
    ],
)
def test_chinese_and_japanese_names_are_family_first(
    printed: str, title: str, name: str, given: str, family: str
) -> None:
    """Chinese names are written without a space, Japanese ones with one (the text reader
    often loses it)."""
    assert name_of((printed, 44), title) == (name, given, family)


def test_title_organisation_and_slogan_lines_are_not_the_name() -> None:
    fields = recognise(
        card(("Head Of Sales", 40), ("Kestrel Logistics Ltd", 40), ("Ihr Partner", 40))
    )
    assert fields.name == ""


def test_a_name_whose_space_the_reader_lost() -> None:
    assert name_of(("GarethThackeray", 44), "Founder & CEO", "gthackeray@redbrook.uk") == (
        "Gareth Thackeray",
        "Gareth",
        "Thackeray",
    )


def test_chinese_and_japanese_forms_of_a_character_follow_the_card() -> None:
    assert name_of(("朱志強", 44), "技术总监")[0] == "朱志强"
    fields = recognise(
        card(("加藤 惠子", 44), "マネージャー", "〒450-0002", "爱知県名古屋市中村区名駅2-5-70")
    )
    assert (fields.name, fields.address) == (
        "加藤 恵子",
        "〒450-0002, 愛知県名古屋市中村区名駅2-5-70",
    )
