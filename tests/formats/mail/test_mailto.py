"""`mailto:` links (RFC 6068): every character encoded, the body kept under 1,800 encoded
characters at a word boundary, and what a mail program is handed decodes back."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QUrl

from netdesk.formats.mail.eml import whole_characters
from netdesk.formats.mail.mailto import (
    BODY_LIMIT,
    SHORTENED_NOTE,
    SUBJECT_LIMIT,
    URL_LIMIT,
    mailto_link,
    parse_mailto,
)

_ALLOWED = re.compile(r"[A-Za-z0-9._~%-]*")


def _body_field(url: str) -> str:
    return url.split("&body=", 1)[1] if "&body=" in url else url.split("?body=", 1)[1]


def test_everything_outside_unreserved_is_encoded() -> None:
    link = mailto_link(
        ["zoë+news@bücher.example", "a&b?c@example.org"],
        "Grüße & more? #1 = 100%",
        "Line 1\nLine 2\r\nLine 3\rend",
    )
    assert link.url == (
        "mailto:zo%C3%AB%2Bnews@b%C3%BCcher.example,a%26b%3Fc@example.org"
        "?subject=Gr%C3%BC%C3%9Fe%20%26%20more%3F%20%231%20%3D%20100%25"
        "&body=Line%201%0D%0ALine%202%0D%0ALine%203%0D%0Aend"
    )
    assert not link.shortened
    assert parse_mailto(link.url) == (
        ["zoë+news@bücher.example", "a&b?c@example.org"],
        "Grüße & more? #1 = 100%",
        "Line 1\nLine 2\nLine 3\nend",
    )


def test_a_subject_is_one_line_and_cc_is_encoded() -> None:
    link = mailto_link(["a@example.org"], "Hi\r\nBcc: evil@example.org", "", cc=["c d@x.org"])
    assert link.url == (
        "mailto:a@example.org?cc=c%20d@x.org&subject=Hi%20Bcc%3A%20evil%40example.org"
    )


def test_no_address_and_no_body() -> None:
    assert mailto_link([], "", "").url == "mailto:"
    assert mailto_link([" "], "S", "").url == "mailto:?subject=S"


def _long_words(n: int) -> str:
    return " ".join(f"wörd{i}" for i in range(n))


def test_a_long_body_is_cut_below_the_limit_at_a_word_with_the_note() -> None:
    body = _long_words(2000)
    link = mailto_link(["a@example.org"], "S", body)
    encoded = _body_field(link.url)
    assert link.shortened
    assert len(encoded) < BODY_LIMIT
    assert len(encoded) > BODY_LIMIT - 60  # not cut far more than needed
    _to, _subject, decoded = parse_mailto(link.url)
    kept, note = decoded.split("\n\n")
    assert note == SHORTENED_NOTE
    assert body.startswith(kept + " ")  # a whole number of words
    assert re.fullmatch(r".* wörd\d+", kept)


def test_exactly_under_the_limit_is_kept_whole_and_at_it_is_cut() -> None:
    just_under = "a" * (BODY_LIMIT - 1)
    assert not mailto_link([], "", just_under).shortened
    assert mailto_link([], "", "a" * BODY_LIMIT).shortened
    # Encoded size counts, not characters: 600 "ü" are 3,600 encoded characters.
    assert mailto_link([], "", "ü" * 600).shortened


@pytest.mark.parametrize(
    "body",
    [
        "😀" * 2000,  # 4-byte characters (surrogate pairs in UTF-16), no spaces
        "e\u0301" * 2000,  # letters with combining accents
        "👩\u200d💻" * 800,  # joined emoji
        "x" * 5000,  # one long word
        "ü" * 3000,
    ],
)
def test_a_cut_without_spaces_never_splits_a_character(body: str) -> None:
    link = mailto_link([], "", body)
    encoded = _body_field(link.url)
    assert link.shortened and len(encoded) < BODY_LIMIT
    assert _ALLOWED.fullmatch(encoded)
    assert re.fullmatch(r"(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*", encoded)  # no cut %XX
    decoded = unquote(encoded, errors="strict")  # whole UTF-8 sequences only
    decoded.encode("utf-16", "strict")  # no lone surrogate
    kept = decoded.split("\r\n\r\n")[0]
    assert body.startswith(kept)
    assert not kept or body[len(kept)] not in "\u0301\u200d"  # no accent torn off


def test_lone_surrogates_do_not_break_the_link_and_pairs_are_joined() -> None:
    link = mailto_link(["a@example.org"], "bad \udcff", "bad \ud800 too \ud83d\ude00")
    assert parse_mailto(link.url)[1:] == ("bad \ufffd", "bad \ufffd too 😀")


def test_qt_takes_the_link_as_it_is() -> None:
    link = mailto_link(["zoë@example.org"], "Grüße", _long_words(2000))
    url = QUrl(link.url, QUrl.ParsingMode.StrictMode)
    assert url.isValid() and url.scheme() == "mailto"
    assert bytes(url.toEncoded().data()).decode() == link.url


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.emails(), max_size=3),
    st.text(max_size=200),
    st.text(max_size=3000),
)
def test_any_text_decodes_back(to: list[str], subject: str, body: str) -> None:
    link = mailto_link(to, subject, body)
    assert link.url.isascii()
    got_to, got_subject, got_body = parse_mailto(link.url)
    assert got_to == [" ".join(a.split()) for a in to if a.strip()]
    whole_subject = " ".join(whole_characters(subject).split())
    if got_subject != whole_subject:  # long in encoded form (4-byte letters): cut, marked "…"
        assert len(quote(whole_subject, safe="")) > 400
        assert got_subject.endswith("…")
        assert whole_subject.startswith(got_subject.removesuffix("…").rstrip())
    assert len(_body_field(link.url)) < BODY_LIMIT if body else "body=" not in link.url
    if not link.shortened:
        clean = whole_characters(body)
        assert got_body == clean.replace("\r\n", "\n").replace("\r", "\n")


def test_a_long_link_without_spaces_is_cut_inside_rather_than_dropped() -> None:
    body = "See:\nhttps://example.org/" + "x" * 5000
    _to, _subject, decoded = parse_mailto(mailto_link([], "", body).url)
    kept = decoded.split("\n\n")[0]
    assert body.startswith(kept) and len(kept) > 1000


def test_a_long_subject_is_cut_and_the_whole_link_stays_within_its_limit() -> None:
    subject = "What I promised: " + " ".join(["Grüße"] * 120)
    link = mailto_link(["ana@example.org", "bo@example.org"], subject, _long_words(2000))
    assert link.shortened and len(link.url) <= URL_LIMIT
    _to, got_subject, body = parse_mailto(link.url)
    assert got_subject.endswith("Grüße…") and subject.startswith(got_subject[:-1])
    encoded_subject = link.url.split("subject=")[1].split("&")[0]
    assert SUBJECT_LIMIT - 40 < len(encoded_subject) < SUBJECT_LIMIT
    assert body.endswith(SHORTENED_NOTE)


@pytest.mark.parametrize("subject_words", [0, 5, 40, 200])
def test_the_link_fills_up_to_its_limit_and_no_further(subject_words: int) -> None:
    link = mailto_link(["ana@example.org"], "ü " * subject_words, _long_words(2000))
    body = len(_body_field(link.url))
    assert len(link.url) <= URL_LIMIT and body < BODY_LIMIT
    assert body > BODY_LIMIT - 60 or len(link.url) > URL_LIMIT - 60  # not cut more than needed
