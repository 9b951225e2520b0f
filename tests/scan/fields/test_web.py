"""Emails, web addresses and social handles, with the recogniser's slips undone."""

from __future__ import annotations

import pytest

from netdesk.scan.recognise import recognise
from tests.scan.fields.lines import card


@pytest.mark.parametrize(
    "row",
    [
        "ana.lima@example.de",
        "E-Mail: ana.lima@example.de",
        "ana.lima (at) example.de",
        "ana.lima [at] example.de",
        "ana.lima@example. de",
        "ana.lima @ example.de",
        "E ana.lima@Example.DE",
    ],
)
def test_emails(row: str) -> None:
    fields = recognise(card("Ana Lima", row))
    assert fields.emails == ["ana.lima@example.de"]
    assert fields.unplaced == []


@pytest.mark.parametrize(
    ("row", "url"),
    [
        ("www.example.de", "https://www.example.de"),
        ("www .example. de", "https://www.example.de"),
        ("Web: https://example.com/team", "https://example.com/team"),
        ("example.com", "https://example.com"),
        ("linkedin.com/in/ana-lima", "https://www.linkedin.com/in/ana-lima"),
        ("LinkedIn: ana-lima", "https://www.linkedin.com/in/ana-lima"),
        ("in/ana-lima", "https://www.linkedin.com/in/ana-lima"),
        ("X: @analima", "https://x.com/analima"),
        ("Twitter @analima", "https://x.com/analima"),
        ("twitter.com/analima", "https://x.com/analima"),
        ("@ana@mastodon.social", "https://mastodon.social/@ana"),
        ("Mastodon: @ana@chaos.social", "https://chaos.social/@ana"),
        ("GitHub: analima", "https://github.com/analima"),
    ],
)
def test_web_addresses_and_handles_become_full_urls(row: str, url: str) -> None:
    assert recognise(card("Ana Lima", row)).urls == [url]


def test_email_and_web_on_one_line() -> None:
    fields = recognise(card("Ana Lima", "E ana@example.de  W www.example.de"))
    assert (fields.emails, fields.urls) == (["ana@example.de"], ["https://www.example.de"])


def test_a_bare_handle_is_taken_for_x_but_marked_as_a_guess() -> None:
    fields = recognise(card("Ana Lima", "@analima"))
    assert fields.urls == ["https://x.com/analima"]
    assert "urls:0" in fields.low_confidence


def test_legal_forms_and_words_with_dots_are_not_web_addresses() -> None:
    fields = recognise(card("Ana Lima", "Przykład Sp. z o.o.", "Exemplo S.A.", "Verein e.V."))
    assert fields.urls == []


def test_a_word_after_in_is_no_linkedin_profile() -> None:
    assert recognise(card("Ana Lima", "Made in Berlin")).urls == []


@pytest.mark.parametrize(
    ("row", "email"),
    [
        ("E-mailana.lima@example.de", "ana.lima@example.de"),
        ("Emailana.lima@example.de", "ana.lima@example.de"),
        ("Eana.lima@example.de", "ana.lima@example.de"),
        ("Einfo@example.de", "info@example.de"),
        ("Emma@example.de", "Emma@example.de"),
    ],
)
def test_a_label_glued_to_the_email_is_taken_off(row: str, email: str) -> None:
    assert recognise(card(("Ana Lima", 40), row)).emails == [email]


def test_pictograms_and_doubled_marks_read_into_addresses() -> None:
    fields = recognise(
        card(
            ("Ana Lima", 40), "ewww.example.co.jp", "Ek.lima@example.co.jp", "ana__lima@example.cn"
        )
    )
    assert fields.urls == ["https://www.example.co.jp"]
    assert fields.emails == ["k.lima@example.co.jp", "ana_lima@example.cn"]


def test_a_network_label_glued_to_its_address() -> None:
    fields = recognise(card(("Ana Lima", 40), "LinkedInlinkedin.com/in/ana-lima"))
    assert fields.urls == ["https://www.linkedin.com/in/ana-lima"]


def test_a_lost_w_in_www() -> None:
    assert recognise(card(("Ana Lima", 40), "ww.example.eu")).urls == ["https://www.example.eu"]


@pytest.mark.parametrize(
    ("name", "row", "email"),
    [
        ("Lívia Quintela", "E-mail: Iquintela@cruzeiro.com.br", "lquintela@cruzeiro.com.br"),
        ("Noémie Castel", "noomie@castel.eu", "noemie@castel.eu"),
        ("Lena Kießling", "i.kiessling@matterhorn.ch", "l.kiessling@matterhorn.ch"),
        ("Clémence Fontaine", "edlemence@belle-rive.eu", "clemence@belle-rive.eu"),
        ("Ana Lima", "k.lima@example.de", "k.lima@example.de"),
    ],
)
def test_look_alike_letters_in_an_email_are_mended_by_the_name(
    name: str, row: str, email: str
) -> None:
    """A colleague's address ("k.lima" on Ana Lima's card) is left alone."""
    fields = recognise(card((name, 40), row))
    assert fields.emails == [email]
    assert ("emails:0" in fields.low_confidence) == (row.split()[-1] != email)


def test_a_glued_e_on_a_chinese_or_japanese_card() -> None:
    fields = recognise(card(("徐俊杰", 44), "技术总监", "Ejunjie@ruida-trade.cn"))
    assert fields.emails == ["junjie@ruida-trade.cn"]


