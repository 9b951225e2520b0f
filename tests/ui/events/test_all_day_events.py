"""All-day events in the interface: their dates, never hours, and never a day early for a
user west of UTC (midnight UTC is the evening before in New York)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netdesk.services.records import EventInput, MeetingRow, RecentMeeting
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.list_model import EventsListModel
from netdesk.ui.events.view import EventsView
from netdesk.ui.people.detail_sections import add_meetings
from netdesk.ui.today.models import RecentlyMetModel, UpcomingEventsModel
from netdesk.ui.widgets.dates import all_day_text, when_text, zoned_when_text
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.two_line_delegate import SUBTITLE_ROLE, TRAILING_ROLE
from tests.ui.event_ui_helpers import tick, type_date, type_datetime
from tests.undo_stacks import new_undo_stack

JAN_15 = datetime(2027, 1, 15, tzinfo=UTC)
JAN_16 = datetime(2027, 1, 16, tzinfo=UTC)
JAN_18 = datetime(2027, 1, 18, tzinfo=UTC)
Section = QDateTimeEdit.Section


@pytest.fixture
def new_york_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to New York time, where midnight UTC is 19:00 the day before."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _dialog(qtbot: QtBot, services: Services, event_id: int | None = None) -> EventDialog:
    dialog = EventDialog(services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _conference(services: Services, ends_at: datetime = JAN_18) -> int:
    return services.events.create(
        EventInput(
            name="ConFoo",
            kind="conference",
            starts_at=JAN_15,
            ends_at=ends_at,
            city="Montreal",
            all_day=True,
        )
    )


def _shows_hours(edit: QDateTimeEdit) -> bool:
    return any(edit.sectionAt(i) == Section.HourSection for i in range(edit.sectionCount()))


# --- dates as text ---------------------------------------------------------------------------


@pytest.mark.usefixtures("new_york_clock")
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (JAN_15, JAN_16, "Fri 15 Jan 2027"),
        (JAN_15, None, "Fri 15 Jan 2027"),
        (JAN_15, JAN_18, "15–17 Jan 2027"),
        (
            datetime(2027, 1, 30, tzinfo=UTC),
            datetime(2027, 2, 3, tzinfo=UTC),
            "30 Jan – 2 Feb 2027",
        ),
        (
            datetime(2026, 12, 30, tzinfo=UTC),
            datetime(2027, 1, 3, tzinfo=UTC),
            "30 Dec 2026 – 2 Jan 2027",
        ),
    ],
    ids=["one day", "no end", "same month", "two months", "two years"],
)
def test_all_day_dates_are_the_utc_dates_without_hours(
    start: datetime, end: datetime | None, expected: str
) -> None:
    assert all_day_text(start, end) == expected
    assert when_text(start, end, all_day=True) == expected
    assert zoned_when_text(start, end, "Europe/Berlin", all_day=True) == expected
    # The same moments read as a timed event move to New York's evening before.
    assert when_text(start, end).startswith(("Thu 14", "Fri 29", "Tue 29"))


# --- the event dialog ------------------------------------------------------------------------


@pytest.mark.usefixtures("new_york_clock")
def test_ticking_all_day_hides_the_hours_and_saves_the_days(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "ConFoo")
    assert _shows_hours(dialog.start_edit) and dialog.no_end_check.isVisible()
    tick(qtbot, dialog.all_day_check)
    assert dialog.all_day_check.isChecked()
    assert not _shows_hours(dialog.start_edit)
    assert not _shows_hours(dialog.end_edit)
    assert ":" not in dialog.start_edit.text() and ":" not in dialog.end_edit.text()
    assert not dialog.no_end_check.isVisible()
    assert not dialog.zone_combo.isEnabled()
    type_date(qtbot, dialog.start_edit, date(2027, 1, 15))
    type_date(qtbot, dialog.end_edit, date(2027, 1, 17))
    assert dialog.start_edit.text() == "Fri 15 Jan 2027"
    assert dialog.end_edit.text() == "Sun 17 Jan 2027"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert detail.all_day is True
    # The days themselves, not New York's midnights: 15 January is 15 January everywhere.
    assert (detail.starts_at, detail.ends_at) == (JAN_15, JAN_18)


@pytest.mark.usefixtures("new_york_clock")
def test_a_one_day_event_ends_on_its_own_day(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Association AGM")
    # Late in the evening: the two hours it lasted would run past midnight.
    type_datetime(qtbot, dialog.start_edit, "202701152300")
    tick(qtbot, dialog.all_day_check)
    assert dialog.end_edit.text() == "Fri 15 Jan 2027"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert (detail.all_day, detail.starts_at, detail.ends_at) == (True, JAN_15, JAN_16)


@pytest.mark.usefixtures("new_york_clock")
def test_editing_an_all_day_event_shows_its_days_and_keeps_them(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _conference(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.all_day_check.isChecked()
    assert not _shows_hours(dialog.start_edit)
    assert dialog.start_edit.text() == "Fri 15 Jan 2027"
    assert dialog.end_edit.text() == "Sun 17 Jan 2027"
    assert not dialog.no_end_check.isVisible()
    qtbot.keyClicks(dialog.city_edit, " (Bonaventure)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    detail = sqlite_services.events.get(event_id)
    assert detail.city == "Montreal (Bonaventure)"
    assert (detail.all_day, detail.starts_at, detail.ends_at) == (True, JAN_15, JAN_18)


@pytest.mark.usefixtures("new_york_clock")
def test_unticking_all_day_gives_working_hours_on_those_days(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _conference(sqlite_services, ends_at=JAN_16)
    dialog = _dialog(qtbot, sqlite_services, event_id)
    tick(qtbot, dialog.all_day_check)
    assert not dialog.all_day_check.isChecked()
    assert _shows_hours(dialog.start_edit)
    assert dialog.start_edit.text() == "Fri 15 Jan 2027  09:00"
    assert dialog.end_edit.text() == "Fri 15 Jan 2027  17:00"
    assert dialog.zone_combo.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    detail = sqlite_services.events.get(event_id)
    assert detail.all_day is False
    assert detail.starts_at == datetime(2027, 1, 15, 14, 0, tzinfo=UTC)  # 09:00 in New York
    assert detail.ends_at == datetime(2027, 1, 15, 22, 0, tzinfo=UTC)


def test_a_last_day_before_the_first_is_shown_beside_the_end(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Backwards")
    tick(qtbot, dialog.all_day_check)
    type_date(qtbot, dialog.start_edit, date(2027, 1, 15))
    type_date(qtbot, dialog.end_edit, date(2027, 1, 13))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.event_id is None
    error = dialog.findChild(QLabel, "error_ends_at")
    assert error is not None and error.isVisible()
    assert error.text() == "The last day cannot be before the first."
    assert sqlite_services.events.list() == []


# --- where events are listed -----------------------------------------------------------------


@pytest.mark.usefixtures("new_york_clock")
def test_events_list_and_page_show_the_days_only(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_services: Services
) -> None:
    event_id = _conference(sqlite_services)
    model = EventsListModel()
    model.set_events(sqlite_services.events.list(now=datetime(2027, 1, 1, tzinfo=UTC)))
    qtmodeltester.check(model)
    row = model.row_of(event_id)
    assert row is not None
    assert model.index(row, 0).data(SUBTITLE_ROLE) == "15–17 Jan 2027 · Conference · Montreal"

    bridge = ChangeBridge(sqlite_services.db)
    view = EventsView(sqlite_services, bridge, new_undo_stack())
    qtbot.addWidget(view)
    bridge.setParent(view)
    view.show()
    view.show_event(event_id)
    assert view.page.when_label.text() == "Conference · 15–17 Jan 2027"


@pytest.mark.usefixtures("new_york_clock")
def test_an_imported_all_day_event_shows_on_its_day(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "holiday.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:agm-2027@example.org\r\nSUMMARY:Association AGM\r\n"
        b"DTSTART;VALUE=DATE:20270115\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    sqlite_services.imports.import_file(path)
    event_id = sqlite_services.events.find_by_name("Association AGM")
    assert event_id is not None
    model = EventsListModel()
    model.set_events(sqlite_services.events.list())
    row = model.row_of(event_id)
    assert row is not None
    subtitle = model.index(row, 0).data(SUBTITLE_ROLE)
    assert subtitle == "Fri 15 Jan 2027 · Association meeting"

    combo = EventCombo(sqlite_services, event_id)
    qtbot.addWidget(combo)
    assert combo.currentText() == "Association AGM · 15 Jan 2027"


@pytest.mark.usefixtures("new_york_clock")
def test_today_page_says_which_days_without_hours(
    qtmodeltester: ModelTester, sqlite_services: Services
) -> None:
    _conference(sqlite_services)
    model = UpcomingEventsModel()
    jan_14 = date(2027, 1, 14)
    model.set_rows(
        sqlite_services.events.upcoming(now=datetime(2027, 1, 14, 12, tzinfo=UTC)), jan_14
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data(SUBTITLE_ROLE) == "Tomorrow, 3 days · Montreal"
    model.set_rows(
        sqlite_services.events.upcoming(now=datetime(2027, 1, 15, 12, tzinfo=UTC)),
        date(2027, 1, 15),
    )
    assert model.index(0, 0).data(SUBTITLE_ROLE) == "Today, 3 days · Montreal"
    model.set_rows(
        sqlite_services.events.upcoming(now=datetime(2027, 1, 16, 12, tzinfo=UTC)),
        date(2027, 1, 16),
    )
    assert model.index(0, 0).data(SUBTITLE_ROLE) == "Happening now · Montreal"

    met = RecentlyMetModel()
    met.set_rows(
        [RecentMeeting(1, "Ada Lovelace", "", 1, "ConFoo", JAN_15, all_day=True)],
        date(2027, 1, 16),
    )
    qtmodeltester.check(met)
    assert met.index(0, 0).data(TRAILING_ROLE) == "Yesterday"


@pytest.mark.usefixtures("new_york_clock")
def test_contact_page_gives_the_day_of_an_all_day_meeting(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    sections = QVBoxLayout(holder)
    meeting = MeetingRow(1, 1, "ConFoo", JAN_15, "attendee", "registered", True, (), all_day=True)
    add_meetings(sections, (meeting,), lambda _id: None, lambda _id: None, lambda _id: None)
    texts = [w.text() for w in holder.findChildren(QLabel)]
    assert "Fri 15 Jan 2027" in texts
    assert "Thu 14 Jan 2027" not in texts
    assert [b.text() for b in holder.findChildren(QPushButton, "event_link")] == ["ConFoo"]
