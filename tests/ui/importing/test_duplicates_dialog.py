"""People > Find duplicates: the groups shown, choosing whom to keep, merging one group or all,
and undoing a merge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.duplicates_dialog import EMPTY_TITLE, DuplicatesDialog
from netdesk.ui.importing.duplicates_model import (
    EMAIL,
    NAME,
    ORGANIZATION,
    PHONE,
    DuplicatesModel,
    names_text,
)
from tests.ui.main_window_helpers import activate, answer_message_box, ctrl
from tests.undo_stacks import new_undo_stack


@dataclass
class People:
    ada: int
    ada_short: int
    grace: int
    grace_m: int
    alone: int


def _people(services: Services) -> People:
    ada = services.contacts.create(
        ContactInput(
            formatted_name="Ada Lovelace",
            organization="Analytical Engines",
            emails=["ada@example.org"],
            phones=["+44 20 7946 0958"],
            tags=["Math"],
        )
    )
    ada_short = services.contacts.create(
        ContactInput(
            formatted_name="A. Lovelace", emails=["ada@example.org", "countess@example.org"]
        )
    )
    grace = services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", organization="Navy", phones=["+12025550101"])
    )
    grace_m = services.contacts.create(
        ContactInput(formatted_name="<b>Grace</b> M. Hopper", phones=["+1 202 555 0101"])
    )
    alone = services.contacts.create(ContactInput(formatted_name="Bo Lind"))
    return People(ada, ada_short, grace, grace_m, alone)


def _open(qtbot: QtBot, services: Services, stack: QUndoStack | None = None) -> DuplicatesDialog:
    dialog = DuplicatesDialog(services, stack or new_undo_stack())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _tree_texts(dialog: DuplicatesDialog) -> list[list[str]]:
    """Each group's header, then its people's cells, as the tree shows them."""
    model = dialog.tree.model()
    shown = []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        shown.append([group.data()])
        for person in range(model.rowCount(group)):
            cells = [model.index(person, c, group).data() for c in range(model.columnCount())]
            shown.append(cells)
    return shown


def _person_index(dialog: DuplicatesDialog, contact_id: int) -> QModelIndex:
    model = dialog.model
    for row in range(model.group_count()):
        index = model.person_index(row, contact_id)
        if index.isValid():
            return index
    raise AssertionError(f"contact {contact_id} is in no group")


def _group_of(dialog: DuplicatesDialog, contact_id: int) -> int:
    group = dialog.model.group_row_of(_person_index(dialog, contact_id))
    assert group is not None
    return group


def _click_radio(qtbot: QtBot, dialog: DuplicatesDialog, contact_id: int) -> None:
    """Click the radio button in front of this person's name, where the user would."""
    index = _person_index(dialog, contact_id)
    tree = dialog.tree
    option = QStyleOptionViewItem()
    option.initFrom(tree.viewport())
    option.rect = tree.visualRect(index)
    delegate = tree.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    radio = tree.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree
    )
    assert radio.isValid() and tree.viewport().rect().contains(radio)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, radio.center()
    )


