"""One event: its details, and the people there with their role, status and whether I met them."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.records import AttendeeRow, EventDetail
from netdesk.services.service_set import Services
from netdesk.ui.badges.actions import badges_button
from netdesk.ui.events.add_attendee_dialog import AddAttendeeDialog
from netdesk.ui.events.aims_panel import AimsPanel
from netdesk.ui.events.attendees_model import (
    NAME,
    ORGANIZATION,
    ROLE,
    ROLE_CHOICES,
    STATUS,
    STATUS_CHOICES,
    AttendeesModel,
)
from netdesk.ui.events.attendees_table import AttendeesTable
from netdesk.ui.events.choice_delegate import ChoiceDelegate
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.header import EventHeader, heading
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.heading_bar import HeadingBar
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label, show_error


class EventPage(QWidget):
    open_contact = Signal(int)
    delete_requested = Signal(int)
    # The user went to the people table, or picked someone in it (not a selection kept
    # across a reload): the events view then lets Delete remove a person, not the event.
    attendee_picked = Signal()
    # Organisers bring attendee lists in and take them out from the event itself.
    import_people = Signal(int)
    export_people = Signal(int, str)  # event id, "vcard" or "csv"
    review_requested = Signal(int)  # Review people met… (the window opens the review)
    open_goal = Signal(int)
    # The selected people: one personal email each (contact ids, event id, "write" or "draft").
    email_people = Signal(list, int, str)

    def __init__(
        self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._event: EventDetail | None = None
        self._restoring_selection = False
        self._stale = False

        self.stack = QStackedWidget()
        self.placeholder = plain_label("Select an event to see its details and who was there.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.colour(self.placeholder, theme.muted)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _build_content(self) -> QWidget:
        content = QWidget()
        page_layout = QVBoxLayout(content)
        page_layout.setContentsMargins(18, 14, 18, 12)
        page_layout.setSpacing(6)
        self.header = EventHeader()
        self.header.edit_button.clicked.connect(self.edit_event)
        self.header.delete_button.clicked.connect(self._delete_clicked)
        page_layout.addWidget(self.header)
        # The lines tests and the events view read, by their old names.
        self.name_label = self.header.name_label
        self.when_label = self.header.when_label
        self.repeats_label = self.header.repeats_label
        self.where_label = self.header.where_label
        self.description_label = self.header.description_label
        self.edit_button = self.header.edit_button
        self.delete_button = self.header.delete_button
        self.aims_panel = AimsPanel(self._services, self._undo_stack)
        self.aims_panel.open_goal.connect(self.open_goal)
        page_layout.addWidget(self.aims_panel)

        self.people_label = heading("People", 2, QFont.Weight.DemiBold)
        self.add_button = QPushButton(icon("new-contact"), "Add person…")
        self.add_button.setToolTip("Add someone from your contacts, or a new person")
        self.add_button.clicked.connect(self.add_person)
        self.remove_button = QPushButton("Remove from event")
        self.remove_button.setToolTip("Take the selected person off this event (Ctrl+Z undoes)")
        self.remove_button.clicked.connect(self.remove_selected_attendee)
        self.import_button = QPushButton(icon("import"), "Import list…")
        self.import_button.setToolTip(
            "Add people to this event from a file: an Eventbrite or Meetup attendee list,"
            " a CSV or vCards"
        )
        self.import_button.clicked.connect(self._import_clicked)
        self.export_button = QPushButton(icon("export"), "Export")
        self.export_button.setToolTip("Save this event's people as vCards or a spreadsheet")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("As vCards (.vcf)…", lambda: self._export_clicked("vcard"))
        export_menu.addAction("As a spreadsheet (.csv)…", lambda: self._export_clicked("csv"))
        self.export_button.setMenu(export_menu)
        self.badges_button = badges_button(self)
        self.review_button = QPushButton(icon("done"), "Review people met…")
        self.review_button.setObjectName("review_button")
        self.review_button.clicked.connect(self._review_clicked)
        self.header.insert_button(self.review_button, "Review…")
        buttons = [self.add_button, self.remove_button, self.import_button, self.export_button]
        buttons.append(self.aims_panel.menu_button)
        self.people_bar = HeadingBar(self.people_label, [*buttons, self.badges_button])
        page_layout.addWidget(self.people_bar)

        self.attendees_model = AttendeesModel(self._services, self)
        self.attendees_model.error.connect(
            lambda message: show_error(self, "Cannot save that change", message)
        )
        self.attendees_model.dataChanged.connect(lambda *_: self._update_people_label())
        self.attendees_model.dataChanged.connect(lambda *_: self.aims_panel.reload())
        self.table = AttendeesTable()
        self.table.setModel(self.attendees_model)
        self.table.editing_done.connect(self._editing_done)
        self.table.setItemDelegateForColumn(ROLE, ChoiceDelegate(ROLE_CHOICES, self.table))
        self.table.setItemDelegateForColumn(STATUS, ChoiceDelegate(STATUS_CHOICES, self.table))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.focused.connect(self.attendee_picked)
        self.write_action = QAction("Write email…", self.table)
        self.write_action.triggered.connect(lambda: self._email_selected("write"))
        self.draft_action = QAction("Save email draft…", self.table)
        self.draft_action.triggered.connect(lambda: self._email_selected("draft"))
        self.table.selection_actions = [self.write_action, self.draft_action]
        self.no_people_label = plain_label(
            "No one here yet. Add the people you expect to meet, or met, with Add person…",
            wrap=True,
        )
        theme.colour(self.no_people_label, theme.muted)
        # Table and hint take turns at holding the spare height; the hint stays at the top.
        self.no_people_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        page_layout.addWidget(self.table, 1)
        page_layout.addWidget(self.no_people_label, 1)
        return content

    # -- showing an event -------------------------------------------------------------------

    def event_id(self) -> int | None:
        return self._event.id if self._event else None

    def show_event(self, event_id: int | None) -> None:
        """Show (or reload) this event; None or a deleted event shows the placeholder."""
        if event_id is None:
            self._clear()
            return
        try:
            detail = self._services.events.get(event_id)
        except NotFoundError:
            self._clear()
            return
        same = self._event is not None and self._event.id == event_id
        if same and self.table.state() == QAbstractItemView.State.EditingState:
            self._stale = True  # shown again once the in-place edit ends (editing_done)
            return
        self._stale = False
        selected = [row.attendance_id for row in self.selected_attendees()]
        scroll = self.table.verticalScrollBar().value()
        self._event = detail
        self.header.show_event(detail)
        self.aims_panel.show_event(event_id)
        self._restoring_selection = True
        try:
            self.attendees_model.set_rows(self._services.events.attendees(event_id))
            self._select_attendances(selected)
            if same:
                self.table.verticalScrollBar().setValue(scroll)
        finally:
            self._restoring_selection = False
        has_people = self.attendees_model.rowCount() > 0
        self.table.setVisible(has_people)
        self.no_people_label.setVisible(not has_people)
        self._update_people_label()
        self._update_buttons()
        self.update_review_button()
        self.stack.setCurrentIndex(1)

    def reload(self) -> None:
        self.show_event(self.event_id())

    def _editing_done(self) -> None:
        if self._stale:
            self.reload()

    def _clear(self) -> None:
        self._event = None
        self.header.url = ""
        self.attendees_model.set_rows([])
        self.aims_panel.show_event(None)
        self.stack.setCurrentIndex(0)

    def _update_people_label(self) -> None:
        total = self.attendees_model.rowCount()
        met = self.attendees_model.met_count()
        text = "People" if total == 0 else f"People · {total}"
        if met:
            text += f" · {met} met"
        self.people_label.setText(text)

    def _selection_changed(self) -> None:
        self._update_buttons()
        if not self._restoring_selection and self.selected_attendee() is not None:
            self.attendee_picked.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_attendee() is not None)

    def update_review_button(self) -> None:
        """Enabled while someone met here has no follow-up and is not reviewed yet."""
        count = len(self._services.review.people_to_review(self._event.id)) if self._event else 0
        self.review_button.setEnabled(count > 0)
        self.review_button.setToolTip(
            f"Go through the {plural(count, 'person', 'people')} met here who have no "
            "follow-up yet: write, plan one, or nothing needed"
            if count
            else "Everyone met here has a follow-up or is reviewed"
        )

    def _select_attendances(self, attendance_ids: list[int]) -> None:
        """Selects these people again after a reload (a badge print, an edit elsewhere)."""
        rows = [r for i in attendance_ids if (r := self.attendees_model.row_of(i)) is not None]
        if not rows:
            return
        self.table.selectRow(rows[0])
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows[1:]:
            self.table.selectionModel().select(self.attendees_model.index(row, 0), flags)

    def selected_attendees(self) -> list[AttendeeRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [r for row in rows if (r := self.attendees_model.row_at(row)) is not None]

    def selected_attendee(self) -> AttendeeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.attendees_model.row_at(rows[0].row()) if rows else None

    def _double_clicked(self, index: QModelIndex) -> None:
        # Editable cells edit on double-click; the name and organisation open the person.
        if index.column() in (NAME, ORGANIZATION):
            row = self.attendees_model.row_at(index.row())
            if row is not None:
                self.open_contact.emit(row.contact_id)

    # -- actions ----------------------------------------------------------------------------

    def add_attendee_dialog(self) -> AddAttendeeDialog | None:
        if self._event is None:
            return None
        return AddAttendeeDialog(self._services, self._event.id, self)

    def add_person(self) -> None:
        try:
            dialog = self.add_attendee_dialog()
        except NotFoundError as exc:
            show_error(self, "Cannot add a person", str(exc))
            return
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            if dialog.attendance_id is not None:
                row = self.attendees_model.row_of(dialog.attendance_id)
                if row is not None:
                    self.table.selectRow(row)

    def remove_selected_attendee(self) -> bool:
        """Takes the selected people off the event, in one step Ctrl+Z undoes."""
        rows = self.selected_attendees()
        if not rows:
            return False
        position = min(index.row() for index in self.table.selectionModel().selectedRows())
        events = self._services.events
        who = rows[0].name if len(rows) == 1 else plural(len(rows), "person", "people")
        try:
            delete_undoably(
                self._undo_stack,
                lambda: events.remove_attendees([r.attendance_id for r in rows]),
                events.restore_attendance,
                label=f"Remove {who} from event",
            )
        except ServiceError as exc:
            show_error(self, "Cannot remove that person", str(exc))
            return False
        self.reload()
        # The next person takes the place, as in any list: Delete again carries on down it.
        if self.attendees_model.rowCount():
            self.table.selectRow(min(position, self.attendees_model.rowCount() - 1))
        return True

    def edit_event_dialog(self) -> EventDialog | None:
        if self._event is None:
            return None
        return EventDialog(self._services, self._event.id, self)

    def edit_event(self) -> None:
        try:
            dialog = self.edit_event_dialog()
        except NotFoundError as exc:
            show_error(self, "Cannot edit the event", str(exc))
            return
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _import_clicked(self) -> None:
        if self._event is not None:
            self.import_people.emit(self._event.id)

    def _export_clicked(self, kind: str) -> None:
        if self._event is not None:
            self.export_people.emit(self._event.id, kind)

    def _review_clicked(self) -> None:
        if self._event is not None:
            self.review_requested.emit(self._event.id)

    def _email_selected(self, mode: str) -> None:
        ids = [row.contact_id for row in self.selected_attendees()]
        if ids and self._event is not None:
            self.email_people.emit(ids, self._event.id, mode)

    def _delete_clicked(self) -> None:
        if self._event is not None:
            self.delete_requested.emit(self._event.id)
