"""Quick capture: typing during an event and pressing Enter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import Database
from netdesk.ui.today.quick_capture import MATCH_DELAY_MS, QuickCaptureDialog
from tests.ui.main_window_helpers import answer_message_box
from tests.ui.polling import poll


def _event(services: Services) -> int:
    return services.events.create(
        EventInput(name="PyCon", starts_at=clock.now() - timedelta(hours=2))
    )


def _dialog(qtbot: QtBot, services: Services, event_id: int | None) -> QuickCaptureDialog:
    dialog = QuickCaptureDialog(services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_typing_and_enter_saves_person_meeting_note_and_followup(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    pycon = _event(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, pycon)
    assert dialog.event_combo.event_id() == pycon
    assert dialog.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.name, "Anna Schroeder")
    qtbot.keyClicks(dialog.organization, "ACME")
    qtbot.keyClicks(dialog.talked_about, "Rust on microcontrollers")
    assert not dialog.due.isEnabled()
    qtbot.keyClicks(dialog.followup, "Send the slides")
    assert dialog.due.isEnabled()
    qtbot.keyClick(dialog.followup, Qt.Key.Key_Return)

    assert dialog.result is not None and dialog.result.created
    assert not dialog.isVisible()
    [row] = sqlite_services.search.page("schroeder")
    assert (row.id, row.name, row.organization) == (
        dialog.result.contact_id,
        "Anna Schroeder",
        "ACME",
    )
    anna = sqlite_services.contacts.get(row.id)
    assert [(m.event_id, m.met) for m in anna.meetings] == [(pycon, True)]
    assert [(n.topic, n.body, n.event_id) for n in anna.notes] == [
        ("talked about", "Rust on microcontrollers", pycon)
    ]
    assert [(f.action, f.due_date, f.event_id) for f in anna.followups] == [
        ("Send the slides", clock.today() + timedelta(days=3), pycon)
    ]


@pytest.mark.parametrize("field", ["name", "organization", "talked_about", "due", "event_combo"])
def test_enter_in_any_field_saves(qtbot: QtBot, sqlite_services: Services, field: str) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.name, "Bob Ng")
    qtbot.keyClicks(dialog.followup, "Call back")
    widget: QWidget = getattr(dialog, field)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.result is not None
    bob = sqlite_services.contacts.get(dialog.result.contact_id)
    assert bob.formatted_name == "Bob Ng"
    assert [f.action for f in bob.followups] == ["Call back"]


def test_without_a_followup_no_due_date_is_saved(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.name, "Bob Ng")
    qtbot.keyClicks(dialog.followup, "x")
    qtbot.keyClick(dialog.followup, Qt.Key.Key_Backspace)
    assert not dialog.due.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.followup_id is None
    assert sqlite_services.contacts.get(dialog.result.contact_id).followups == ()


def test_missing_name_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.talked_about, "Something interesting")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Return)
    error = dialog.errors.label("name")
    assert error.isVisible() and error.text() == "A contact needs a name."
    assert dialog.isVisible() and dialog.result is None
    assert sqlite_services.contacts.count() == 0
    assert dialog.focusWidget() is dialog.name


def test_note_tells_when_the_capture_goes_to_an_existing_contact(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    anna = sqlite_services.contacts.create(
        ContactInput(formatted_name="Anna Schroeder", organization="ACME")
    )
    dialog = _dialog(qtbot, sqlite_services, None)
    # QTest types ASCII only (it aborts on "ö"), hence the spelling.
    qtbot.keyClicks(dialog.name, "Anna Schroede")
    qtbot.wait(MATCH_DELAY_MS + 50)
    assert not dialog.match_note.isVisible()
    qtbot.keyClicks(dialog.name, "r")
    qtbot.waitUntil(dialog.match_note.isVisible)
    assert dialog.match_note.text() == "Will add to existing contact Anna Schroeder (ACME)"
    assert dialog.match_note.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClicks(dialog.organization, "Globex")
    qtbot.waitUntil(lambda: not dialog.match_note.isVisible())
    dialog.organization.clear()
    qtbot.keyClicks(dialog.talked_about, "Hiring")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Return)
    assert dialog.result is not None
    assert (dialog.result.contact_id, dialog.result.created) == (anna, False)
    assert sqlite_services.contacts.count() == 1


def test_escape_with_something_typed_asks_and_keep_editing_keeps_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.talked_about, "Rust")
    seen: list[str] = []
    answer_message_box(seen, "Keep editing")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Escape)
    assert seen == ["Discard this capture? What you typed will be lost."]
    assert dialog.isVisible() and dialog.talked_about.text() == "Rust"

    answer_message_box(seen, "Discard")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Escape)
    assert len(seen) == 2
    assert not dialog.isVisible()
    assert sqlite_services.contacts.count() == 0


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_enter_or_escape_in_the_discard_prompt_keeps_editing(
    qtbot: QtBot, sqlite_services: Services, key: Qt.Key
) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.name, "Ana Lopez")
    seen: list[tuple[str, ...]] = []

    def press_key() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        seen.append(tuple(b.text() for b in box.buttons()))
        seen.append((box.defaultButton().text(), box.escapeButton().text()))
        qtbot.keyClick(box, key)  # what a hand still on the keyboard does next
        return True

    poll(press_key)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert sorted(seen[0]) == ["Discard", "Keep editing"]
    assert seen[1] == ("Keep editing", "Keep editing")
    assert dialog.isVisible()
    assert dialog.name.text() == "Ana Lopez"
    assert sqlite_services.contacts.count() == 0


def test_escape_on_an_empty_capture_closes_without_asking(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.name, "   ")  # only spaces: nothing to lose
    assert not dialog.is_dirty()
    seen: list[str] = []
    # Were a box shown, this would answer it (instead of hanging) and the test would fail.
    answer_message_box(seen, "Cancel")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.wait(50)
    assert seen == []


def test_the_existing_contact_lookup_waits_for_a_pause_in_typing(
    qtbot: QtBot, sqlite_db: Database, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Anna Schroeder"))
    dialog = _dialog(qtbot, sqlite_services, None)
    statements: list[str] = []

    def count(conn: object, cursor: object, sql: str, *args: object) -> None:
        statements.append(sql)

    event.listen(sqlite_db.engine, "before_cursor_execute", count)
    try:
        qtbot.keyClicks(dialog.name, "Anna Schroeder")
        assert statements == []  # nothing while the keys come in
        qtbot.waitUntil(dialog.match_note.isVisible)
        assert 0 < len(statements) <= 10  # one lookup for the whole name
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", count)


def test_a_single_letter_is_not_looked_up(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Al"))
    sqlite_services.contacts.create(ContactInput(formatted_name="A"))
    dialog = _dialog(qtbot, sqlite_services, None)
    qtbot.keyClicks(dialog.name, "A")
    qtbot.wait(MATCH_DELAY_MS + 100)
    assert not dialog.match_note.isVisible()
    qtbot.keyClicks(dialog.name, "l")
    qtbot.waitUntil(dialog.match_note.isVisible)
    assert dialog.match_note.text() == "Will add to existing contact Al"


def test_labels_have_no_colons_and_tab_leaves_the_due_date(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services, None)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert labels == [
        "&Event",
        "&Name",
        "&Organisation",
        "&What we talked about",
        "&Follow-up",
        "&Due",
    ]
    qtbot.keyClicks(dialog.followup, "Call")
    dialog.due.setFocus()
    qtbot.keyClick(dialog.due, Qt.Key.Key_Tab)
    assert dialog.focusWidget() in dialog.buttons.buttons()
