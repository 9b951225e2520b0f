"""Before an import: who is in the file, who is already in netdesk, which lines could not be
read, and the event to put everyone on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.formats.records import Problem
from netdesk.services.import_plan import Action, ImportPlan, OnDuplicate, warning_count
from netdesk.services.service_set import Services
from netdesk.ui.importing.choice_delegate import use_choice_cells
from netdesk.ui.importing.models import (
    PlanEventsModel,
    PlanPeopleModel,
    ProblemsModel,
    short_file_name,
)
from netdesk.ui.importing.report_dialog import CHECK, LEFT_OUT
from netdesk.ui.importing.table import fixed_rows, import_table
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.column_fit import fit_columns
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.plain_text import button_text, plain_label, window_title
from netdesk.ui.widgets.screen_fit import fit_to_screen

NEW_EVENT = -1  # the event combo's data for "New event…"


def plan_summary(plan: ImportPlan) -> str:
    """ "12 new, 3 duplicates, 1 warning, 2 left out" (events for a calendar file)."""
    if plan.kind == "ics":
        known = plan.updated_event_count
        parts = [f"{len(plan.events) - known:,} new", plural(known, "update")]
    else:
        possible = plan.possible_count
        parts = [f"{plan.new_count:,} new", plural(plan.duplicate_count - possible, "duplicate")]
        if possible:
            parts.append(plural(possible, "possible duplicate"))
    warned = warning_count(plan.problems)
    if warned:
        parts.append(plural(warned, "warning"))
    parts.append(f"{len(plan.problems) - warned:,} left out")
    return ", ".join(parts)


def actions_text(add: int, merge: int, skip: int) -> str:
    """What OK does: "Add 3 people", "Merge 2 people", "Add 145, merge 209",
    "Add 1, merge 1, skip 1"."""
    parts = [(n, verb) for n, verb in ((add, "add"), (merge, "merge"), (skip, "skip")) if n]
    if len(parts) == 1:
        n, verb = parts[0]
        return f"{verb.capitalize()} {plural(n, 'person', 'people')}"
    said = ", ".join(f"{verb} {n:,}" for n, verb in parts)
    return said[0].upper() + said[1:]


class ImportPreviewDialog(QDialog):
    """Shows an ImportPlan and lets the user decide each duplicate and pick an event.

    Choices are written into the plan itself; OK resolves the event (creating a new one by
    name through the import service) and accepts. `event_id` is the event chosen then.
    """

    def __init__(
        self,
        services: Services,
        plan: ImportPlan,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.plan = plan
        self.event_id: int | None = None
        is_calendar = plan.kind == "ics"
        name = short_file_name(plan.file)
        self.setWindowTitle(window_title(f"Import {name}"))

        self.title_label = plain_label(name)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(font.Weight.DemiBold)
        self.title_label.setFont(font)
        self.layout_label = plain_label(plan.layout or plan.kind)
        theme.colour(self.layout_label, theme.muted)
        self.summary_label = plain_label(plan_summary(plan))

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.people_model = PlanPeopleModel(self)
        self.people_model.set_plan(plan)
        self.people_view = import_table()
        self.people_view.setModel(self.people_model)
        use_choice_cells(self.people_view)
        self.events_model = PlanEventsModel(self)
        self.events_model.set_plan(plan)
        self.events_view = import_table()
        self.events_view.setModel(self.events_model)
        if is_calendar:
            self.tabs.addTab(self.events_view, f"Events ({len(plan.events):,})")
        else:
            self.tabs.addTab(self.people_view, f"People ({len(plan.items):,})")
        # Each column as wide as what it holds, the name first (a long status elides before
        # it does), in a dialog as wide as they need where the screen allows.
        shown = self.events_view if is_calendar else self.people_view
        if is_calendar:
            columns = fit_columns(shown, PlanEventsModel.NAME, PlanEventsModel.WHERE)
        else:
            columns = fit_columns(shown, PlanPeopleModel.NAME, PlanPeopleModel.STATUS)
        fixed_rows(shown)
        chrome = 2 * shown.frameWidth() + shown.verticalScrollBar().sizeHint().width() + 40
        fit_to_screen(self, QSize(max(960, columns.needed_width() + chrome), 600))
        # What will be left out, and what will go in but should be checked (Problem.kept).
        self.problems_model, self.problems_view, self.problems_tab = self._problem_tab(
            LEFT_OUT, [problem for problem in plan.problems if not problem.kept]
        )
        self.warnings_model, self.warnings_view, self.warnings_tab = self._problem_tab(
            CHECK, [problem for problem in plan.problems if problem.kept]
        )

        # Every duplicate at once.
        self.duplicates_row = QWidget()
        row = QHBoxLayout(self.duplicates_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label("All duplicates:"))
        self.merge_all_button = QPushButton("Merge all")
        self.merge_all_button.setToolTip(
            "Fill in what the existing person lacks; emails, phones and tags are combined"
            " (possible duplicates keep their own choice)"
        )
        self.skip_all_button = QPushButton("Skip all")
        self.skip_all_button.setToolTip(
            "Leave the existing people as they are (possible duplicates keep their own choice)"
        )
        self.new_all_button = QPushButton("Add all as new")
        self.new_all_button.setToolTip("Add each duplicate as another person")
        for button, choice in (
            (self.merge_all_button, OnDuplicate.MERGE),
            (self.skip_all_button, OnDuplicate.SKIP),
            (self.new_all_button, OnDuplicate.NEW),
        ):
            button.clicked.connect(
                lambda _=False, c=choice: self.people_model.set_all_duplicates(c)
            )
            row.addWidget(button)
        row.addStretch(1)
        self.duplicates_row.setVisible(plan.duplicate_count > 0 and not is_calendar)
        self.possible_hint = plain_label(
            "A possible duplicate only shares a name with someone, while emails, phones or "
            "UIDs differ: it is added as a new person unless you choose Merge in its row.",
            wrap=True,
        )
        theme.colour(self.possible_hint, theme.muted)
        self.possible_hint.setVisible(plan.possible_count > 0 and not is_calendar)

        # The event everyone is put on.
        self.event_row = QWidget()
        event_layout = QHBoxLayout(self.event_row)
        event_layout.setContentsMargins(0, 0, 0, 0)
        self.event_label = plain_label("Add everyone to event:")
        self.event_combo = EventCombo(services, event_id)
        self.event_combo.setMinimumContentsLength(28)
        self.event_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.event_combo.insertSeparator(self.event_combo.count())
        self.event_combo.addItem("New event…", NEW_EVENT)
        self.event_label.setBuddy(self.event_combo)
        self.new_event_edit = QLineEdit()
        self.new_event_edit.setPlaceholderText("Name of the new event")
        self.new_event_edit.setClearButtonEnabled(True)
        self.new_event_edit.hide()
        event_layout.addWidget(self.event_label)
        event_layout.addWidget(self.event_combo)
        event_layout.addWidget(self.new_event_edit, 1)
        event_layout.addStretch(0)
        self.event_row.setVisible(not is_calendar)
        self.attendee_hint = plain_label(
            "This file lists the attendees of an event: choose the event to add them to.",
            wrap=True,
        )
        theme.colour(self.attendee_hint, theme.muted)
        self.attendee_hint.setVisible(plan.is_attendee_list)
        self.error_label = plain_label(wrap=True)
        theme.colour(self.error_label, theme.error)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # Importing hangs off the button, not exec(), so tests and open() work alike.
        self.ok_button.clicked.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addWidget(self.layout_label)
        heading.addStretch(1)
        layout.addLayout(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.duplicates_row)
        layout.addWidget(self.possible_hint)
        layout.addWidget(self.event_row)
        layout.addWidget(self.attendee_hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.event_combo.currentIndexChanged.connect(self._event_changed)
        self.new_event_edit.textChanged.connect(self._update_ok)
        self.people_model.actions_changed.connect(self._update_ok)
        self._event_changed()

    # -- state --------------------------------------------------------------------------------

    def _problem_tab(
        self, heading: str, problems: list[Problem]
    ) -> tuple[ProblemsModel, QListView, int]:
        model = ProblemsModel(self)
        model.set_problems(problems)
        view = QListView()
        view.setModel(model)
        view.setUniformItemSizes(True)
        view.setAlternatingRowColors(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tab = self.tabs.addTab(view, f"{heading} ({len(problems):,})")
        self.tabs.setTabEnabled(tab, bool(problems))
        return model, view, tab

    def wants_new_event(self) -> bool:
        return self.event_combo.currentData() == NEW_EVENT

    def chosen_event_id(self) -> int | None:
        """The existing event picked in the combo (None for no event or a new one)."""
        data = self.event_combo.currentData()
        return int(data) if data is not None and data != NEW_EVENT else None

    def _event_changed(self) -> None:
        new = self.wants_new_event()
        self.new_event_edit.setVisible(new)
        if new:
            self.new_event_edit.setFocus()
        self.error_label.hide()
        self._update_ok()

    def has_event(self) -> bool:
        """Whether an event is chosen: an existing one, or a new one with a name."""
        return self.chosen_event_id() is not None or (
            self.wants_new_event() and bool(self.new_event_edit.text().strip())
        )

    def _update_ok(self) -> None:
        plan = self.plan
        if plan.kind == "ics":
            self.ok_button.setText(f"Import {plural(len(plan.events), 'event')}")
            self.ok_button.setEnabled(bool(plan.events))
            return
        add, merge, skip = (
            plan.count(action) for action in (Action.ADD, Action.MERGE, Action.SKIP)
        )
        n = add + merge  # skipped people are left as they are
        has_event = self.has_event()
        attendees_unplaced = plan.is_attendee_list and not has_event
        if n == 0 and has_event and plan.items:
            # Skipped people still go on the event's attendee list.
            text = f"Add {plural(len(plan.items), 'person', 'people')} to the event"
        elif n == 0:
            text = "Nothing to import"
        elif attendees_unplaced:
            text = f"Import {plural(n, 'person', 'people')} without an event"
        else:
            text = actions_text(add, merge, skip)
        self.ok_button.setText(button_text(text))
        self.ok_button.setEnabled(
            (n > 0 or has_event) and (not self.wants_new_event() or has_event)
        )
        # Without an event, an attendee list's roles and check-in status have nowhere to go.
        theme.colour(self.attendee_hint, theme.warning if attendees_unplaced else theme.muted)
        self.attendee_hint.setText(
            "This file lists the attendees of an event. Without an event their roles and "
            "check-in status are not kept: choose the event to add them to."
            if attendees_unplaced
            else "This file lists the attendees of an event: they are added to the event "
            "chosen above, with their roles and check-in status."
        )

    def _accept(self) -> None:
        self.event_id = self.chosen_event_id()
        if self.plan.kind != "ics" and self.wants_new_event():
            name = self.new_event_edit.text().strip()
            if not name:
                self._show_error("Type a name for the new event.")
                return
            # Made by the import itself, so that cancelling it leaves no empty event.
            self.event_id = self._services.events.find_by_name(name)
            if self.event_id is None:
                self.plan.new_event_name = " ".join(name.split())
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
