"""The follow-ups view: the queue, mark done, snooze, edit, delete and undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from netdesk.services.followups import Bucket
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.followups_model import ACTION, DUE, OVERDUE_COLOR, PERSON
from netdesk.ui.followups_view import EMPTY_TEXT, FollowUpsView

TODAY = date.today()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def view(qtbot: QtBot, sqlite_services: Services, undo_stack: QUndoStack) -> FollowUpsView:
    bridge = ChangeBridge(sqlite_services.db)
    widget = FollowUpsView(sqlite_services, bridge, undo_stack)
    bridge.setParent(widget)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def anna(sqlite_services: Services) -> int:
    return sqlite_services.contacts.create(
        ContactInput(formatted_name="Anna Schroeder", organization="ACME")
    )


def _click(qtbot: QtBot, view: FollowUpsView, followup_id: int, column: int = ACTION) -> None:
    index = view.model.index_of(followup_id, column)
    assert index.isValid()
    view.tree.scrollTo(index)
    rect = view.tree.visualRect(index)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _group_actions(view: FollowUpsView, bucket: Bucket) -> list[str]:
    group = view.model.group_index(bucket)
    return [view.model.index(i, ACTION, group).data() for i in range(view.model.rowCount(group))]


def test_empty_state_says_what_to_do(view: FollowUpsView) -> None:
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == EMPTY_TEXT
    assert view.empty_label.isVisible()


def test_overdue_item_shows_under_overdue_in_red(
    view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    sqlite_services.followups.add(anna, "Send the slides", TODAY - timedelta(days=3))
    sqlite_services.followups.add(anna, "Call back", TODAY + timedelta(days=30))
    assert view.stack.currentWidget() is view.tree
    assert view.model.index(0, 0).data() == "Overdue (1)"
    assert _group_actions(view, Bucket.OVERDUE) == ["Send the slides"]
    assert _group_actions(view, Bucket.LATER) == ["Call back"]
    due = view.model.index(0, DUE, view.model.group_index(Bucket.OVERDUE))
    assert due.data() == "3 days overdue"
    assert due.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    assert view.tree.isExpanded(view.model.group_index(Bucket.OVERDUE))
    assert view.summary.text() == "1 overdue"


def test_mark_done_moves_the_item_to_done_and_back(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", TODAY - timedelta(days=3))
    _click(qtbot, view, fid)
    assert view.done_button.text() == "Mark done" and view.done_button.isEnabled()
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)

    assert sqlite_services.followups.get(fid).done_at is not None
    assert Bucket.OVERDUE not in view.model.buckets()
    assert _group_actions(view, Bucket.DONE) == ["Send the slides"]
    _click(qtbot, view, fid)
    assert view.done_button.text() == "Mark not done"
    assert not view.snooze_button.isEnabled()
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.followups.get(fid).done_at is None
    assert _group_actions(view, Bucket.OVERDUE) == ["Send the slides"]


def test_marking_done_selects_the_next_item(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    first = sqlite_services.followups.add(anna, "First", TODAY - timedelta(days=3))
    second = sqlite_services.followups.add(anna, "Second", TODAY - timedelta(days=2))
    _click(qtbot, view, first)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in view.selected_rows()] == [second]


def test_snooze_moves_the_item(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", TODAY - timedelta(days=3))
    _click(qtbot, view, fid)
    assert view.snooze_button.isEnabled()
    assert [a.text() for a in view.snooze_menu.actions()] == [
        "Snooze 1 day",
        "Snooze 3 days",
        "Snooze 1 week",
    ]
    view.snooze_actions[7].trigger()
    assert sqlite_services.followups.get(fid).due_date == TODAY + timedelta(days=7)
    assert _group_actions(view, Bucket.THIS_WEEK) == ["Send the slides"]
    assert Bucket.OVERDUE not in view.model.buckets()
    assert [r.id for r in view.selected_rows()] == [fid]


def test_delete_and_undo(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
) -> None:
    assert view.delete_selected() is False
    fid = sqlite_services.followups.add(anna, "Send the slides", TODAY)
    _click(qtbot, view, fid)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert sqlite_services.followups.queue()[Bucket.TODAY] == []
    assert view.stack.currentWidget() is view.empty
    assert undo_stack.undoText() == "Delete follow-up"

    undo_stack.undo()
    assert sqlite_services.followups.get(fid).action == "Send the slides"
    assert _group_actions(view, Bucket.TODAY) == ["Send the slides"]
    undo_stack.redo()
    assert sqlite_services.followups.queue()[Bucket.TODAY] == []


def test_reload_keeps_selection_and_collapsed_groups(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    kept = sqlite_services.followups.add(anna, "Keep me selected", TODAY + timedelta(days=20))
    sqlite_services.followups.add(anna, "Overdue", TODAY - timedelta(days=1))
    _click(qtbot, view, kept)
    view.tree.collapse(view.model.group_index(Bucket.OVERDUE))
    sqlite_services.followups.add(anna, "Added elsewhere", TODAY)
    assert _group_actions(view, Bucket.TODAY) == ["Added elsewhere"]
    assert [r.id for r in view.selected_rows()] == [kept]
    assert not view.tree.isExpanded(view.model.group_index(Bucket.OVERDUE))
    assert view.tree.isExpanded(view.model.group_index(Bucket.TODAY))


def test_double_click_on_person_opens_the_contact(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", TODAY)
    index = view.model.index_of(fid, PERSON)
    assert index.data() == "Anna Schroeder"
    pos = view.tree.visualRect(index).center()
    viewport = view.tree.viewport()
    with qtbot.waitSignal(view.open_contact, timeout=1000) as blocker:
        # QTest's double click lacks the first click's release that a real double click has.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [anna]


def test_new_item_adds_and_selects_a_followup(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    dialog = view.new_item()
    assert dialog.picker is not None
    qtbot.keyClicks(dialog.picker, "Anna Schroeder")
    qtbot.keyClicks(dialog.action, "Introduce to Bob")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.followup_id is not None
    assert _group_actions(view, Bucket.THIS_WEEK) == ["Introduce to Bob"]
    assert [r.id for r in view.selected_rows()] == [dialog.followup_id]


def test_edit_changes_the_selected_followup(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send slides", TODAY)
    _click(qtbot, view, fid)
    dialog = view.edit_selected()
    assert dialog is not None and dialog.action.text() == "Send slides"
    dialog.action.clear()
    qtbot.keyClicks(dialog.action, "Send the recording")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _group_actions(view, Bucket.TODAY) == ["Send the recording"]
    assert [r.id for r in view.selected_rows()] == [fid]


def test_context_menu_offers_what_fits_the_selection(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send slides", TODAY)
    _click(qtbot, view, fid)
    texts = [a.text() for a in view.context_menu().actions() if a.text()]
    assert texts == ["Mark done", "Snooze", "Edit…", "Open Anna Schroeder", "Delete"]
    sqlite_services.followups.set_done(fid)
    texts = [a.text() for a in view.context_menu().actions() if a.text()]
    assert texts == ["Mark not done", "Edit…", "Open Anna Schroeder", "Delete"]


def test_space_ticks_off_the_selected_item(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", TODAY)
    # Shortcuts only fire in the active window.
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    _click(qtbot, view, fid)
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert sqlite_services.followups.get(fid).done_at is not None
    assert _group_actions(view, Bucket.DONE) == ["Send the slides"]
