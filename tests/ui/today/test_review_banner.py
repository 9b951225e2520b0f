"""Today suggests the review for events that ended in the last 3 days with people met there
who have no follow-up yet; Review… opens it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.events.review_dialog import ReviewDialog
from netdesk.ui.main_window import TODAY
from netdesk.ui.today.view import TodayView
from tests.ui.main_window_helpers import click, open_window, settings_at

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # Saturday


@pytest.fixture
def stopped() -> Iterator[None]:
    clock.stop_at(NOW)
    yield
    clock.stop_at(None)


def _view(qtbot: QtBot, services: Services) -> TodayView:
    bridge = ChangeBridge(services.db)
    view = TodayView(services, bridge)
    bridge.setParent(view)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def _event(s: Services, name: str, ends: datetime, met: int = 1) -> int:
    event_id = s.events.create(
        EventInput(name=name, starts_at=ends - timedelta(hours=8), ends_at=ends)
    )
    for n in range(met):
        contact = s.contacts.create(ContactInput(formatted_name=f"{name} person {n}"))
        s.events.add_attendee(event_id, contact, met=True)
    return event_id


@pytest.mark.usefixtures("stopped")
def test_a_line_for_an_event_that_ended_yesterday_and_none_for_older_or_running(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    s = sqlite_services
    pycon = _event(s, "PyCon DE", NOW - timedelta(days=1), met=5)
    _event(s, "Four days ago", NOW - timedelta(days=4))
    _event(s, "Running", NOW + timedelta(hours=2))
    tuesday = _event(s, "Small meetup", NOW - timedelta(days=3, hours=1), met=1)
    view = _view(qtbot, s)
    banner = view.review_banner
    assert banner.isVisible()
    assert banner.texts() == [
        "You met 5 people at PyCon DE (ended yesterday) who have no follow-up yet:",
        "You met 1 person at Small meetup (ended Wednesday) who has no follow-up yet:",
    ]
    asked: list[int] = []
    view.review_requested.connect(asked.append)
    click(qtbot, banner.lines[1][2])
    assert asked == [tuesday]

    # Everyone at PyCon reviewed: its line goes (the page hears of the change by itself).
    for person in s.review.people_to_review(pycon):
        s.review.nothing_needed(person.attendance_id)
    qtbot.waitUntil(lambda: len(banner.lines) == 1)
    for person in s.review.people_to_review(tuesday):
        s.review.follow_up_in(person.attendance_id, 2)
    qtbot.waitUntil(lambda: not banner.isVisible())


@pytest.mark.usefixtures("stopped")
def test_hidden_when_no_event_ended_lately(qtbot: QtBot, sqlite_services: Services) -> None:
    _event(sqlite_services, "Four days ago", NOW - timedelta(days=4))
    _event(sqlite_services, "Running", NOW + timedelta(hours=2))
    view = _view(qtbot, sqlite_services)
    assert not view.review_banner.isVisible()
    assert view.review_banner.lines == []


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("berlin")
def test_ended_days_are_the_users_local_days(qtbot: QtBot, sqlite_services: Services) -> None:
    # 00:30 on Saturday in Berlin, still Friday in UTC. The event ended 23:30 UTC on Tuesday:
    # 00:30 on Wednesday in Berlin, three Berlin days ago, so still suggested.
    clock.stop_at(datetime(2026, 12, 4, 23, 30, tzinfo=UTC))
    try:
        _event(sqlite_services, "Late party", datetime(2026, 12, 1, 23, 30, tzinfo=UTC))
        _event(sqlite_services, "Tuesday talk", datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
        view = _view(qtbot, sqlite_services)
        assert view.review_banner.texts() == [
            "You met 1 person at Late party (ended Wednesday) who has no follow-up yet:"
        ]
    finally:
        clock.stop_at(None)


@pytest.mark.usefixtures("stopped")
def test_review_in_the_banner_opens_the_review_in_the_window(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event(sqlite_services, "PyCon DE", NOW - timedelta(days=1), met=2)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    today = window.go_to(TODAY)
    click(qtbot, today.review_banner.lines[0][2])
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible()
    ]
    qtbot.addWidget(dialog)
    assert dialog.event_id == event_id
    assert dialog.progress_label.text() == "1 of 2"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_N)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_N)
    assert dialog.is_finished()
    qtbot.waitUntil(lambda: not today.review_banner.isVisible())


@pytest.mark.usefixtures("stopped")
def test_an_event_name_with_markup_is_shown_as_typed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    from PySide6.QtGui import QTextDocument

    _event(sqlite_services, "<b>Bold</b> & co", NOW - timedelta(days=1))
    view = _view(qtbot, sqlite_services)
    [(_event_row, label, button)] = view.review_banner.lines
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Bold</b> & co" in label.text()
    shown = QTextDocument()
    shown.setHtml(button.toolTip())
    assert "<b>Bold</b> & co" in shown.toPlainText()


def test_the_line_comes_when_the_event_ends_while_today_is_open(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    clock.stop_at(NOW)
    try:
        _event(sqlite_services, "Ends now", NOW + timedelta(milliseconds=300))
        view = _view(qtbot, sqlite_services)
        banner = view.review_banner
        assert not banner.isVisible() and banner.is_waiting()
        clock.stop_at(NOW + timedelta(seconds=1))  # the moment passes; nothing else changes
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert banner.texts() == [
            "You met 1 person at Ends now (ended today) who has no follow-up yet:"
        ]
        assert not banner.is_waiting()
    finally:
        clock.stop_at(None)


def test_after_a_busy_week_three_lines_and_how_many_more(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    clock.stop_at(NOW)
    try:
        for n in range(8):
            _event(sqlite_services, f"Meetup {n}", NOW - timedelta(hours=n + 1))
        view = _view(qtbot, sqlite_services)
        banner = view.review_banner
        assert len(banner.texts()) == 3
        assert banner.texts()[0].startswith("You met 1 person at Meetup ")
        assert banner.more_label is not None and banner.more_label.isVisible()
        assert banner.more_label.text() == (
            "And 5 more events with people to review: each comes up here as you review these."
        )
        # Today's cards keep their room.
        assert view.due_card.height() > banner.height()
    finally:
        clock.stop_at(None)
