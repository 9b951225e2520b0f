"""Which names count as close to one that was not found."""

from __future__ import annotations

from netdesk.services.close_names import close_names, did_you_mean, same_name_key

EVENTS = ["EuroPython 2026", "PyCon Lisbon", "Berlin Python Meetup", "Salon", "Sprint"]


def test_a_typo_finds_the_name_it_was_meant_to_be() -> None:
    assert close_names("EuroPyton 2026", EVENTS) == ["EuroPython 2026"]
    assert close_names("Salom", EVENTS) == ["Salon"]


def test_case_accents_and_spaces_do_not_count() -> None:
    assert same_name_key("  Café   Salon ") == same_name_key("cafe salon")
    assert close_names("  EUROPYTON   2026 ", EVENTS) == ["EuroPython 2026"]


def test_a_name_that_holds_the_words_typed_is_close() -> None:
    assert close_names("pycon", EVENTS) == ["PyCon Lisbon"]
    assert close_names("Python", EVENTS) == ["Berlin Python Meetup"]


def test_nothing_close_gives_nothing() -> None:
    assert close_names("DjangoCon Europe", EVENTS) == []
    assert close_names("Sale", EVENTS) == []
    assert close_names("   ", EVENTS) == []
    assert close_names("Salon", []) == []


def test_several_close_names_come_closest_first_and_each_once() -> None:
    names = ["PyCon DE 2025", "PyCon DE 2026", "PyCon DE 2026", "Other"]
    assert close_names("PyCon DE 2027", names) == ["PyCon DE 2025", "PyCon DE 2026"]
    assert close_names("PyCon DE 2O26", names)[0] == "PyCon DE 2026"


def test_did_you_mean_lists_them_all() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["A"]) == "Did you mean 'A'?"
    assert did_you_mean(["A", "B"]) == "Did you mean 'A' or 'B'?"
    assert did_you_mean(["A", "B", "C"]) == "Did you mean 'A', 'B' or 'C'?"


def test_a_common_word_suggests_the_closest_few_not_hundreds() -> None:
    names = [f"Data Night {n}" for n in range(700)]
    close = close_names("Data", names)
    assert len(close) == 700
    said = did_you_mean(close)
    assert said.count("'") == 10 and said.endswith("(of 700 close names)?")
