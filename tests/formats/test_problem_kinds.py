"""Every reader tells a warning (what it names went in, to be checked: Problem.kept) from a
problem that left something out, and the problem cap counts both kinds apart."""

from __future__ import annotations

from netdesk.formats.csv.read import load_csv, read_contacts
from netdesk.formats.ics.read import read_ics
from netdesk.formats.problem_limit import PROBLEM_LIMIT
from netdesk.formats.records import ContactRecord, EventRecord, Problem
from netdesk.formats.vcard.read import read_vcards
from netdesk.services.control_characters import without_control_characters
from tests.formats.vcard_read_helpers import crlf, read_all


def kinds(problems: list[Problem]) -> list[tuple[str, bool]]:
    return [(problem.reason, problem.kept) for problem in problems]


def test_a_vcard_cut_short_is_a_warning_and_a_card_with_no_name_is_left_out() -> None:
    records, problems = read_all(
        "BEGIN:VCARD\nVERSION:3.0\nBDAY:1990-01-02\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Before End\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zofia Nowak\n"
    )
    assert [record.formatted_name for record in records] == ["Cut Before End", "Zofia Nowak"]
    assert [(p.line, p.kept) for p in problems] == [(1, False), (8, True), (10, True)]
    assert problems[1].reason == "the next BEGIN:VCARD comes before END:VCARD; the card was kept"
    assert problems[2].reason == "the file ends before END:VCARD; the card was kept"
    assert str(problems[2]) == f"test.vcf:10: {problems[2].reason}"


def test_a_guessed_character_set_is_a_warning_and_a_line_without_colon_a_loss() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anton\u00edn Dvo\u0159\u00e1k\r\nno colon\r\n"
    _records, problems = read_all((text + "END:VCARD\r\n").encode("cp1250"))
    assert [(p.line, p.kept) for p in problems] == [(3, True), (4, False)]
    assert "read as windows-1250" in problems[0].reason


def test_an_agent_card_keeps_the_kind_of_its_problems() -> None:
    agent = "BEGIN:VCARD\\nVERSION:3.0\\nFN:Agent\\n"  # cut short inside the AGENT value
    _records, problems = read_all(f"BEGIN:VCARD\nVERSION:3.0\nFN:Boss\nAGENT:{agent}\nEND:VCARD\n")
    assert kinds(problems) == [
        ("in the AGENT card: the file ends before END:VCARD; the card was kept", True)
    ]


def test_an_unclosed_csv_quote_is_a_warning_and_unused_cells_are_left_out() -> None:
    data = (
        "Name,Email,Custom 1\n"
        "Ada,ada@example.org,x\n"
        "Bob,bob@example.org,y,extra\n"
        '"Eve,eve@x.org,z\n'
    )
    table = load_csv(data.encode(), "p.csv")
    assert not isinstance(table, Problem)
    items = list(read_contacts(table))
    problems = [item for item in items if isinstance(item, Problem)]
    assert [(p.line, p.kept) for p in problems] == [(1, False), (3, False), (4, True)]
    assert problems[0].reason == "columns not imported: Custom 1"
    assert problems[1].reason.startswith("1 cell beyond the header not imported")
    assert problems[2].reason.startswith("a quote opened here is never closed")
    assert len([item for item in items if isinstance(item, ContactRecord)]) == 3


def calendar(*events: str) -> bytes:
    return crlf("BEGIN:VCALENDAR\nVERSION:2.0\n" + "".join(events) + "END:VCALENDAR\n")


def test_an_untitled_event_and_an_unknown_zone_are_warnings_and_no_start_a_loss() -> None:
    data = calendar(
        "BEGIN:VEVENT\nUID:a\nDTSTART:20260501T100000Z\nLOCATION:Hall B\nEND:VEVENT\n",
        "BEGIN:VEVENT\nUID:b\nSUMMARY:Talk\nDTSTART;TZID=Nowhere/Atlantis:20260501T100000\n"
        "END:VEVENT\n",
        "BEGIN:VEVENT\nUID:c\nSUMMARY:Never\nEND:VEVENT\n",
    )
    items = list(read_ics(data, "c.ics"))
    problems = [item for item in items if isinstance(item, Problem)]
    assert [event.name for event in items if isinstance(event, EventRecord)] == ["Hall B", "Talk"]
    assert [p.kept for p in problems] == [True, True, False]
    assert problems[0].reason.startswith("The event has no title (SUMMARY): named it")
    assert "is not known" in problems[1].reason
    assert "no start time" in problems[2].reason


def test_removed_control_characters_are_a_warning() -> None:
    record = ContactRecord(formatted_name="Ada\x00 Lovelace", line=3)
    items = list(without_control_characters([record], "p.vcf"))
    [problem] = [item for item in items if isinstance(item, Problem)]
    assert problem.kept and problem.reason.startswith("control characters removed from")


def test_the_vcard_cap_counts_warnings_apart_from_what_was_left_out() -> None:
    # PROBLEM_LIMIT + 2 lines without a colon, then three cards cut short: both kinds unlisted.
    bad = "".join("no colon\n" for _ in range(PROBLEM_LIMIT + 2))
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n{bad}BEGIN:VCARD\nFN:Bob\nBEGIN:VCARD\nFN:Cy\n"
    items = list(read_vcards(crlf(text), "big.vcf"))
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(problems) == PROBLEM_LIMIT + 2
    first, second = PROBLEM_LIMIT + 4, PROBLEM_LIMIT + 6
    assert [(str(p), p.kept) for p in problems[-2:]] == [
        (
            f"big.vcf:{first}: 2 more problems from here on were not listed (only the first 1,000 "
            "are)",
            False,
        ),
        (
            f"big.vcf:{second}: 3 more warnings from here on were not listed (only the first 1,000 "
            "are)",
            True,
        ),
    ]


def test_the_calendar_cap_counts_warnings_apart_from_what_was_left_out() -> None:
    skipped = "BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n" * PROBLEM_LIMIT
    untitled = "BEGIN:VEVENT\nDTSTART:20260501T100000Z\nEND:VEVENT\n"
    items = list(read_ics(calendar(skipped, untitled, skipped), "c.ics"))
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(problems) == PROBLEM_LIMIT + 2
    tally = [(p.reason.split(" from")[0], p.kept) for p in problems[-2:]]
    assert tally == [("1,000 more problems", False), ("1 more warning", True)]
    assert sum(isinstance(item, EventRecord) for item in items) == 1
