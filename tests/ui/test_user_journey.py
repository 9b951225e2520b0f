"""The issue's journey, end to end in the main window, through the real dialogs and widgets:
create an event, add a new person met there, note and follow-up, find, delete, undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.events.add_attendee_dialog import AddAttendeeDialog
from netdesk.ui.events.attendees_model import NAME as ATTENDEE_NAME
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.followups.dialog import FollowUpDialog
from netdesk.ui.main_window import EVENTS, PEOPLE, MainWindow
from netdesk.ui.people.contact_dialog import ContactDialog
from netdesk.ui.people.note_dialog import NoteDialog
from netdesk.ui.people.table_model import NAME
from netdesk.ui.today.quick_capture import QuickCaptureDialog
from tests.ui.event_ui_helpers import click, double_click, local_to_utc, tick, type_datetime
from tests.ui.main_window_helpers import (
    ModalDriver,
    activate,
    ctrl,
    label_texts,
    open_window,
    settings_at,
)

EVENT_NAME = "Python Meetup Lisbon"
PERSON = "Ann Lee"
NOTE = "Maintains a Rust crate for CAN bus drivers"
FOLLOWUP = "Send her the slides"


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    # Other people in the book, so that the search has something to leave out.
    for name in ("Bob Stone", "Carla Diaz"):
        sqlite_services.contacts.create(ContactInput(formatted_name=name, organization="Beta"))
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


def _when() -> tuple[date, tuple[int, int, int, int, int], tuple[int, int, int, int, int]]:
    """Yesterday 18:30 to 21:00, local time: the meetup we just came back from."""
    day = clock.today() - timedelta(days=1)
    return day, (day.year, day.month, day.day, 18, 30), (day.year, day.month, day.day, 21, 0)


def create_event_with_ctrl_e(qtbot: QtBot, window: MainWindow, services: Services) -> int:
    _day, start, end = _when()

    def fill(dialog: EventDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, EVENT_NAME)
        type_datetime(qtbot, dialog.start_edit, "{:04d}{:02d}{:02d}{:02d}{:02d}".format(*start))
        type_datetime(qtbot, dialog.end_edit, "{:04d}{:02d}{:02d}{:02d}{:02d}".format(*end))
        qtbot.keyClicks(dialog.venue_edit, "Avila Spaces")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = ModalDriver(EventDialog, fill)
    ctrl(qtbot, window, Qt.Key.Key_E)
    driver.check()

    event_id = services.events.find_by_name(EVENT_NAME)
    assert event_id is not None
    detail = services.events.get(event_id)
    assert detail.starts_at == local_to_utc(*start)
    assert detail.ends_at == local_to_utc(*end)
    assert detail.venue == "Avila Spaces"
    # The window shows the new event, selected, with its page open.
    events = window.view(EVENTS)
    assert window.current_key() == EVENTS
    assert events.selected_event_id() == event_id
    assert events.page.name_label.text() == EVENT_NAME
    assert events.page.no_people_label.isVisibleTo(events.page)
    return event_id


def add_new_person_from_event_page(qtbot: QtBot, window: MainWindow) -> None:
    page = window.view(EVENTS).page

    def fill_contact(dialog: ContactDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, PERSON)
        qtbot.keyClicks(dialog.organization_edit, "Acme")
        qtbot.keyClicks(dialog.emails_edit, "ann@acme.org")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def fill_add(dialog: AddAttendeeDialog) -> None:
        assert dialog.results_model.rowCount() == 2  # Bob and Carla, not Ann yet
        contact_driver = ModalDriver(ContactDialog, fill_contact)
        qtbot.mouseClick(dialog.new_person_button, Qt.MouseButton.LeftButton)
        contact_driver.check()
        picked = dialog.selected_contact()
        assert picked is not None and picked.name == PERSON
        tick(qtbot, dialog.met_check)
        assert dialog.met_check.isChecked()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = ModalDriver(AddAttendeeDialog, fill_add)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    driver.check()


def quick_capture_at_selected_event(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(QuickCaptureDialog)
    assert isinstance(dialog, QuickCaptureDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.event_combo.event_id() == window.view(EVENTS).selected_event_id()
    qtbot.keyClicks(dialog.name, PERSON)
    qtbot.keyClicks(dialog.organization, "Acme")
    qtbot.keyClicks(dialog.talked_about, "CAN bus tooling")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    assert dialog.result is not None and dialog.result.created


def check_attendee_shown(
    qtbot: QtBot, window: MainWindow, event_id: int, services: Services
) -> int:
    """The event page lists the person as met; returns their contact id."""
    page = window.view(EVENTS).page
    qtbot.waitUntil(lambda: page.attendees_model.rowCount() == 1)
    index = page.attendees_model.index(0, ATTENDEE_NAME)
    assert index.data() == PERSON
    assert page.table.isVisibleTo(page)
    assert page.people_label.text() == "People · 1 · 1 met"
    attendees = services.events.attendees(event_id)
    assert [(a.name, a.met) for a in attendees] == [(PERSON, True)]
    return attendees[0].contact_id


def open_person_from_event_page(qtbot: QtBot, window: MainWindow, contact_id: int) -> None:
    page = window.view(EVENTS).page
    double_click(qtbot, page.table, page.attendees_model.index(0, ATTENDEE_NAME))
    assert window.current_key() == PEOPLE
    people = window.view(PEOPLE)
    assert people.selected_contact_ids() == [contact_id]
    assert people.detail.name_label.text() == PERSON


def add_note_and_followup_from_detail_pane(qtbot: QtBot, window: MainWindow) -> None:
    detail = window.view(PEOPLE).detail

    def fill_note(dialog: NoteDialog) -> None:
        qtbot.keyClicks(dialog.body, NOTE)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    driver = ModalDriver(NoteDialog, fill_note)
    qtbot.mouseClick(detail.note_button, Qt.MouseButton.LeftButton)
    driver.check()

    def fill_followup(dialog: FollowUpDialog) -> None:
        qtbot.keyClicks(dialog.action, FOLLOWUP)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    followup_driver = ModalDriver(FollowUpDialog, fill_followup)
    qtbot.mouseClick(detail.followup_button, Qt.MouseButton.LeftButton)
    followup_driver.check()

    qtbot.waitUntil(lambda: NOTE in label_texts(detail))
    assert FOLLOWUP in label_texts(detail)


def find_delete_and_undo(
    qtbot: QtBot, window: MainWindow, services: Services, contact_id: int, event_id: int
) -> None:
    before = services.contacts.get(contact_id)
    notes = sorted(n.body for n in before.notes)
    followups = sorted(f.action for f in before.followups)
    assert NOTE in notes and FOLLOWUP in followups

    # Find her: Ctrl+F, type part of her name, pick the one match.
    activate(qtbot, window)
    ctrl(qtbot, window, Qt.Key.Key_1)
    ctrl(qtbot, window, Qt.Key.Key_F)
    people = window.view(PEOPLE)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.search_edit)
    qtbot.keyClicks(people.search_edit, "ann le")
    qtbot.waitUntil(lambda: people.model.query == "ann le")
    assert people.model.rowCount() == 1
    assert people.model.index(0, NAME).data() == PERSON
    click(qtbot, people.table, people.model.index(0, NAME))
    assert people.selected_contact_ids() == [contact_id]
    assert people.detail.name_label.text() == PERSON

    window.act_delete.trigger()

    assert services.contacts.count() == 2
    assert services.events.attendees(event_id) == []
    assert people.model.rowCount() == 0
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert window.act_undo.isEnabled()

    window.act_undo.trigger()

    after = services.contacts.get(contact_id)
    assert after.formatted_name == PERSON
    assert sorted(n.body for n in after.notes) == notes
    assert sorted(f.action for f in after.followups) == followups
    assert [(m.event_id, m.met) for m in after.meetings] == [(event_id, True)]
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    assert people.model.index(0, NAME).data() == PERSON
    click(qtbot, people.table, people.model.index(0, NAME))
    qtbot.waitUntil(lambda: NOTE in label_texts(people.detail))
    assert FOLLOWUP in label_texts(people.detail)
    links = people.detail.findChildren(QPushButton, "event_link")
    assert [link.text() for link in links if link.isVisibleTo(people.detail)] == [EVENT_NAME]

    # And she is back on the event's list.
    ctrl(qtbot, window, Qt.Key.Key_2)
    events = window.view(EVENTS)
    assert events.selected_event_id() == event_id
    qtbot.waitUntil(lambda: events.page.attendees_model.rowCount() == 1)
    assert events.page.attendees_model.index(0, ATTENDEE_NAME).data() == PERSON


def test_journey_through_the_event_page_new_person_flow(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    event_id = create_event_with_ctrl_e(qtbot, window, sqlite_services)
    add_new_person_from_event_page(qtbot, window)
    contact_id = check_attendee_shown(qtbot, window, event_id, sqlite_services)
    assert sqlite_services.contacts.get(contact_id).emails == ("ann@acme.org",)
    open_person_from_event_page(qtbot, window, contact_id)
    add_note_and_followup_from_detail_pane(qtbot, window)
    find_delete_and_undo(qtbot, window, sqlite_services, contact_id, event_id)


def test_journey_through_quick_capture_with_the_event_selected(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    event_id = create_event_with_ctrl_e(qtbot, window, sqlite_services)
    quick_capture_at_selected_event(qtbot, window)
    contact_id = check_attendee_shown(qtbot, window, event_id, sqlite_services)
    captured = sqlite_services.contacts.get(contact_id)
    assert captured.organization == "Acme"
    assert [(n.body, n.event_id) for n in captured.notes] == [("CAN bus tooling", event_id)]
    open_person_from_event_page(qtbot, window, contact_id)
    add_note_and_followup_from_detail_pane(qtbot, window)
    find_delete_and_undo(qtbot, window, sqlite_services, contact_id, event_id)
