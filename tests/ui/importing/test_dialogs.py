"""The import dialogs on their own: preview, column mapping and report, and their models."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from netdesk.formats.csv.read import CONTACT_FIELDS, guess_mapping
from netdesk.formats.records import AttendeeInfo, ContactRecord, EventRecord, Problem, Typed
from netdesk.services.import_plan import Action, ImportPlan, ImportReport, PlanItem
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from netdesk.ui.importing.choice_delegate import choice_editor
from netdesk.ui.importing.csv_mapping_dialog import CsvMappingDialog
from netdesk.ui.importing.mapping_model import ColumnMappingModel
from netdesk.ui.importing.models import (
    PlanEventsModel,
    PlanPeopleModel,
    ProblemsModel,
)
from netdesk.ui.importing.preview_dialog import (
    NEW_EVENT,
    ImportPreviewDialog,
    actions_text,
)
from netdesk.ui.importing.report_dialog import (
    ImportContext,
    ImportReportDialog,
    context_of,
    status_message,
)
from netdesk.ui.widgets import theme
from tests.ui.import_helpers import (
    choice_labels,
    choose,
    close_choice,
    column_texts,
    open_choice,
)

FILE = "/home/me/Downloads/people.vcf"
HTML_NAME = "<b>x</b>"


def person(name: str, org: str = "", email: str = "") -> ContactRecord:
    return ContactRecord(
        formatted_name=name, organization=org, emails=[Typed(email)] if email else []
    )


def sample_plan() -> ImportPlan:
    """Two new people (one named like HTML), a duplicate of someone in netdesk, the same
    person twice in the file, and two lines that could not be read."""
    return ImportPlan(
        file=FILE,
        kind="vcard",
        layout="vCard",
        items=[
            PlanItem(person("Grace Hopper", "US Navy", "grace@navy.mil")),
            PlanItem(person(HTML_NAME, "<i>Evil</i> & Co", "x@example.org")),
            PlanItem(
                person("Ada King", "Analytical", "ada@example.org"),
                Action.MERGE,
                match_id=7,
                match_name="Ada Lovelace",
                reason="same email ada@example.org",
            ),
            PlanItem(
                person("Grace M. Hopper", "", "grace@navy.mil"),
                Action.MERGE,
                match_name="Grace Hopper",
                reason="same email grace@navy.mil",
                earlier=0,
            ),
        ],
        problems=[
            Problem(FILE, 12, "card without END:VCARD"),
            Problem(FILE, 30, "photo is not valid base64"),
        ],
    )


def open_preview(
    qtbot: QtBot, services: Services, plan: ImportPlan, event_id: int | None = None
) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(services, plan, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# --- preview ---------------------------------------------------------------------------------


def test_preview_lists_each_person_with_what_happens_to_them(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    view = dialog.people_view
    assert column_texts(view, PlanPeopleModel.NAME) == [
        "Grace Hopper",
        HTML_NAME,
        "Ada King",
        "Grace M. Hopper",
    ]
    assert column_texts(view, PlanPeopleModel.STATUS) == [
        "New",
        "New",
        "Duplicate of Ada Lovelace (same email ada@example.org)",
        "Duplicate of Grace Hopper, earlier in this file (same email grace@navy.mil)",
    ]
    assert column_texts(view, PlanPeopleModel.ACTION) == ["Add", "Add", "Merge", "Merge"]
    assert dialog.summary_label.text() == "2 new, 2 duplicates, 2 left out"
    assert dialog.ok_button.text() == "Add 2, merge 2"
    assert dialog.windowTitle() == "Import people.vcf"
    assert dialog.tabs.tabText(0) == "People (4)"
    assert dialog.duplicates_row.isVisible()


def test_user_text_in_the_preview_is_shown_literally(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    plan = sample_plan()
    plan.file = "/tmp/<b>evil<i>.vcf"
    dialog = open_preview(qtbot, sqlite_services, plan)
    model = dialog.people_model
    assert model.index(1, PlanPeopleModel.ORGANIZATION).data() == "<i>Evil</i> & Co"
    tooltip = model.index(1, PlanPeopleModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip  # escaped: the tooltip shows the tags
    assert dialog.title_label.text() == "<b>evil<i>.vcf"
    assert dialog.windowTitle() == "Import <b>evil<i>.vcf"
    for label in dialog.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_cells_cut_short_in_the_preview_have_their_whole_text_as_tooltip(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    """The Organisation and Email columns are as narrow as Name: a long company or address
    ends in "…", and the Email column shows one of a card's addresses only."""
    plan = sample_plan()
    plan.items[0].record.emails.append(Typed("rear.admiral.grace.hopper@navy.example"))
    dialog = open_preview(qtbot, sqlite_services, plan)
    model = dialog.people_model

    def tip(row: int, column: int) -> str:
        return str(model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) or "")

    assert model.index(0, PlanPeopleModel.EMAIL).data() == "grace@navy.mil"
    assert "grace@navy.mil<br>rear.admiral.grace.hopper@navy.example" in tip(0, 2)
    assert "&lt;i&gt;Evil&lt;/i&gt; &amp; Co" in tip(1, PlanPeopleModel.ORGANIZATION)
    assert tip(3, PlanPeopleModel.ORGANIZATION) == ""  # nothing to show, no empty tooltip
    assert tip(2, PlanPeopleModel.ACTION) == ""


