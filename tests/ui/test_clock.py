"""The views take "today" from netdesk.clock, the one clock the tests stop."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.today.view import TodayView


def test_the_today_page_shows_the_day_on_the_clock(qtbot: QtBot, sqlite_services: Services) -> None:
    clock.stop_at(datetime(2025, 12, 31, 23, 59, tzinfo=UTC))  # the tests run in UTC
    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    sqlite_services.followups.add(ana, "Call back", date(2025, 12, 31))
    sqlite_services.followups.add(ana, "Happy new year", date(2026, 1, 1))
    bridge = ChangeBridge(sqlite_services.db)
    view = TodayView(sqlite_services, bridge)
    bridge.setParent(view)
    qtbot.addWidget(view)
    assert "Wednesday 31 December 2025" in view.greeting_label.text()
    assert [view.due_model.index(r, 0).data() for r in range(view.due_model.rowCount())] == [
        "Call back"
    ]


def test_the_clock_shows_the_real_time_unless_stopped() -> None:
    clock.stop_at(None)
    before = datetime.now(UTC)
    assert before <= clock.now() <= datetime.now(UTC)
    assert clock.today() == date.today()
    moment = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    clock.stop_at(moment)
    assert (clock.now(), clock.today()) == (moment, date(2026, 1, 1))
