"""The Events page: list, event page, people there, deleting and undoing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.events.add_attendee_dialog import AddAttendeeDialog
from netdesk.ui.events.attendees_model import MET, NAME, NOTES, ORGANIZATION, ROLE, STATUS
from netdesk.ui.events.attendees_table import NOTES_MIN_WIDTH
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.page import EventPage
from netdesk.ui.events.view import EMPTY_TEXT, EventsView
from netdesk.ui.widgets.two_line_delegate import SUBTITLE_ROLE, TRAILING_ROLE
from tests.ui.event_ui_helpers import click, click_check_box, double_click, tick, type_datetime
from tests.ui.main_window_helpers import ModalDriver, activate, open_window, settings_at
from tests.undo_stacks import new_undo_stack


def _view(qtbot: QtBot, services: Services) -> tuple[EventsView, QUndoStack]:
    bridge = ChangeBridge(services.db)
    stack = new_undo_stack()
    view = EventsView(services, bridge, stack)
    qtbot.addWidget(view)
    bridge.setParent(view)  # both live as long as the view, as in the main window
    stack.setParent(view)
    view.resize(1100, 700)
    view.show()
    return view, stack


def _event(services: Services, name: str, days: float, hours: float = 3) -> int:
    start = clock.now().replace(second=0, microsecond=0) + timedelta(days=days)
    return services.events.create(
        EventInput(name=name, starts_at=start, ends_at=start + timedelta(hours=hours))
    )


def _person(services: Services, name: str, org: str = "") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization=org))


def test_empty_state_until_an_event_is_created_through_the_dialog(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    view, _ = _view(qtbot, sqlite_services)
    assert view.stack.currentWidget() is view.empty_state
    assert view.empty_label.text() == EMPTY_TEXT
    assert view.selected_event_id() is None

    dialog = view.event_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Django Girls Porto")
    qtbot.keyClicks(dialog.kind_combo, "Workshop")
    type_datetime(qtbot, dialog.start_edit, "209903140900")
    type_datetime(qtbot, dialog.end_edit, "209903141700")
    qtbot.keyClicks(dialog.city_edit, "Porto")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id is not None

    qtbot.waitUntil(lambda: view.model.event_count() == 1)
    assert view.stack.currentWidget() is view.splitter
    row = view.model.row_of(dialog.event_id)
    assert row is not None
    index = view.model.index(row, 0)
    assert index.data() == "Django Girls Porto"
    assert "Workshop" in index.data(SUBTITLE_ROLE)
    assert "Porto" in index.data(SUBTITLE_ROLE)
    # The new event is not happening now, so nothing is selected until the user picks it.
    assert view.selected_event_id() is None
    assert view.page.placeholder.isVisible()
    view.show_event(dialog.event_id)
    assert view.selected_event_id() == dialog.event_id
    assert view.page.name_label.text() == "Django Girls Porto"


def test_list_has_upcoming_then_past_sections_and_selection_shows_the_event(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    past = _event(sqlite_services, "Last month", -30)
    soon = _event(sqlite_services, "Next week", 7)
    later = _event(sqlite_services, "Next month", 30)
    view, _ = _view(qtbot, sqlite_services)
    names = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert names == ["Upcoming · 2", "Next week", "Next month", "Past · 1", "Last month"]
    assert view.selected_event_id() is None  # none is happening now
    assert not view.has_selection()
    click(qtbot, view.list_view, view.model.index(1, 0))
    assert view.selected_event_id() == soon

    click(qtbot, view.list_view, view.model.index(4, 0))
    assert view.selected_event_id() == past
    assert view.page.name_label.text() == "Last month"
    # Headers cannot be selected: clicking one leaves the selection where it was.
    click(qtbot, view.list_view, view.model.index(0, 0))
    assert view.selected_event_id() == past

    view.show_event(later)
    assert view.page.name_label.text() == "Next month"


def test_reload_on_change_keeps_the_selection(qtbot: QtBot, sqlite_services: Services) -> None:
    _event(sqlite_services, "A", 1)
    b = _event(sqlite_services, "B", 2)
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(b)
    _event(sqlite_services, "Earlier", 0.5)  # lands above B in the list
    qtbot.waitUntil(lambda: view.model.event_count() == 3)
    assert view.selected_event_id() == b
    data = sqlite_services.events.get(b).as_input()
    data.name = "B renamed"
    sqlite_services.events.update(b, data)
    qtbot.waitUntil(lambda: view.page.name_label.text() == "B renamed")
    assert view.selected_event_id() == b


def test_add_an_existing_person_by_searching(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "PyCon", 10)
    _person(sqlite_services, "Ana Lopez", "Acme")
    ben = _person(sqlite_services, "Ben Okafor", "Initech")
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    assert view.page.no_people_label.isVisibleTo(view)

    dialog = view.page.add_attendee_dialog()
    assert isinstance(dialog, AddAttendeeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "initech")
    assert dialog.results_model.rowCount() == 1
    click(qtbot, dialog.results_view, dialog.results_model.index(0, 0))
    assert dialog.selected_contact() is not None
    qtbot.keyClicks(dialog.role_combo, "Speaker")
    tick(qtbot, dialog.met_check)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    [row] = sqlite_services.events.attendees(event_id)
    assert (row.contact_id, row.role, row.status, row.met) == (ben, "speaker", "registered", True)
    assert dialog.attendance_id == row.attendance_id
    model = view.page.attendees_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, NAME).data() == "Ben Okafor"
    assert model.index(0, ROLE).data() == "Speaker"
    assert view.page.people_label.text() == "People · 1 · 1 met"


def test_searching_for_someone_unknown_says_so(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "PyCon", 10)
    _person(sqlite_services, "Ana Lopez")
    dialog = AddAttendeeDialog(sqlite_services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "zzyzx")
    assert dialog.results_model.rowCount() == 0
    assert dialog.empty_label.isVisible()
    assert "zzyzx" in dialog.empty_label.text()
    assert not dialog.ok_button.isEnabled()


def test_someone_already_on_the_event_cannot_be_added_twice(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event(sqlite_services, "PyCon", 10)
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.events.add_attendee(event_id, ana)
    dialog = AddAttendeeDialog(sqlite_services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "ana")
    assert dialog.results_model.index(0, 0).data(TRAILING_ROLE) == ("Already here")
    assert not dialog.ok_button.isEnabled()
    dialog.save()
    assert dialog.pick_error.text() == "Ana Lopez is already on this event."
    assert len(sqlite_services.events.attendees(event_id)) == 1


def test_ticking_met_in_the_table_saves_it(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "Meetup", -1)
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.events.add_attendee(event_id, ana)
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    table = view.page.table
    index = view.page.attendees_model.index(0, MET)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    click_check_box(qtbot, table, index)
    [row] = sqlite_services.events.attendees(event_id)
    assert row.met is True
    qtbot.waitUntil(lambda: view.page.people_label.text() == "People · 1 · 1 met")

    index = view.page.attendees_model.index(0, MET)
    click_check_box(qtbot, table, index)
    assert sqlite_services.events.attendees(event_id)[0].met is False


def test_double_clicking_a_person_opens_them(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "Meetup", 1)
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.events.add_attendee(event_id, ana)
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    with qtbot.waitSignal(view.open_contact) as blocker:
        double_click(qtbot, view.page.table, view.page.attendees_model.index(0, NAME))
    assert blocker.args == [ana]


def test_remove_from_event_and_undo(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "Meetup", 1)
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.events.add_attendee(event_id, ana, role="speaker", met=True)
    view, stack = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    assert not view.page.remove_button.isEnabled()
    click(qtbot, view.page.table, view.page.attendees_model.index(0, NAME))
    assert view.page.remove_button.isEnabled()
    qtbot.mouseClick(view.page.remove_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.events.attendees(event_id) == []
    assert view.page.attendees_model.rowCount() == 0

    stack.undo()
    [row] = sqlite_services.events.attendees(event_id)
    assert (row.contact_id, row.role, row.met) == (ana, "speaker", True)
    qtbot.waitUntil(lambda: view.page.attendees_model.rowCount() == 1)


def test_several_people_leave_the_event_together_and_one_undo_brings_them_back(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event(sqlite_services, "Meetup", 1)
    for name in ("Ana Lopez", "Ben Okafor", "Cleo Park"):
        sqlite_services.events.add_attendee(event_id, _person(sqlite_services, name))
    view, stack = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    table, model = view.page.table, view.page.attendees_model
    click(qtbot, table, model.index(0, NAME))
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        table.visualRect(model.index(1, NAME)).center(),
    )
    qtbot.mouseClick(view.page.remove_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in sqlite_services.events.attendees(event_id)] == ["Cleo Park"]
    assert stack.undoText() == "Remove 2 people from event"

    stack.undo()
    assert len(sqlite_services.events.attendees(event_id)) == 3
    qtbot.waitUntil(lambda: model.rowCount() == 3)


def _click_in_next_message_box(button_text: str, seen: list[str]) -> None:
    def click_it() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        raise AssertionError(f"no {button_text} button")

    QTimer.singleShot(0, click_it)


def test_delete_an_event_with_people_after_confirming_then_undo(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    keep = _event(sqlite_services, "Other", 5)
    event_id = _event(sqlite_services, "PyCon", 10)
    for name in ("Ana", "Ben"):
        sqlite_services.events.add_attendee(event_id, _person(sqlite_services, name))
    view, stack = _view(qtbot, sqlite_services)
    view.show_event(event_id)

    seen: list[str] = []
    _click_in_next_message_box("Delete", seen)
    assert view.delete_selected() is True
    assert "PyCon" in seen[0]
    assert "2 people" in seen[0]
    assert [r.id for r in sqlite_services.events.list()] == [keep]
    assert view.model.row_of(event_id) is None
    assert view.selected_event_id() == keep  # the neighbour is selected

    stack.undo()
    qtbot.waitUntil(lambda: view.model.row_of(event_id) is not None)
    assert len(sqlite_services.events.attendees(event_id)) == 2
    stack.redo()
    assert [r.id for r in sqlite_services.events.list()] == [keep]


def test_cancelling_the_confirmation_keeps_the_event(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event(sqlite_services, "PyCon", 10)
    sqlite_services.events.add_attendee(event_id, _person(sqlite_services, "Ana"))
    view, stack = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    seen: list[str] = []
    _click_in_next_message_box("Cancel", seen)
    assert view.delete_selected() is False
    assert seen
    assert [r.id for r in sqlite_services.events.list()] == [event_id]
    assert stack.count() == 0


def test_delete_an_event_without_people_needs_no_confirmation(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event(sqlite_services, "Empty", 10)
    view, stack = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    qtbot.mouseClick(view.page.delete_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.events.list() == []
    assert view.stack.currentWidget() is view.empty_state
    assert view.delete_selected() is False  # nothing selected any more
    stack.undo()
    qtbot.waitUntil(lambda: view.model.event_count() == 1)


def _event_with_people(services: Services, *names: str) -> int:
    event_id = _event(services, "PyCon", 10)
    for name in names:
        services.events.add_attendee(event_id, _person(services, name))
    return event_id


def _attendee_names(services: Services, event_id: int) -> list[str]:
    return [row.name for row in services.events.attendees(event_id)]


def test_delete_with_a_person_selected_removes_the_person_not_the_event(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event_with_people(sqlite_services, "Ana", "Ben", "Cy")
    view, stack = _view(qtbot, sqlite_services)
    activate(qtbot, view)
    view.show_event(event_id)
    click(qtbot, view.page.table, view.page.attendees_model.index(0, NAME))
    assert view.page.table.hasFocus()

    assert view.delete_selected() is True  # no question: one step, and Ctrl+Z undoes it
    assert _attendee_names(sqlite_services, event_id) == ["Ben", "Cy"]
    assert [r.id for r in sqlite_services.events.list()] == [event_id]
    assert view.selected_event_id() == event_id
    # The next person takes the place; Delete still means people while focus is elsewhere.
    selected = view.page.selected_attendee()
    assert selected is not None and selected.name == "Ben"
    view.page.edit_button.setFocus()
    assert view.delete_selected() is True
    assert _attendee_names(sqlite_services, event_id) == ["Cy"]

    stack.undo()
    stack.undo()
    assert _attendee_names(sqlite_services, event_id) == ["Ana", "Ben", "Cy"]
    qtbot.waitUntil(lambda: view.page.attendees_model.rowCount() == 3)
    assert [r.id for r in sqlite_services.events.list()] == [event_id]


def test_delete_in_the_people_table_with_no_one_selected_keeps_the_event(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event_with_people(sqlite_services, "Ana")
    view, stack = _view(qtbot, sqlite_services)
    activate(qtbot, view)
    view.show_event(event_id)
    view.page.table.setFocus()
    qtbot.waitUntil(view.page.table.hasFocus)
    assert view.page.selected_attendee() is None
    assert view.delete_selected() is False
    assert [r.id for r in sqlite_services.events.list()] == [event_id]
    assert _attendee_names(sqlite_services, event_id) == ["Ana"]
    assert stack.count() == 0


def test_delete_with_the_events_list_focused_asks_with_cancel_as_default(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event_with_people(sqlite_services, "Ana", "Ben")
    view, stack = _view(qtbot, sqlite_services)
    activate(qtbot, view)
    view.show_event(event_id)
    click(qtbot, view.page.table, view.page.attendees_model.index(0, NAME))
    # Back to the list: the person stays selected there, but Delete now means the event.
    click(qtbot, view.list_view, view.model.index(view.model.row_of(event_id) or 0, 0))
    assert view.list_view.hasFocus()
    assert view.page.selected_attendee() is not None
    seen: list[tuple[str, str, str, Qt.TextFormat]] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        default, escape = box.defaultButton(), box.escapeButton()
        seen.append((box.text(), default.text(), escape.text(), box.textFormat()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Delete, then Enter by habit

    QTimer.singleShot(0, press_enter)
    assert view.delete_selected() is False
    [(text, default, escape, text_format)] = seen
    assert text.startswith("Delete “PyCon” and its list of 2 people?")
    assert (default, escape, text_format) == ("Cancel", "Cancel", Qt.TextFormat.PlainText)
    assert [r.id for r in sqlite_services.events.list()] == [event_id]
    assert _attendee_names(sqlite_services, event_id) == ["Ana", "Ben"]
    assert stack.count() == 0


def test_the_pages_delete_event_button_deletes_the_event_even_with_a_person_selected(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    event_id = _event_with_people(sqlite_services, "Ana")
    view, _ = _view(qtbot, sqlite_services)
    activate(qtbot, view)
    view.show_event(event_id)
    click(qtbot, view.page.table, view.page.attendees_model.index(0, NAME))
    seen: list[str] = []
    _click_in_next_message_box("Delete", seen)
    qtbot.mouseClick(view.page.delete_button, Qt.MouseButton.LeftButton)
    assert seen and "PyCon" in seen[0]
    assert sqlite_services.events.list() == []


def test_opens_on_the_event_happening_now(qtbot: QtBot, sqlite_services: Services) -> None:
    _event(sqlite_services, "Tomorrow", 1)
    running = _event(sqlite_services, "Running", -0.05, hours=4)
    view, _ = _view(qtbot, sqlite_services)
    assert view.selected_event_id() == running
    assert view.page.name_label.text() == "Running"


def test_edit_event_from_the_page(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "Meetup", 3)
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    dialog = view.page.edit_event_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Python Meetup")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.events.get(event_id).name == "Python Meetup"
    qtbot.waitUntil(lambda: view.page.name_label.text() == "Python Meetup")
    row = view.model.row_of(event_id)
    assert row is not None
    assert view.model.index(row, 0).data() == "Python Meetup"


def test_add_a_new_person_from_the_add_dialog(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = _event(sqlite_services, "PyCon", 10)
    dialog = AddAttendeeDialog(sqlite_services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search_edit, "Zoe")
    assert dialog.empty_label.isVisible()

    def fill_contact_dialog() -> None:
        contact_dialog = QApplication.activeModalWidget()
        assert contact_dialog is not None
        assert contact_dialog.windowTitle() == "New contact"
        qtbot.keyClicks(contact_dialog.name_edit, "Zoe Kowalski")  # type: ignore[attr-defined]
        qtbot.keyClicks(contact_dialog.organization_edit, "Globex")  # type: ignore[attr-defined]
        qtbot.mouseClick(contact_dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    QTimer.singleShot(0, fill_contact_dialog)
    qtbot.mouseClick(dialog.new_person_button, Qt.MouseButton.LeftButton)

    picked = dialog.selected_contact()
    assert picked is not None
    assert picked.name == "Zoe Kowalski"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [row] = sqlite_services.events.attendees(event_id)
    assert (row.name, row.organization) == ("Zoe Kowalski", "Globex")


def _top_of(page: EventPage, widget: QWidget) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


@pytest.mark.parametrize("details", [False, True], ids=["bare event", "every detail"])
def test_event_header_stays_compact_at_the_top(
    qtbot: QtBot, sqlite_services: Services, details: bool, frozen_now: datetime
) -> None:
    start = frozen_now + timedelta(days=3)
    data = EventInput(name="Tiny meetup", starts_at=start, ends_at=start + timedelta(hours=2))
    if details:
        data.venue, data.city, data.organiser = "Betahaus", "Berlin", "PyBerlin"
        data.url, data.description, data.tags = "https://pyberlin.de", "Talks.", ["python"]
    event_id = sqlite_services.events.create(data)
    view, _ = _view(qtbot, sqlite_services)
    view.resize(1030, 700)  # the Events page of a 1200x760 window
    view.show_event(event_id)
    page = view.page
    QApplication.processEvents()

    name_top = _top_of(page, page.name_label)
    assert name_top < 40
    # Each detail line follows the one above it without a gap, whatever is missing.
    name_bottom = name_top + page.name_label.height()
    assert 0 <= _top_of(page, page.when_label) - name_bottom <= 12
    assert page.where_label.isVisibleTo(page) is details
    assert page.description_label.isVisibleTo(page) is details
    people_top = _top_of(page, page.people_label)
    assert people_top < (260 if details else 150)
    assert _top_of(page, page.no_people_label) - (people_top + page.people_label.height()) < 30


def _event_page_at(
    qtbot: QtBot, services: Services, tmp_path: Path, event_id: int, size: tuple[int, int]
) -> EventsView:
    """The window at `size`, on the Events page, showing the event and its people."""
    window = open_window(qtbot, services, settings_at(tmp_path))
    window.resize(*size)
    view = window.go_to("events")
    assert isinstance(view, EventsView)
    view.show_event(event_id)
    qtbot.waitUntil(lambda: view.page.table.isVisible())
    QApplication.processEvents()
    return view


def test_notes_column_gets_room_in_a_1200x760_window(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    event_id = _event(sqlite_services, "PyCon DE", -30)
    note = "Works on <b>Django</b> & SQLAlchemy; wants the sprint notes\nand an intro to Ana"
    for name, org in (("Oluwaseun Balogun", "Europa-Universität Viadrina"), ("Ana", "")):
        attendance = sqlite_services.events.add_attendee(
            event_id, _person(sqlite_services, name, org), role="organiser"
        )
        sqlite_services.events.update_attendance(attendance, notes=note)
    view = _event_page_at(qtbot, sqlite_services, tmp_path, event_id, (1200, 760))
    table = view.page.table
    header = table.horizontalHeader()
    assert header.sectionSize(NOTES) >= NOTES_MIN_WIDTH
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(NAME) >= table.fontMetrics().horizontalAdvance("Oluwaseun Balogun")
    metrics = table.fontMetrics()
    for column, word in ((ROLE, "Organiser"), (STATUS, "Registered"), (STATUS, "Checked in")):
        assert header.sectionSize(column) > metrics.horizontalAdvance(word) + 16
    # Role, status and met keep just what they need; the rest is for names and notes.
    assert header.sectionSize(STATUS) < 140
    assert header.sectionSize(MET) < 70
    tooltip = view.page.attendees_model.index(0, NOTES).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == (
        '<p style="white-space: pre-wrap">Works on &lt;b&gt;Django&lt;/b&gt; &amp; '
        "SQLAlchemy; wants the sprint notes\nand an intro to Ana</p>"
    )


def test_empty_notes_leave_room_for_whole_organisations_at_1366(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    """Nobody has notes yet: the organisation is not cut beside an empty Notes column."""
    event_id = _event(sqlite_services, "PyCon DE", 5)
    people = (
        ("Siobhán Byrne", "Copperleaf Payments"),
        ("Sergio Gómez", "Europa-Universität Lindenau"),
        ("Ingrid Andersson", "Kepler Institute for Data Science"),
    )
    for name, org in people:
        sqlite_services.events.add_attendee(event_id, _person(sqlite_services, name, org))
    table = _event_page_at(qtbot, sqlite_services, tmp_path, event_id, (1366, 740)).page.table
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for name, org in people:
        assert header.sectionSize(NAME) > metrics.horizontalAdvance(name) + 8
        assert header.sectionSize(ORGANIZATION) > metrics.horizontalAdvance(org) + 8
    assert table.horizontalScrollBar().maximum() == 0


def test_smallest_window_keeps_the_name_on_one_line_and_met_in_view(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    name = "Women in <b>Data</b> Science Workshop & Hands-on Sessions for Everyone"
    event_id = _event(sqlite_services, name, 5)
    for i in range(12):
        person = _person(sqlite_services, f"Oluwaseun Balogun {i}", "Europa-Universität Viadrina")
        attendance = sqlite_services.events.add_attendee(event_id, person)
        sqlite_services.events.update_attendance(attendance, notes="Wants the sprint notes")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.resize(window.minimumSize())
    assert (window.width(), window.height()) == (900, 560)
    view = window.go_to("events")
    assert isinstance(view, EventsView)
    view.show_event(event_id)
    qtbot.waitUntil(lambda: view.page.table.isVisible())
    QApplication.processEvents()

    page = view.page
    label = page.name_label
    assert label.text() == name
    assert label.height() < 2 * label.fontMetrics().height()
    assert label.shown_text().endswith("…")
    assert label.toolTip() == (
        '<p style="white-space: pre-wrap">Women in &lt;b&gt;Data&lt;/b&gt; Science Workshop '
        "&amp; Hands-on Sessions for Everyone</p>"
    )
    table = page.table
    header = table.horizontalHeader()
    # Every column fits, Met whole: organisation and notes gave way, not Met.
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    met_right = header.sectionViewportPosition(MET) + header.sectionSize(MET)
    assert met_right <= table.viewport().width()
    assert header.sectionSize(MET) >= header.fontMetrics().horizontalAdvance("Met") + 16
    assert header.sectionSize(NAME) > header.sectionSize(ORGANIZATION)
    assert header.sectionSize(NOTES) >= 36


def test_new_event_works_while_the_events_page_is_hidden(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    bridge = ChangeBridge(sqlite_services.db)
    stack = new_undo_stack()
    view = EventsView(sqlite_services, bridge, stack)  # built, never shown
    qtbot.addWidget(view)
    bridge.setParent(view)
    stack.setParent(view)
    assert not view.isVisible()

    def fill(dialog: EventDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Django Girls Porto")  # the dates it proposes
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = ModalDriver(EventDialog, fill)
    view.new_item()
    driver.check()

    [row] = sqlite_services.events.list()
    assert row.name == "Django Girls Porto"
    assert not view.isVisible()
    assert view.stack.currentWidget() is view.splitter
    assert view.selected_event_id() == row.id
    assert view.page.name_label.text() == "Django Girls Porto"
    view.resize(1030, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.page.name_label.isVisible()
    assert view.selected_event_id() == row.id


@pytest.fixture
def berlin_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to Berlin time for the test, then back to what it was."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("berlin_clock")
@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "America/New_York",
            "Conference · Fri 4 Dec 2026, 12:00–15:00 EST (18:00–21:00 your time)",
        ),
        ("Europe/Paris", "Conference · Fri 4 Dec 2026, 18:00–21:00"),
        ("", "Conference · Fri 4 Dec 2026, 18:00–21:00"),
        ("Mars/Olympus_Mons", "Conference · Fri 4 Dec 2026, 18:00–21:00"),
    ],
    ids=["other zone", "same clock", "no zone", "unknown zone"],
)
def test_event_page_shows_the_event_in_its_own_zone(
    qtbot: QtBot, sqlite_services: Services, zone: str, expected: str
) -> None:
    start = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    event_id = sqlite_services.events.create(
        EventInput(
            name="PyData NYC",
            kind="conference",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            timezone=zone,
        )
    )
    view, _ = _view(qtbot, sqlite_services)
    view.show_event(event_id)
    assert view.page.when_label.text() == expected
