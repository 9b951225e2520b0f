"""Without a tray (the offscreen platform has none, as some desktops don't): what falls due
while netdesk runs appears in a line at the top of the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import FOLLOWUPS, MainWindow
from netdesk.ui.reminders.keep_running import TIP_NO_TRAY
from netdesk.ui.widgets.menus import top_menu
from tests.ui.reminders.conftest import (
    MONDAY_MIDNIGHT,
    SATURDAY_NIGHT,
    SUNDAY_MIDNIGHT,
    Queue,
    at,
    fire,
)

Opener = Callable[..., MainWindow]


def selected_ids(window: MainWindow) -> list[int]:
    return sorted(r.id for r in window.view(FOLLOWUPS).selected_rows())


def test_a_follow_up_falling_due_at_midnight_shows_the_banner(
    qtbot: QtBot, queue: Queue, open_window: Opener
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    window = open_window()
    reminders = window.reminders
    assert reminders.icon is None and reminders.banner is not None
    banner = reminders.banner
    # Carla's was overdue before netdesk started: that is the Today page's, not news.
    assert not banner.isVisible()
    watch = reminders.watch
    assert watch is not None
    # Armed for Berlin's midnight, half an hour away.
    assert abs(watch.timer.remainingTime() - 30 * 60_000) < 5_000
    at(SUNDAY_MIDNIGHT + timedelta(milliseconds=300))
    fire(window)
    assert banner.isVisible()
    assert banner.text() == "Due now: Ana Lima — send the slides (and 1 more)."
    assert banner.ids == [queue.ana, queue.ben]
    assert "Ben Okafor — call about the job" in banner.label.toolTip()
    # Above the sidebar and the pages, across the window.
    top = banner.mapTo(window, QPoint(0, 0)).y()
    assert top < window.sidebar.mapTo(window, QPoint(0, 0)).y()
    assert banner.width() >= window.sidebar.width() + window.stack.width()
    # The next moment: Monday's midnight, summer time by then, 23 hours on.
    assert abs(watch.timer.remainingTime() - 23 * 3600_000) < 5_000
    assert watch.count == 3


def test_show_follow_ups_selects_them_and_the_cross_hides_the_line(
    qtbot: QtBot, queue: Queue, open_window: Opener
) -> None:
    window = open_window()
    banner = window.reminders.banner
    assert banner is not None
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == FOLLOWUPS
    assert selected_ids(window) == sorted([queue.ana, queue.ben])
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()


def test_the_banner_lets_go_of_what_is_dealt_with(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    window = open_window()
    banner = window.reminders.banner
    assert banner is not None
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    sqlite_services.followups.set_done(queue.ana)
    qtbot.waitUntil(lambda: banner.ids == [queue.ben])
    assert banner.text() == "Due now: Ben Okafor — call about the job."
    sqlite_services.followups.snooze(queue.ben, 3)
    qtbot.waitUntil(lambda: not banner.isVisible())


def test_after_the_computer_slept_through_midnight_the_banner_catches_up(
    qtbot: QtBot, queue: Queue, open_window: Opener
) -> None:
    window = open_window()
    watch = window.reminders.watch
    banner = window.reminders.banner
    assert watch is not None and banner is not None
    # Asleep from Saturday night until Monday morning: the timer never went off, and the
    # periodic look at the clock finds it a day and a half later than it expected.
    at(MONDAY_MIDNIGHT + timedelta(hours=8))
    watch.ticker.timeout.emit()
    assert banner.ids == [queue.ana, queue.ben, queue.dan]
    assert banner.text() == "Due now: Ana Lima — send the slides (and 2 more)."
    # An ordinary minute later nothing is announced twice.
    banner.dismiss()
    at(MONDAY_MIDNIGHT + timedelta(hours=8, minutes=1))
    watch.ticker.timeout.emit()
    assert not banner.isVisible()


def test_a_follow_up_added_for_tomorrow_is_watched_for(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    window = open_window()
    watch, banner = window.reminders.watch, window.reminders.banner
    assert watch is not None and banner is not None
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    banner.dismiss()
    # Sunday at 10:00 (summer time now): Dan's is done, and there is a new one for Monday.
    at(SUNDAY_MIDNIGHT + timedelta(hours=9))
    eve = sqlite_services.contacts.create(ContactInput(formatted_name="<b>Eve</b> Adams"))
    sqlite_services.followups.set_done(queue.dan)
    new = sqlite_services.followups.add(eve, "send <i>the</i> link", date(2026, 3, 30))
    qtbot.waitUntil(lambda: abs(watch.timer.remainingTime() - 14 * 3600_000) < 5_000)
    at(MONDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    assert banner.ids == [new]
    # Names and actions are shown as typed, never as markup.
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert banner.text() == "Due now: <b>Eve</b> Adams — send <i>the</i> link."


def test_without_a_tray_keep_running_is_greyed_out_and_closing_closes(
    qtbot: QtBot, queue: Queue, open_window: Opener
) -> None:
    window = open_window()
    settings_menu = top_menu(window, "Settings")
    assert settings_menu is not None
    [keep] = [a for a in settings_menu.actions() if a.text().startswith("Keep running")]
    assert keep.isCheckable() and not keep.isChecked() and not keep.isEnabled()
    assert keep.toolTip() == TIP_NO_TRAY
    assert settings_menu.toolTipsVisible()
    window.settings.setValue("tray/keep_running", True)  # set on another desktop
    assert window.close()
    assert not window.isVisible()
    watch = window.reminders.watch
    assert watch is not None and not watch.timer.isActive()


def test_nothing_is_announced_at_start_or_when_nothing_falls_due(
    qtbot: QtBot, queue: Queue, open_window: Opener, sqlite_services: Services
) -> None:
    for followup_id in (queue.ana, queue.ben, queue.dan):
        sqlite_services.followups.delete(followup_id)
    window = open_window()
    watch, banner = window.reminders.watch, window.reminders.banner
    assert watch is not None and banner is not None
    # Still armed for midnight, so that the day turns over on time.
    assert abs(watch.timer.remainingTime() - 30 * 60_000) < 5_000
    at(SUNDAY_MIDNIGHT + timedelta(seconds=1))
    fire(window)
    assert not banner.isVisible()
    assert watch.last_check > SATURDAY_NIGHT
    assert isinstance(watch.last_check, datetime)
