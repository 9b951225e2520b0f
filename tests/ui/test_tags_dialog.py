"""Managing tags: rename one everywhere, delete one and undo."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.plain_text import TextPrompt
from netdesk.ui.tags_dialog import NAME_ROLE, TagsDialog


def _setup(qtbot: QtBot, services: Services) -> tuple[TagsDialog, QUndoStack, int]:
    anna = services.contacts.create(
        ContactInput(formatted_name="Anna Berg", tags=["Investor", "Berlin"])
    )
    services.contacts.create(ContactInput(formatted_name="Bo Lind", tags=["investor"]))
    services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["Investor"])
    )
    stack = QUndoStack()
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
    assert texts == ["Berlin  ·  1 person", "Investor  ·  2 people · 1 event"]
    assert not dialog.delete_button.isEnabled()


def test_tags_only_on_events_or_on_nothing_say_so(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.events.create(
        EventInput(name="Summit", starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["Fintech"])
    )
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann", tags=["Spare"]))
    sqlite_services.contacts.update(ann, ContactInput(formatted_name="Ann"))
    dialog = TagsDialog(sqlite_services, QUndoStack())
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert texts == ["Fintech  ·  1 event", "Spare  ·  unused"]


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
    QTimer.singleShot(0, answer)
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

    def dismiss() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, dismiss)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, dismiss)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert seen == ["There is no tag “Berlin”."]
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
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.contacts.get(anna).tags == ("Berlin",)
    assert sqlite_services.search.page("investor") == []
    assert [dialog.list.item(r).data(NAME_ROLE) for r in range(dialog.list.count())] == ["Berlin"]

    stack.undo()
    assert sqlite_services.contacts.get(anna).tags == ("Berlin", "Investor")
    assert {r.name for r in sqlite_services.search.page("investor")} == {"Anna Berg", "Bo Lind"}
    event = sqlite_services.events.list()[0]
    assert sqlite_services.events.get(event.id).tags == ("Investor",)
