"""The main window as a whole: pages, shortcuts, settings, quick capture, plain text."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyle,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, PAGES, PEOPLE, TODAY, MainWindow
from netdesk.ui.people.table_model import NAME, ORGANIZATION
from netdesk.ui.today.quick_capture import QuickCaptureDialog
from netdesk.ui.widgets.two_line_delegate import SUBTITLE_ROLE
from tests.ui.event_ui_helpers import click
from tests.ui.main_window_helpers import all_indexes, ctrl, open_window, settings_at
from tests.ui.polling import poll

PAGE_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
NASTY = '<b>Bold</b> <img src=x> & <a href="y">link</a>'


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


def _contact(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def _event(services: Services, name: str, starts: datetime, hours: int = 3) -> int:
    return services.events.create(
        EventInput(name=name, starts_at=starts, ends_at=starts + timedelta(hours=hours))
    )


def _shown_key(window: MainWindow) -> str:
    """Which page the stack really shows (not just which sidebar row is current)."""
    index = window.stack.currentIndex()
    return PAGES[index][0]


# -- pages ------------------------------------------------------------------------------------


def test_title_names_the_app(window: MainWindow) -> None:
    assert "netdesk" in window.windowTitle()


def test_ctrl_digits_switch_pages_and_build_views_only_when_first_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.current_key() == TODAY
    assert set(window._views) == {TODAY}, "only the page on screen is built at start"
    for key, digit in zip((EVENTS, PEOPLE, FOLLOWUPS, TODAY), (2, 3, 4, 1), strict=True):
        ctrl(qtbot, window, PAGE_KEYS[digit - 1])
        assert window.current_key() == key
        assert _shown_key(window) == key
        page = window.stack.currentWidget()
        assert page is not None and page.isAncestorOf(window._views[key])
        if key == EVENTS:
            assert set(window._views) == {TODAY, EVENTS}, "People is not built before a visit"


def test_the_sidebar_switches_pages(qtbot: QtBot, window: MainWindow) -> None:
    for row in (2, 3, 1, 0):
        key = PAGES[row][0]
        item = window.sidebar.item(row)
        rect = window.sidebar.visualItemRect(item)
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_key() == key
        assert _shown_key(window) == key
        assert key in window._views


def test_a_window_shown_with_services_fills_the_page_on_screen(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(sqlite_services, settings_at(tmp_path))
    qtbot.addWidget(window)
    assert window._views == {}, "nothing is read before the window is shown"
    window.show()
    qtbot.waitExposed(window)
    assert set(window._views) == {TODAY}


# -- find and delete --------------------------------------------------------------------------


def test_ctrl_f_focuses_people_search_and_delete_there_edits_the_text(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    ann = _contact(sqlite_services, "Ann Lee")
    people = window.go_to(PEOPLE)
    assert people.show_contact(ann)  # a contact is selected: Delete could delete her
    people.table.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_1)
    assert window.current_key() == TODAY

    ctrl(qtbot, window, Qt.Key.Key_F)

    assert window.current_key() == PEOPLE
    assert _shown_key(window) == PEOPLE
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.search_edit)
    qtbot.keyClicks(people.search_edit, "Ann")
    qtbot.keyClick(people.search_edit, Qt.Key.Key_Left)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit)
    qtbot.keyClick(focused, Qt.Key.Key_Delete)

    assert people.search_edit.text() == "An"
    assert sqlite_services.contacts.count() == 1
    assert window.undo_stack.count() == 0
    assert people.selected_contact_ids() == [ann]


def test_delete_key_in_the_table_deletes_the_selected_person(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    """The other half of the test above: outside a text field, Delete does delete."""
    ann = _contact(sqlite_services, "Ann Lee")
    people = window.go_to(PEOPLE)
    assert people.show_contact(ann)
    people.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.table)

    qtbot.keyClick(people.table, Qt.Key.Key_Delete)

    assert sqlite_services.contacts.count() == 0
    assert window.statusBar().currentMessage() == "Deleted. Press Ctrl+Z to undo."


@pytest.mark.parametrize(
    "key",
    [
        TODAY,
        EVENTS,
        PEOPLE,
        FOLLOWUPS,
    ],
)
def test_delete_with_nothing_selected_says_what_to_do(
    window: MainWindow, sqlite_services: Services, key: str
) -> None:
    _contact(sqlite_services, "Ann Lee")
    view = window.go_to(key)
    if key == PEOPLE:
        view.table.clearSelection()  # the view opens on the first person

    window.act_delete.trigger()

    assert window.statusBar().currentMessage() == "Select something to delete first."
    assert sqlite_services.contacts.count() == 1


# -- settings ---------------------------------------------------------------------------------


def test_geometry_page_and_people_columns_survive_a_restart(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    # Someone to show: an empty database opens on the welcome instead.
    sqlite_services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    first = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    # The offscreen screen is 800 pixels wide and the window at least 900: change the height.
    first.resize(900, 640)
    first.move(30, 40)
    position = first.pos()
    people = first.go_to(PEOPLE)
    people.table.setColumnWidth(ORGANIZATION, 233)
    people.table.setColumnWidth(NAME, 111)
    size = first.size()
    first.close()

    second = open_window(qtbot, sqlite_services, settings_at(tmp_path))

    assert second.size() == size
    # Qt pulls a window wider than the (offscreen) screen back to its left edge: check y only.
    assert second.pos().y() == position.y()
    assert second.current_key() == PEOPLE
    assert _shown_key(second) == PEOPLE
    assert PEOPLE in second._views
    header = second.view(PEOPLE).header()
    assert header.sectionSize(ORGANIZATION) == 233
    assert header.sectionSize(NAME) == 111


# -- quick capture ----------------------------------------------------------------------------


def test_quick_capture_attaches_to_the_event_selected_in_events(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    now = clock.now()
    _event(sqlite_services, "Running now", now - timedelta(hours=1))
    later = _event(sqlite_services, "Next week", now + timedelta(days=7))
    events = window.go_to(EVENTS)
    row = events.model.row_of(later)
    assert row is not None
    click(qtbot, events.list_view, events.model.index(row, 0))
    assert events.selected_event_id() == later

    dialog = window.quick_capture()
    assert isinstance(dialog, QuickCaptureDialog)
    assert dialog.event_combo.event_id() == later
    qtbot.keyClicks(dialog.name, "Ann Lee")
    qtbot.keyClicks(dialog.talked_about, "Rust in embedded")
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Return)

    assert dialog.result is not None
    attendees = sqlite_services.events.attendees(later)
    assert [(a.name, a.met) for a in attendees] == [("Ann Lee", True)]
    qtbot.waitUntil(lambda: events.page.attendees_model.rowCount() == 1)


def test_quick_capture_without_a_selection_attaches_to_the_event_running_now(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    now = clock.now()
    running = _event(sqlite_services, "Running now", now - timedelta(hours=1))
    later = _event(sqlite_services, "Next week", now + timedelta(days=7))
    events = window.go_to(EVENTS)
    row = events.model.row_of(later)
    assert row is not None
    index = events.model.index(row, 0)
    click(qtbot, events.list_view, index)
    # Ctrl+click unselects, as in any list.
    qtbot.mouseClick(
        events.list_view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        events.list_view.visualRect(index).center(),
    )
    assert events.selected_event_id() is None
    ctrl(qtbot, window, Qt.Key.Key_1)

    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    dialog = window.findChild(QuickCaptureDialog)
    assert isinstance(dialog, QuickCaptureDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.event_combo.event_id() == running
    qtbot.keyClicks(dialog.name, "Bob Stone")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert [a.name for a in sqlite_services.events.attendees(running)] == ["Bob Stone"]
    assert sqlite_services.events.attendees(later) == []


# -- opening before the database --------------------------------------------------------------


def test_a_window_without_services_waits_then_attach_fills_it(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    _contact(sqlite_services, "Ann Lee")
    window = open_window(qtbot, None, settings_at(tmp_path))

    assert window.database_label.text() == "Opening the database…"
    data_actions = [
        window.act_capture,
        window.act_new_contact,
        window.act_new_event,
        window.act_new_followup,
        window.act_delete,
        window.act_find,
        window.act_tags,
        *window.act_go,
    ]
    assert not any(act.isEnabled() for act in data_actions)
    assert not window.sidebar.isEnabled()
    ctrl(qtbot, window, Qt.Key.Key_3)  # nothing to show yet: nothing happens
    assert window._views == {}

    window.attach(sqlite_services)

    assert all(act.isEnabled() for act in data_actions)
    assert window.sidebar.isEnabled()
    assert "Opening" not in window.database_label.text()
    assert set(window._views) == {TODAY}, "attach loads the page on screen"
    ctrl(qtbot, window, Qt.Key.Key_3)
    assert window.view(PEOPLE).model.rowCount() == 1


# -- toolbar ----------------------------------------------------------------------------------


def test_toolbar_actions_have_icons_and_tooltips_with_their_shortcut(window: MainWindow) -> None:
    toolbars = window.findChildren(QToolBar)
    assert len(toolbars) == 1

    def shown(action: QAction) -> QAction:
        """Undo and redo sit in icon-only buttons of their own."""
        button = toolbars[0].widgetForAction(action)
        if isinstance(button, QToolButton) and button.defaultAction() is not None:
            return button.defaultAction()
        return action

    actions = [shown(a) for a in toolbars[0].actions() if not a.isSeparator()]
    assert window.act_undo in actions and window.act_redo in actions
    assert len(actions) >= 8
    for action in actions:
        name = action.text().replace("&", "")
        assert not action.icon().isNull(), name
        assert not action.icon().pixmap(22, 22).isNull(), name
        tip = action.toolTip()
        assert tip and tip != name, f"{name}: the tooltip says no more than the button"
        shortcut = action.shortcut().toString()
        assert shortcut, f"{name} has no shortcut"
        assert shortcut in tip, f"{name}: tooltip {tip!r} does not mention {shortcut}"


# -- plain text everywhere --------------------------------------------------------------------


def _ink_width(view: QAbstractItemView, index: object, width: int) -> int:
    """How wide the delegate really paints this cell's text, in pixels."""
    height = max(view.sizeHintForRow(0), 40) if hasattr(view, "sizeHintForRow") else 40
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, width, height)  # type: ignore[attr-defined]
    option.widget = view  # type: ignore[attr-defined]
    option.font = view.font()  # type: ignore[attr-defined]
    option.state = QStyle.StateFlag.State_Enabled  # type: ignore[attr-defined]
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay  # type: ignore[attr-defined]
    option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # type: ignore[attr-defined]
    painter = QPainter(image)
    view.itemDelegateForIndex(index).paint(painter, option, index)  # type: ignore[arg-type]
    painter.end()
    xs = [
        x
        for x in range(width)
        for y in range(0, height, 2)
        if QColor(image.pixel(x, y)).lightness() < 160
    ]
    return max(xs) - min(xs) if xs else 0


