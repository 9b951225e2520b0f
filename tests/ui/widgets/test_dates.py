"""Dates as the windows write them, checked against literal text (never against the function
under test, which would pass whatever it says)."""

from __future__ import annotations

from datetime import date

import pytest

from netdesk.ui.widgets.dates import day_text, long_day_text, relative_day

# A Friday in the middle of a year, so that two weeks either way stay in that year.
TODAY = date(2027, 6, 18)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 6, 18), "Today"),
        (date(2027, 6, 19), "Tomorrow"),
        (date(2027, 6, 17), "Yesterday"),
        (date(2027, 6, 20), "In 2 days"),
        (date(2027, 6, 21), "In 3 days"),
        (date(2027, 7, 2), "In 14 days"),
        (date(2027, 7, 3), "Sat 3 Jul"),
        (date(2027, 6, 16), "2 days ago"),
        (date(2027, 6, 13), "5 days ago"),
        (date(2027, 6, 4), "14 days ago"),
        (date(2027, 6, 3), "Thu 3 Jun"),
    ],
)
def test_relative_day_words(day: date, expected: str) -> None:
    assert relative_day(day, TODAY) == expected


def test_relative_day_names_the_year_only_when_it_is_another() -> None:
    assert relative_day(date(2028, 1, 14), date(2027, 12, 20)) == "Fri 14 Jan 2028"
    assert relative_day(date(2026, 12, 1), date(2027, 1, 5)) == "Tue 1 Dec 2026"
    # Across New Year the words still count days, not calendar years.
    assert relative_day(date(2028, 1, 1), date(2027, 12, 31)) == "Tomorrow"
    assert relative_day(date(2027, 12, 29), date(2028, 1, 2)) == "4 days ago"


def test_day_texts() -> None:
    assert day_text(TODAY) == "Fri 18 Jun 2027"
    assert day_text(date(2027, 1, 4), year=False) == "Mon 4 Jan"
    assert long_day_text(TODAY) == "Friday 18 June 2027"
    assert long_day_text(date(2028, 2, 29)) == "Tuesday 29 February 2028"