def test_a_glued_e_where_a_profile_handle_spells_the_rest() -> None:
    fields = recognise(card(("Ana Lima", 40), "Emisaki@toyo.co.jp", "X @misaki_kobayashi"))
    assert fields.emails == ["misaki@toyo.co.jp"]


def test_an_email_whose_at_was_read_as_a_letter() -> None:
    fields = recognise(
        card(("Ana Lima", 40), "ziegenhagengrheinfeld-software.de", "www.rheinfeld-software.de")
    )
    assert fields.emails == ["ziegenhagen@rheinfeld-software.de"]
    assert fields.urls == ["https://www.rheinfeld-software.de"]


def test_an_at_read_as_a_sharp_s() -> None:
    assert recognise(card(("Kwame Marchetti", 40), "e-mail kmarchettißfenwick.co.uk")).emails == [
        "kmarchetti@fenwick.co.uk"
    ]


def test_rn_read_as_m_in_an_email_is_mended_by_the_name() -> None:
    fields = recognise(card(("Isla Fairbairn", 40), "i.fairbaim@northstar.com"))
    assert fields.emails == ["i.fairbairn@northstar.com"]


def test_a_web_label_glued_to_www() -> None:
    assert recognise(card(("Ana Lima", 40), "Webwww.sokol.eu")).urls == ["https://www.sokol.eu"]


def test_an_email_whose_at_was_read_as_g_is_mended_with_the_name() -> None:
    fields = recognise(
        card(
            ("Kwame Marchetti", 40.0),
            "Fenwick Consulting LLP",
            "Direct +44 131 496 2831",
            "e-mail kmarchettigfenwick.co.uk",
        )
    )
    assert fields.emails == ["kmarchetti@fenwick.co.uk"]
    assert fields.urls == []
    assert "emails:0" in fields.low_confidence


def test_a_site_named_after_the_family_is_no_email() -> None:
    fields = recognise(card(("Kwame Marchetti", 40.0), "Marchetti Group Ltd", "marchettigroup.com"))
    assert fields.emails == []
    assert fields.urls == ["https://marchettigroup.com"]


def test_an_email_split_at_its_lost_dot_with_its_at_lost_is_mended() -> None:
    fields = recognise(
        card(
            ("Konstantin Ziegenhagen", 40.0),
            "Rheinfeld Software SE",
            "EMal konstantin ziegenhagenrheinfeld-software.de",
            "E-Mail vertrieb@rheinfeld-software.de",
        )
    )
    assert sorted(fields.emails) == [
        "konstantin.ziegenhagen@rheinfeld-software.de",
        "vertrieb@rheinfeld-software.de",
    ]
    assert fields.urls == []
    assert fields.unplaced == []


def test_a_glued_e_label_before_a_letter_read_in_capitals_is_taken_off() -> None:
    # "E t.heidkamp@": the label glued on, and "t." read as one capital "L".
    fields = recognise(
        card(("Torsten Heidkamp", 40.0), "Weißdorn Maschinenbau e.V.", "ELheidkamp@weissdorn.de")
    )
    assert fields.emails == ["t.heidkamp@weissdorn.de"]
    assert "emails:0" in fields.low_confidence


@pytest.mark.parametrize(
    "row", ["0www.hikari-kogyo.co.jp", "@www.hikari-kogyo.co.jp", "LIwww.hikari-kogyo.co.jp"]
)
def test_a_pictogram_read_as_a_glyph_before_www_is_left_out(row: str) -> None:
    fields = recognise(card(("伊藤 拓也", 40.0), "株式会社ひかり工業", row))
    assert fields.urls == ["https://www.hikari-kogyo.co.jp"]


def test_a_domain_read_two_ways_takes_the_reading_the_organisation_spells() -> None:
    fields = recognise(
        card(
            ("Margaux Lefèvre", 40.0),
            "Conseil Belle Rive SAS",
            "E-mail:lefevre@bellle-rive.com",
            "E-mail:contact@belle-rive.com",
        )
    )
    assert fields.emails == ["lefevre@belle-rive.com", "contact@belle-rive.com"]
    assert "emails:0" in fields.low_confidence


def test_a_web_address_that_lost_a_letter_is_mended_with_the_emails_domain() -> None:
    fields = recognise(
        card(
            ("Torsten Heidkamp", 40.0),
            "Weißdorn Maschinenbau e.V.",
            "t.heidkamp@weissdorn.de",
            "https://www.weissdor.de",
        )
    )
    assert fields.emails == ["t.heidkamp@weissdorn.de"]
    assert fields.urls == ["https://www.weissdorn.de"]


@pytest.mark.parametrize(
    "row", ["0ana.lima@example.de", "LIana.lima@example.de", "Oana.lima@example.de"]
)
def test_a_pictogram_read_as_a_glyph_before_an_email_is_left_out(row: str) -> None:
    fields = recognise(card(("Ana Lima", 40.0), "Example GmbH", row))
    assert fields.emails == ["ana.lima@example.de"]


def test_an_address_starting_with_o_stays_whole() -> None:
    fields = recognise(
        card(("Olga Lima", 40.0), "Example GmbH", "olga@example.de", "Oscar@example.de")
    )
    assert fields.emails == ["olga@example.de", "Oscar@example.de"]
