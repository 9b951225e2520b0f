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
