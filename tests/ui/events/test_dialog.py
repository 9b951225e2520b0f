"""The event dialog, driven by typing and clicking as a user would."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.events.add_attendee_dialog import AddAttendeeDialog
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.when_fields import local_zone_name
from tests.ui.event_ui_helpers import local_to_utc, tick, type_datetime


def _dialog(qtbot: QtBot, services: Services, event_id: int | None = None) -> EventDialog:
    dialog = EventDialog(services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _error(dialog: EventDialog, field: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label


def test_new_event_typed_in_is_saved_in_utc(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.windowTitle() == "New event"
    qtbot.keyClicks(dialog.name_edit, "Lisbon Python Meetup")
    qtbot.keyClicks(dialog.kind_combo, "Meetup")
    type_datetime(qtbot, dialog.start_edit, "202509041830")
    type_datetime(qtbot, dialog.end_edit, "202509042100")
    qtbot.keyClicks(dialog.venue_edit, "Talkdesk HQ")
    qtbot.keyClicks(dialog.city_edit, "Lisbon")
    qtbot.keyClicks(dialog.url_edit, "https://meetup.example.org/lisbon-python")
    qtbot.keyClicks(dialog.organiser_edit, "Python Portugal")
    qtbot.keyClicks(dialog.description_edit, "Two talks and pizza.")
    qtbot.keyClicks(dialog.tags_edit, "python, community, ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert detail.name == "Lisbon Python Meetup"
    assert detail.kind == "meetup"
    assert detail.starts_at == local_to_utc(2025, 9, 4, 18, 30)
    assert detail.ends_at == local_to_utc(2025, 9, 4, 21, 0)
    assert detail.timezone == local_zone_name()
    assert (detail.venue, detail.city, detail.organiser) == (
        "Talkdesk HQ",
        "Lisbon",
        "Python Portugal",
    )
    assert detail.url == "https://meetup.example.org/lisbon-python"
    assert detail.description == "Two talks and pizza."
    assert sorted(detail.tags) == ["community", "python"]


def test_kinds_are_shown_capitalised(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    texts = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert "Association meeting" in texts
    assert "Conference" in texts


def test_end_before_start_is_shown_beside_the_end_field(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Workshop")
    type_datetime(qtbot, dialog.start_edit, "202509041000")
    type_datetime(qtbot, dialog.end_edit, "202509040900")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.event_id is None
    assert _error(dialog, "ends_at").isVisible()
    assert _error(dialog, "ends_at").text() == "The end must be after the start."
    assert not _error(dialog, "name").isVisible()
    assert sqlite_services.events.list() == []

    # Fixing it and clicking OK again saves and clears the message.
    type_datetime(qtbot, dialog.end_edit, "202509041200")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is not None
    assert not _error(dialog, "ends_at").isVisible()


def test_missing_name_is_shown_beside_the_name_field(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _error(dialog, "name").isVisible()
    assert _error(dialog, "name").text() == "An event needs a name."
    assert dialog.event_id is None


def test_moving_the_start_carries_the_end_along(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    type_datetime(qtbot, dialog.start_edit, "202510011400")
    type_datetime(qtbot, dialog.end_edit, "202510011700")
    type_datetime(qtbot, dialog.start_edit, "202510020900")
    assert dialog.start_edit.dateTime().secsTo(dialog.end_edit.dateTime()) == 3 * 3600


def test_edit_prefills_and_saves(qtbot: QtBot, sqlite_services: Services) -> None:
    start = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
    event_id = sqlite_services.events.create(
        EventInput(
            name="Web Summit",
            kind="conference",
            starts_at=start,
            timezone="Europe/Lisbon",
            city="Lisbon",
            tags=["tech"],
        )
    )
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.windowTitle() == "Edit Web Summit"
    assert dialog.name_edit.text() == "Web Summit"
    assert dialog.kind_combo.currentText() == "Conference"
    assert dialog.city_edit.text() == "Lisbon"
    assert dialog.tags_edit.text() == "tech"
    assert dialog.no_end_check.isChecked()  # it had no end

    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Web Summit 2025")
    tick(qtbot, dialog.no_end_check)
    type_datetime(qtbot, dialog.end_edit, "202511061800")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    detail = sqlite_services.events.get(event_id)
    assert detail.name == "Web Summit 2025"
    assert detail.starts_at == start
    # The dialog reads times on the event's own clock.
    assert detail.ends_at == datetime(2025, 11, 6, 18, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert detail.timezone == "Europe/Lisbon"  # an event's own zone is kept
    assert detail.ends_at - detail.starts_at > timedelta(days=3)


def test_tab_leaves_the_date_fields_in_one_press(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.waitExposed(dialog)
    dialog.start_edit.setFocus()
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Tab)
    # Then on as the row reads: "All day" beside Starts, then Ends.
    assert dialog.focusWidget() is dialog.all_day_check
    qtbot.keyClick(dialog.all_day_check, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.end_edit
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Backtab)
    qtbot.keyClick(dialog.all_day_check, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.start_edit
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.kind_combo


def test_dates_read_in_english_with_the_weekday(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    dialog.start_edit.setDateTime(QDateTime(QDate(2025, 9, 4), QTime(18, 30)))
    assert dialog.start_edit.text() == "Thu 4 Sep 2025  18:30"
    type_datetime(qtbot, dialog.start_edit, "202603011000")
    assert dialog.start_edit.text() == "Sun 1 Mar 2026  10:00"


def test_new_event_says_add_and_suggests_this_year(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.ok_button.text() == "Add event"
    assert dialog.name_edit.placeholderText() == f"PyCon Lisbon {clock.today().year}"


def test_a_name_with_qt_title_markers_is_shown_as_typed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = sqlite_services.events.create(
        EventInput(name="Hack [*] Night", starts_at=datetime(2025, 11, 3, 9, tzinfo=UTC))
    )
    dialog = _dialog(qtbot, sqlite_services, event_id)
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None and handle.title() == "Edit Hack [*] Night"
    assert dialog.ok_button.text() == "Save"


def test_an_error_goes_away_once_its_field_is_changed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    type_datetime(qtbot, dialog.start_edit, "202509041000")
    type_datetime(qtbot, dialog.end_edit, "202509040900")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _error(dialog, "name").isVisible() and _error(dialog, "ends_at").isVisible()
    qtbot.keyClicks(dialog.name_edit, "W")
    assert not _error(dialog, "name").isVisible()
    assert _error(dialog, "ends_at").isVisible()  # only the changed field's message goes
    tick(qtbot, dialog.no_end_check)
    assert not _error(dialog, "ends_at").isVisible()


def test_a_website_that_is_not_a_web_address_is_shown_beside_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Meetup")
    qtbot.keyClicks(dialog.url_edit, "not a url")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is None and dialog.isVisible()
    assert _error(dialog, "url").isVisible() and _error(dialog, "url").text()
    assert not _error(dialog, "form").isVisible()
    assert dialog.focusWidget() is dialog.url_edit


@contextmanager
def database_busy(services: Services) -> Iterator[None]:
    """Another program holds the write lock. Our connections wait for it only briefly (not
    the usual 5 s), so that the test is quick."""
    engine = services.db.engine

    def wait_briefly(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    event.listen(engine, "connect", wait_briefly)
    engine.dispose()  # connections made from now on wait briefly
    path = engine.url.database
    assert path is not None
    lock = sqlite3.connect(path, timeout=0)
    lock.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        lock.rollback()
        lock.close()
        event.remove(engine, "connect", wait_briefly)
        engine.dispose()


def test_a_busy_database_is_shown_in_the_dialog_which_stays_open(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "PyCon")
    with database_busy(sqlite_services):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "busy" in _error(dialog, "form").text()
    assert _error(dialog, "form").isVisible()
    assert sqlite_services.events.list() == []

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # lock gone: try again
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [e.name for e in sqlite_services.events.list()] == ["PyCon"]


def test_a_busy_database_keeps_the_add_attendee_dialog_open(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = sqlite_services.events.create(
        EventInput(name="PyCon", starts_at=datetime(2025, 5, 14, 9, tzinfo=UTC))
    )
    sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    dialog = AddAttendeeDialog(sqlite_services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "ana")
    dialog.results_view.setCurrentIndex(dialog.results_model.index(0, 0))
    with database_busy(sqlite_services):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form_error.isVisible() and "busy" in dialog.form_error.text()
    assert sqlite_services.events.attendees(event_id) == []

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.form_error.isVisible()
    assert [a.name for a in sqlite_services.events.attendees(event_id)] == ["Ana Lopez"]


def test_the_end_error_goes_when_the_start_is_moved_instead(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Workshop")
    dialog.no_end_check.setChecked(False)
    start = dialog.start_edit.dateTime()
    dialog.end_edit.setDateTime(start.addSecs(-3600))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _error(dialog, "ends_at").isVisibleTo(dialog)
    dialog.start_edit.setDateTime(start.addSecs(-4 * 3600))
    assert not _error(dialog, "ends_at").isVisibleTo(dialog)


@pytest.fixture
def in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock is set to Tokyo time (no summer time, far from Europe and the US)."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _pick_zone(qtbot: QtBot, dialog: EventDialog, name: str) -> None:
    line = dialog.zone_combo.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, name)


def test_times_typed_for_a_new_york_event_are_new_york_times(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "NYC Python")
    _pick_zone(qtbot, dialog, "America/New_York")
    type_datetime(qtbot, dialog.start_edit, "202512041830")
    type_datetime(qtbot, dialog.end_edit, "202512042100")
    assert dialog.zone_hint.text() == "EST, UTC-05:00"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert detail.starts_at == datetime(2025, 12, 4, 23, 30, tzinfo=UTC)
    assert detail.ends_at == datetime(2025, 12, 5, 2, 0, tzinfo=UTC)
    assert detail.timezone == "America/New_York"


def test_editing_shows_the_events_own_clock_wherever_the_computer_is(
    qtbot: QtBot, sqlite_services: Services, in_tokyo: None
) -> None:
    start = datetime(2025, 12, 4, 17, 0, tzinfo=UTC)  # 18:00 in Berlin, 02:00 in Tokyo
    event_id = sqlite_services.events.create(
        EventInput(
            name="Berlin Python",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            timezone="Europe/Berlin",
        )
    )
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.zone_combo.currentText() == "Europe/Berlin"
    assert dialog.start_edit.text() == "Thu 4 Dec 2025  18:00"
    assert dialog.end_edit.text() == "Thu 4 Dec 2025  20:00"
    assert dialog.zone_hint.text() == "CET, UTC+01:00"

    # Saving untouched changes nothing; moving the end an hour moves it by one hour.
    type_datetime(qtbot, dialog.end_edit, "202512042100")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    detail = sqlite_services.events.get(event_id)
    assert (detail.starts_at, detail.ends_at) == (start, start + timedelta(hours=3))
    assert detail.timezone == "Europe/Berlin"


def test_changing_the_zone_keeps_the_times_typed(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Berlin Python")
    type_datetime(qtbot, dialog.start_edit, "202507101800")
    type_datetime(qtbot, dialog.end_edit, "202507102000")
    _pick_zone(qtbot, dialog, "europe/berlin")  # any case will do
    assert dialog.start_edit.text() == "Thu 10 Jul 2025  18:00"
    assert dialog.end_edit.text() == "Thu 10 Jul 2025  20:00"
    assert dialog.zone_hint.text() == "CEST, UTC+02:00"  # summer time on that day
    assert "keeps the times you typed" in dialog.zone_combo.toolTip()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert detail.starts_at == datetime(2025, 7, 10, 16, 0, tzinfo=UTC)
    assert detail.ends_at == datetime(2025, 7, 10, 18, 0, tzinfo=UTC)
    assert detail.timezone == "Europe/Berlin"  # as the tz database spells it


def test_an_unknown_zone_is_shown_beside_the_zone_field(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Mars meetup")
    _pick_zone(qtbot, dialog, "Mars/Olympus_Mons")
    assert dialog.zone_hint.text() == "Pick a zone from the list"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.event_id is None
    assert _error(dialog, "timezone").isVisible()
    assert _error(dialog, "timezone").text().startswith("Unknown time zone “Mars/Olympus_Mons”")
    assert dialog.focusWidget() is dialog.zone_combo
    assert sqlite_services.events.list() == []

    _pick_zone(qtbot, dialog, "Asia/Kolkata")
    assert not _error(dialog, "timezone").isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is not None
    assert sqlite_services.events.get(dialog.event_id).timezone == "Asia/Kolkata"


def test_a_new_event_is_in_this_computers_zone(
    qtbot: QtBot, sqlite_services: Services, in_tokyo: None
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.zone_combo.currentText() == "Asia/Tokyo"
    assert dialog.zone_combo.itemText(0) == "Asia/Tokyo"  # on top of the list
    assert dialog.zone_hint.text() == "JST, UTC+09:00"
    qtbot.keyClicks(dialog.name_edit, "Tokyo meetup")
    type_datetime(qtbot, dialog.start_edit, "202512041830")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.event_id is not None
    detail = sqlite_services.events.get(dialog.event_id)
    assert detail.starts_at == datetime(2025, 12, 4, 9, 30, tzinfo=UTC)
    assert detail.timezone == "Asia/Tokyo"


def test_typing_part_of_a_city_offers_its_zone(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    _pick_zone(qtbot, dialog, "new_y")
    completer = dialog.zone_combo.completer()
    assert completer is not None
    assert completer.currentCompletion() == "America/New_York"


def test_an_event_whose_zone_is_unknown_here_is_shown_in_local_time(
    qtbot: QtBot, sqlite_services: Services, in_tokyo: None
) -> None:
    event_id = sqlite_services.events.create(
        EventInput(
            name="Imported",
            starts_at=datetime(2025, 12, 4, 17, 0, tzinfo=UTC),
            timezone="W. Europe Standard Time",
        )
    )
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.zone_combo.currentText() == "Asia/Tokyo"
    assert dialog.start_edit.text() == "Fri 5 Dec 2025  02:00"
    assert dialog.zone_hint.text() == "JST, UTC+09:00 · saved zone unknown"
    assert "“W. Europe Standard Time”" in dialog.zone_hint.toolTip()
