"""The follow-ups view: the queue, mark done, snooze, edit, delete and undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot

from netdesk.services.followups import Bucket
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.followups.empty_state import EMPTY_TEXT
from netdesk.ui.followups.model import ACTION, DUE, EVENT, PERSON
from netdesk.ui.followups.view import FollowUpsView
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import day_text
from tests.ui.main_window_helpers import ModalDriver
from tests.undo_stacks import new_undo_stack


@pytest.fixture
def undo_stack() -> QUndoStack:
    return new_undo_stack()


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
    view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    sqlite_services.followups.add(anna, "Send the slides", frozen_today - timedelta(days=3))
    sqlite_services.followups.add(anna, "Call back", frozen_today + timedelta(days=30))
    assert view.stack.currentWidget() is view.tree
    assert view.model.index(0, 0).data() == "Overdue (1)"
    assert _group_actions(view, Bucket.OVERDUE) == ["Send the slides"]
    assert _group_actions(view, Bucket.LATER) == ["Call back"]
    due = view.model.index(0, DUE, view.model.group_index(Bucket.OVERDUE))
    assert due.data() == "3 days overdue"
    assert due.data(Qt.ItemDataRole.ForegroundRole) == theme.error(theme.app_palette())
    assert view.tree.isExpanded(view.model.group_index(Bucket.OVERDUE))
    assert view.summary.text() == "1 overdue"


def test_mark_done_moves_the_item_to_done_and_back(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today - timedelta(days=3))
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
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    first = sqlite_services.followups.add(anna, "First", frozen_today - timedelta(days=3))
    second = sqlite_services.followups.add(anna, "Second", frozen_today - timedelta(days=2))
    _click(qtbot, view, first)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in view.selected_rows()] == [second]


def test_snooze_moves_the_item(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today - timedelta(days=3))
    _click(qtbot, view, fid)
    assert view.snooze_button.isEnabled()
    assert [a.text() for a in view.snooze_menu.actions()] == [
        "Snooze 1 day",
        "Snooze 3 days",
        "Snooze 1 week",
    ]
    view.snooze_actions[7].trigger()
    assert sqlite_services.followups.get(fid).due_date == frozen_today + timedelta(days=7)
    assert _group_actions(view, Bucket.NEXT_DAYS) == ["Send the slides"]
    assert Bucket.OVERDUE not in view.model.buckets()
    assert [r.id for r in view.selected_rows()] == [fid]


def test_delete_and_undo(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    assert view.delete_selected() is False
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today)
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
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    kept = sqlite_services.followups.add(
        anna, "Keep me selected", frozen_today + timedelta(days=20)
    )
    sqlite_services.followups.add(anna, "Overdue", frozen_today - timedelta(days=1))
    _click(qtbot, view, kept)
    view.tree.collapse(view.model.group_index(Bucket.OVERDUE))
    sqlite_services.followups.add(anna, "Added elsewhere", frozen_today)
    assert _group_actions(view, Bucket.TODAY) == ["Added elsewhere"]
    assert [r.id for r in view.selected_rows()] == [kept]
    assert not view.tree.isExpanded(view.model.group_index(Bucket.OVERDUE))
    assert view.tree.isExpanded(view.model.group_index(Bucket.TODAY))


def test_double_click_on_person_opens_the_contact(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today)
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
    assert _group_actions(view, Bucket.NEXT_DAYS) == ["Introduce to Bob"]
    assert [r.id for r in view.selected_rows()] == [dialog.followup_id]


def test_edit_changes_the_selected_followup(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send slides", frozen_today)
    _click(qtbot, view, fid)
    dialog = view.edit_selected()
    assert dialog is not None and dialog.action.text() == "Send slides"
    dialog.action.clear()
    qtbot.keyClicks(dialog.action, "Send the recording")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _group_actions(view, Bucket.TODAY) == ["Send the recording"]
    assert [r.id for r in view.selected_rows()] == [fid]


def test_context_menu_offers_what_fits_the_selection(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send slides", frozen_today)
    _click(qtbot, view, fid)
    texts = [a.text() for a in view.context_menu().actions() if a.text()]
    assert texts == [
        "Mark done",
        "Snooze",
        "Edit…",
        "Write email…",
        "Open Anna Schroeder",
        "Link to goal…",
        "Delete",
    ]
    sqlite_services.followups.set_done(fid)
    texts = [a.text() for a in view.context_menu().actions() if a.text()]
    assert texts == [
        "Mark not done",
        "Edit…",
        "Write email…",
        "Open Anna Schroeder",
        "Link to goal…",
        "Delete",
    ]


def test_space_ticks_off_the_selected_item(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today)
    # Shortcuts only fire in the active window.
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    _click(qtbot, view, fid)
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert sqlite_services.followups.get(fid).done_at is not None
    assert _group_actions(view, Bucket.DONE) == ["Send the slides"]


def _select(view: FollowUpsView, ids: list[int]) -> None:
    view.select_ids(ids)
    assert sorted(r.id for r in view.selected_rows()) == sorted(ids)


def test_mark_done_says_so_and_undo_reopens(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today)
    _click(qtbot, view, fid)
    with qtbot.waitSignal(view.message) as blocker:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["Marked done — Ctrl+Z to undo"]
    done_at = sqlite_services.followups.get(fid).done_at
    assert done_at is not None
    assert undo_stack.undoText() == "Mark done"

    undo_stack.undo()
    assert sqlite_services.followups.get(fid).done_at is None
    assert _group_actions(view, Bucket.TODAY) == ["Send the slides"]
    undo_stack.redo()
    assert sqlite_services.followups.get(fid).done_at == done_at
    assert _group_actions(view, Bucket.DONE) == ["Send the slides"]


def test_snooze_several_is_one_undo_step(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    add = sqlite_services.followups.add
    ids = [add(anna, f"Item {i}", frozen_today - timedelta(days=i)) for i in range(1, 4)]
    _select(view, ids)
    with qtbot.waitSignal(view.message) as blocker:
        view.snooze_actions[3].trigger()
    target = frozen_today + timedelta(days=3)
    assert blocker.args == [
        f"Snoozed 3 follow-ups to {day_text(target, year=target.year != frozen_today.year)}"
        " — Ctrl+Z to undo"
    ]
    assert {sqlite_services.followups.get(i).due_date for i in ids} == {target}
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Snooze 3 follow-ups"

    undo_stack.undo()
    assert [sqlite_services.followups.get(i).due_date for i in ids] == [
        frozen_today - timedelta(days=i) for i in range(1, 4)
    ]
    assert len(_group_actions(view, Bucket.OVERDUE)) == 3


@pytest.mark.parametrize("action", ["done", "snooze", "delete"])
def test_bulk_actions_change_nothing_when_one_row_vanished(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    action: str,
    frozen_today: date,
) -> None:
    add = sqlite_services.followups.add
    ids = [add(anna, f"Item {i}", frozen_today - timedelta(days=i)) for i in range(1, 4)]
    _select(view, ids)
    # Another window (its own connection, so this view hears nothing) deletes the middle one.
    other_db = open_database(sqlite_services.db.url)
    try:
        Services(other_db).followups.delete(ids[1])
    finally:
        other_db.close()
    messages: list[str] = []
    view.message.connect(messages.append)
    errors: list[str] = []

    def dismiss(box: QMessageBox) -> None:
        errors.append(box.text())
        box.accept()

    driver = ModalDriver(QMessageBox, dismiss)
    if action == "done":
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    elif action == "snooze":
        view.snooze_actions[7].trigger()
    else:
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    driver.check()

    assert len(errors) == 1 and "nothing was changed" in errors[0]
    for days, fid in ((1, ids[0]), (3, ids[2])):
        row = sqlite_services.followups.get(fid)
        assert (row.done_at, row.due_date) == (None, frozen_today - timedelta(days=days))
    # The view now shows what is really there.
    assert _group_actions(view, Bucket.OVERDUE) == ["Item 3", "Item 1"]
    assert messages == []
    assert undo_stack.count() == 0


def test_deleting_several_is_one_undo_step(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    ids = [sqlite_services.followups.add(anna, f"Item {i}", frozen_today) for i in range(3)]
    _select(view, ids[:2])
    with qtbot.waitSignal(view.message) as blocker:
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["Deleted 2 follow-ups — Ctrl+Z to undo"]
    assert _group_actions(view, Bucket.TODAY) == ["Item 2"]
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Delete 2 follow-ups"
    undo_stack.undo()
    assert _group_actions(view, Bucket.TODAY) == ["Item 0", "Item 1", "Item 2"]


def test_keyboard_never_lands_on_group_rows(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    overdue = sqlite_services.followups.add(anna, "Overdue", frozen_today - timedelta(days=1))
    due_today = sqlite_services.followups.add(anna, "Today", frozen_today)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    # Clicking a group header selects nothing.
    header = view.model.group_index(Bucket.OVERDUE)
    rect = view.tree.visualRect(header)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_rows() == []
    view.tree.clearFocus()
    view.tree.selectionModel().clear()

    # Arriving by keyboard selects the first follow-up, not the "Overdue (1)" header.
    view.tree.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.tree.hasFocus)
    assert [r.id for r in view.selected_rows()] == [overdue]
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert [r.id for r in view.selected_rows()] == [due_today]
    qtbot.keyClick(view.tree, Qt.Key.Key_Up)
    assert [r.id for r in view.selected_rows()] == [overdue]
    qtbot.keyClick(view.tree, Qt.Key.Key_Up)
    assert [r.id for r in view.selected_rows()] == [overdue]
    qtbot.keyClick(view.tree, Qt.Key.Key_Home)
    assert [r.id for r in view.selected_rows()] == [overdue]
    qtbot.keyClick(view.tree, Qt.Key.Key_Space)
    assert sqlite_services.followups.get(overdue).done_at is not None


def test_action_column_keeps_half_the_width_when_narrow(
    view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    sqlite_services.followups.add(anna, "Send the slides", frozen_today)
    header = view.header()
    view.resize(700, 400)
    QApplication.processEvents()
    width = view.tree.viewport().width()
    assert header.sectionSize(ACTION) >= width * 0.45
    assert header.sectionSize(DUE) >= view.tree.fontMetrics().horizontalAdvance("12 days overdue")
    assert header.sectionResizeMode(PERSON) == QHeaderView.ResizeMode.Interactive
    view.resize(1400, 600)
    QApplication.processEvents()
    assert (header.sectionSize(PERSON), header.sectionSize(EVENT)) == (190, 200)


def test_user_text_in_menus_is_not_a_shortcut(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, frozen_today: date
) -> None:
    pair = sqlite_services.contacts.create(ContactInput(formatted_name="Ann & Bob"))
    fid = sqlite_services.followups.add(pair, "Send the slides", frozen_today)
    _click(qtbot, view, fid)
    assert "Open Ann && Bob" in [a.text() for a in view.context_menu().actions()]


def test_restored_column_widths_are_kept(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, undo_stack: QUndoStack
) -> None:
    view.resize(1400, 600)
    view.header().resizeSection(PERSON, 260)  # as the user dragging it would
    state = view.header().saveState()
    # As the main window does on the next start: restore, then show.
    bridge = ChangeBridge(sqlite_services.db)
    again = FollowUpsView(sqlite_services, bridge, undo_stack)
    bridge.setParent(again)
    qtbot.addWidget(again)
    again.header().restoreState(state)
    again.resize(1400, 600)
    again.show()
    qtbot.waitExposed(again)
    assert again.header().sectionSize(PERSON) == 260


def test_undoing_a_snooze_never_overwrites_a_later_edit(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    fid = sqlite_services.followups.add(anna, "Send slides", frozen_today)
    _select(view, [fid])
    view.snooze_actions[1].trigger()
    assert sqlite_services.followups.get(fid).due_date == frozen_today + timedelta(days=1)
    # Then changed in the follow-up dialog, which is not a step on the stack.
    edited = frozen_today + timedelta(days=30)
    sqlite_services.followups.update(fid, "Send slides and the paper", edited)
    errors: list[str] = []
    undo_stack.undo()  # the box is opened with open(): it does not block
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    for box in boxes:
        if box.isVisible():
            errors.append(box.text())
            box.close()

    assert errors == [
        "Snooze follow-up: That follow-up has changed since, so it was left as it is."
    ]
    assert sqlite_services.followups.get(fid).due_date == edited
    assert undo_stack.count() == 0


def test_a_failed_delete_reports_failure(
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    fid = sqlite_services.followups.add(anna, "Call back", frozen_today)
    _select(view, [fid])
    other_db = open_database(sqlite_services.db.url)  # no change notification reaches the view
    try:
        Services(other_db).followups.delete(fid)
    finally:
        other_db.close()
    messages: list[str] = []
    view.message.connect(messages.append)
    driver = ModalDriver(QMessageBox, lambda box: box.accept())
    assert view.delete_selected() is False
    driver.check()
    assert messages == [] and undo_stack.count() == 0


@pytest.mark.parametrize("action", ["done", "snooze", "delete"])
def test_undo_and_redo_select_the_affected_followups(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    action: str,
    frozen_today: date,
) -> None:
    add = sqlite_services.followups.add
    ids = [add(anna, f"Item {i}", frozen_today) for i in range(4)]
    _select(view, ids[1:3])
    if action == "done":
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    elif action == "snooze":
        view.snooze_actions[7].trigger()
    else:
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    # Working down the queue (or after a delete) the selection moved on to a neighbour ...
    assert [r.id for r in view.selected_rows()] != ids[1:3] or action == "snooze"

    # ... and undo brings it back to the very rows it restored, the first of them current.
    undo_stack.undo()
    assert sorted(r.id for r in view.selected_rows()) == ids[1:3]
    current = view.model.followup(view.tree.currentIndex())
    assert current is not None and current.id == ids[1]

    view.select_ids([ids[0]])
    undo_stack.redo()
    if action == "delete":
        # Deleted again: nothing of them is left to select.
        assert all(not view.model.index_of(i).isValid() for i in ids[1:3])
    else:
        assert sorted(r.id for r in view.selected_rows()) == ids[1:3]


def test_undo_selects_restored_rows_in_a_collapsed_group(
    qtbot: QtBot,
    view: FollowUpsView,
    sqlite_services: Services,
    anna: int,
    undo_stack: QUndoStack,
    frozen_today: date,
) -> None:
    fid = sqlite_services.followups.add(anna, "Send the slides", frozen_today)
    other = sqlite_services.followups.add(anna, "Other", frozen_today)
    _select(view, [fid])
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    view.tree.collapse(view.model.group_index(Bucket.DONE))
    undo_stack.undo()
    view.select_ids([other])
    undo_stack.redo()
    assert [r.id for r in view.selected_rows()] == [fid]
    assert view.tree.isExpanded(view.model.group_index(Bucket.DONE))


def test_a_long_event_name_shows_whole_while_the_action_has_room_to_spare(
    qtbot: QtBot, view: FollowUpsView, sqlite_services: Services, anna: int, frozen_today: date
) -> None:
    long_name = "Women in Data Science Workshop Lisbon"
    event = sqlite_services.events.create(
        EventInput(name=long_name, starts_at=datetime(2026, 11, 23, 9, tzinfo=UTC))
    )
    sqlite_services.followups.add(anna, "Send the slides", frozen_today, event_id=event)
    view.resize(1200, 600)
    QApplication.processEvents()
    header = view.header()
    metrics = view.tree.fontMetrics()
    assert header.sectionSize(EVENT) > metrics.horizontalAdvance(long_name) + 8
    assert header.sectionSize(ACTION) > metrics.horizontalAdvance("Send the slides") + 40
    # A width the user chose is kept: the column does not grow back by itself.
    header.resizeSection(EVENT, 150)
    view.resize(1300, 600)
    QApplication.processEvents()
    assert header.sectionSize(EVENT) == 150
