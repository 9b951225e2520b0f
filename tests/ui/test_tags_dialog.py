"""Managing tags: rename one everywhere, delete one and undo."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
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
    assert texts == ["Berlin  ·  1 person", "Investor  ·  2 people"]
    assert not dialog.delete_button.isEnabled()


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
