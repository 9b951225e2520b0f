"""Namesakes in the window: the import preview adds a possible duplicate as new unless the user
merges it, and Find duplicates lists possible duplicates for review without merging them all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from netdesk.services.import_plan import Action
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.duplicates_dialog import DuplicatesDialog
from netdesk.ui.importing.models import PlanPeopleModel
from netdesk.ui.importing.preview_dialog import ImportPreviewDialog
from netdesk.ui.widgets import theme
from tests.ui.import_helpers import choice_labels, choose, close_choice, column_texts, open_choice
from tests.undo_stacks import new_undo_stack

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Smith\r\nEMAIL:js@globex.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
)


def test_the_preview_adds_a_namesake_as_new_and_says_why(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    sqlite_services.contacts.create(
        ContactInput(formatted_name="John Smith", emails=["john@acme.example"])
    )
    sqlite_services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
    )
    path = tmp_path / "people.vcf"
    path.write_text(CARDS)
    plan = sqlite_services.imports.preview(path)
    dialog = ImportPreviewDialog(sqlite_services, plan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.people_view

    assert column_texts(view, PlanPeopleModel.STATUS) == [
        "Possible duplicate of John Smith (same name, but different email addresses)",
        "Duplicate of Ada Lovelace (same email ada@example.org)",
    ]
    assert column_texts(view, PlanPeopleModel.ACTION) == ["Add as new", "Merge"]
    index = dialog.people_model.index(0, PlanPeopleModel.ACTION)
    combo = open_choice(qtbot, view, index)
    assert combo.currentText() == "Add as new"
    assert choice_labels(combo) == ["Merge", "Skip", "Add as new"]
    close_choice(qtbot, view, index)
    assert dialog.summary_label.text() == "0 new, 1 duplicate, 1 possible duplicate, 0 left out"
    assert dialog.possible_hint.isVisible()
    assert dialog.ok_button.text() == "Add 1, merge 1"

    # "Merge all" is for the sure duplicates; the namesake keeps its own choice...
    qtbot.mouseClick(dialog.merge_all_button, Qt.MouseButton.LeftButton)
    assert [i.action for i in plan.items] == [Action.ADD, Action.MERGE]
    # ... until the user says it is the same John Smith.
    choose(qtbot, view, index, "Merge")
    assert plan.items[0].action is Action.MERGE
    assert dialog.ok_button.text() == "Merge 2 people"

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    report = sqlite_services.imports.apply(plan)
    assert (report.added, report.merged) == (0, 2)


def test_find_duplicates_lists_namesakes_for_review_and_merge_all_leaves_them(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    c = sqlite_services.contacts
    ada = c.create(ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"]))
    c.create(ContactInput(formatted_name="A. Lovelace", emails=["ada@example.org"]))
    grace = c.create(ContactInput(formatted_name="Grace Hopper", phones=["+12025550101"]))
    c.create(ContactInput(formatted_name="Grace M. Hopper", phones=["+1 202 555 0101"]))
    bo = c.create(ContactInput(formatted_name="Bo Lind", emails=["bo@one.example"]))
    c.create(ContactInput(formatted_name="Bo Lind", emails=["bo@two.example"]))
    dialog = DuplicatesDialog(sqlite_services, new_undo_stack())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.model

    headers = [model.index(row, 0).data() for row in range(model.group_count())]
    assert headers == [
        "Ada Lovelace and A. Lovelace — same email ada@example.org",
        "Grace Hopper and Grace M. Hopper — same phone +12025550101",
        "Bo Lind and Bo Lind — possible duplicate: same name, but different email addresses",
    ]
    assert "namesakes" in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    # Marked apart from the groups Merge all takes.
    colours = [model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) for row in range(3)]
    assert colours[:2] == [None, None]
    assert colours[2] is not None and colours[2].color() == theme.warning(theme.app_palette())
    assert dialog.merge_all_button.text() == "Merge both groups"

    qtbot.mouseClick(dialog.merge_all_button, Qt.MouseButton.LeftButton)

    assert c.count() == 4  # the Bo Linds are still two people
    assert {c.get(ada).formatted_name, c.get(grace).formatted_name} == {
        "Ada Lovelace",
        "Grace Hopper",
    }
    assert model.group_count() == 1 and model.group(0).possible
    # Reviewed: the user says they are one person, and merges that group on its own.
    dialog.select_group(0)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert c.count() == 3
    assert model.group_count() == 0
    assert sorted(c.get(bo).emails) == ["bo@one.example", "bo@two.example"]  # bo2 merged in
