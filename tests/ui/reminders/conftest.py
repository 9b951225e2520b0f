"""A user in Berlin late on the Saturday before the clocks go forward, with follow-ups that
fall due at the coming midnights, and the window opened with or without a tray."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow
from tests.ui.main_window_helpers import settings_at

# 23:30 on Saturday 28 March 2026 in Berlin; the clocks go forward at 02:00 that night.
SATURDAY_NIGHT = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)
SUNDAY_MIDNIGHT = datetime(2026, 3, 28, 23, tzinfo=UTC)  # 00:00 CET
MONDAY_MIDNIGHT = datetime(2026, 3, 29, 22, tzinfo=UTC)  # 00:00 CEST, an hour earlier in UTC


@dataclass(frozen=True)
class Queue:
    overdue: int  # Carla's, from last week
    ana: int  # Sunday: send the slides (PyCon DE)
    ben: int  # Sunday: call about the job
    dan: int  # Monday


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer in Berlin for the test, its clock stopped late on that Saturday."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    clock.stop_at(SATURDAY_NIGHT)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def queue(sqlite_services: Services, berlin: None) -> Queue:
    s = sqlite_services
    pycon = s.events.create(
        EventInput(name="PyCon DE", starts_at=datetime(2026, 3, 20, 9, tzinfo=UTC))
    )
    ana, ben, carla, dan = (
        s.contacts.create(ContactInput(formatted_name=name))
        for name in ("Ana Lima", "Ben Okafor", "Carla Rossi", "Dan Weiss")
    )
    return Queue(
        overdue=s.followups.add(carla, "return the book", date(2026, 3, 20)),
        ana=s.followups.add(ana, "send the slides", date(2026, 3, 29), pycon),
        ben=s.followups.add(ben, "call about the job", date(2026, 3, 29)),
        dan=s.followups.add(dan, "write the review", date(2026, 3, 30)),
    )


@pytest.fixture
def open_window(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> Callable[..., MainWindow]:
    """The main window on the test's database; `tray=True` as on a desktop with a tray."""

    def opened(tray: bool | None = None) -> MainWindow:
        window = MainWindow(sqlite_services, settings_at(tmp_path), tray_available=tray)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opened


@pytest.fixture(autouse=True)
def _quits_with_the_last_window_again() -> Iterator[None]:
    """Keep running in the tray changes the application's quitOnLastWindowClosed: put it back
    for the next test."""
    yield
    QApplication.setQuitOnLastWindowClosed(True)


def at(moment: datetime) -> None:
    """The wall clock reads `moment` from now on."""
    clock.stop_at(moment)


def fire(window: MainWindow) -> None:
    """The watch's single-shot timer goes off (the moment it waits for has come)."""
    watch = window.reminders.watch
    assert watch is not None and watch.timer.isActive()
    watch.timer.timeout.emit()
