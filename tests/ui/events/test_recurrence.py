"""A repeating event on its page and in its editor: the series told in plain words, kept when
the times are edited, ended only when the user ticks "Stop repeating"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.page import EventPage
from tests.ui.event_ui_helpers import tick, type_datetime
from tests.undo_stacks import new_undo_stack

SERIES = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:sync@example.org
SUMMARY:Team sync
DTSTART;TZID=Europe/Berlin:20260105T090000
DTEND;TZID=Europe/Berlin:20260105T093000
RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE
EXDATE;TZID=Europe/Berlin:20260112T090000,20260114T090000
END:VEVENT
BEGIN:VEVENT
UID:once@example.org
SUMMARY:Launch party
DTSTART:20260110T180000Z
END:VEVENT
END:VCALENDAR
"""
WORDS = "Repeats every 2 weeks on Monday and Wednesday, except 2 dates"


def _imported(services: Services, tmp_path: Path) -> dict[str, int]:
    path = tmp_path / "series.ics"
    path.write_text(SERIES, encoding="utf-8")
    services.imports.import_file(path)
    return {row.name: row.id for row in services.events.list()}


def _page(qtbot: QtBot, services: Services) -> EventPage:
    page = EventPage(services, new_undo_stack())
    qtbot.addWidget(page)
    page.show()
    return page


def _dialog(qtbot: QtBot, services: Services, event_id: int | None) -> EventDialog:
    dialog = EventDialog(services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_event_page_says_how_the_event_repeats(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _imported(sqlite_services, tmp_path)
    page = _page(qtbot, sqlite_services)
    page.show_event(ids["Team sync"])
    assert page.repeats_label.isVisible()
    assert page.repeats_label.text() == WORDS
    assert page.repeats_label.textFormat() == Qt.TextFormat.PlainText
    page.show_event(ids["Launch party"])
    assert not page.repeats_label.isVisible()


def test_editing_the_times_keeps_the_series(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _imported(sqlite_services, tmp_path)["Team sync"]
    before = sqlite_services.events.get(event_id)
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.repeats_label.isVisible()
    assert dialog.repeats_label.text() == "Every 2 weeks on Monday and Wednesday, except 2 dates"
    assert not dialog.stop_repeating_check.isChecked()
    type_datetime(qtbot, dialog.start_edit, "202601051000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = sqlite_services.events.get(event_id)
    assert after.starts_at != before.starts_at
    assert after.recurrence == before.recurrence and after.repeats == WORDS


def test_stop_repeating_makes_it_a_one_off_event(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _imported(sqlite_services, tmp_path)["Team sync"]
    dialog = _dialog(qtbot, sqlite_services, event_id)
    tick(qtbot, dialog.stop_repeating_check)
    assert not dialog.repeats_label.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    detail = sqlite_services.events.get(event_id)
    assert (detail.recurrence, detail.repeats) == ("", "")
    page = _page(qtbot, sqlite_services)
    page.show_event(event_id)
    assert not page.repeats_label.isVisible()


def test_a_one_off_event_has_no_repeats_row(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _imported(sqlite_services, tmp_path)["Launch party"]
    for dialog in (
        _dialog(qtbot, sqlite_services, event_id),
        _dialog(qtbot, sqlite_services, None),
    ):
        assert not dialog.repeats_label.isVisible()
        assert not dialog.stop_repeating_check.isVisible()


def test_the_rule_keeps_the_whole_width_of_its_row(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    """The words take one line even in the narrowest dialog: "Stop repeating" sits under
    them, not beside them, where it broke "…, except 2 dates" over two lines."""
    event_id = _imported(sqlite_services, tmp_path)["Team sync"]
    dialog = _dialog(qtbot, sqlite_services, event_id)
    dialog.resize(dialog.minimumWidth(), dialog.height())
    qtbot.waitUntil(lambda: dialog.width() == dialog.minimumWidth())
    label, check = dialog.repeats_label, dialog.stop_repeating_check
    assert label.height() < 2 * label.fontMetrics().lineSpacing()
    assert check.geometry().top() >= label.geometry().bottom()
