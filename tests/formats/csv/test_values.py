"""Dates in CSV cells with a two-digit year ("3/4/85", Outlook's birthdays): a year up to this
year's two digits is this century's, a later one the last century's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netdesk import clock
from netdesk.formats.csv.values import parse_date, set_birthday
from netdesk.formats.records import ContactRecord


@pytest.fixture
def in_2031(frozen_now: datetime) -> None:
    # The cut-off moves with the calendar: with the clock stopped at midsummer 2031, both sides
    # of it are known dates. (frozen_now starts the clock again after the test.)
    clock.stop_at(datetime(2031, 6, 30, 12, tzinfo=UTC))


@pytest.mark.usefixtures("in_2031")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # This year's two digits are this year, even for a day still to come.
        ("12/31/31", date(2031, 12, 31)),
        ("31.12.31", date(2031, 12, 31)),
        ("6/30/31", date(2031, 6, 30)),
        # Next year's two digits are a hundred years ago.
        ("1/1/32", date(1932, 1, 1)),
        ("01.01.32", date(1932, 1, 1)),
        ("1/1/00", date(2000, 1, 1)),
        ("12/31/99", date(1999, 12, 31)),
        ("3/4/85", date(1985, 3, 4)),
        # Four digits are taken as they are.
        ("1/1/2032", date(2032, 1, 1)),
        ("1/1/1931", date(1931, 1, 1)),
    ],
)
def test_two_digit_years_on_both_sides_of_the_cut_off(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.usefixtures("in_2031")
def test_a_birthday_with_a_two_digit_year_is_read_so() -> None:
    record = ContactRecord(formatted_name="Ada Lovelace")
    set_birthday(record, "10.12.32")
    assert record.birthday == date(1932, 12, 10)
    set_birthday(record, "10.12.31")
    assert record.birthday == date(2031, 12, 10)
    assert record.note == ""


def test_two_digit_years_far_from_the_cut_off_need_no_frozen_clock() -> None:
    # True from 2025 to 2098, whatever day the tests run on.
    assert parse_date("7/4/00") == date(2000, 7, 4)
    assert parse_date("7/4/24") == date(2024, 7, 4)
    assert parse_date("7/4/99") == date(1999, 7, 4)
