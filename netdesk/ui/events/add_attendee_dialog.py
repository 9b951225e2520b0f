"""Add a person to an event: find them by typing (or create them), pick role, status, "met"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.attendance import RegistrationStatus, Role
from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.services.records import ContactRow
from netdesk.services.service_set import Services
from netdesk.ui.events.attendees_model import ROLE_CHOICES, STATUS_CHOICES
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dialog_parts import form_error_label
from netdesk.ui.widgets.form_errors import FieldErrors
from netdesk.ui.widgets.plain_text import plain_label, window_title
from netdesk.ui.widgets.two_line_delegate import (
    ROW_ROLE,
    SUBTITLE_ROLE,
    TRAILING_ROLE,
    TwoLineDelegate,
)

if TYPE_CHECKING:
    from netdesk.ui.people.contact_dialog import ContactDialog

AnyIndex = QModelIndex | QPersistentModelIndex
SEARCH_LIMIT = 20


class ContactChoicesModel(QAbstractListModel):
    """Search results to pick from; people already on the event are marked, not hidden."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactRow] = []
        self._present: set[int] = set()

    def set_rows(self, rows: list[ContactRow], present: set[int]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._present = set(present)
        self.endResetModel()

    def row_at(self, row: int) -> ContactRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == contact_id:
                return i
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == SUBTITLE_ROLE:
            return " · ".join(p for p in (row.organization, row.title, row.email) if p)
        if role == TRAILING_ROLE:
            return "Already here" if row.id in self._present else ""
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(p for p in (row.name, row.organization, row.title) if p)
        return None


class AddAttendeeDialog(QDialog):
    def __init__(self, services: Services, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._event_id = event_id
        self.attendance_id: int | None = None
        self._present = {a.contact_id for a in services.events.attendees(event_id)}
        event_name = services.events.get(event_id).name
        self.setWindowTitle(window_title(f"Add a person to {event_name}"))
        self.setMinimumSize(480, 520)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Type a name, organisation, email or tag…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.results_model = ContactChoicesModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(TwoLineDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.results_view.doubleClicked.connect(lambda _i: self.save())
        self.empty_label = plain_label(wrap=True)
        theme.colour(self.empty_label, theme.muted)
        self.new_person_button = QPushButton("New person…")
        self.new_person_button.setToolTip("Not in your contacts yet? Add them, then pick them")
        self.new_person_button.clicked.connect(self.create_person)

        self.role_combo = QComboBox()
        for value, label in ROLE_CHOICES:
            self.role_combo.addItem(label, value)
        self.status_combo = QComboBox()
        for value, label in STATUS_CHOICES:
            self.status_combo.addItem(label, value)
        self.met_check = QCheckBox("I met them here")

        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.errors.add_row("&Role", self.role_combo, "role")
        self.errors.add_row("&Status", self.status_combo, "status")
        self.errors.add_row("", self.met_check, "met")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add to event")
        self.buttons.addButton(self.new_person_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.pick_error = plain_label(wrap=True)
        self.pick_error.setObjectName("error_contact")
        theme.colour(self.pick_error, theme.error)
        self.pick_error.hide()
        # The database said no (busy, read-only): the dialog stays open to try again.
        self.form_error = form_error_label()
        self.form_error.setObjectName("error_form")

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Find someone in your contacts"))
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results_view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.pick_error)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        self.search_edit.textChanged.connect(self.search)
        self.results_view.selectionModel().currentChanged.connect(self._picked)
        self.search("")
        self.search_edit.setFocus()

    # -- searching and picking --------------------------------------------------------------

    def search(self, query: str) -> None:
        rows = self._services.search.page(query, limit=SEARCH_LIMIT)
        self.results_model.set_rows(rows, self._present)
        if rows:
            self.empty_label.hide()
            addable = [i for i, r in enumerate(rows) if r.id not in self._present]
            self._select_row(addable[0] if addable else 0)
        else:
            text = query.strip()
            self.empty_label.setText(
                f"No one matches “{text}”. Add them with New person…"
                if text
                else "Your contacts are empty. Add someone with New person…"
            )
            self.empty_label.show()
        self._update_ok()

    def _select_row(self, row: int) -> None:
        index = self.results_model.index(row, 0)
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.results_view.scrollTo(index)

    def selected_contact(self) -> ContactRow | None:
        index = self.results_view.currentIndex()
        return self.results_model.row_at(index.row()) if index.isValid() else None

    def select_contact(self, contact_id: int) -> bool:
        """Show this person in the results and pick them (after creating them, say)."""
        try:
            name = self._services.contacts.get(contact_id).formatted_name
        except NotFoundError:
            return False
        self.search_edit.setText(name)
        row = self.results_model.row_of(contact_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.pick_error.hide()
        self._update_ok()

    def _update_ok(self) -> None:
        row = self.selected_contact()
        self.ok_button.setEnabled(row is not None and row.id not in self._present)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search box move through the results, as in a completer.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results_model.rowCount():
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, self.results_view.currentIndex().row() + step)
                self._select_row(min(row, self.results_model.rowCount() - 1))
                return True
        return super().eventFilter(watched, event)

    # -- creating a person ------------------------------------------------------------------

    def contact_dialog(self) -> ContactDialog:
        from netdesk.ui.people.contact_dialog import ContactDialog

        return ContactDialog(self._services, parent=self)

    def create_person(self) -> None:
        dialog = self.contact_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.contact_id is not None:
            self.select_contact(dialog.contact_id)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            self._show_pick_error("Pick someone from the list first, or add a new person.")
            return
        if contact.id in self._present:
            self._show_pick_error(f"{contact.name} is already on this event.")
            return
        self.errors.clear()
        self.form_error.hide()
        try:
            self.attendance_id = self._services.events.add_attendee(
                self._event_id,
                contact.id,
                role=str(self.role_combo.currentData() or Role.ATTENDEE.value),
                status=str(self.status_combo.currentData() or RegistrationStatus.REGISTERED.value),
                met=self.met_check.isChecked(),
            )
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        except NotFoundError as exc:
            self._show_pick_error(str(exc))
            return
        except ServiceError as exc:
            self.form_error.setText(str(exc))
            self.form_error.show()
            return
        self.accept()

    def _show_pick_error(self, message: str) -> None:
        self.pick_error.setText(message)
        self.pick_error.show()
