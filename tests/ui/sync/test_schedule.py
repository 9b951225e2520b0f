"""The window syncs by itself every N minutes (the setting "sync/interval_minutes", 15 unless
changed, 0 = only when asked), and after failures tries again later and later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from netdesk.ui.sync.schedule import (
    INTERVAL_KEY,
    SyncSchedule,
    backoff_minutes,
    interval_minutes,
)
from tests.ui.main_window_helpers import settings_at


def test_fifteen_minutes_unless_set(tmp_path: Path) -> None:
    settings = settings_at(tmp_path)
    assert interval_minutes(settings) == 15
    settings.setValue(INTERVAL_KEY, 5)
    assert interval_minutes(settings) == 5
    settings.setValue(INTERVAL_KEY, "soon")  # a hand-edited settings file
    assert interval_minutes(settings) == 15
    settings.setValue(INTERVAL_KEY, -3)
    assert interval_minutes(settings) == 15


def test_the_timer_follows_the_setting(qtbot: QtBot, tmp_path: Path) -> None:
    schedule = SyncSchedule(settings_at(tmp_path))
    schedule.arm()
    assert schedule.timer.isActive() and schedule.timer.interval() == 15 * 60_000
    schedule.set_interval(30)
    assert schedule.timer.interval() == 30 * 60_000
    assert QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat).value(INTERVAL_KEY)
    schedule.set_interval(0)
    assert not schedule.timer.isActive()
    assert schedule.next_minutes() is None


def test_failures_back_off_up_to_an_hour(qtbot: QtBot, tmp_path: Path) -> None:
    assert [backoff_minutes(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    schedule = SyncSchedule(settings_at(tmp_path))
    waits = []
    for _ in range(3):
        schedule.ran(ok=False)
        waits.append(schedule.timer.interval() // 60_000)
    assert waits == [1, 2, 4]
    schedule.ran(ok=True)
    assert schedule.timer.interval() == 15 * 60_000


def test_the_timer_starts_a_run(qtbot: QtBot, tmp_path: Path) -> None:
    schedule = SyncSchedule(settings_at(tmp_path))
    schedule.arm()
    schedule.timer.setInterval(10)  # no test waits a quarter of an hour
    schedule.timer.start()
    with qtbot.waitSignal(schedule.due, timeout=5000):
        pass
