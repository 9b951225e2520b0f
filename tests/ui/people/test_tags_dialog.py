"""Managing tags: rename one everywhere, delete one and undo."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.people.tags_dialog import NAME_ROLE, TagsDialog
from netdesk.ui.widgets.plain_text import TextPrompt
from tests.ui.main_window_helpers import activate, ctrl, open_window, settings_at
from tests.ui.polling import poll, soon
from tests.undo_stacks import new_undo_stack


def _setup(qtbot: QtBot, services: Services) -> tuple[TagsDialog, QUndoStack, int]:
    anna = services.contacts.create(
        ContactInput(formatted_name="Anna Berg", tags=["Investor", "Berlin"])
    )
    services.contacts.create(ContactInput(formatted_name="Bo Lind", tags=["investor"]))
    services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["Investor"])
    )
    stack = new_undo_stack()
    dialog = TagsDialog(services, stack)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, stack, anna


def _select(dialog: TagsDialog, name: str) -> None:
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        if item.data(NAME_ROLE) == name:
            rect = dialog.list.visualItemRect(item)
            dialog.list.setCurrentItem(item)
            assert rect.isValid()
            return
    raise AssertionError(f"no tag {name}")


def test_lists_tags_with_how_many_people_carry_them(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog, _, _ = _setup(qtbot, sqlite_services)
    texts = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert texts == ["Berlin — 1 person", "Investor — 2 people · 1 event"]
    assert not dialog.delete_button.isEnabled()


def test_tags_only_on_events_or_on_nothing_say_so(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.events.create(
        EventInput(name="Summit", starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["Fintech"])
    )
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann", tags=["Spare"]))
    sqlite_services.contacts.update(ann, ContactInput(formatted_name="Ann"))
    dialog = TagsDialog(sqlite_services, new_undo_stack())
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert texts == ["Fintech — 1 event", "Spare — unused"]


def test_rename_prompt_shows_a_tag_name_as_typed_not_as_html(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann", tags=["<b>VIP</b>"]))
    dialog, _, _ = _setup(qtbot, sqlite_services)
    dialog.reload()
    _select(dialog, "<b>VIP</b>")

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, TextPrompt)
        seen.append(prompt.prompt.text())
        formats.append(prompt.prompt.textFormat())
        prompt.edit.selectAll()
        qtbot.keyClicks(prompt.edit, "Very important")
        qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)

    seen: list[str] = []
    formats: list[Qt.TextFormat] = []
    soon(answer)
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert seen == ["New name for “<b>VIP</b>”"]
    assert formats == [Qt.TextFormat.PlainText]
    assert "Very important" in sqlite_services.tags.names()
    assert dialog.selected_name() == "Very important"


def test_deleting_a_tag_deleted_elsewhere_says_so(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog, stack, _ = _setup(qtbot, sqlite_services)
    _select(dialog, "Berlin")
    sqlite_services.tags.delete("Berlin")  # from another window
    seen: list[str] = []
    # The list still counts one person for Berlin, so it asks first; then comes the news.
    _answer_boxes(["Delete", "OK"], seen)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert seen[1:] == ["There is no tag “Berlin”."]
    assert stack.count() == 0
    assert [dialog.list.item(r).data(NAME_ROLE) for r in range(dialog.list.count())] == ["Investor"]


def test_rename_reaches_every_person_and_search(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog, _, anna = _setup(qtbot, sqlite_services)
    _select(dialog, "Investor")
    assert dialog.rename_button.isEnabled()
    assert dialog.rename_selected("Business angel")
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Business angel")
    assert {r.name for r in sqlite_services.search.page("angel")} == {"Anna Berg", "Bo Lind"}
    assert dialog.selected_name() == "Business angel"


def test_delete_then_undo_puts_the_tag_back_on_people_and_events(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog, stack, anna = _setup(qtbot, sqlite_services)
    _select(dialog, "Investor")
    seen: list[str] = []
    _answer_boxes(["Delete"], seen)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "Delete the tag “Investor” from 2 people and 1 event?\n\nUndo (Ctrl+Z) puts it back."
    ]
    assert sqlite_services.contacts.get(anna).tags == ("Berlin",)
    assert sqlite_services.search.page("investor") == []
    assert [dialog.list.item(r).data(NAME_ROLE) for r in range(dialog.list.count())] == ["Berlin"]

    stack.undo()
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Investor")
    assert {r.name for r in sqlite_services.search.page("investor")} == {"Anna Berg", "Bo Lind"}
    event = sqlite_services.events.list()[0]
    assert sqlite_services.events.get(event.id).tags == ("Investor",)


def _answer_boxes(answers: list[str], seen: list[str]) -> None:
    """Click these buttons, in turn, in the message boxes about to come, noting their texts."""

    def click() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.text() in seen:
            return False
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == answers[0]]
        answers.pop(0)
        button.click()
        return not answers

    poll(click)


def _names(dialog: TagsDialog) -> list[str]:
    return [dialog.list.item(r).data(NAME_ROLE) for r in range(dialog.list.count())]


def test_deleting_a_tag_in_use_asks_and_enter_keeps_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog, stack, anna = _setup(qtbot, sqlite_services)
    _select(dialog, "Investor")
    seen: list[tuple[str, str, str, Qt.TextFormat]] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        default, escape = box.defaultButton(), box.escapeButton()
        seen.append((box.text(), default.text(), escape.text(), box.textFormat()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    soon(press_enter)
    assert dialog.delete_selected() is False
    [(text, default, escape, text_format)] = seen
    assert text.startswith("Delete the tag “Investor” from 2 people and 1 event?")
    assert (default, escape, text_format) == ("Cancel", "Cancel", Qt.TextFormat.PlainText)
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Investor")
    assert stack.count() == 0
    assert dialog.selected_name() == "Investor"


def test_del_key_deletes_an_unused_tag_at_once_and_selects_the_next(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    for name in ("Alpha", "Beta"):
        ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann", tags=[name]))
        sqlite_services.contacts.update(ann, ContactInput(formatted_name="Ann"))
    dialog, stack, _ = _setup(qtbot, sqlite_services)
    assert _names(dialog) == ["Alpha", "Berlin", "Beta", "Investor"]
    activate(qtbot, dialog)
    _select(dialog, "Alpha")
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)  # unused: nothing to ask
    assert _names(dialog) == ["Berlin", "Beta", "Investor"]
    assert "Alpha" not in sqlite_services.tags.names()
    assert dialog.selected_name() == "Berlin"
    assert dialog.delete_button.isEnabled()

    _select(dialog, "Beta")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert dialog.selected_name() == "Investor"
    assert stack.count() == 2


def test_ctrl_z_and_the_undo_button_work_inside_the_dialog(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog, stack, anna = _setup(qtbot, sqlite_services)
    activate(qtbot, dialog)
    assert not dialog.undo_button.isEnabled()
    for name in ("Berlin", "Investor"):
        _select(dialog, name)
        _answer_boxes(["Delete"], [])
        assert dialog.delete_selected()
    assert _names(dialog) == []
    assert dialog.undo_button.isEnabled()
    assert dialog.undo_action.text() == "Undo Delete tag Investor"

    activate(qtbot, dialog)  # back from the question, as a user is
    ctrl(qtbot, dialog.list, Qt.Key.Key_Z)
    assert _names(dialog) == ["Investor"]  # the list follows the undo
    assert sqlite_services.contacts.get(anna).tags == ("Investor",)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _names(dialog) == ["Berlin", "Investor"]
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Investor")
    assert stack.index() == 0
    assert not dialog.undo_button.isEnabled()


def test_ctrl_z_reaches_the_dialog_opened_from_the_main_window(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ann", tags=["Berlin"]))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = window.manage_tags()
    assert isinstance(dialog, TagsDialog)
    activate(qtbot, dialog)
    _select(dialog, "Berlin")
    _answer_boxes(["Delete"], [])
    assert dialog.delete_selected()
    assert sqlite_services.tags.names() == []
    activate(qtbot, dialog)
    ctrl(qtbot, dialog.list, Qt.Key.Key_Z)
    assert sqlite_services.tags.names() == ["Berlin"]
    assert _names(dialog) == ["Berlin"]
    dialog.reject()


def test_rename_is_undoable_and_redoable(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog, stack, anna = _setup(qtbot, sqlite_services)
    _select(dialog, "Investor")
    assert dialog.rename_selected("Business angel")
    assert stack.undoText() == "Rename tag Investor to Business angel"

    stack.undo()
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Investor")
    assert {r.name for r in sqlite_services.search.page("investor")} == {"Anna Berg", "Bo Lind"}
    assert _names(dialog) == ["Berlin", "Investor"]
    stack.redo()
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Business angel")
    assert _names(dialog) == ["Berlin", "Business angel"]


def test_undoing_a_rename_whose_old_name_was_taken_says_so(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog, stack, anna = _setup(qtbot, sqlite_services)
    _select(dialog, "Investor")
    assert dialog.rename_selected("Angel")
    # Meanwhile, in another window, someone gives a new tag the old name.
    sqlite_services.contacts.create(ContactInput(formatted_name="Cy", tags=["investor"]))

    activate(qtbot, dialog)  # the box that says so belongs to the active window
    stack.undo()
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert [b.text() for b in boxes] == [
        "Rename tag Investor to Angel: A tag “investor” exists already."
    ]
    assert [b.textFormat() for b in boxes] == [Qt.TextFormat.PlainText]
    boxes[0].close()
    assert stack.count() == 0  # the step that cannot be done leaves the stack
    assert sqlite_services.contacts.get(anna).tags == ("Angel", "Berlin")
    assert _names(dialog) == ["Angel", "Berlin", "investor"]
