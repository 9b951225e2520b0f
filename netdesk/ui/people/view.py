"""The People view: search-as-you-type over a table of contacts, with the detail pane beside it."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QSplitter, QVBoxLayout, QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.people.contact_dialog import ContactDialog
from netdesk.ui.people.deleting import CONTACTS, confirm_delete_people, delete_note, delete_people
from netdesk.ui.people.detail import ContactDetail
from netdesk.ui.people.drag import ContactDrag
from netdesk.ui.people.status import empty_detail_text, status_text
from netdesk.ui.people.table import needed_width, people_table
from netdesk.ui.people.table_model import PeopleTableModel
from netdesk.ui.undo.commands import StepWatcher
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.column_fit import FittingHeader
from netdesk.ui.widgets.plain_text import plain_label, show_error

SEARCH_DELAY_MS = 120
# A reload finds at most this many selected people again (each may cost a query).
MAX_KEPT = 50
RELEVANT_KINDS = frozenset(
    {"contacts", "notes", "followups", "attendances", "tags", "events", "rhythms"}
)
# Shown on the person page only (emails not yet marked sent, introductions): no table reload.
DETAIL_KINDS = frozenset({"drafts", "introductions"})
# The detail pane's width: what the table leaves once its columns have what they need, within
# these bounds, until the user drags the splitter; from then on the pane keeps that width.
DETAIL_WIDTH = (300, 520)
# The person whose details were shown last, shown again when the view opens.
LAST_SHOWN = "people/last_shown"
SEARCH_PLACEHOLDER = "Search names, organisations, emails, phones, notes, tags…"


class PeopleView(QWidget):
    open_event = Signal(int)
    open_goal = Signal(int)
    qr_card = Signal(int)
    message = Signal(str)
    write_requested = Signal(int, str)

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._settings = settings

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("people_search")
        self.search_edit.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        self.search_edit.installEventFilter(self)
        self.status_label = plain_label()
        self.status_label.setObjectName("people_status")
        theme.colour(self.status_label, theme.muted)

        self.model = PeopleTableModel(services, self)
        # Dragging people out of the table gives the drop target a .vcf file.
        self.contact_drag = ContactDrag(services, self)
        self.table = people_table(
            self.model,
            self.contact_drag,
            self.selected_contact_ids,
            self.fontMetrics().height() + 10,
        )

        self.detail = ContactDetail(services, undo_stack=undo_stack)
        self.detail.message.connect(self.message)
        self.detail.edit_requested.connect(self.edit_contact)
        self.detail.delete_requested.connect(lambda cid: self.delete_contacts([cid]))
        self.detail.delete_note_requested.connect(self.delete_note)
        self.detail.open_event.connect(self.open_event)
        self.detail.open_goal.connect(self.open_goal)
        self.detail.qr_card_requested.connect(self.qr_card)
        self.detail.write_requested.connect(self.write_requested)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.flush_search)
        self.search_edit.textChanged.connect(self._search_timer.start)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.search_edit, 3)
        top.addWidget(self.status_label, 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        # Only a drag of the handle emits splitterMoved, never setSizes.
        self._user_split = False
        self.splitter.splitterMoved.connect(self._splitter_dragged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.splitter)

        # Undoing a delete selects the people it brought back.
        self._steps = StepWatcher(undo_stack, CONTACTS, self._select_contacts, self)
        bridge.changed.connect(self._data_changed)
        self._update_status()
        self._show_someone()
        self._measured = self.model.rowCount() > 0

    def _show_someone(self) -> None:
        """Open on the person shown last time, or the first one: never on an empty pane."""
        last = self._settings.value(LAST_SHOWN) if self._settings is not None else None
        try:
            contact_id = int(str(last)) if last is not None else None
        except ValueError:
            contact_id = None
        if contact_id is not None and self.show_contact(contact_id):
            return
        if self.model.rowCount():
            self._select_rows([0])
        else:
            self._update_detail()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_detail()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The layout has already resized the splitter (by its stretch factors): share it out.
        super().resizeEvent(event)
        self._fit_detail()

    def _fit_detail(self) -> None:
        """Give the detail pane its fair share of the width, unless the user has sized it."""
        if self._user_split or not self.isVisible():
            return
        total = self.splitter.width() - self.splitter.handleWidth()
        low, high = DETAIL_WIDTH
        detail = min(max(total - needed_width(self.table), low), high)
        self.splitter.setSizes([total - detail, detail])

    def _splitter_dragged(self) -> None:
        self._user_split = True

    # -- public API for the main window --------------------------------------------------------

    def header(self) -> FittingHeader:
        return cast(FittingHeader, self.table.horizontalHeader())

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def flush_search(self) -> None:
        """Apply the search text now instead of after the typing pause."""
        self._search_timer.stop()
        text = self.search_edit.text()
        if text == self.model.query:
            return
        self.model.set_query(text)
        self._update_status()
        self._update_detail()

    def delete_note(self, note_id: int) -> bool:
        if not delete_note(self, self._services, self._undo_stack, note_id):
            self.detail.refresh()
            return False
        return True

    def has_selection(self) -> bool:
        return bool(self.selected_contact_ids())

    def selected_contact_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = (self.model.contact_id_at(row) for row in rows)
        return [cid for cid in ids if cid is not None]

    def show_contact(self, contact_id: int) -> bool:
        """Select this contact, clearing the search if it hides them."""
        row = self.model.load_until(contact_id)
        if row is None and self.model.query:
            self.search_edit.clear()
            self.flush_search()
            row = self.model.load_until(contact_id)
        if row is None:
            return False
        self._select_rows([row])
        return True

    def new_item(self) -> int | None:
        """Ask for a new contact; returns its id once saved and selected."""
        dialog = self.make_contact_dialog()
        return self._run_contact_dialog(dialog)

    def edit_contact(self, contact_id: int) -> int | None:
        try:
            dialog = self.make_contact_dialog(contact_id)
        except ServiceError as exc:
            show_error(self, "Could not open the contact", str(exc))
            return None
        return self._run_contact_dialog(dialog)

    def make_contact_dialog(self, contact_id: int | None = None) -> ContactDialog:
        return ContactDialog(self._services, contact_id, self)

    def delete_selected(self) -> bool:
        return self.delete_contacts(self.selected_contact_ids())

    def delete_contacts(self, contact_ids: list[int]) -> bool:
        """Delete undoably; only several at once need a confirmation, Ctrl+Z undoes either."""
        if not contact_ids:
            return False
        if not confirm_delete_people(self, len(contact_ids)):
            return False
        rows = [r for r in (self.model.row_of(cid) for cid in contact_ids) if r is not None]
        first_row = min(rows) if rows else 0
        if not delete_people(self, self._services, self._undo_stack, contact_ids):
            return False
        # The change bridge reloaded the table; keep the user's place with the next person.
        if self.model.rowCount():
            self._select_rows([min(first_row, self.model.rowCount() - 1)])
        return True

    # -- reacting ------------------------------------------------------------------------------

    def _select_contacts(self, contact_ids: list[int]) -> None:
        """Select these people (the first one current), clearing a search that hides them all."""
        rows = [r for r in (self.model.find_row(cid) for cid in contact_ids) if r is not None]
        if not rows and self.model.query:
            self.search_edit.clear()
            self.flush_search()
            rows = [r for r in (self.model.find_row(cid) for cid in contact_ids) if r is not None]
        if rows:
            self._select_rows(sorted(rows), rows[0])

    def _run_contact_dialog(self, dialog: ContactDialog) -> int | None:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        contact_id = dialog.contact_id
        dialog.deleteLater()
        if accepted and contact_id is not None:
            self.show_contact(contact_id)
            return contact_id
        return None

    def _activated(self, index: QModelIndex) -> None:
        contact_id = self.model.contact_id_at(index.row())
        if contact_id is not None:
            self.edit_contact(contact_id)

    def _data_changed(self, kinds: frozenset[str]) -> None:
        if "goals" in kinds:  # the pane's Goals section (links, progress)
            self.detail.refresh()
        if not kinds & RELEVANT_KINDS:
            if kinds & DETAIL_KINDS:
                self.detail.refresh()
            return
        self.reload()

    def reload(self) -> None:
        """Read the table again, keeping the selection, the current row and the scroll place."""
        model = self.model
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        # Where each selected contact was, so that finding it again is usually one page read.
        before = [(cid, row) for row in rows[:MAX_KEPT] if (cid := model.contact_id_at(row))]
        current_row = self.table.currentIndex().row()
        current = model.contact_id_at(current_row) if current_row >= 0 else None
        scroll = self.table.verticalScrollBar().value()
        model.reload()
        if not self._measured and model.rowCount():
            # The first people in a book that was empty: fit the columns to them.
            self._measured = True
            self.header().measure()
            self._fit_detail()
        # Only the current contact is worth a search of the whole list if it moved far.
        found = [model.find_row(cid, row, anywhere=False) for cid, row in before]
        kept = [row for row in found if row is not None]
        new_current = model.find_row(current, current_row) if current is not None else None
        self._select_rows(kept, new_current, scroll_to=False)
        self.table.verticalScrollBar().setValue(scroll)
        self._update_status()
        self._update_detail()

    def _select_rows(
        self, rows: list[int], current: int | None = None, *, scroll_to: bool = True
    ) -> None:
        selection_model = self.table.selectionModel()
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        flags = QItemSelectionModel.SelectionFlag
        if rows:
            current_row = current if current is not None else rows[0]
            selection_model.setCurrentIndex(self.model.index(current_row, 0), flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect | flags.Rows)
        if rows and scroll_to:
            self.table.scrollTo(self.model.index(rows[0], 0))
        self._update_detail()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_detail()

    def _update_status(self) -> None:
        self.status_label.setText(
            status_text(self.model.match_count(), self.model.total_count(), self.model.query)
        )

    def _update_detail(self) -> None:
        ids = self.selected_contact_ids()
        if len(ids) == 1:
            self.detail.set_contact(ids[0])
            if self._settings is not None:
                self._settings.setValue(LAST_SHOWN, ids[0])
            return
        model = self.model
        self.detail.show_empty(
            empty_detail_text(len(ids), model.total_count(), model.query, model.match_count())
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the search field moves to the results, as in a mail client.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush_search()
                if self.model.rowCount():
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not self.selected_contact_ids():
                        self._select_rows([0])
                    return True
        return super().eventFilter(watched, event)