def test_choosing_skip_in_a_duplicates_combo_changes_the_plan_and_the_button(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    plan = sample_plan()
    dialog = open_preview(qtbot, sqlite_services, plan)
    view = dialog.people_view
    index = dialog.people_model.index(2, PlanPeopleModel.ACTION)
    combo = open_choice(qtbot, view, index)
    assert choice_labels(combo) == ["Merge", "Skip", "Add as new"]
    close_choice(qtbot, view, index)
    assert plan.items[2].action is Action.MERGE

    choose(qtbot, view, dialog.people_model.index(2, PlanPeopleModel.ACTION), "Skip")

    assert plan.items[2].action is Action.SKIP
    assert plan.items[3].action is Action.MERGE
    assert column_texts(view, PlanPeopleModel.ACTION)[2] == "Skip"
    assert dialog.ok_button.text() == "Add 2, merge 1, skip 1"


def test_the_keyboard_changes_a_choice_only_when_picked_in_its_list(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    """F2 then Down used to pick the next choice in a closed combo box, and the Return after it
    reached the OK button and started the import."""
    plan = sample_plan()
    dialog = open_preview(qtbot, sqlite_services, plan)
    view = dialog.people_view
    index = dialog.people_model.index(2, PlanPeopleModel.ACTION)
    view.setFocus()
    view.setCurrentIndex(index)

    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = choice_editor(view, index)
    assert combo is not None and combo.view().isVisible()  # the list drops down at once
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)  # the list closes, the box stays
    assert not combo.view().isVisible() and choice_editor(view, index) is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # on the closed box: opens the list, picks nothing
    assert combo.view().isVisible()
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # opens the list again; not the OK button
    assert combo.view().isVisible()
    assert plan.items[2].action is Action.MERGE
    assert dialog.isVisible() and dialog.result() != ImportPreviewDialog.DialogCode.Accepted
    close_choice(qtbot, view, index)

    # Return and Space on the cell open it too, instead of accepting the dialog.
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        qtbot.keyClick(view, key)
        combo = choice_editor(view, index)
        assert combo is not None and combo.view().isVisible(), key
        close_choice(qtbot, view, index)
    assert dialog.isVisible() and dialog.result() != ImportPreviewDialog.DialogCode.Accepted

    # A pick in the list is saved; the Return that made it goes no further.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    combo = choice_editor(view, index)
    assert combo is not None
    qtbot.keyClick(combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: choice_editor(view, index) is None)
    assert plan.items[2].action is Action.SKIP
    assert dialog.isVisible() and dialog.result() != ImportPreviewDialog.DialogCode.Accepted

    # The row is what is selected: Return anywhere on it opens its choice.
    view.setCurrentIndex(dialog.people_model.index(3, PlanPeopleModel.NAME))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert choice_editor(view, dialog.people_model.index(3, PlanPeopleModel.ACTION)) is not None
    close_choice(qtbot, view, dialog.people_model.index(3, PlanPeopleModel.ACTION))
    assert dialog.isVisible() and dialog.result() != ImportPreviewDialog.DialogCode.Accepted

    # On a row without a choice (a new person), Return is the dialog's again.
    view.setCurrentIndex(dialog.people_model.index(0, PlanPeopleModel.NAME))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dialog.result() == ImportPreviewDialog.DialogCode.Accepted


def test_tab_leaves_the_people_table(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    view = dialog.people_view
    view.setFocus()
    view.setCurrentIndex(dialog.people_model.index(2, PlanPeopleModel.NAME))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.merge_all_button
    assert view.currentIndex().column() == PlanPeopleModel.NAME

    # Also from an open choice: the choice stays as it was.
    index = dialog.people_model.index(2, PlanPeopleModel.ACTION)
    combo = open_choice(qtbot, view, index)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: choice_editor(view, index) is None)
    assert dialog.focusWidget() is dialog.merge_all_button
    assert dialog.plan.items[2].action is Action.MERGE


def test_new_people_have_no_choice_to_make(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    index = dialog.people_model.index(0, PlanPeopleModel.ACTION)
    rect = dialog.people_view.visualRect(index)
    qtbot.mouseClick(dialog.people_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.people_view.indexWidget(index) is None
    assert not dialog.people_model.setData(index, Action.SKIP.value)


def test_buttons_decide_every_duplicate_at_once(qtbot: QtBot, sqlite_services: Services) -> None:
    plan = sample_plan()
    dialog = open_preview(qtbot, sqlite_services, plan)

    qtbot.mouseClick(dialog.skip_all_button, Qt.MouseButton.LeftButton)
    assert [i.action for i in plan.items] == [Action.ADD, Action.ADD, Action.SKIP, Action.SKIP]
    assert dialog.ok_button.text() == "Add 2, skip 2"

    qtbot.mouseClick(dialog.new_all_button, Qt.MouseButton.LeftButton)
    assert [i.action for i in plan.items] == [Action.ADD] * 4
    assert column_texts(dialog.people_view, PlanPeopleModel.ACTION)[2:] == ["Add as new"] * 2
    assert dialog.ok_button.text() == "Add 4 people"

    qtbot.mouseClick(dialog.merge_all_button, Qt.MouseButton.LeftButton)
    assert [i.action for i in plan.items][2:] == [Action.MERGE, Action.MERGE]
    assert dialog.ok_button.text() == "Add 2, merge 2"


def test_without_duplicates_there_is_nothing_to_decide(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    plan = ImportPlan(file="a.vcf", kind="vcard", items=[PlanItem(person("Ann"))])
    dialog = open_preview(qtbot, sqlite_services, plan)
    assert not dialog.duplicates_row.isVisible()
    assert dialog.ok_button.text() == "Add 1 person"
    assert not dialog.tabs.isTabEnabled(dialog.problems_tab)


def test_everyone_skipped_and_no_event_leaves_nothing_to_import(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    demo = sqlite_services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    plan = ImportPlan(
        file="a.vcf",
        kind="vcard",
        items=[PlanItem(person("Ann"), Action.MERGE, match_id=1, match_name="Ann", reason="x")],
    )
    dialog = open_preview(qtbot, sqlite_services, plan)
    assert dialog.ok_button.text() == "Merge 1 person"
    qtbot.mouseClick(dialog.skip_all_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Nothing to import"
    # Skipped people still go on the chosen event's list.
    dialog.event_combo.setCurrentIndex(dialog.event_combo.findData(demo))
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Add 1 person to the event"


def test_problems_are_listed_with_file_and_line(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    assert dialog.tabs.tabText(dialog.problems_tab) == "Left out (2)"
    assert not dialog.tabs.isTabEnabled(dialog.warnings_tab)
    dialog.tabs.setCurrentIndex(dialog.problems_tab)
    model = dialog.problems_view.model()
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert texts == [
        "people.vcf:12: card without END:VCARD",
        "people.vcf:30: photo is not valid base64",
    ]


def test_the_event_given_is_chosen_and_ok_returns_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    for name in ("Summit", "Demo Day"):
        sqlite_services.events.create(
            EventInput(name=name, starts_at=datetime(2026, 5, 1, tzinfo=UTC))
        )
    demo = sqlite_services.events.find_by_name("Demo Day")
    dialog = open_preview(qtbot, sqlite_services, sample_plan(), event_id=demo)
    assert dialog.event_combo.currentText().startswith("Demo Day")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == ImportPreviewDialog.DialogCode.Accepted
    assert dialog.event_id == demo


def test_a_new_event_needs_a_name_and_is_created_on_ok(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    assert not dialog.new_event_edit.isVisible()
    combo = dialog.event_combo
    combo.setFocus()
    # The last choice, with the keyboard as a user would.
    qtbot.keyClick(combo, Qt.Key.Key_End)
    assert combo.currentText() == "New event…"
    assert dialog.new_event_edit.isVisible()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.new_event_edit, "  PyData   Berlin ")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == ImportPreviewDialog.DialogCode.Accepted
    # The import makes the event, in its own transaction: not the dialog.
    assert sqlite_services.events.find_by_name("PyData Berlin") is None
    assert dialog.event_id is None and dialog.plan.new_event_name == "PyData Berlin"
    report = sqlite_services.imports.apply(dialog.plan, dialog.event_id)
    created = sqlite_services.events.find_by_name("PyData Berlin")
    assert created is not None and sqlite_services.events.get(created).name == "PyData Berlin"
    # Contact 7 of the hand-made plan does not exist, so Ada King is added too; the fourth card
    # is the first person again.
    assert report.attached == 3


def test_a_new_event_named_like_an_existing_one_reuses_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    existing = sqlite_services.events.create(
        EventInput(name="Café Night", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    dialog = open_preview(qtbot, sqlite_services, sample_plan())
    dialog.event_combo.setCurrentIndex(dialog.event_combo.count() - 1)
    dialog.new_event_edit.setText("cafe night")  # accents: keyClicks cannot type them
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.event_id == existing
    assert len(sqlite_services.events.list()) == 1


def test_an_attendee_list_without_an_event_warns_that_roles_are_lost(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    demo = sqlite_services.events.create(
        EventInput(name="Demo Night", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    record = person("Ann")
    record.attendee = AttendeeInfo(role="speaker", status="checked in")
    plan = ImportPlan(file="eb.csv", kind="csv", layout="Eventbrite", items=[PlanItem(record)])
    dialog = open_preview(qtbot, sqlite_services, plan)
    assert dialog.event_combo.currentData() is None  # "No event"
    assert dialog.ok_button.text() == "Import 1 person without an event"
    assert dialog.attendee_hint.isVisible()
    assert dialog.attendee_hint.text() == (
        "This file lists the attendees of an event. Without an event their roles and "
        "check-in status are not kept: choose the event to add them to."
    )
    assert _text_colour(dialog.attendee_hint) == theme.warning(theme.app_palette())

    dialog.event_combo.setCurrentIndex(dialog.event_combo.findData(demo))
    assert dialog.ok_button.text() == "Add 1 person"
    assert _text_colour(dialog.attendee_hint) == theme.muted(theme.app_palette())
    assert dialog.attendee_hint.text() == (
        "This file lists the attendees of an event: they are added to the event chosen "
        "above, with their roles and check-in status."
    )
    # A new event counts once it has a name.
    dialog.event_combo.setCurrentIndex(dialog.event_combo.findData(NEW_EVENT))
    assert _text_colour(dialog.attendee_hint) == theme.warning(theme.app_palette())
    qtbot.keyClicks(dialog.new_event_edit, "Launch")
    assert dialog.ok_button.text() == "Add 1 person"
    assert _text_colour(dialog.attendee_hint) == theme.muted(theme.app_palette())

    assert not open_preview(qtbot, sqlite_services, sample_plan()).attendee_hint.isVisible()


@pytest.mark.parametrize(
    ("add", "merge", "skip", "text"),
    [
        (145, 209, 0, "Add 145, merge 209"),
        (3, 0, 0, "Add 3 people"),
        (1, 0, 0, "Add 1 person"),
        (0, 2, 0, "Merge 2 people"),
        (1, 1, 1, "Add 1, merge 1, skip 1"),
        (0, 1200, 3, "Merge 1,200, skip 3"),
    ],
)
def test_the_ok_button_says_what_will_happen(add: int, merge: int, skip: int, text: str) -> None:
    assert actions_text(add, merge, skip) == text


def calendar_plan(events: list[EventRecord], existing: set[str] | None = None) -> ImportPlan:
    """The plan of an .ics file holding `events`, those of UIDs in `existing` already known."""
    return ImportPlan(
        file="cal.ics",
        kind="ics",
        layout="iCalendar",
        events=events,
        existing_event_uids=existing or set(),
    )


def test_a_calendar_plan_lists_its_events_new_or_updated(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    events = [
        EventRecord(
            uid="u1",
            name="PyData <Berlin>",
            starts_at=datetime(2026, 5, 2, 9, tzinfo=UTC),
            venue="bcc",
            city="Berlin",
        ),
        EventRecord(
            uid="u2", name="Holiday", starts_at=datetime(2026, 5, 1, tzinfo=UTC), all_day=True
        ),
    ]
    dialog = open_preview(qtbot, sqlite_services, calendar_plan(events, existing={"u1"}))
    view = dialog.events_view
    assert column_texts(view, PlanEventsModel.NAME) == ["PyData <Berlin>", "Holiday"]
    assert column_texts(view, PlanEventsModel.WHERE) == ["bcc, Berlin", ""]
    assert column_texts(view, PlanEventsModel.STATUS) == ["Update", "New"]
    assert column_texts(view, PlanEventsModel.WHEN)[1] == "Fri 1 May 2026"
    assert dialog.summary_label.text() == "1 new, 1 update, 0 left out"
    assert dialog.ok_button.text() == "Import 2 events"
    assert not dialog.event_row.isVisible()
    assert not dialog.people_view.isVisible()


def test_a_repeating_event_in_the_preview_says_it_repeats(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    """A series goes in as one event at its first date: the preview says so, and how."""
    events = [
        EventRecord(
            uid="u1",
            name="Team sync",
            starts_at=datetime(2026, 1, 5, 8, tzinfo=UTC),
            ends_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
            timezone="Europe/Berlin",
            recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE:20260112T080000Z"],
        ),
        EventRecord(uid="u2", name="Launch", starts_at=datetime(2026, 1, 9, 18, tzinfo=UTC)),
    ]
    dialog = open_preview(qtbot, sqlite_services, calendar_plan(events))
    model = dialog.events_model
    when = column_texts(dialog.events_view, PlanEventsModel.WHEN)
    assert when[0].endswith(" · repeats") and not when[1].endswith("repeats")
    tip = model.index(0, PlanEventsModel.WHEN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Repeats weekly on Monday, except 1 date" in tip
    assert "Repeats" not in model.index(1, PlanEventsModel.WHEN).data(Qt.ItemDataRole.ToolTipRole)


# --- column mapping --------------------------------------------------------------------------

HEADERS = ["Person", "Mail", "Company", "Favourite colour"]
ROWS = [
    ["Ada Byron", "ada@example.org", "Analytical", "blue"],
    ["Ada Byron", "ada2@example.org", "", "blue"],
    ["<b>Alan</b>", "alan@example.org", "Bletchley", "green"],
]


def open_mapping(qtbot: QtBot, guessed: dict[int, str] | None = None) -> CsvMappingDialog:
    dialog = CsvMappingDialog("/tmp/odd.csv", HEADERS, ROWS, CONTACT_FIELDS, guessed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_mapping_shows_each_column_with_two_different_examples(qtbot: QtBot) -> None:
    dialog = open_mapping(qtbot, guess_mapping(HEADERS))
    view = dialog.view
    assert column_texts(view, ColumnMappingModel.COLUMN) == HEADERS
    assert column_texts(view, ColumnMappingModel.SAMPLE_1) == [
        "Ada Byron",
        "ada@example.org",
        "Analytical",
        "blue",
    ]
    assert column_texts(view, ColumnMappingModel.SAMPLE_2) == [
        "<b>Alan</b>",
        "ada2@example.org",
        "Bletchley",
        "green",
    ]
    assert column_texts(view, ColumnMappingModel.FIELD) == [
        "Full name",
        "Email",
        "Organisation",
        "Ignore",
    ]
    assert dialog.ok_button.isEnabled()
    assert dialog.mapping() == {0: "formatted_name", 1: "email", 2: "organization"}


def test_mapping_is_chosen_in_each_columns_combo_and_needs_a_name_or_email(
    qtbot: QtBot,
) -> None:
    dialog = open_mapping(qtbot)
    view = dialog.view
    model = dialog.model
    assert not dialog.ok_button.isEnabled()
    assert dialog.hint_label.isVisible()

    combo = open_choice(qtbot, view, model.index(2, ColumnMappingModel.FIELD))
    assert choice_labels(combo) == ["Ignore", *CONTACT_FIELDS.values()]
    close_choice(qtbot, view, model.index(2, ColumnMappingModel.FIELD))

    choose(qtbot, view, model.index(2, ColumnMappingModel.FIELD), "Organisation")
    assert not dialog.ok_button.isEnabled()  # an organisation alone says not who it is
    choose(qtbot, view, model.index(1, ColumnMappingModel.FIELD), "Email")
    assert dialog.ok_button.isEnabled()
    assert not dialog.hint_label.isVisible()
    choose(qtbot, view, model.index(1, ColumnMappingModel.FIELD), "Ignore")
    assert not dialog.ok_button.isEnabled()
    choose(qtbot, view, model.index(0, ColumnMappingModel.FIELD), "First name")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == CsvMappingDialog.DialogCode.Accepted
    assert dialog.mapping() == {0: "given_name", 2: "organization"}


def test_mapping_starts_on_the_first_choice_and_tab_leaves_the_table(qtbot: QtBot) -> None:
    dialog = open_mapping(qtbot)
    view = dialog.view
    assert view.currentIndex() == dialog.model.index(0, ColumnMappingModel.FIELD)
    assert dialog.focusWidget() is view
    # Down walks the columns' choices; Return opens one, without leaving the dialog.
    qtbot.keyClick(view, Qt.Key.Key_Down)
    index = dialog.model.index(1, ColumnMappingModel.FIELD)
    assert view.currentIndex() == index
    qtbot.keyClick(view, Qt.Key.Key_Return)
    combo = choice_editor(view, index)
    assert combo is not None and combo.view().isVisible()
    close_choice(qtbot, view, index)
    assert dialog.isVisible()

    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is not view
    assert view.currentIndex() == index


def test_mapping_asks_to_check_the_columns_it_chose_and_to_choose_the_others(
    qtbot: QtBot,
) -> None:
    """A Thunderbird CSV comes with every column chosen: the intro does not claim netdesk
    knows nothing of it."""
    guessed = open_mapping(qtbot, guess_mapping(HEADERS))
    said = guessed.intro_label.text()
    assert "does not know" not in said
    assert said.startswith("netdesk chose what each column of odd.csv holds from its header")
    unknown = open_mapping(qtbot, {})
    assert unknown.intro_label.text().startswith("netdesk does not know the layout of odd.csv.")


def test_mapping_of_a_column_without_a_header_names_it_by_position(qtbot: QtBot) -> None:
    dialog = CsvMappingDialog("x.csv", ["Name", ""], [["Ann", "1"]], CONTACT_FIELDS, {})
    qtbot.addWidget(dialog)
    assert column_texts(dialog.view, ColumnMappingModel.COLUMN) == ["Name", "Column 2"]


# --- report ----------------------------------------------------------------------------------


def test_report_says_what_happened_and_lists_every_problem(qtbot: QtBot, tmp_path: Path) -> None:
    report = ImportReport(
        file=FILE,
        added=12,
        merged=1,
        skipped=2,
        attached=15,
        problems=[Problem(FILE, 12, "card without END:VCARD <b>")],
    )
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary_label.text().splitlines() == [
        "Added 12 new people.",
        # Without the plan the report cannot tell merges into the file's own cards apart.
        "Merged 1 person with someone already here or earlier in this file.",
        "Skipped 2 duplicates.",
        "Put 15 people on the event's attendee list.",
        "1 problem in the file; what it names was left out.",
    ]
    assert dialog.title_label.text() == "Import of people.vcf finished"
    assert dialog.problems_edit.toPlainText() == (
        f"Left out (1):\n  {FILE}:12: card without END:VCARD <b>"
    )
    assert dialog.problems_edit.isReadOnly()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Import of {FILE} finished\n")
    assert f"  {FILE}:12: card without END:VCARD <b>" in copied

    saved = tmp_path / "report.txt"
    dialog.save_to(saved)
    assert saved.read_text(encoding="utf-8") == copied


def test_report_of_a_clean_import_has_no_problem_list(qtbot: QtBot) -> None:
    dialog = ImportReportDialog(ImportReport(file="a.vcf", added=1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary_label.text() == "Added 1 new person."
    assert not dialog.problems_edit.isVisible()
    assert not dialog.save_button.isVisible()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_report_of_a_cancelled_import_says_nothing_changed(qtbot: QtBot) -> None:
    dialog = ImportReportDialog(ImportReport(file="a.vcf", cancelled=True))
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text() == "The import was cancelled. Nothing was changed."
    assert dialog.title_label.text() == "Import of a.vcf cancelled"


def open_report(
    qtbot: QtBot, report: ImportReport, context: ImportContext | None = None
) -> ImportReportDialog:
    dialog = ImportReportDialog(report, context=context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_report_names_the_event_people_were_put_on(qtbot: QtBot) -> None:
    made = ImportReport(
        file=FILE, added=3, attached=3, event_name="Demo <Night>", event_created=True
    )
    dialog = open_report(qtbot, made)
    assert dialog.summary_label.text().splitlines() == [
        "Added 3 new people.",
        "Put 3 people on the attendee list of \u201cDemo <Night>\u201d (a new event).",
    ]
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    there = ImportReport(file=FILE, merged=1, attached=1, event_name="Summit")
    dialog = open_report(qtbot, there)
    assert dialog.summary_label.text().splitlines()[-1] == (
        "Put 1 person on the attendee list of \u201cSummit\u201d."
    )


def test_report_of_an_import_that_changed_nothing_says_so(qtbot: QtBot) -> None:
    dialog = open_report(qtbot, ImportReport(file=FILE, skipped=2))
    assert dialog.title_label.text() == "Nothing was imported from people.vcf"
    assert dialog.windowTitle() == "Import of people.vcf"
    assert dialog.summary_label.text() == "Skipped 2 duplicates."
    assert dialog.text().startswith(f"Nothing was imported from {FILE}\n")
    # Putting people on an event, or updating events, is an import.
    attached = open_report(qtbot, ImportReport(file=FILE, skipped=2, attached=2))
    assert attached.title_label.text() == "Import of people.vcf finished"
    updated = open_report(qtbot, ImportReport(file="cal.ics", events_updated=1))
    assert updated.title_label.text() == "Import of cal.ics finished"


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        (
            "ics",
            "There was nothing to import: it has no events; netdesk imports events from calendars.",
        ),
        ("vcard", "There was nothing to import: it has no contact cards."),
        ("csv", "There was nothing to import: it has no rows with people in them."),
        ("", "There was nothing to import."),
    ],
)
def test_report_of_a_file_with_nothing_in_it_says_why(qtbot: QtBot, kind: str, said: str) -> None:
    dialog = open_report(qtbot, ImportReport(file="/x/todo.ics"), ImportContext(kind=kind))
    assert dialog.title_label.text() == "Nothing was imported from todo.ics"
    assert dialog.summary_label.text() == said


def test_report_tells_merges_into_earlier_cards_of_the_file_apart(qtbot: QtBot) -> None:
    plan = sample_plan()  # one merge into someone here, one into an earlier card
    report = ImportReport(file=FILE, added=2, merged=2)
    dialog = open_report(qtbot, report, context_of(plan, None))
    assert dialog.summary_label.text().splitlines() == [
        "Added 2 new people.",
        "Merged 1 person into people already here.",
        "Merged 1 person with someone earlier in this file.",
    ]
    # The database changed since the preview (the person here was deleted): one sentence.
    report = ImportReport(file=FILE, added=3, merged=1)
    dialog = open_report(qtbot, report, context_of(plan, None))
    assert dialog.summary_label.text().splitlines()[1] == (
        "Merged 1 person with someone already here or earlier in this file."
    )


def test_report_of_an_attendee_list_imported_without_an_event_says_what_was_lost(
    qtbot: QtBot,
) -> None:
    record = person("Ann")
    record.attendee = AttendeeInfo(role="speaker", status="checked in")
    plan = ImportPlan(file="eb.csv", kind="csv", items=[PlanItem(record)])
    report = ImportReport(file="eb.csv", added=1)

    def said(event_id: int | None) -> str:
        dialog = open_report(qtbot, report, context_of(plan, event_id))
        return dialog.summary_label.text()

    assert said(None) == (
        "Added 1 new person.\nRoles and check-in status were not kept because no event was chosen."
    )
    assert said(4) == "Added 1 new person."
    plan.new_event_name = "Launch"
    assert said(None) == "Added 1 new person."


def test_the_status_bar_line_names_the_file_not_its_path() -> None:
    report = ImportReport(file=FILE, added=2, problems=[Problem(FILE, 3, "bad")])
    assert status_message(report) == "people.vcf: 2 added, 1 left out"
    assert report.file == FILE  # the report itself keeps the path


# --- models ----------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", [False, True])
def test_models_pass_the_model_tester(qtmodeltester, empty: bool) -> None:  # type: ignore[no-untyped-def]
    plan = ImportPlan(file="p.vcf", kind="vcard") if empty else sample_plan()
    people = PlanPeopleModel()
    people.set_plan(plan)
    qtmodeltester.check(people)
    events = PlanEventsModel()
    events.set_plan(
        ImportPlan(
            file="p.ics",
            kind="ics",
            events=[]
            if empty
            else [EventRecord(uid="1", name="A", starts_at=datetime(2026, 1, 1, tzinfo=UTC))],
        )
    )
    qtmodeltester.check(events)
    problems = ProblemsModel()
    problems.set_problems(plan.problems)
    qtmodeltester.check(problems)
    mapping = ColumnMappingModel([] if empty else HEADERS, ROWS, CONTACT_FIELDS, {0: "email"})
    qtmodeltester.check(mapping)


def test_people_model_gives_the_plan_item_and_its_choices() -> None:
    from netdesk.ui.importing.models import CHOICES_ROLE, ROW_ROLE

    plan = sample_plan()
    model = PlanPeopleModel()
    model.set_plan(plan)
    assert model.index(2, 0).data(ROW_ROLE) is plan.items[2]
    action = model.index(2, PlanPeopleModel.ACTION)
    assert [value for value, _ in action.data(CHOICES_ROLE)] == ["merge", "skip", "add"]
    assert model.index(0, PlanPeopleModel.ACTION).data(CHOICES_ROLE) is None
    assert not model.setData(action, "explode")


def test_mapping_model_refuses_unknown_fields() -> None:
    model = ColumnMappingModel(HEADERS, ROWS, CONTACT_FIELDS, {0: "no_such_field", 9: "email"})
    assert model.mapping() == {}
    assert not model.setData(model.index(0, ColumnMappingModel.FIELD), "no_such_field")
    assert not model.setData(model.index(0, ColumnMappingModel.COLUMN), "email")


def _text_colour(label: QLabel) -> QColor:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole())
