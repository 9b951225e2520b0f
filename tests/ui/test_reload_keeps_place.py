"""A reload for a change made elsewhere (another process, the window following its file)
keeps what the user has: the selection, the scroll position and an open in-place editor.
(People kept its search, selection and scroll already: test_outside_changes checks them.)"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import ALL_KINDS, open_database
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, TODAY, MainWindow
from tests.ui.main_window_helpers import open_window, settings_at

PEOPLE_COUNT = 80


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    s = sqlite_services
    ids = [
        s.contacts.create(ContactInput(formatted_name=f"Person {i:03d}", organization="Acme"))
        for i in range(PEOPLE_COUNT)
    ]
    start = clock.now() - timedelta(hours=1)
    event = s.events.create(
        EventInput(name="Meetup", starts_at=start, ends_at=start + timedelta(hours=3))
    )
    for cid in ids:
        s.events.add_attendee(event, cid)
        s.followups.add(cid, f"Write to {cid}", clock.today())
    win = open_window(qtbot, s, settings_at(tmp_path))
    win.resize(1200, 700)
    return win


def page(qtbot: QtBot, window: MainWindow, key: str) -> Any:
    view = window.go_to(key)
    qtbot.wait(50)  # laid out, so that its lists know their height
    return view


def outside_change(window: MainWindow) -> None:
    """What the window does when another process committed."""
    window.bridge.changed.emit(ALL_KINDS)
    QApplication.processEvents()


def scrolled(view: QAbstractItemView) -> int:
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "the list must be long enough to scroll"
    bar.setValue(bar.maximum() // 2)
    return bar.value()


def test_followups_keep_selection_and_scroll(qtbot: QtBot, window: MainWindow) -> None:
    view = page(qtbot, window, FOLLOWUPS)
    first = view.model.followup(view.model.index(3, 0, view.model.index(0, 0)))
    view.select_ids([first.id])
    value = scrolled(view.tree)
    outside_change(window)
    assert [r.id for r in view.selected_rows()] == [first.id]
    assert view.tree.verticalScrollBar().value() == value


def test_today_keeps_place_and_scroll(qtbot: QtBot, window: MainWindow) -> None:
    view = page(qtbot, window, TODAY)
    lists = view.due_card.list_view
    lists.setCurrentIndex(view.due_model.index(5, 0))
    value = scrolled(lists)
    outside_change(window)
    assert lists.currentIndex().row() == 5
    assert lists.verticalScrollBar().value() == value


def test_event_page_keeps_attendee_selection_and_scroll(qtbot: QtBot, window: MainWindow) -> None:
    events = page(qtbot, window, EVENTS)
    table = events.page.table
    table.selectRow(30)
    value = scrolled(table)
    outside_change(window)
    assert table.verticalScrollBar().value() == value
    assert [i.row() for i in table.selectionModel().selectedRows()] == [30]


def test_event_page_keeps_an_open_in_place_editor_and_reloads_once_it_closes(
    qtbot: QtBot, window: MainWindow
) -> None:
    events = page(qtbot, window, EVENTS)
    table = events.page.table
    table.selectRow(30)
    index = table.currentIndex().siblingAtColumn(_editable_column(table))
    table.edit(index)
    assert table.state() == QAbstractItemView.State.EditingState
    other = open_database(window.services.db.url)
    try:
        newcomer = Services(other).contacts.create(ContactInput(formatted_name="Newcomer"))
        Services(other).events.add_attendee(events.selected_event_id(), newcomer)
    finally:
        other.close()
    outside_change(window)
    assert table.state() == QAbstractItemView.State.EditingState
    assert table.model().rowCount() == PEOPLE_COUNT
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert table.state() != QAbstractItemView.State.EditingState
    assert table.model().rowCount() == PEOPLE_COUNT + 1  # shown once the edit is over


def _editable_column(table: QAbstractItemView) -> int:
    model = table.model()
    for column in range(model.columnCount()):
        if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable:
            return column
    raise AssertionError("no editable column")
