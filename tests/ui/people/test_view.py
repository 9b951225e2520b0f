"""The People view and its detail pane, driven through the real widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.people.contact_dialog import ContactDialog
from netdesk.ui.people.detail import EMPTY_BOOK, SELECT_PROMPT, ContactDetail
from netdesk.ui.people.detail_labels import (
    ZERO_WIDTH_SPACE,
    LinkButton,
    WrappedLabel,
    breakable,
)
from netdesk.ui.people.status import status_text
from netdesk.ui.people.table_model import EMAIL, NAME, ORGANIZATION
from netdesk.ui.people.view import SEARCH_PLACEHOLDER, PeopleView
from netdesk.ui.widgets.dates import MONTHS
from netdesk.ui.widgets.tag_pill import TagPill
from tests.ui.polling import poll
from tests.undo_stacks import new_undo_stack


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
        stack = new_undo_stack()
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

    def attempt() -> bool:
        widget = QApplication.activeModalWidget()
        if widget is None:
            return False
        callback(widget)
        return True

    poll(attempt)


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
    # Names sort by family name: Lee, Schröder, Stone.
    assert h.names() == ["Ann Lee", "Jürgen Schröder", "Bob Stone"]
    _click_header(qtbot, h.view, ORGANIZATION)
    assert h.names() == ["Ann Lee", "Bob Stone", "Jürgen Schröder"]  # Acme, Beta, Zeta
    _click_header(qtbot, h.view, ORGANIZATION)
    assert h.names() == ["Jürgen Schröder", "Bob Stone", "Ann Lee"]
    assert h.view.header().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    _click_header(qtbot, h.view, NAME)
    assert h.names() == ["Ann Lee", "Jürgen Schröder", "Bob Stone"]


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
    h.view.table.clearSelection()  # the view opens on the first person
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
        birthday=date(1980, 12, 3),
    )
    event_id = s.events.create(
        EventInput(name="Rock & Code", starts_at=datetime(2025, 4, 22, 9, tzinfo=UTC))
    )
    s.events.add_attendee(event_id, contact_id, role="speaker", status="checked in", met=True)
    s.notes.add(contact_id, "Robots in warehouses", "talked about", event_id)
    s.notes.add(contact_id, "Could review her deck", "I can offer")
    s.followups.add(contact_id, "Send intro", clock.today() - timedelta(days=1), event_id)
    done = s.followups.add(contact_id, "Connect on LinkedIn", clock.today())
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
        "Tue 22 Apr 2025",
        "Speaker · checked in · met",
        # Taken today: the day without the year.
        f"{clock.today().day} {MONTHS[clock.today().month - 1]} · Talked about",
        "Robots in warehouses",
        "Notes",
        "Could review her deck",
        "Follow-ups",
        "Send intro",
        "Connect on LinkedIn",
        "3 December 1980",
    ):
        assert expected in texts, expected
    # Each note once: the one taken at the event under it, the other under Notes.
    assert texts.count("Robots in warehouses") == 1
    assert texts.count("Could review her deck") == 1
    notes_heading = texts.index("Notes")
    assert texts.index("Speaker · checked in · met") < texts.index("Robots in warehouses")
    assert texts.index("Robots in warehouses") < notes_heading
    assert notes_heading < texts.index("Could review her deck")
    # Open follow-ups before done ones.
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


# -- a narrow pane, long text ---------------------------------------------------------------------

LONG_NAME = "X" * 40 + " " + "Y" * 39  # 80 characters, no break in either word


@pytest.fixture
def long_contact(sqlite_services: Services) -> int:
    s = sqlite_services
    contact_id = _add(
        s,
        LONG_NAME,
        organization="<b>Bold Org</b> & Co with a rather long organisation name",
        title="Chief Executive Officer of Everything Important",
        emails=["a.very.long.email.address.for.testing@subdomain.example-company.example.org"],
        phones=["+33 1 42 68 53 00"],
        urls=["https://github.com/averyveryverylongusername/averyverylongrepositoryname/tree"],
        tags=["averyveryverylongtagwithoutanyspacesinit", "python"],
        note="Very long note line. " * 12,
    )
    event_id = s.events.create(
        EventInput(
            name="Mentoring Circle: Your First Conference Talk and Everything After It",
            starts_at=datetime(2025, 9, 6, 9, tzinfo=UTC),
        )
    )
    s.events.add_attendee(event_id, contact_id, role="speaker", status="checked in", met=True)
    s.notes.add(contact_id, "Talked about a thing at the event. " * 4, "talked about", event_id)
    s.notes.add(contact_id, "Superlongwordwithoutanybreaksatallthatgoesonandonandon", "general")
    s.followups.add(contact_id, "Send the slides, and a long action that wraps", None, event_id)
    return contact_id


def _assert_fits(detail: ContactDetail) -> int:
    """Every visible label and button lies within the pane's viewport and shows all its text
    (wrapped or elided), none cut at the right; returns how many were checked."""
    viewport = detail.scroll_area.viewport()
    body = detail.scroll_area.widget()
    assert body is not None and body.width() <= viewport.width()
    checked = 0
    labels = [w for w in detail.findChildren(QLabel) if w.isVisibleTo(detail) and w.text()]
    buttons = [w for w in detail.findChildren(QPushButton) if w.isVisibleTo(detail)]
    widgets: list[QLabel | QPushButton] = [*labels, *buttons]
    for widget in widgets:
        left = widget.mapTo(viewport, QPoint(0, 0)).x()
        where = (widget.text(), left, widget.width(), viewport.width())
        assert left >= 0 and left + widget.width() <= viewport.width(), where
        if isinstance(widget, QLabel) and widget.wordWrap():
            # Its longest unbreakable piece fits, and it has the height its lines need.
            assert widget.minimumSizeHint().width() <= widget.width(), where
            assert widget.heightForWidth(widget.width()) <= widget.height(), where
        elif isinstance(widget, TagPill):
            # A tag too long for the pane elides, with the whole tag in its tooltip.
            shown = widget.text()
            assert widget.fontMetrics().horizontalAdvance(shown) <= widget.contentsRect().width()
            assert shown == widget.full_text() or widget.full_text() in widget.toolTip(), where
        elif isinstance(widget, QLabel):
            assert widget.sizeHint().width() <= widget.width(), where
        else:
            shown = widget.text().replace("&&", "&")
            assert widget.fontMetrics().horizontalAdvance(shown) < widget.width(), where
        checked += 1
    return checked


@pytest.mark.parametrize("page_width", [706, 1006, 1406])  # 900, 1200 and 1600 wide windows
def test_detail_pane_never_needs_more_width_than_it_has(
    qtbot: QtBot, long_contact: int, make_view: Callable[[], Harness], page_width: int
) -> None:
    h = make_view()
    h.view.resize(page_width, 520)
    assert h.view.show_contact(long_contact)
    detail = h.view.detail
    qtbot.wait(20)  # the pane lays its new sections out once events are processed
    assert _assert_fits(detail) > 30
    # The narrowest the splitter allows.
    h.view.splitter.setSizes([10_000, 1])
    qtbot.waitUntil(lambda: detail.width() == detail.minimumWidth())
    qtbot.wait(20)
    assert _assert_fits(detail) > 30
    # The name wraps (with invisible break chances) rather than being cut.
    assert detail.name_label.text().replace(ZERO_WIDTH_SPACE, "") == LONG_NAME
    assert detail.name_label.height() > 2 * detail.name_label.fontMetrics().height()
    # All four buttons show, in two rows when the pane is narrow.
    buttons = (detail.edit_button, detail.note_button, detail.followup_button)
    assert all(b.isVisible() for b in (*buttons, detail.delete_button))
    link = detail.findChild(QPushButton, "event_link")
    assert isinstance(link, LinkButton)
    assert link.text().endswith("…")
    assert link.full_text() in link.toolTip()


def test_long_words_get_break_chances_for_display_only() -> None:
    assert breakable("Ann Lee") == "Ann Lee"
    assert breakable("ann@acme.org") == "ann@acme.org"  # short words stay exactly as typed
    email = "tobias.vogel@bergmann.digital"
    assert breakable(email) == "tobias.\u200bvogel@\u200bbergmann.\u200bdigital"
    url = "https://github.com/tobiasvogel"
    assert breakable(url) == "https://\u200bgithub.\u200bcom/\u200btobiasvogel"
    run = "X" * 30
    assert breakable(run) == "\u200b".join(["X" * 12, "X" * 12, "X" * 6])
    for text in (email, url, run, LONG_NAME):
        assert breakable(text).replace(ZERO_WIDTH_SPACE, "") == text


def test_event_notes_show_once_under_their_event_with_edit_and_delete(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    s = sqlite_services
    contact_id = _add(s, "Ann Lee")
    event_id = s.events.create(
        EventInput(name="PyCon", starts_at=datetime(2025, 9, 6, 9, tzinfo=UTC))
    )
    s.events.add_attendee(event_id, contact_id, met=True)
    s.notes.add(contact_id, "Maintains a Rust crate", "talked about", event_id)
    s.notes.add(contact_id, "Likes sailing", "common ground")
    h = make_view()
    h.view.show_contact(contact_id)
    texts = _visible_texts(h)
    assert texts.count("Maintains a Rust crate") == 1
    assert texts.count("Likes sailing") == 1
    assert texts.index("Maintains a Rust crate") < texts.index("Notes")
    assert texts.index("Notes") < texts.index("Likes sailing")
    detail = h.view.detail
    deletes = [b for b in detail.findChildren(QPushButton, "delete_note") if b.isVisible()]
    edits = [b for b in detail.findChildren(QPushButton, "edit_note") if b.isVisible()]
    assert len(deletes) == len(edits) == 2
    # The first Delete is the event's note: it goes, the other stays.
    qtbot.mouseClick(deletes[0], Qt.MouseButton.LeftButton)
    assert [n.body for n in s.contacts.get(contact_id).notes] == ["Likes sailing"]
    qtbot.waitUntil(lambda: "Maintains a Rust crate" not in _visible_texts(h))
    # With only event notes, Notes says where they are.
    h.stack.undo()
    s.notes.delete(next(n.id for n in s.contacts.get(contact_id).notes if not n.event_id))
    qtbot.waitUntil(lambda: "Likes sailing" not in _visible_texts(h))
    assert "No other notes. Add one with Add note." in _visible_texts(h)


def test_deleting_a_note_deleted_elsewhere_says_so(
    qtbot: QtBot, make_view: Callable[[], Harness]
) -> None:
    h = make_view()
    contact_id = _add(h.services, "Ann Lee")
    note_id = h.services.notes.add(contact_id, "Likes sailing")
    h.view.show_contact(contact_id)
    qtbot.waitUntil(lambda: "Likes sailing" in _label_texts(h.view))
    button = next(
        b for b in h.view.detail.findChildren(QPushButton, "delete_note") if b.isVisible()
    )
    # Another window deletes it before this pane hears of it.
    h.bridge.blockSignals(True)
    h.services.notes.delete(note_id)
    h.bridge.blockSignals(False)
    seen: list[tuple[str, str, Qt.TextFormat]] = []

    def read(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append((widget.windowTitle(), widget.text(), widget.textFormat()))
        widget.accept()

    _when_modal(read)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # an exception here fails the test
    assert seen == [
        ("Could not delete the note", "That note no longer exists.", Qt.TextFormat.PlainText)
    ]
    assert h.stack.count() == 0
    qtbot.waitUntil(lambda: "Likes sailing" not in _label_texts(h.view))


def test_undoing_a_delete_selects_the_person_again(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    _click_row(qtbot, h.view, h.row_of("Jürgen Schröder"))
    assert h.view.delete_selected()
    assert h.view.selected_contact_ids() == [ids["Bob Stone"]]

    h.stack.undo()
    assert h.view.selected_contact_ids() == [ids["Jürgen Schröder"]]
    assert h.view.table.currentIndex().row() == h.row_of("Jürgen Schröder")
    assert h.view.detail.name_label.text() == "Jürgen Schröder"
    # Deleted again by redo and brought back again.
    h.stack.redo()
    _click_row(qtbot, h.view, h.row_of("Ann Lee"))
    h.stack.undo()
    assert h.view.selected_contact_ids() == [ids["Jürgen Schröder"]]


def test_undoing_a_delete_of_several_selects_them_all(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    _click_row(qtbot, h.view, h.row_of("Ann Lee"))
    _click_row(qtbot, h.view, h.row_of("Bob Stone"), Qt.KeyboardModifier.ControlModifier)

    def delete(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        button = next(b for b in widget.buttons() if b.text() == "Delete 2 people")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    _when_modal(delete)
    assert h.view.delete_selected()
    assert h.names() == ["Jürgen Schröder"]
    h.stack.undo()
    assert sorted(h.view.selected_contact_ids()) == sorted([ids["Ann Lee"], ids["Bob Stone"]])
    assert h.view.detail.empty_label.text() == "2 people selected"


def test_undoing_something_else_keeps_the_selection(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    h.view.show_contact(ids["Ann Lee"])
    assert h.view.delete_selected()
    note_id = sqlite_services.notes.add(ids["Bob Stone"], "Likes sailing")
    h.view.show_contact(ids["Bob Stone"])
    assert h.view.delete_note(note_id)
    h.stack.undo()  # the note comes back; Ann stays deleted and Bob selected
    assert h.view.selected_contact_ids() == [ids["Bob Stone"]]
    assert "Ann Lee" not in h.names()


# -- column widths ------------------------------------------------------------------------------


def _columns_fit(h: Harness) -> bool:
    header, table = h.view.header(), h.view.table
    total = sum(header.sectionSize(c) for c in range(header.count()))
    return total <= table.viewport().width() and table.horizontalScrollBar().maximum() == 0


def test_columns_fit_their_content_until_the_user_sizes_one(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    header = h.view.header()
    metrics = h.view.table.fontMetrics()
    for width in (1006, 1406, 906):
        h.view.resize(width, 600)
        qtbot.waitUntil(lambda: _columns_fit(h))
        # Room enough for three short rows: every column at least as wide as its content.
        for column, text in (
            (NAME, "Jürgen Schröder"),
            (ORGANIZATION, "Acme"),
            (EMAIL, "ann@acme.org"),
        ):
            assert header.sectionSize(column) > metrics.horizontalAdvance(text), (width, text)
    wide = header.sectionSize(NAME)

    header.resizeSection(NAME, 321)  # as a drag of the column's edge does
    h.view.resize(1006, 600)
    qtbot.wait(20)
    assert header.sectionSize(NAME) == 321
    assert wide != 321


def test_restored_column_widths_win_and_fitted_ones_keep_fitting(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    first = make_view()
    fitted = first.view.header().saveState()
    first.view.header().resizeSection(ORGANIZATION, 233)
    chosen = first.view.header().saveState()

    second = make_view()
    assert second.view.header().restoreState(chosen)
    second.view.resize(706, 600)
    qtbot.wait(20)
    assert second.view.header().sectionSize(ORGANIZATION) == 233

    third = make_view()
    assert third.view.header().restoreState(fitted)
    third.view.resize(706, 600)
    qtbot.waitUntil(lambda: _columns_fit(third))


def test_ticking_a_followup_in_the_detail_pane_is_an_undo_step(
    qtbot: QtBot,
    sqlite_services: Services,
    rich_contact: tuple[int, int],
    make_view: Callable[[], Harness],
) -> None:
    contact_id, _ = rich_contact
    h = make_view()
    messages: list[str] = []
    h.view.message.connect(messages.append)
    h.view.show_contact(contact_id)
    boxes = [b for b in h.view.detail.findChildren(QCheckBox, "followup_done") if b.isVisible()]
    qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton)
    assert messages == ["Marked done — Ctrl+Z to undo"]
    assert h.stack.count() == 1 and h.stack.undoText() == "Mark done"

    h.stack.undo()
    followups = {f.action: f for f in sqlite_services.contacts.get(contact_id).followups}
    assert followups["Send intro"].done_at is None
    assert followups["Connect on LinkedIn"].done_at is not None

    def ticks() -> list[bool]:
        found = h.view.detail.findChildren(QCheckBox, "followup_done")
        return [b.isChecked() for b in found if b.isVisible()]

    qtbot.waitUntil(lambda: ticks() == [False, True])


def test_copying_from_the_detail_pane_gives_the_text_as_typed(
    qtbot: QtBot, make_view: Callable[[], Harness]
) -> None:
    h = make_view()
    email = "tobias.vogel@bergmann-research.example.org"
    url = "https://example.org/people/tobias-vogel"
    cid = _add(h.services, LONG_NAME, emails=[email], urls=[url])
    assert h.view.show_contact(cid)
    detail = h.view.detail

    def label_showing(text: str) -> WrappedLabel:
        found = [
            w
            for w in detail.findChildren(WrappedLabel)
            if w.isVisible() and w.text().replace(ZERO_WIDTH_SPACE, "") == text
        ]
        assert len(found) == 1 and ZERO_WIDTH_SPACE in found[0].text()
        return found[0]

    clipboard = QApplication.clipboard()
    for text in (email, url, LONG_NAME):
        label = label_showing(text)
        label.setSelection(0, len(label.text()))
        clipboard.clear()
        label.setFocus()
        qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert clipboard.text() == text

        clipboard.clear()
        menu = label.copy_menu()
        copy = next(a for a in menu.actions() if a.text() == "Copy")
        copy.trigger()
        menu.deleteLater()
        assert clipboard.text() == text


def test_undoing_a_delete_selects_the_person_after_older_steps_were_cut_off(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    ids = _three(sqlite_services)
    h = make_view()
    h.view.show_contact(ids["Ann Lee"])
    assert h.view.delete_selected()
    h.stack.undo()
    assert h.view.selected_contact_ids() == [ids["Ann Lee"]]
    # A new step cuts the undone delete off the stack: Qt deletes that command.
    note_id = sqlite_services.notes.add(ids["Bob Stone"], "Likes sailing")
    assert h.view.delete_note(note_id)
    assert h.stack.count() == 1
    h.view.show_contact(ids["Jürgen Schröder"])
    assert h.view.delete_selected()
    h.view.show_contact(ids["Bob Stone"])
    h.stack.undo()
    assert h.view.selected_contact_ids() == [ids["Jürgen Schröder"]]
    h.stack.undo()  # the note: the selection stays
    assert h.view.selected_contact_ids() == [ids["Jürgen Schröder"]]


def test_detail_pane_takes_what_the_table_leaves_until_the_user_sizes_it(
    qtbot: QtBot, sqlite_services: Services, make_view: Callable[[], Harness]
) -> None:
    _three(sqlite_services)
    h = make_view()
    qtbot.waitExposed(h.view)
    splitter, detail = h.view.splitter, h.view.detail
    needed = h.view.header().needed_width()

    # Narrow: the table keeps what its columns need, the pane gets the rest (300 at least).
    h.view.resize(1000, 700)
    qtbot.waitUntil(lambda: splitter.width() > 900)
    assert detail.width() >= 300
    assert splitter.sizes()[0] >= needed
    # Wider still, the pane stops at a width that reads well and the table takes the rest.
    h.view.resize(1800, 700)
    qtbot.waitUntil(lambda: splitter.width() > 1700)
    assert detail.width() == 520

    # The user drags the handle: from then on the pane keeps the width they chose.
    handle = splitter.handle(1)
    middle = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(-150, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(-150, 0))
    chosen = detail.width()
    assert chosen > 600
    h.view.resize(1300, 700)
    qtbot.waitUntil(lambda: splitter.width() < 1300)
    assert detail.width() == chosen
