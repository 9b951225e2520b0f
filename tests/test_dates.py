"""The user's calendar day of a stored moment, one rule for services and windows alike."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from netdesk.dates import as_utc, event_day, local_day


@pytest.fixture
def auckland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_timed_moment_is_on_the_local_calendar_day(auckland: None) -> None:
    evening_in_utc = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)  # 09:00 on the 5th in Auckland
    assert local_day(evening_in_utc) == date(2026, 12, 5)
    assert event_day(evening_in_utc, all_day=False) == date(2026, 12, 5)


def test_an_all_day_event_keeps_its_own_date_in_every_zone(auckland: None) -> None:
    assert event_day(datetime(2026, 12, 4, tzinfo=UTC), all_day=True) == date(2026, 12, 4)


def test_a_moment_sqlite_gave_back_without_its_zone_is_read_as_utc(auckland: None) -> None:
    naive = datetime(2026, 12, 4, 20, 0)  # a max() over a stored column
    assert as_utc(naive) == datetime(2026, 12, 4, 20, 0, tzinfo=UTC)
    assert local_day(naive) == date(2026, 12, 5)
    assert event_day(naive, all_day=True) == date(2026, 12, 4)


def test_a_day_the_clocks_change_is_read_moment_by_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        # 29 March 2026: 02:00 became 03:00. 22:30 UTC is 00:30 on the 30th (summer time).
        assert local_day(datetime(2026, 3, 29, 22, 30, tzinfo=UTC)) == date(2026, 3, 30)
        assert local_day(datetime(2026, 3, 29, 0, 30, tzinfo=UTC)) == date(2026, 3, 29)
    finally:
        monkeypatch.undo()
        time.tzset()
