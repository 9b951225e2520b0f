"""Cards that do not end where they should: files cut short, cards that run into the next
one, and vCard 2.1/3.0 cards holding the card of their AGENT."""

from __future__ import annotations

from netdesk.formats.vcard.read import PROBLEM_LIMIT
from tests.formats.vcard_read_helpers import read_all

FILE_ENDS = "the file ends before END:VCARD; the card was kept"


def test_a_file_cut_short_keeps_its_last_card_and_says_so() -> None:
    # A mail attachment cut off: the last card has no END:VCARD.
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frank Dawson\r\nORG:Lotus\r\n"
        b"TEL;TYPE=WORK:+1-919-676-9515\r\nEMAIL:frank@lotus.example\r\n"
    )
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Ada", "Frank Dawson"]
    frank = records[1]
    assert (frank.line, frank.organization) == (5, "Lotus")
    assert [p.value for p in frank.phones] == ["+1-919-676-9515"]
    assert [e.value for e in frank.emails] == ["frank@lotus.example"]
    assert [str(p) for p in problems] == [f"test.vcf:10: {FILE_ENDS}"]


def test_a_card_that_lost_its_begin_is_kept_and_says_so() -> None:
    # A file cut at its start: the card's lines and its END:VCARD, no BEGIN:VCARD.
    data = (
        b"VERSION:3.0\r\nFN:Frank Dawson\r\nORG:Lotus\r\nADR;TYPE=WORK:;;6544 Battleford Drive\r\n"
        b" ;Raleigh;NC;27613;U.S.A.\r\nTEL;TYPE=FAX:+1-919-676-9564\r\n"
        b"EMAIL:frank@lotus.example\r\nEND:vCard\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Frank Dawson", "Ada"]
    frank = records[0]
    assert (frank.line, frank.organization) == (1, "Lotus")
    assert frank.addresses[0].locality == "Raleigh"
    assert [p.value for p in frank.phones] == ["+1-919-676-9564"]
    assert [e.value for e in frank.emails] == ["frank@lotus.example"]
    assert [(str(p), p.kept) for p in problems] == [
        ("test.vcf:1: the card has no BEGIN:VCARD; it was read up to its END", True)
    ]


def test_text_before_an_end_that_names_nobody_is_still_stray_text() -> None:
    # Mail headers and a doubled END:VCARD are no card.
    data = (
        b"From: someone@example.org\r\nSubject: cards\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\nEND:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Ada"]
    assert [(str(p), p.kept) for p in problems] == [
        (
            "test.vcf:1: text outside any vCard was ignored (lines 1-3); is BEGIN:VCARD missing?",
            False,
        ),
        (
            "test.vcf:8: text outside any vCard was ignored (line 8); is BEGIN:VCARD missing?",
            False,
        ),
    ]


def test_a_last_line_cut_mid_property_is_left_out_and_the_card_kept() -> None:
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN:Frank\nTEL:+1 555 0100\nEMAIL;TYPE=INTER"
    records, problems = read_all(data)
    assert [p.value for p in records[0].phones] == ["+1 555 0100"]
    assert records[0].emails == []
    assert [str(p) for p in problems] == [
        "test.vcf:5: line has no ':' separating name and value",
        f"test.vcf:5: {FILE_ENDS}",
    ]


def test_a_cut_card_with_nothing_to_name_it_by_is_not_said_to_be_kept() -> None:
    records, problems = read_all(b"BEGIN:VCARD\nVERSION:3.0\nBDAY:1990-01-02\n")
    assert records == []
    assert [p.reason for p in problems][-1] == "the file ends before END:VCARD"


def test_a_21_agent_block_is_a_contact_of_its_own_and_the_card_goes_on_after_it() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Public;John\r\nFN:John Public\r\n"
        b"AGENT:\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Friday;Fred\r\nFN:Fred Friday\r\n"
        b"TEL;WORK;VOICE:+1-213-555-1234\r\nEND:VCARD\r\n"
        b"TEL;HOME:+1-213-555-9999\r\nEMAIL;INTERNET:john@public.example\r\n"
        b"X-CUSTOM:after the agent\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Next Card\r\nEND:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert problems == []
    assert [(r.formatted_name, r.line) for r in records] == [
        ("Fred Friday", 6),
        ("John Public", 1),
        ("Next Card", 16),
    ]
    fred, john = records[0], records[1]
    assert [p.value for p in fred.phones] == ["+1-213-555-1234"]
    # Before, the agent's END:VCARD ended John's card: these went as "text outside a vCard".
    assert [p.value for p in john.phones] == ["+1-213-555-9999"]
    assert [e.value for e in john.emails] == ["john@public.example"]
    assert john.extra_lines == ["X-CUSTOM:after the agent"]  # AGENT: lives on as Fred


def test_a_30_agent_value_is_a_contact_of_its_own() -> None:
    # RFC 2426 section 3.5.4: the agent's card as an escaped text value, folded.
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Public\r\n"
        b"AGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-\r\n"
        b" 1234\\nEMAIL\\;INTERNET:sthomas@host.com\\nEND:VCARD\\n\r\n"
        b"TEL:+1-213-555-9999\r\nEND:VCARD\r\n"
    )
    records, problems = read_all(data)
    assert problems == []
    assert [(r.formatted_name, r.line) for r in records] == [
        ("Susan Thomas", 4),
        ("John Public", 1),
    ]
    susan, john = records
    assert [p.value for p in susan.phones] == ["+1-919-555-1234"]
    assert [e.value for e in susan.emails] == ["sthomas@host.com"]
    assert [p.value for p in john.phones] == ["+1-213-555-9999"]
    assert john.extra_lines == []


def test_an_agent_card_begun_in_the_agent_value_goes_on_on_the_next_lines() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:2.1\nFN:John Public\nAGENT:BEGIN:VCARD\nFN:Fred Friday\n"
        b"TEL:+1-213-555-1234\nEND:VCARD\nTEL:+1-213-555-9999\nEND:VCARD\n"
    )
    records, problems = read_all(data)
    assert problems == []
    assert [r.formatted_name for r in records] == ["Fred Friday", "John Public"]
    assert [p.value for p in records[1].phones] == ["+1-213-555-9999"]


def test_an_agent_block_cut_short_keeps_both_cards() -> None:
    data = b"BEGIN:VCARD\nVERSION:2.1\nFN:John\nAGENT:\nBEGIN:VCARD\nFN:Fred\nTEL:1\n"
    records, problems = read_all(data)
    assert [r.formatted_name for r in records] == ["Fred", "John"]
    assert [str(p) for p in problems] == [f"test.vcf:7: {FILE_ENDS}"] * 2


def test_agent_cards_nested_without_end_are_bounded() -> None:
    # Crafted: a hundred thousand AGENT blocks inside each other, none ending.
    data = b"BEGIN:VCARD\nFN:Outer\n" + b"AGENT:\nBEGIN:VCARD\nFN:Inner\n" * 100_000
    records, problems = read_all(data)
    assert len(records) == 100_001
    assert len(problems) == PROBLEM_LIMIT + 1