def test_the_model_is_a_proper_item_model(
    qtbot: QtBot, qtmodeltester: ModelTester, sqlite_services: Services
) -> None:
    _people(sqlite_services)
    model = DuplicatesModel(sqlite_services)
    model.reload()
    assert model.group_count() == 2
    qtmodeltester.check(model)
    # Choosing whom to keep goes through setData, as the tree's radio buttons do.
    person = model.index(1, NAME, model.index(0, 0))
    assert model.setData(person, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtmodeltester.check(model)


def test_lists_each_group_with_who_why_and_what_they_hold(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    event = sqlite_services.events.create(
        EventInput(name="Summit", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    sqlite_services.events.add_attendee(event, p.ada)

    dialog = _open(qtbot, sqlite_services)

    assert _tree_texts(dialog) == [
        ["Ada Lovelace and A. Lovelace — same email ada@example.org"],
        ["Ada Lovelace", "Analytical Engines", "ada@example.org", "+44 20 7946 0958", "1 event"],
        ["A. Lovelace", "", "ada@example.org (+1)", "", ""],
        ["Grace Hopper and <b>Grace</b> M. Hopper — same phone +12025550101"],
        ["Grace Hopper", "Navy", "", "+12025550101", ""],
        ["<b>Grace</b> M. Hopper", "", "", "+1 202 555 0101", ""],
    ]
    # The most complete person is kept unless the user chooses otherwise.
    assert dialog.model.keep_id(0) == p.ada
    kept = _person_index(dialog, p.ada)
    assert kept.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert _person_index(dialog, p.ada_short).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert dialog.merge_button.isEnabled()
    assert dialog.merge_all_button.text() == "Merge both groups"
    assert dialog.pages.currentWidget() is dialog.tree


def test_merging_the_selected_group_then_undoing_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    stack = new_undo_stack()
    dialog = _open(qtbot, sqlite_services, stack)
    said: list[str] = []
    dialog.message.connect(said.append)
    dialog.select_group(0)

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    ada = sqlite_services.contacts.get(p.ada)
    assert sorted(ada.emails) == ["ada@example.org", "countess@example.org"]
    assert sqlite_services.contacts.count() == 4
    assert said == ["Merged 2 people into Ada Lovelace. Press Ctrl+Z to undo."]
    assert dialog.status_label.text() == said[0]
    # The dialog looked again: only the other group is left.
    assert [row[0] for row in _tree_texts(dialog) if len(row) == 1] == [
        "Grace Hopper and <b>Grace</b> M. Hopper — same phone +12025550101"
    ]
    assert stack.count() == 1 and dialog.undo_button.isEnabled()

    stack.undo()  # Ctrl+Z in the main window

    assert sqlite_services.contacts.count() == 5
    assert sqlite_services.contacts.get(p.ada).emails == ("ada@example.org",)
    assert sqlite_services.contacts.get(p.ada_short).formatted_name == "A. Lovelace"
    assert dialog.model.group_count() == 2  # and the dialog follows the undo


def test_choosing_whom_to_keep_with_the_radio_button(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    dialog = _open(qtbot, sqlite_services)

    _click_radio(qtbot, dialog, p.grace_m)

    group = _group_of(dialog, p.grace_m)
    assert dialog.model.keep_id(group) == p.grace_m
    assert _person_index(dialog, p.grace).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    # Clicking the kept one again does not leave the group without anyone to keep.
    _click_radio(qtbot, dialog, p.grace_m)
    assert dialog.model.keep_id(group) == p.grace_m

    dialog.select_group(group)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    kept = sqlite_services.contacts.get(p.grace_m)
    assert kept.formatted_name == "<b>Grace</b> M. Hopper"
    assert kept.organization == "Navy"  # an empty field filled in from the other
    assert dialog.status_label.text().startswith("Merged 2 people into <b>Grace</b> M. Hopper.")
    assert dialog.status_label.textFormat() == Qt.TextFormat.PlainText
    assert sqlite_services.contacts.count() == 4


def test_the_choice_survives_a_merge_of_another_group(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    dialog = _open(qtbot, sqlite_services)
    _click_radio(qtbot, dialog, p.grace_m)
    dialog.select_group(_group_of(dialog, p.ada))

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert dialog.model.group_count() == 1
    assert dialog.model.keep_id(0) == p.grace_m


def test_merge_all_is_one_step_for_undo_and_leaves_the_empty_state(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    stack = new_undo_stack()
    dialog = _open(qtbot, sqlite_services, stack)

    qtbot.mouseClick(dialog.merge_all_button, Qt.MouseButton.LeftButton)

    assert sqlite_services.contacts.count() == 3
    assert sqlite_services.contacts.get(p.grace).phones[0].value  # kept, the others gone
    assert dialog.model.group_count() == 0
    assert dialog.pages.currentWidget() is not dialog.tree
    assert dialog.empty_title.text() == EMPTY_TITLE == "No duplicates found"
    assert dialog.empty_title.isVisible()
    assert not dialog.merge_button.isVisible()
    assert dialog.status_label.text() == ("Merged 2 groups (4 people). Press Ctrl+Z to undo.")
    assert stack.count() == 1

    activate(qtbot, dialog)
    ctrl(qtbot, dialog.tree, Qt.Key.Key_Z)  # the dialog's own Ctrl+Z

    assert sqlite_services.contacts.count() == 5
    assert sqlite_services.contacts.get(p.grace_m).formatted_name == "<b>Grace</b> M. Hopper"
    assert dialog.model.group_count() == 2
    assert dialog.pages.currentWidget() is dialog.tree


def test_no_duplicates_says_so(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    sqlite_services.contacts.create(ContactInput(formatted_name="Bo Lind"))

    dialog = _open(qtbot, sqlite_services)

    assert dialog.empty_title.isVisible()
    assert dialog.empty_title.text() == "No duplicates found"
    assert not dialog.intro.isVisible()
    assert not dialog.merge_button.isVisible() and not dialog.merge_all_button.isVisible()


def test_a_group_changed_elsewhere_is_reported_and_read_again(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    stack = new_undo_stack()
    dialog = _open(qtbot, sqlite_services, stack)
    dialog.select_group(_group_of(dialog, p.ada))
    sqlite_services.contacts.delete([p.ada_short])  # in another window, meanwhile
    seen: list[str] = []
    answer_message_box(seen)

    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert seen == ["Some of those people no longer exist."]
    assert stack.count() == 0
    assert dialog.model.group_count() == 1  # only the Hoppers are left to merge
    assert sqlite_services.contacts.get(p.ada).emails == ("ada@example.org",)


def test_names_are_listed_shortly(qtbot: QtBot) -> None:
    assert names_text(("Ann",)) == "Ann"
    assert names_text(("Ann", "Bo")) == "Ann and Bo"
    assert names_text(("Ann", "Bo", "Cy")) == "Ann, Bo and Cy"
    assert names_text(("Ann", "Bo", "Cy", "Di", "")) == "Ann and 4 others"
    assert names_text(("", "Bo")) == "(no name) and Bo"


def test_double_click_keeps_that_person(qtbot: QtBot, sqlite_services: Services) -> None:
    p = _people(sqlite_services)
    dialog = _open(qtbot, sqlite_services)
    index = _person_index(dialog, p.ada_short).siblingAtColumn(EMAIL)
    rect = dialog.tree.visualRect(index)
    viewport = dialog.tree.viewport()
    no = Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, no, rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, no, rect.center())

    group = dialog.model.group_row_of(index)
    assert group is not None
    assert dialog.model.keep_id(group) == p.ada_short


def test_tooltips_show_user_text_verbatim(qtbot: QtBot, sqlite_services: Services) -> None:
    p = _people(sqlite_services)
    dialog = _open(qtbot, sqlite_services)
    tip = _person_index(dialog, p.grace_m).data(Qt.ItemDataRole.ToolTipRole)
    # Escaped: Qt renders tooltips as rich text, and the name must not turn bold.
    assert "&lt;b&gt;Grace&lt;/b&gt; M. Hopper" in tip and "<b>Grace" not in tip
    assert "round button" in tip
    organisation = _person_index(dialog, p.ada).siblingAtColumn(ORGANIZATION)
    assert "Analytical Engines" in organisation.data(Qt.ItemDataRole.ToolTipRole)
    assert (
        _person_index(dialog, p.ada_short).siblingAtColumn(PHONE).data(Qt.ItemDataRole.ToolTipRole)
        is None
    )


def test_return_on_a_person_keeps_them_and_merges_nothing(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    p = _people(sqlite_services)
    stack = new_undo_stack()
    dialog = _open(qtbot, sqlite_services, stack)
    activate(qtbot, dialog)
    dialog.tree.setFocus()
    index = _person_index(dialog, p.ada_short)
    dialog.tree.setCurrentIndex(index)

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(dialog.tree, key)

        group = dialog.model.group_row_of(index)
        assert group is not None and dialog.model.keep_id(group) == p.ada_short
        assert sqlite_services.contacts.count() == 5  # no group was merged
        assert stack.count() == 0
        assert dialog.isVisible()  # nor did Return close the dialog
    for button in (dialog.merge_button, dialog.merge_all_button, dialog.undo_button):
        assert not button.isDefault() and not button.autoDefault()


def test_the_status_says_what_an_undo_undid(qtbot: QtBot, sqlite_services: Services) -> None:
    _people(sqlite_services)
    stack = new_undo_stack()
    dialog = _open(qtbot, sqlite_services, stack)
    qtbot.mouseClick(dialog.merge_all_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text().endswith("Press Ctrl+Z to undo.")

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)

    assert dialog.status_label.text() == "Undone: Merge 2 groups of duplicates"
    dialog.select_group(0)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    activate(qtbot, dialog)
    ctrl(qtbot, dialog.tree, Qt.Key.Key_Z)
    assert dialog.status_label.text() == "Undone: Merge 2 people into Ada Lovelace"

    stack.redo()  # Ctrl+Shift+Z in the main window, say
    assert dialog.status_label.text() == "Redone: Merge 2 people into Ada Lovelace"


def test_the_empty_state_names_what_was_looked_for(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _open(qtbot, sqlite_services)

    text = dialog.empty_text.text()
    assert "email address" in text and "phone number" in text
    assert "same full name" in text
    assert "nearly the same name at the same organisation" in text
