"""When follow-ups fall due, over time zones and daylight-saving changes, without any tray: the
moments the window's timer waits for, what fell due in a stretch of time, the due report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netdesk import clock
from netdesk.services.records import ContactInput
from netdesk.services.reminders import falls_due_at, local_zone
from netdesk.services.service_set import Services

BERLIN = ZoneInfo("Europe/Berlin")
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
AUCKLAND = ZoneInfo("Pacific/Auckland")
KOLKATA = ZoneInfo("Asia/Kolkata")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "tz", "moment"),
    [
        # Berlin, spring: the clocks go forward at 02:00 that Sunday; midnight is still CET.
        (date(2026, 3, 29), BERLIN, utc(2026, 3, 28, 23)),
        (date(2026, 3, 30), BERLIN, utc(2026, 3, 29, 22)),
        # Berlin, autumn: back at 03:00; that Sunday's midnight is still summer time.
        (date(2026, 10, 25), BERLIN, utc(2026, 10, 24, 22)),
        (date(2026, 10, 26), BERLIN, utc(2026, 10, 25, 23)),
        # São Paulo, 4 Nov 2018: the clocks jumped from 23:59:59 to 01:00, so the day began at
        # 01:00 (-02:00), which is 03:00 UTC.
        (date(2018, 11, 4), SAO_PAULO, utc(2018, 11, 4, 3)),
        # ...and on 17 Feb 2019 they went back from 00:00 to 23:00 of the 16th: the 17th
        # began once, at -03:00.
        (date(2019, 2, 17), SAO_PAULO, utc(2019, 2, 17, 3)),
        # Auckland: summer time starts at 02:00 on the last Sunday of September.
        (date(2026, 9, 27), AUCKLAND, utc(2026, 9, 26, 12)),
        (date(2026, 9, 28), AUCKLAND, utc(2026, 9, 27, 11)),
        (date(2026, 4, 5), AUCKLAND, utc(2026, 4, 4, 11)),
        (date(2026, 4, 6), AUCKLAND, utc(2026, 4, 5, 12)),
        # Half an hour off the hour, no summer time.
        (date(2026, 12, 7), KOLKATA, datetime(2026, 12, 6, 18, 30, tzinfo=UTC)),
        (date(2026, 12, 7), UTC, utc(2026, 12, 7)),
        # Gaza, 29 Oct 2021: back from 01:00 to 00:00, midnight came twice; the first counts.
        (date(2021, 10, 29), ZoneInfo("Asia/Gaza"), utc(2021, 10, 28, 21)),
    ],
)
def test_a_follow_up_falls_due_at_the_first_moment_of_its_day(
    day: date, tz: ZoneInfo, moment: datetime
) -> None:
    found = falls_due_at(day, tz)
    assert found == moment
    assert found.tzinfo is UTC
    assert found.astimezone(tz).date() == day
    # Nothing of the day before it: one second earlier is still the day before.
    assert (found - timedelta(seconds=1)).astimezone(tz).date() == day - timedelta(days=1)


def test_a_day_that_never_was_falls_due_with_the_next(services: Services) -> None:
    # Samoa went from 29 December 2011 straight to the 31st, crossing the date line.
    apia = ZoneInfo("Pacific/Apia")
    assert falls_due_at(date(2011, 12, 30), apia) == utc(2011, 12, 30, 10)
    assert falls_due_at(date(2011, 12, 31), apia) == utc(2011, 12, 30, 10)
    assert falls_due_at(date(2011, 12, 29), apia) == utc(2011, 12, 29, 10)
    lost, new_year = _followups(services, date(2011, 12, 30), date(2011, 12, 31))
    rows = services.reminders.newly_due(utc(2011, 12, 30, 9), utc(2011, 12, 30, 11), apia)
    assert [r.id for r in rows] == [lost, new_year]
    assert services.reminders.next_moment(utc(2011, 12, 29, 12), apia) == utc(2011, 12, 30, 10)


def test_the_day_the_clocks_change_is_23_or_25_hours_long() -> None:
    def length(day: date) -> timedelta:
        return falls_due_at(day + timedelta(days=1), BERLIN) - falls_due_at(day, BERLIN)

    assert length(date(2026, 3, 29)) == timedelta(hours=23)
    assert length(date(2026, 10, 25)) == timedelta(hours=25)
    assert length(date(2026, 12, 7)) == timedelta(hours=24)
    # São Paulo's skipped midnight: the 4th of November 2018 had 23 hours, from 01:00.
    assert falls_due_at(date(2018, 11, 5), SAO_PAULO) - falls_due_at(
        date(2018, 11, 4), SAO_PAULO
    ) == timedelta(hours=23)


def _followups(services: Services, *dues: date | None) -> list[int]:
    ana = services.contacts.create(ContactInput(formatted_name="Ana Lima"))
    return [services.followups.add(ana, f"Task {n}", due) for n, due in enumerate(dues)]


def test_newly_due_over_midnight_and_the_spring_change_in_berlin(services: Services) -> None:
    before, on, after = _followups(
        services, date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)
    )
    _followups(services, None)
    # The laptop checks at 23:00 on Saturday and again at 04:00 summer time on Sunday.
    clock.stop_at(utc(2026, 3, 29, 2))
    rows = services.reminders.newly_due(utc(2026, 3, 28, 22), clock.now(), BERLIN)
    assert [r.id for r in rows] == [on]
    # The end is in, the start is not: each moment is reported by exactly one check.
    assert [
        r.id
        for r in services.reminders.newly_due(utc(2026, 3, 28, 22), utc(2026, 3, 28, 23), BERLIN)
    ] == [on]
    assert services.reminders.newly_due(utc(2026, 3, 28, 23), utc(2026, 3, 29, 21), BERLIN) == []
    # The same stretch in UTC crosses no midnight of its own but 29 March's: the same one.
    assert [
        r.id for r in services.reminders.newly_due(utc(2026, 3, 28, 22), utc(2026, 3, 29, 2), UTC)
    ] == [on]
    # Over the night into Monday, both later ones; Saturday's fell due before.
    rows = services.reminders.newly_due(utc(2026, 3, 28, 22), utc(2026, 3, 30, 6), BERLIN)
    assert [r.id for r in rows] == [on, after]
    assert before not in [r.id for r in rows]


def test_newly_due_over_sao_paulos_missing_midnight(services: Services) -> None:
    [fid] = _followups(services, date(2018, 11, 4))
    # 23:30 on the 3rd to 00:59:59 that never was (still before the jump): nothing yet.
    assert (
        services.reminders.newly_due(utc(2018, 11, 4, 2, 30), utc(2018, 11, 4, 2, 59), SAO_PAULO)
        == []
    )
    rows = services.reminders.newly_due(utc(2018, 11, 4, 2, 30), utc(2018, 11, 4, 3), SAO_PAULO)
    assert [r.id for r in rows] == [fid]


def test_newly_due_in_auckland_and_kolkata_and_skips_done_ones(services: Services) -> None:
    done, open_one = _followups(services, date(2026, 9, 27), date(2026, 9, 27))
    services.followups.set_done(done)
    # Midnight in Auckland is noon UTC the day before: the 26th in Europe.
    rows = services.reminders.newly_due(utc(2026, 9, 26, 11), utc(2026, 9, 26, 13), AUCKLAND)
    assert [r.id for r in rows] == [open_one]
    assert services.reminders.newly_due(utc(2026, 9, 26, 11), utc(2026, 9, 26, 13), KOLKATA) == []
    rows = services.reminders.newly_due(utc(2026, 9, 26, 18), utc(2026, 9, 26, 19), KOLKATA)
    assert [r.id for r in rows] == [open_one]
    assert services.reminders.newly_due(utc(2026, 9, 26, 19), utc(2026, 9, 26, 18), KOLKATA) == []


def test_next_moment_is_the_next_due_days_first_moment(services: Services) -> None:
    _saturday, later, next_week = _followups(
        services, date(2026, 3, 28), date(2026, 3, 30), date(2026, 4, 6)
    )
    clock.stop_at(utc(2026, 3, 28, 12))
    # Saturday's fell due this morning; Monday's falls due at midnight, summer time by then.
    assert services.reminders.next_moment(clock.now(), BERLIN) == utc(2026, 3, 29, 22)
    assert services.reminders.next_moment(utc(2026, 3, 29, 22), BERLIN) == utc(2026, 4, 5, 22)
    services.followups.set_done(later)
    assert services.reminders.next_moment(clock.now(), BERLIN) == utc(2026, 4, 5, 22)
    # In Auckland it is already Sunday night at that moment: Monday's is 11 hours away.
    services.followups.set_done(later, done=False)
    assert services.reminders.next_moment(clock.now(), AUCKLAND) == utc(2026, 3, 29, 11)
    services.followups.set_done(later)
    services.followups.set_done(next_week)
    assert services.reminders.next_moment(clock.now(), BERLIN) is None


def test_next_moment_waits_for_sao_paulos_late_start_of_the_day(services: Services) -> None:
    _followups(services, date(2018, 11, 4))
    assert services.reminders.next_moment(utc(2018, 11, 3, 12), SAO_PAULO) == utc(2018, 11, 4, 3)
    assert services.reminders.next_moment(utc(2018, 11, 4, 3), SAO_PAULO) is None


def test_due_report_and_count_with_the_clock_stopped(services: Services) -> None:
    ids = _followups(
        services,
        date(2026, 12, 1),
        date(2026, 12, 7),
        date(2026, 12, 8),
        date(2026, 12, 10),
        date(2026, 12, 20),
        None,
    )
    services.followups.set_done(_followups(services, date(2026, 12, 2))[0])
    # 23:30 UTC on the 6th: already Monday the 7th in Berlin, still Sunday in UTC.
    clock.stop_at(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    monday = clock.now().astimezone(BERLIN).date()
    report = services.reminders.due_report(monday, days=3)
    assert [r.id for r in report.overdue] == ids[:1]
    assert [r.id for r in report.due] == ids[1:4]
    assert services.reminders.count_due(monday) == 2
    sunday = clock.now().astimezone(UTC).date()
    assert services.reminders.count_due(sunday) == 1
    report = services.reminders.due_report(sunday)
    assert ([r.id for r in report.overdue], report.due) == (ids[:1], [])
    assert services.reminders.due_report(date(2026, 11, 1), days=7).is_empty()


@pytest.fixture
def auckland_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_local_zone_keeps_its_summer_time_rules(auckland_computer: None) -> None:
    zone = local_zone()
    assert zone.utcoffset(datetime(2026, 1, 1)) == timedelta(hours=13)
    assert zone.utcoffset(datetime(2026, 7, 1)) == timedelta(hours=12)
    # The same date the rest of netdesk calls today.
    clock.stop_at(utc(2026, 3, 28, 12))
    assert clock.now().astimezone(zone).date() == clock.today() == date(2026, 3, 29)


def test_without_tz_the_zone_is_the_one_the_computer_is_set_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No TZ (a desktop session seldom has one), or one that names no zone: the zone comes from
    /etc/localtime, with its rules, and agrees with the local time the rest of Python keeps."""
    for tz in (None, "Not/AZone"):
        if tz is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", tz)
        time.tzset()
        zone = local_zone()
        for moment in (
            datetime(2026, 1, 15, 12, tzinfo=UTC),
            datetime(2026, 7, 15, 12, tzinfo=UTC),
        ):
            assert moment.astimezone(zone).utcoffset() == moment.astimezone().utcoffset()
    monkeypatch.undo()
    time.tzset()
