"""One event: its details, and the people there with their role, status and whether I met them."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.records import AttendeeRow, EventDetail
from netdesk.services.service_set import Services
from netdesk.ui.badges.actions import badges_button
from netdesk.ui.events.add_attendee_dialog import AddAttendeeDialog
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
from netdesk.ui.events.dates import plural, zoned_when_text
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.list_model import kind_text, place_text
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.heading_bar import HeadingBar
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import ElidedLabel, plain_label, show_error

AnyIndex = QModelIndex | QPersistentModelIndex
SERIES_TOOLTIP = (
    "The repeat rule came with an imported calendar. netdesk shows the series as one event\n"
    "on its first date, and gives the rule back unchanged when you export it as .ics."
)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over fixed (value, label) choices; the model's EditRole holds the value."""

    def __init__(self, choices: tuple[tuple[str, str], ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self._choices:
            combo.addItem(label, value)
        # Commit as soon as a choice is made: one click to pick, not pick-then-click-away.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _heading(
    text: str, size_delta: float, weight: QFont.Weight, label: QLabel | None = None
) -> QLabel:
    label = label or plain_label(text, wrap=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setWeight(weight)
    label.setFont(font)
    return label


class EventPage(QWidget):
    open_contact = Signal(int)
    delete_requested = Signal(int)
    # The user went to the people table, or picked someone in it (not a selection kept
    # across a reload): the events view then lets Delete remove a person, not the event.
    attendee_picked = Signal()
    # Organisers bring attendee lists in and take them out from the event itself.
    import_people = Signal(int)
    export_people = Signal(int, str)  # event id, "vcard" or "csv"

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
        # The details keep their natural height at the top whatever is missing: the spare
        # height goes to the people below, never into gaps between the lines.
        self.header = QWidget()
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self.header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        page_layout.addWidget(self.header)

        # One line however long the name (the full name is its tooltip): wrapped, a long name
        # took three lines of a small window from the people below.
        self.name_label = ElidedLabel()
        _heading("", 6, QFont.Weight.Bold, self.name_label)
        self.edit_button = QPushButton(icon("edit"), "Edit event…")
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button = QPushButton(icon("delete"), "Delete event")
        self.delete_button.clicked.connect(self._delete_clicked)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.when_label = _heading("", 1, QFont.Weight.Normal)
        # A series from a calendar file is one event at its first date; this says the rest.
        self.repeats_label = plain_label(wrap=True)
        self.repeats_label.setToolTip(SERIES_TOOLTIP)
        self.where_label = plain_label(wrap=True)
        self.organiser_label = plain_label(wrap=True)
        theme.colour(self.organiser_label, theme.muted)
        self.url_label = plain_label()
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.colour(self.url_label, theme.muted)
        self.open_url_button = QPushButton("Open website")
        self.open_url_button.setFlat(True)
        theme.colour(self.open_url_button, theme.link, "text-align: left; padding: 0 4px;")
        self.open_url_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_url_button.clicked.connect(self._open_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_label)
        url_row.addWidget(self.open_url_button)
        url_row.addStretch(1)
        self.description_label = plain_label(wrap=True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags_label = plain_label(wrap=True)
        theme.colour(self.tags_label, theme.accent)
        for widget in (self.when_label, self.repeats_label, self.where_label, self.organiser_label):
            layout.addWidget(widget)
        layout.addLayout(url_row)
        layout.addSpacing(4)
        layout.addWidget(self.description_label)
        layout.addWidget(self.tags_label)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addSpacing(6)
        layout.addWidget(line)

        self.people_label = _heading("People", 2, QFont.Weight.DemiBold)
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
        buttons = [self.add_button, self.remove_button, self.import_button, self.export_button]
        self.people_bar = HeadingBar(self.people_label, [*buttons, self.badges_button])
        page_layout.addWidget(self.people_bar)

        self.attendees_model = AttendeesModel(self._services, self)
        self.attendees_model.error.connect(
            lambda message: show_error(self, "Cannot save that change", message)
        )
        self.attendees_model.dataChanged.connect(lambda *_: self._update_people_label())
        self.table = AttendeesTable()
        self.table.setModel(self.attendees_model)
        self.table.editing_done.connect(self._editing_done)
        self.table.setItemDelegateForColumn(ROLE, ChoiceDelegate(ROLE_CHOICES, self.table))
        self.table.setItemDelegateForColumn(STATUS, ChoiceDelegate(STATUS_CHOICES, self.table))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.focused.connect(self.attendee_picked)
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
        self.name_label.set_full_text(detail.name)
        self.when_label.setText(
            f"{kind_text(detail.kind)} · "
            + zoned_when_text(
                detail.starts_at, detail.ends_at, detail.timezone, all_day=detail.all_day
            )
        )
        self.repeats_label.setText(detail.repeats)
        self.repeats_label.setVisible(bool(detail.repeats))
        place = place_text(detail.venue, detail.city)
        self.where_label.setText(place)
        self.where_label.setVisible(bool(place))
        self.organiser_label.setText(f"Organised by {detail.organiser}" if detail.organiser else "")
        self.organiser_label.setVisible(bool(detail.organiser))
        self.url_label.setText(detail.url)
        for w in (self.url_label, self.open_url_button):
            w.setVisible(bool(detail.url))
        self.description_label.setText(detail.description)
        self.description_label.setVisible(bool(detail.description))
        self.tags_label.setText("  ".join(f"#{t}" for t in detail.tags))
        self.tags_label.setVisible(bool(detail.tags))
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
        self.stack.setCurrentIndex(1)

    def reload(self) -> None:
        self.show_event(self.event_id())

    def _editing_done(self) -> None:
        if self._stale:
            self.reload()

    def _clear(self) -> None:
        self._event = None
        self.attendees_model.set_rows([])
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

    def _open_url(self) -> None:
        if self._event and self._event.url:
            url = QUrl.fromUserInput(self._event.url)
            if url.scheme() in ("http", "https"):
                QDesktopServices.openUrl(url)

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

    def _delete_clicked(self) -> None:
        if self._event is not None:
            self.delete_requested.emit(self._event.id)