def test_user_text_that_looks_like_html_is_shown_literally_on_every_page(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    now = clock.now()
    event = _event(sqlite_services, "Open source night", now - timedelta(hours=2))
    contact = _contact(sqlite_services, NASTY, organization=NASTY, title=NASTY)
    sqlite_services.events.add_attendee(event, contact, met=True)
    sqlite_services.notes.add(contact, NASTY, "general", event)
    sqlite_services.followups.add(contact, NASTY, clock.today(), event)
    literal_width = QFontMetrics(window.font()).horizontalAdvance(NASTY)

    views_showing_it: set[str] = set()
    for key in (TODAY, EVENTS, PEOPLE, FOLLOWUPS):
        view = window.go_to(key)
        if key == EVENTS:
            view.show_event(event)
        if key == PEOPLE:
            assert view.show_contact(contact)
        qtbot.wait(10)  # let queued reloads run

        page = window.stack.currentWidget()
        assert page is not None
        labels = [label for label in page.findChildren(QLabel) if "<b>" in label.text()]
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText, (key, label.text())
        if key == PEOPLE:
            assert view.detail.name_label.text() == NASTY
            assert any(label.isVisibleTo(page) for label in labels)

        for item_view in page.findChildren(QAbstractItemView):
            if isinstance(item_view, QHeaderView):  # shares its table's model
                continue
            for index in all_indexes(item_view):
                for role in (Qt.ItemDataRole.DisplayRole, SUBTITLE_ROLE):
                    text = index.data(role)
                    if not isinstance(text, str) or "<b>" not in text:
                        continue
                    assert NASTY in text, (key, text)
                    views_showing_it.add(
                        f"{key}/{item_view.objectName() or type(item_view).__name__}"
                    )
                    if role == Qt.ItemDataRole.DisplayRole and text == NASTY:
                        ink = _ink_width(item_view, index, literal_width + 300)
                        # Rendered as HTML it would read "Bold & link": a third of the width.
                        assert ink > 0.8 * literal_width, (key, ink, literal_width)

    assert any(v.startswith(f"{TODAY}/") for v in views_showing_it), views_showing_it
    assert any(v.startswith(f"{EVENTS}/") for v in views_showing_it), views_showing_it
    assert f"{PEOPLE}/people_table" in views_showing_it
    assert f"{FOLLOWUPS}/followups_tree" in views_showing_it


def test_damage_found_after_the_window_opened_stops_all_editing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The whole-file check runs in the background once the window is up (app.py)."""
    from netdesk.app import _check_in_background
    from netdesk.services.service_set import Services as RealServices
    from netdesk.store import open_database
    from tests.store.test_db import _page_in_the_middle_of, make_netdesk_file

    path = tmp_path / "netdesk.sqlite"
    make_netdesk_file(path, people=300)
    page, page_size = _page_in_the_middle_of(path, "contacts")
    with path.open("r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * page_size)
    db = open_database(f"sqlite:///{path}", verify_integrity=False)
    win = MainWindow(RealServices(db), settings_at(tmp_path))
    qtbot.addWidget(win)
    win.show()
    seen: list[str] = []

    def close_the_message() -> bool:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return False
        seen.append(box.text())
        assert box.textFormat() == Qt.TextFormat.PlainText
        box.accept()
        return True

    poll(close_the_message, interval_ms=20)
    _check_in_background(win, path)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "is damaged" in seen[0] and str(path) in seen[0]
    assert win.damaged and not win.isEnabled()
    qtbot.waitUntil(lambda: not win.isVisible())
    db.close()


def test_undo_button_names_the_step_and_the_message_survives_hovering(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    assert window.act_undo.toolTip().startswith("Nothing to undo")
    ann = _contact(sqlite_services, "Ann Lee")
    people = window.go_to(PEOPLE)
    assert people.show_contact(ann)
    window.act_delete.trigger()
    assert window.act_undo.toolTip().startswith("Undo Delete Ann Lee")
    assert window.act_undo.statusTip() == ""  # hovering would wipe the message below
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert window.statusBar().currentMessage() == "Undone: Delete Ann Lee."
    assert window.act_redo.toolTip().startswith("Redo Delete Ann Lee")


def test_going_to_a_page_puts_the_keyboard_in_its_list(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    ann = _contact(sqlite_services, "Ann Lee")
    sqlite_services.followups.add(ann, "Send the slides", clock.today())
    ctrl(qtbot, window, Qt.Key.Key_3)
    people = window.view(PEOPLE)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.table)
    ctrl(qtbot, window, Qt.Key.Key_4)
    followups = window.view(FOLLOWUPS)
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), QAbstractItemView)
            and followups.isAncestorOf(QApplication.focusWidget())
        )
    )
