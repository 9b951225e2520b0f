"""The People view and its detail pane, driven through the real widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.contact_detail import EMPTY_BOOK, SELECT_PROMPT
from netdesk.ui.contact_dialog import ContactDialog
from netdesk.ui.people_table_model import NAME, ORGANIZATION
from netdesk.ui.people_view import SEARCH_PLACEHOLDER, PeopleView, status_text


@dataclass
class Harness:
    view: PeopleView
    stack: QUndoStack
    services: Services
    bridge: ChangeBridge

    def names(self) -> list[str]:
        model = self.view.model
        return [model.index(r, NAME).data() for r in range(model.rowCount())]

    def row_of(self, name: str) -> int:
        return self.names().index(name)


@pytest.fixture
def make_view(qtbot: QtBot, sqlite_services: Services) -> Callable[[], Harness]:
    def make() -> Harness:
        bridge = ChangeBridge(sqlite_services.db)
        stack = QUndoStack()
        view = PeopleView(sqlite_services, bridge, stack)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        return Harness(view, stack, sqlite_services, bridge)

    return make


def _add(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def _three(services: Services) -> dict[str, int]:
    return {
        "Ann Lee": _add(services, "Ann Lee", organization="Acme", emails=["ann@acme.org"]),
        "Jürgen Schröder": _add(services, "Jürgen Schröder", organization="Zeta"),
        "Bob Stone": _add(services, "Bob Stone", organization="Beta", phones=["+44 20 7946 0958"]),
    }


def _click_row(
    qtbot: QtBot,
    view: PeopleView,
    row: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    rect = view.table.visualRect(view.model.index(row, NAME))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _click_header(qtbot: QtBot, view: PeopleView, column: int) -> None:
    header = view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _when_modal(callback: Callable[[object], None]) -> None:
    """Run `callback` on the next modal window once it is open (exec() blocks the test)."""

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, attempt)
        else:
            callback(widget)

    QTimer.singleShot(0, attempt)


# -- search -------------------------------------------------------------------------------------


def test_typing_in_search_filters_the_table(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    assert h.view.search_edit.placeholderText() == SEARCH_PLACEHOLDER
    assert h.view.search_edit.isClearButtonEnabled()
    assert len(h.names()) == 3
    qtbot.keyClicks(h.view.search_edit, "schroder")
    # Applied after a short pause in typing, not on every keystroke.
    qtbot.waitUntil(lambda: h.names() == ["Jürgen Schröder"], timeout=2000)
    assert h.view.status_label.text() == "1 of 3 people match “schroder”"


def test_flush_search_applies_at_once_and_clearing_shows_everyone(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    qtbot.keyClicks(h.view.search_edit, "acme")
    h.view.flush_search()
    assert h.names() == ["Ann Lee"]
    qtbot.keyClicks(h.view.search_edit, "zzz")
    h.view.flush_search()
    assert h.names() == []
    assert h.view.status_label.text() == "No one matches “acmezzz”"
    assert "No one matches" in h.view.detail.empty_label.text()
    h.view.search_edit.clear()
    h.view.flush_search()
    assert len(h.names()) == 3
    assert h.view.status_label.text() == "3 people"


def test_status_text_wording() -> None:
    assert status_text(0, 0, "") == "No people yet"
    assert status_text(1, 1, "") == "1 person"
    assert status_text(1234, 1234, " ") == "1,234 people"
    assert status_text(12, 1234, "ann") == "12 of 1,234 people match “ann”"
    assert status_text(1, 1234, "ann") == "1 of 1,234 people match “ann”"
    assert status_text(0, 5, "ann") == "No one matches “ann”"


def test_down_key_in_search_moves_to_the_results(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    qtbot.keyClicks(h.view.search_edit, "stone")
    qtbot.keyClick(h.view.search_edit, Qt.Key.Key_Down)
    assert h.view.selected_contact_ids() == [ids["Bob Stone"]]
    assert h.view.focusWidget() is h.view.table


# -- sorting ------------------------------------------------------------------------------------


def test_clicking_a_header_sorts_by_that_column(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    assert h.names() == ["Ann Lee", "Bob Stone", "Jürgen Schröder"]
    _click_header(qtbot, h.view, ORGANIZATION)
    assert h.names() == ["Ann Lee", "Bob Stone", "Jürgen Schröder"]  # Acme, Beta, Zeta
    _click_header(qtbot, h.view, ORGANIZATION)
    assert h.names() == ["Jürgen Schröder", "Bob Stone", "Ann Lee"]
    assert h.view.header().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    _click_header(qtbot, h.view, NAME)
    assert h.names() == ["Ann Lee", "Bob Stone", "Jürgen Schröder"]


# -- creating and editing ----------------------------------------------------------------------


def test_new_contact_through_the_dialog_appears_in_the_table(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()

    def fill(widget: object) -> None:
        assert isinstance(widget, ContactDialog)
        assert widget.windowTitle() == "New contact"
        qtbot.keyClicks(widget.name_edit, "Carla Diaz")
        qtbot.keyClicks(widget.organization_edit, "Initech")
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    _when_modal(fill)
    contact_id = h.view.new_item()

    assert contact_id is not None
    assert "Carla Diaz" in h.names()
    assert h.view.selected_contact_ids() == [contact_id]
    assert h.view.detail.name_label.text() == "Carla Diaz"
    assert h.view.status_label.text() == "4 people"


def test_bad_email_keeps_the_dialog_open_and_saves_nothing(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    dialog = h.view.make_contact_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Carla Diaz")
    qtbot.keyClicks(dialog.emails_edit, "carla at initech")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "error_emails")
    assert error is not None and error.isVisible()
    assert "is not an email address" in error.text()
    assert dialog.isVisible()
    assert "Carla Diaz" not in h.names()
    assert sqlite_services.contacts.count() == 3


def test_double_click_opens_the_contact_for_editing(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    row = h.row_of("Bob Stone")
    seen: list[str] = []

    def edit(widget: object) -> None:
        assert isinstance(widget, ContactDialog)
        seen.append(widget.windowTitle())
        widget.organization_edit.clear()
        qtbot.keyClicks(widget.organization_edit, "Gamma")
        qtbot.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    _when_modal(edit)
    rect = h.view.table.visualRect(h.view.model.index(row, NAME))
    # A real double click starts with a press and release on the row.
    _click_row(qtbot, h.view, row)
    qtbot.mouseDClick(h.view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert seen == ["Edit Bob Stone"]
    assert sqlite_services.contacts.get(ids["Bob Stone"]).organization == "Gamma"
    assert h.view.model.index(h.row_of("Bob Stone"), ORGANIZATION).data() == "Gamma"


# -- deleting and undo ---------------------------------------------------------------------------


def test_delete_selected_and_undo_brings_the_contact_back(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    ann = ids["Ann Lee"]
    note_id = sqlite_services.notes.add(ann, "Talked about robots")
    h = make_view()
    _click_row(qtbot, h.view, h.row_of("Ann Lee"))
    assert h.view.selected_contact_ids() == [ann]

    assert h.view.delete_selected() is True  # one contact: no confirmation
    assert "Ann Lee" not in h.names()
    assert sqlite_services.contacts.count() == 2
    assert h.stack.undoText() == "Delete Ann Lee"
    # The next person is selected, so repeated deletes walk down the list.
    assert len(h.view.selected_contact_ids()) == 1

    h.stack.undo()
    assert "Ann Lee" in h.names()
    restored = sqlite_services.contacts.get(ann)
    assert [n.id for n in restored.notes] == [note_id]
    assert h.view.status_label.text() == "3 people"

    h.stack.redo()
    assert "Ann Lee" not in h.names()


def test_deleting_several_asks_first(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    _click_row(qtbot, h.view, 0)
    _click_row(qtbot, h.view, 1, Qt.KeyboardModifier.ControlModifier)
    assert len(h.view.selected_contact_ids()) == 2
    assert h.view.detail.empty_label.text() == "2 people selected"

    def press(label: str) -> Callable[[object], None]:
        def click(widget: object) -> None:
            assert isinstance(widget, QMessageBox)
            assert widget.textFormat() == Qt.TextFormat.PlainText
            button = next(b for b in widget.buttons() if b.text() == label)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        return click

    _when_modal(press("Cancel"))
    assert h.view.delete_selected() is False
    assert sqlite_services.contacts.count() == 3

    _when_modal(press("Delete 2 people"))
    assert h.view.delete_selected() is True
    assert sqlite_services.contacts.count() == 1
    h.stack.undo()
    assert sqlite_services.contacts.count() == 3
    assert len(h.names()) == 3


def test_delete_with_nothing_selected_does_nothing(
    sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    assert h.view.delete_selected() is False
    assert h.stack.count() == 0


def test_delete_button_in_the_detail_pane_is_undoable(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    h.view.show_contact(ids["Bob Stone"])
    qtbot.mouseClick(h.view.detail.delete_button, Qt.MouseButton.LeftButton)
    assert "Bob Stone" not in h.names()
    h.stack.undo()
    assert "Bob Stone" in h.names()


# -- selection, reloads and the detail pane ------------------------------------------------------


def test_show_contact_clears_a_search_that_hides_them(
    sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    h.view.search_edit.setText("acme")
    h.view.flush_search()
    assert h.view.show_contact(ids["Bob Stone"]) is True
    assert h.view.search_edit.text() == ""
    assert h.view.selected_contact_ids() == [ids["Bob Stone"]]
    assert h.view.detail.name_label.text() == "Bob Stone"
    # A contact the search shows keeps the search.
    h.view.search_edit.setText("acme")
    h.view.flush_search()
    assert h.view.show_contact(ids["Ann Lee"]) is True
    assert h.view.search_edit.text() == "acme"


def test_changes_elsewhere_reload_and_keep_the_selection(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    _click_row(qtbot, h.view, h.row_of("Jürgen Schröder"))
    _add(sqlite_services, "Aaron Aardvark")  # sorts first, moving every row down
    assert h.names()[0] == "Aaron Aardvark"
    assert h.view.selected_contact_ids() == [ids["Jürgen Schröder"]]
    assert h.view.status_label.text() == "4 people"
    # A note added elsewhere shows in the pane at once.
    sqlite_services.notes.add(ids["Jürgen Schröder"], "Promised a beer")
    labels = [w.text() for w in h.view.detail.findChildren(QLabel) if w.isVisible()]
    assert "Promised a beer" in labels


def test_header_is_the_tables_for_saving_column_widths(
    sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    h = make_view()
    header = h.view.header()
    assert header is h.view.table.horizontalHeader()
    state = header.saveState()
    header.resizeSection(NAME, 321)
    assert header.restoreState(state)
    assert header.sectionSize(NAME) != 321


def test_empty_states(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    h = make_view()
    assert h.view.detail.is_empty()
    assert h.view.detail.empty_label.text() == EMPTY_BOOK
    assert h.view.status_label.text() == "No people yet"
    _add(sqlite_services, "Ann Lee")
    assert h.view.detail.empty_label.text() == SELECT_PROMPT
    _click_row(qtbot, h.view, 0)
    assert not h.view.detail.is_empty()


@pytest.fixture
def rich_contact(sqlite_services: Services) -> tuple[int, int]:
    s = sqlite_services
    contact_id = _add(
        s,
        "Ann Lee",
        nickname="Annie",
        organization="Acme",
        title="CTO",
        emails=["ann@acme.org"],
        phones=["+44 20 7946 0958"],
        tags=["Investor", "Berlin"],
        note="Prefers email",
    )
    event_id = s.events.create(
        EventInput(name="Rock & Code", starts_at=datetime(2025, 4, 22, 9, tzinfo=UTC))
    )
    s.events.add_attendee(event_id, contact_id, role="speaker", status="checked in", met=True)
    s.notes.add(contact_id, "Robots in warehouses", "talked about", event_id)
    s.notes.add(contact_id, "Could review her deck", "I can offer")
    s.followups.add(contact_id, "Send intro", date.today() - timedelta(days=1), event_id)
    done = s.followups.add(contact_id, "Connect on LinkedIn", date.today())
    s.followups.set_done(done)
    return contact_id, event_id


def _visible_texts(h: Harness) -> list[str]:
    return [w.text() for w in h.view.detail.findChildren(QLabel) if w.isVisible()]


def test_detail_pane_shows_fields_meetings_notes_and_followups(
    rich_contact: tuple[int, int], make_view: Callable[[], Harness]
) -> None:
    contact_id, _ = rich_contact
    h = make_view()
    h.view.show_contact(contact_id)
    detail = h.view.detail
    assert detail.name_label.text() == "Ann Lee"
    assert detail.name_label.font().bold()
    assert detail.subtitle_label.text() == "CTO at Acme"
    texts = _visible_texts(h)
    for expected in (
        "Annie",
        "ann@acme.org",
        "+44 20 7946 0958",
        "Prefers email",
        "Investor",
        "Berlin",
        "Events where we met",
        "Speaker · checked in · met",
        "Talked about: Robots in warehouses",
        "Notes",
        "Could review her deck",
        "Follow-ups",
        "Send intro",
        "Connect on LinkedIn",
    ):
        assert expected in texts, expected
    # Notes newest first; open follow-ups before done ones.
    assert texts.index("Could review her deck") < texts.index("Robots in warehouses")
    assert texts.index("Send intro") < texts.index("Connect on LinkedIn")
    assert any(t.startswith("Overdue since") for t in texts)
    buttons = [b.text() for b in detail.findChildren(QPushButton) if b.isVisible()]
    # "&" doubled so the button shows it instead of making a shortcut.
    assert "Rock && Code" in buttons
    for label in ("Edit", "Add note", "Add follow-up", "Delete"):
        assert label in buttons


def test_activating_an_event_in_the_detail_pane_emits_open_event(
    qtbot: QtBot, rich_contact: tuple[int, int], make_view: Callable[[], Harness]
) -> None:
    contact_id, event_id = rich_contact
    h = make_view()
    h.view.show_contact(contact_id)
    link = h.view.detail.findChild(QPushButton, "event_link")
    assert link is not None
    with qtbot.waitSignal(h.view.open_event) as blocker:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert blocker.args == [event_id]


def test_ticking_a_followup_marks_it_done(
    qtbot: QtBot,
    sqlite_services: Services,
    rich_contact: tuple[int, int],
    make_view: Callable[[], Harness],
) -> None:
    contact_id, _ = rich_contact
    h = make_view()
    h.view.show_contact(contact_id)
    boxes = [b for b in h.view.detail.findChildren(QCheckBox, "followup_done") if b.isVisible()]
    assert [b.isChecked() for b in boxes] == [False, True]
    qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton)
    followups = sqlite_services.contacts.get(contact_id).followups
    assert all(f.done_at is not None for f in followups)


def test_user_text_is_shown_literally_never_as_rich_text(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    markup = "<b>bold</b> <img src=x>"
    contact_id = _add(sqlite_services, markup, organization="<i>Org</i>", tags=["<u>t</u>"])
    sqlite_services.notes.add(contact_id, "<a href='x'>link</a>")
    h = make_view()
    h.view.show_contact(contact_id)
    name = h.view.detail.name_label
    assert name.text() == markup
    assert name.textFormat() == Qt.TextFormat.PlainText
    shown = [w for w in h.view.detail.findChildren(QLabel) if w.isVisible() and w.text()]
    assert {w.textFormat() for w in shown} == {Qt.TextFormat.PlainText}
    texts = [w.text() for w in shown]
    assert "<a href='x'>link</a>" in texts
    assert "<u>t</u>" in texts
    assert h.view.model.index(0, NAME).data() == markup


def test_edit_button_in_detail_opens_the_contact_dialog(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    h.view.show_contact(ids["Ann Lee"])
    titles: list[str] = []

    def cancel(widget: object) -> None:
        assert isinstance(widget, ContactDialog)
        titles.append(widget.windowTitle())
        widget.reject()

    _when_modal(cancel)
    qtbot.mouseClick(h.view.detail.edit_button, Qt.MouseButton.LeftButton)
    assert titles == ["Edit Ann Lee"]


def _label_texts(view: PeopleView) -> list[str]:
    return [label.text() for label in view.detail.findChildren(QLabel) if label.isVisible()]


def test_delete_a_note_from_the_timeline_and_undo(
    qtbot: QtBot, make_view: Callable[[], Harness]
) -> None:
    h = make_view()
    cid = _add(h.services, "Ann Lee")
    h.services.notes.add(cid, "Wants an intro to the Rust meetup organisers")
    h.services.notes.add(cid, "Likes sailing", topic="common ground")
    assert h.view.show_contact(cid)
    qtbot.waitUntil(lambda: "Likes sailing" in _label_texts(h.view))
    buttons = [b for b in h.view.detail.findChildren(QPushButton, "delete_note") if b.isVisible()]
    assert len(buttons) == 2
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)  # newest first: "Likes sailing"

    assert [n.body for n in h.services.contacts.get(cid).notes] == [
        "Wants an intro to the Rust meetup organisers"
    ]
    qtbot.waitUntil(lambda: "Likes sailing" not in _label_texts(h.view))
    assert h.services.search.page("sailing") == []

    h.stack.undo()
    assert [n.body for n in h.services.contacts.get(cid).notes] == [
        "Likes sailing",
        "Wants an intro to the Rust meetup organisers",
    ]
    qtbot.waitUntil(lambda: "Likes sailing" in _label_texts(h.view))
    assert [r.name for r in h.services.search.page("sailing")] == ["Ann Lee"]
