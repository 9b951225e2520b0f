"""The Events page: upcoming and past events on the left, the selected one on the right."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFont, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.records import EventRow
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.events.dialog import EventDialog
from netdesk.ui.events.list_model import EventsListModel
from netdesk.ui.events.page import EventPage
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import confirm, plain_label, show_error
from netdesk.ui.widgets.two_line_delegate import TwoLineDelegate

# What the list and the page show: reload when any of these change.
WATCHED = frozenset({"events", "attendances", "contacts", "tags", "goals"})
EMPTY_TEXT = "No events yet. Create one with New event (Ctrl+E)"


class _EventsListView(QListView):
    """Section headers take the current index for keyboard moves but never the selection."""

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsSelectable:
            return QItemSelectionModel.SelectionFlag.NoUpdate
        return super().selectionCommand(index, event)


class EventsView(QWidget):
    open_contact = Signal(int)
    open_goal = Signal(int)
    import_people = Signal(int)
    export_people = Signal(int, str)
    review_requested = Signal(int)
    email_people = Signal(list, int, str)

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._loaded_once = False
        # The event whose people the user last picked or went to: Delete then removes a person
        # from it instead of deleting the whole event. None when the events list came after.
        self._people_event: int | None = None

        self.model = EventsListModel(self)
        self.list_view = _EventsListView()
        self.list_view.setObjectName("events_list")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(TwoLineDelegate(self.list_view))
        self.list_view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setFrameShape(QListView.Shape.NoFrame)
        self.list_view.setMinimumWidth(260)
        self.new_button = QPushButton(icon("new-event"), "New event…")
        self.new_button.setToolTip("Add an event (Ctrl+E)")
        self.new_button.clicked.connect(self.new_item)
        title = plain_label("Events")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setWeight(QFont.Weight.Bold)
        title.setFont(font)
        list_bar = QHBoxLayout()
        list_bar.setContentsMargins(10, 10, 10, 4)
        list_bar.addWidget(title, 1)
        list_bar.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addLayout(list_bar)
        left_layout.addWidget(self.list_view, 1)

        self.page = EventPage(services, undo_stack, self)
        self.page.open_contact.connect(self.open_contact)
        self.page.open_goal.connect(self.open_goal)
        self.page.import_people.connect(self.import_people)
        self.page.export_people.connect(self.export_people)
        self.page.review_requested.connect(self.review_requested)
        self.page.email_people.connect(self.email_people)
        self.page.delete_requested.connect(lambda _id: self.delete_selected_event())
        self.page.attendee_picked.connect(self._attendee_picked)
        self.list_view.focused.connect(self._list_focused)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page)
        # The page gets most of the width, and most of any change in it: its people table has
        # six columns to fit, while the list's subtitles can be cut short.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([340, 760])
        self.splitter.setChildrenCollapsible(False)

        self.empty_state = self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.list_view.selectionModel().currentChanged.connect(self._current_changed)

        # Several changes in one moment (a delete and its cascade) cost one reload.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        bridge.changed.connect(self._on_changed)
        self.reload()

    def _build_empty_state(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        self.empty_label = plain_label(EMPTY_TEXT, wrap=True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        self.empty_label.setFont(font)
        theme.colour(self.empty_label, theme.muted)
        button = QPushButton(icon("new-event"), "New event…")
        button.clicked.connect(self.new_item)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addStretch(2)
        return box

    # -- loading ----------------------------------------------------------------------------

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & WATCHED:
            self._reload_timer.start()
        elif "followups" in kinds:  # who is left to review after the event
            self.page.update_review_button()

    def reload(self) -> None:
        """Reload the list and the page, keeping the selected event (or its neighbour)."""
        self._reload_timer.stop()
        selected = self.selected_event_id()
        selected_rows = self.list_view.selectionModel().selectedIndexes()
        old_row = selected_rows[0].row() if selected_rows else 0
        self.model.set_events(self._services.events.list())
        row = self.model.row_of(selected) if selected is not None else None
        if row is None and selected is not None:
            row = self.model.nearest_event_row(max(old_row, 0))
        if row is None and selected is None and not self._loaded_once:
            # Open on the event happening now, if any: quick capture files notes under the
            # selected event, so a guess at some other event would misfile them.
            current = self._services.events.current()
            row = self.model.row_of(current) if current is not None else None
        self._loaded_once = True
        self._select_row(row)
        self.stack.setCurrentIndex(1 if self.model.event_count() else 0)

    def _select_row(self, row: int | None) -> None:
        if row is None:
            self.list_view.selectionModel().clear()
            self.page.show_event(None)
            return
        index = self.model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)
        # currentChanged does not fire when the same row stays current: show it anyway.
        self.page.show_event(self.selected_event_id())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.event_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self.page.event_id():
            self.page.show_event(row.id)

    # -- public API for the main window -----------------------------------------------------

    def selected_event_id(self) -> int | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def has_selection(self) -> bool:
        return self._selected_row() is not None

    def _selected_row(self) -> EventRow | None:
        selected = self.list_view.selectionModel().selectedIndexes()
        return self.model.event_at(selected[0].row()) if selected else None

    def show_event(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            self.reload()
            row = self.model.row_of(event_id)
        if row is not None:
            self._select_row(row)

    def event_dialog(self, event_id: int | None = None) -> EventDialog:
        return EventDialog(self._services, event_id, self)

    def new_item(self) -> None:
        dialog = self.event_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.event_id is not None:
            self.show_event(dialog.event_id)

    def confirm_delete(self, name: str, people: int) -> bool:
        # Cancel is the default: Delete then Enter by habit must not lose a whole event.
        return confirm(
            self,
            "Delete event",
            f"Delete “{name}” and its list of {plural(people, 'person', 'people')}?\n\n"
            "The people stay in your contacts, with their notes and follow-ups. "
            "Ctrl+Z brings the event back.",
            "Delete",
        )

    def _attendee_picked(self) -> None:
        self._people_event = self.page.event_id()

    def _list_focused(self) -> None:
        self._people_event = None

    def deletes_people(self) -> bool:
        """Whether Delete is about the people at the event rather than the event itself."""
        if self.list_view.hasFocus():
            return False
        if self.page.table.hasFocus():
            return True
        return self._people_event is not None and self._people_event == self.page.event_id()

    def delete_selected(self) -> bool:
        """The main window's Delete: the selected person when the people table is where the
        user is working (or was last), otherwise the selected event."""
        if self.deletes_people():
            # With no one selected, nothing: never fall through to deleting the whole event.
            return self.page.remove_selected_attendee()
        return self.delete_selected_event()

    def delete_selected_event(self) -> bool:
        row = self._selected_row()
        if row is None:
            return False
        event_id = row.id
        if row.people and not self.confirm_delete(row.name, row.people):
            return False
        events = self._services.events
        try:
            delete_undoably(self._undo_stack, lambda: events.delete(event_id), events.restore)
        except NotFoundError:
            self.reload()
            return False
        except ServiceError as exc:
            show_error(self, "Cannot delete the event", str(exc))
            return False
        self.reload()
        return True
