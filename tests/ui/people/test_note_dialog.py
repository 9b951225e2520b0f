"""The note dialog: kind, event and text, saved with OK or Ctrl+Enter."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.people.note_dialog import NoteDialog


def _setup(services: Services) -> tuple[int, int]:
    anna = services.contacts.create(ContactInput(formatted_name="Anna Schroeder"))
    pycon = services.events.create(
        EventInput(name="PyCon", starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    )
    return anna, pycon


def _dialog(qtbot: QtBot, services: Services, *args: int | None) -> NoteDialog:
    dialog = NoteDialog(services, *args)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_add_a_note_at_an_event(qtbot: QtBot, sqlite_services: Services) -> None:
    anna, pycon = _setup(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, anna, pycon)
    assert [dialog.topic.itemText(i) for i in range(dialog.topic.count())] == [
        "General",
        "Talked about",
        "Common ground",
        "I can offer",
    ]
    assert dialog.event_combo.event_id() == pycon
    dialog.topic.setCurrentIndex(2)
    qtbot.keyClicks(dialog.body, "Both learned Python from the same book")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.note_id is not None and not dialog.isVisible()
    note = sqlite_services.notes.get(dialog.note_id)
    assert (note.contact_id, note.event_id, note.topic) == (anna, pycon, "common ground")
    assert note.body == "Both learned Python from the same book"


def test_empty_note_is_shown_beside_the_field(qtbot: QtBot, sqlite_services: Services) -> None:
    anna, _ = _setup(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, anna)
    assert dialog.event_combo.currentText() == "No event"
    qtbot.keyClicks(dialog.body, "  ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.errors.label("body")
    assert error.isVisible() and error.text() == "The note is empty."
    assert dialog.isVisible() and dialog.note_id is None
    assert sqlite_services.contacts.get(anna).notes == ()


def test_ctrl_enter_saves(qtbot: QtBot, sqlite_services: Services) -> None:
    anna, _ = _setup(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, anna)
    # Window shortcuts only fire in the active window.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.body, "Line one")
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.body, "Line two")
    assert dialog.note_id is None
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.note_id is not None
    assert sqlite_services.notes.get(dialog.note_id).body == "Line one\nLine two"


def test_edit_shows_and_saves_the_note(qtbot: QtBot, sqlite_services: Services) -> None:
    anna, pycon = _setup(sqlite_services)
    nid = sqlite_services.notes.add(anna, "Old text", "I can offer", pycon)
    dialog = _dialog(qtbot, sqlite_services, anna, None, nid)
    assert dialog.windowTitle() == "Edit note about Anna Schroeder"
    assert dialog.topic.currentText() == "I can offer"
    assert dialog.body.toPlainText() == "Old text"
    assert dialog.event_combo.event_id() == pycon
    dialog.body.clear()
    qtbot.keyClicks(dialog.body, "New text")
    dialog.event_combo.setCurrentIndex(0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    note = sqlite_services.notes.get(nid)
    assert (note.body, note.topic, note.event_id) == ("New text", "I can offer", None)


def test_title_shows_the_name_as_typed_and_labels_have_no_colons(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    odd = sqlite_services.contacts.create(ContactInput(formatted_name="Bo [*] & Co"))
    dialog = _dialog(qtbot, sqlite_services, odd)
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None and handle.title() == "Note about Bo [*] & Co"
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert labels == ["&Kind", "&Event", "&Note"]
    assert dialog.ok_button.text() == "Add note"


def test_the_note_error_goes_once_something_is_typed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    anna, _ = _setup(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, anna)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.label("body").isVisible()
    qtbot.keyClicks(dialog.body, "x")
    assert not dialog.errors.label("body").isVisible()
