"""Organisation, job title and department lines."""

from __future__ import annotations

import pytest

from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import card


@pytest.mark.parametrize(
    "organisation",
    [
        "Nordlicht Software GmbH",
        "Brenner Anlagenbau GmbH & Co. KG",
        "Kranich Medien UG (haftungsbeschränkt)",
        "Elbtal Consulting e.V.",
        "Thornbury Analytics Ltd",
        "Summit Health Inc.",
        "Conseil Lumière SARL",
        "Ibérica Logística S.L.U.",
        "Tejo Sistemas Unipessoal Lda.",
        "Aurora Tecnologia Ltda.",
        "Wisła Logistyka Sp. z o.o.",
        "Mazowsze Systemy sp.k.",
        "NORDLICHT SOFTWARE GMBH",
        "北京华信科技有限公司",
        "株式会社サクラ電機",
        "Huaxin Technology Co., Ltd.",
    ],
)
def test_a_legal_form_makes_the_organisation(organisation: str) -> None:
    fields = recognise(card(("Ana Lima", 40), "Project Manager", organisation))
    assert fields.organization == organisation
    assert fields.title == "Project Manager"


def test_without_a_legal_form_the_line_spelling_the_domain_is_the_organisation() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "Acme Robotics", "Built to last", "ana@acme-robotics.com")
    )
    assert fields.organization == "Acme Robotics"
    assert "organization" not in fields.low_confidence


def test_an_organisation_guessed_from_the_layout_alone_is_marked() -> None:
    fields = recognise(card(("Ana Lima", 40), ("Blue Harbour", 30), "ana@gmail.com"))
    assert fields.organization == "Blue Harbour"
    assert "organization" in fields.low_confidence


@pytest.mark.parametrize(
    "title",
    [
        "Managing Director",
        "Founder & CEO",
        "Key Account Managerin",
        "Projektingenieur",
        "Vorstandsvorsitzender",
        "Président-directeur général",
        "Expert-comptable",
        "Consejero Delegado",
        "Sócio-Gerente",
        "Specjalista ds. Sprzedaży",
        "Główna Księgowa",
        "技术总监",
        "代表取締役社長",
    ],
)
def test_job_titles_in_the_card_languages(title: str) -> None:
    assert recognise(card(("Ana Lima", 40), title, "Kestrel Ltd")).title == title


@pytest.mark.parametrize(
    "department",
    [
        "Sales Department",
        "Research & Development",
        "Personalabteilung",
        "Abteilung Finanzen",
        "Vertrieb",
        "Département Commercial",
        "Service des Achats",
        "Departamento de Compras",
        "Atendimento ao Cliente",
        "Dział Sprzedaży",
        "研发部",
        "海外事業部",
        "Business Development",
        "Geschäftsentwicklung",
        "Développement commercial",
    ],
)
def test_department_lines(department: str) -> None:
    fields = recognise(card(("Ana Lima", 40), "Directrice commerciale", department, "Kestrel Ltd"))
    assert (fields.title, fields.department) == ("Directrice commerciale", department)


def test_a_title_and_department_on_one_line_are_split() -> None:
    fields = recognise(card(("Ana Lima", 40), "Marketing Manager | Sales Department"))
    assert (fields.title, fields.department) == ("Marketing Manager", "Sales Department")


def test_a_slogan_with_a_job_word_is_no_title() -> None:
    fields = recognise(card(("Ana Lima", 40), "Kestrel Ltd", "Your partner in logistics"))
    assert fields.title == ""
    assert fields.unplaced == ["Your partner in logistics"]


def test_katakana_read_for_hiragana_inside_a_hiragana_word() -> None:
    fields = recognise(card(("伊藤 拓也", 44), "有限会社ひかリソリューションズ", "主任研究員"))
    assert fields.organization == "有限会社ひかりソリューションズ"


def test_a_legal_form_glued_to_the_word_before_it() -> None:
    fields = recognise(card(("Ana Lima", 40), "Northstar HealthCorp.", "Marketing Manager"))
    assert fields.organization == "Northstar Health Corp."


@pytest.mark.parametrize(
    ("read", "department"),
    [("HumanResources", "Human Resources"), ("DirectionFinancière", "Direction Financière")],
)
def test_a_department_whose_space_the_reader_lost(read: str, department: str) -> None:
    assert recognise(card(("Ana Lima", 40), read)).department == department
