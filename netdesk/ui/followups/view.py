"""Follow-ups: the queue of promises, grouped overdue / today / next 7 days / later / done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.errors import ServiceError
from netdesk.services.followups import Bucket
from netdesk.services.records import FollowUpRow
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.followups import commands as followup_commands
from netdesk.ui.followups.dialog import FollowUpDialog
from netdesk.ui.followups.empty_state import empty_state
from netdesk.ui.followups.menus import MenuActions, context_menu, snooze_menu
from netdesk.ui.followups.model import PERSON, FollowUpsModel
from netdesk.ui.followups.tree import FollowUpsTree
from netdesk.ui.undo.commands import StepWatcher, delete_undoably, remember_deleted
from netdesk.ui.widgets.plain_text import plain_label, show_error

RELOAD_ON = frozenset({"followups", "contacts", "events"})


class FollowUpsView(QWidget):
    """Writes go through the services; the view reloads when the bridge says follow-ups changed.

    `message` carries a short sentence for the status bar after each change ("Marked done")."""

    open_contact = Signal(int)
    message = Signal(str)
    # Goals sit above this page: main_window opens Link to goal… for ("followup", id).
    link_goal_requested = Signal(str, int)
    # Write email… about a follow-up: main_window opens the mail dialog (ui.mail sits above).
    write_followup_requested = Signal(int)

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo = undo_stack
        self._collapsed: set[Bucket] = set()
        self.model = FollowUpsModel(self)

        self.tree = FollowUpsTree(self.model)
        self.tree.setObjectName("followups_tree")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.setFocusProxy(self.tree)

        self.new_button = QPushButton("New follow-up…")
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip("Tick off the selected follow-ups (Space)")
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setToolTip("Move the due date later")
        self.snooze_menu, self.snooze_actions = snooze_menu(
            self.snooze_button, self.snooze_selected
        )
        self.snooze_button.setMenu(self.snooze_menu)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the selected follow-up (Enter)")
        self.delete_button = QPushButton("Delete")
        self.summary = plain_label()
        self.summary.setObjectName("followups_summary")
        self.summary.setEnabled(False)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        for widget in (
            self.new_button,
            self.done_button,
            self.snooze_button,
            self.edit_button,
            self.delete_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.summary)

        self.empty, self.empty_label = empty_state(self.new_item)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        # Keyboard for working through the queue: Space ticks off, Return edits.
        self._add_tree_shortcut("Space", self.toggle_done_selected, "Mark done or not done")
        self._add_tree_shortcut("Return", self.edit_selected, "Edit the follow-up")
        self._add_tree_shortcut("Enter", self.edit_selected, "Edit the follow-up")

        self.new_button.clicked.connect(self.new_item)
        self.done_button.clicked.connect(self.toggle_done_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.collapsed.connect(self._on_collapsed)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)
        bridge.changed.connect(self._on_changed)
        # Undo and redo select the follow-ups they brought back or changed, not a neighbour.
        self._steps = StepWatcher(
            undo_stack, followup_commands.FOLLOWUPS, self._select_after_step, self
        )
        self.reload()

    # -- public API for the main window --------------------------------------------------------

    def new_item(self) -> FollowUpDialog:
        """Opens the new follow-up dialog (window-modal) and returns it."""
        dialog = self.new_dialog()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        rows = self.selected_rows()
        if not rows:
            return False
        fu = self._services.followups
        ids = [r.id for r in rows]
        neighbour = self.model.neighbour_of(rows)
        try:
            # One transaction and one undo step for the whole selection: all of it or none.
            delete_undoably(self._undo, lambda: fu.delete_many(ids), fu.restore)
        except ServiceError as exc:
            self.reload()
            show_error(self, "Could not delete", str(exc))
            return False
        remember_deleted(self._undo, followup_commands.FOLLOWUPS, ids)
        self.select_ids([neighbour] if neighbour is not None else [])
        self.message.emit(followup_commands.deleted_message(len(ids)))
        return True

    def header(self) -> QHeaderView:
        """For the main window to save and restore column widths."""
        return self.tree.header()

    # -- dialogs: small methods so that tests can drive them without exec() --------------------

    def new_dialog(self) -> FollowUpDialog:
        dialog = FollowUpDialog(self._services, parent=self)
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        return dialog

    def edit_dialog(self, followup_id: int) -> FollowUpDialog:
        dialog = FollowUpDialog(self._services, followup_id=followup_id, parent=self)
        dialog.accepted.connect(lambda: self._select_saved(dialog))
        return dialog

    # -- actions on the selection ------------------------------------------------------------

    def has_selection(self) -> bool:
        return bool(self.selected_rows())

    def selected_rows(self) -> list[FollowUpRow]:
        rows = (self.model.followup(i) for i in self.tree.selectionModel().selectedRows(0))
        return [r for r in rows if r is not None]

    def select_ids(self, followup_ids: list[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        first = True
        for fid in followup_ids:
            index = self.model.index_of(fid)
            if not index.isValid():
                continue
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if first:
                selection.setCurrentIndex(index, flags)
                self.tree.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)
        self._update_buttons()

    def set_done_selected(self, done: bool) -> None:
        rows = [r for r in self.selected_rows() if (r.done_at is None) == done]
        if not rows:
            return
        # Working down the queue: after ticking items off, the next one is selected.
        neighbour = self.model.neighbour_of(rows) if done else None
        ids = [r.id for r in rows]
        if self._change(
            lambda: followup_commands.mark_done(self._undo, self._services.followups, ids, done)
        ):
            self.select_ids([neighbour] if neighbour is not None else ids)

    def toggle_done_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.set_done_selected(any(r.done_at is None for r in rows))

    def snooze_selected(self, days: int) -> None:
        rows = [r for r in self.selected_rows() if r.done_at is None]
        if not rows:
            return
        ids = [r.id for r in rows]
        if self._change(
            lambda: followup_commands.snooze(self._undo, self._services.followups, ids, days)
        ):
            self.select_ids(ids)

    def edit_selected(self) -> FollowUpDialog | None:
        rows = self.selected_rows()
        if not rows:
            return None
        dialog = self.edit_dialog(rows[0].id)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the queue, keeping the selection, the current row and collapsed groups."""
        selected = [r.id for r in self.selected_rows()]
        current = self.model.followup(self.tree.currentIndex())
        scroll = self.tree.verticalScrollBar().value()
        today = clock.today()
        self.model.set_queue(self._services.followups.queue(today), today)
        for bucket in self.model.buckets():
            group = self.model.group_index(bucket)
            self.tree.setFirstColumnSpanned(group.row(), QModelIndex(), True)
            self.tree.setExpanded(group, bucket not in self._collapsed)
        if current is not None and current.id in selected:
            selected.remove(current.id)
            selected.insert(0, current.id)
        self.select_ids(selected)
        self.tree.verticalScrollBar().setValue(scroll)  # where the user was, not the selection
        self.stack.setCurrentWidget(self.empty if self.model.is_empty() else self.tree)
        self._update_summary()
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        # "Today" moves at midnight: regroup when the view comes back into sight on a new day.
        if self.model.today != clock.today():
            self.reload()
        super().showEvent(event)

    # -- internals ----------------------------------------------------------------------------

    def _add_tree_shortcut(self, keys: str, slot: Callable[[], object], text: str) -> None:
        action = QAction(text, self.tree)  # the text names it in Help > Keyboard shortcuts
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.tree.addAction(action)

    def _change(self, write: Callable[[], str]) -> bool:
        """Run one all-or-nothing change; say what happened, or why nothing did."""
        try:
            text = write()
        except ServiceError as exc:
            # The queue is stale (something changed elsewhere): show what is really there.
            self.reload()
            show_error(self, "Could not change the follow-ups", str(exc))
            return False
        self.message.emit(text)
        return True

    def _select_after_step(self, followup_ids: list[int]) -> None:
        # The bridge has already reloaded the queue; rows since deleted are simply skipped.
        found = [i for i in map(self.model.index_of, followup_ids) if i.isValid()]
        if not found:
            return
        # A selection inside a collapsed group would be invisible: open the groups it lands in.
        for index in found:
            self.tree.expand(index.parent())
        self.select_ids(followup_ids)

    def _select_saved(self, dialog: FollowUpDialog) -> None:
        if dialog.followup_id is not None:
            self.select_ids([dialog.followup_id])

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & RELOAD_ON:
            self.reload()

    def _on_collapsed(self, index: QModelIndex) -> None:
        bucket = self.model.bucket_of(index)
        if bucket is not None:
            self._collapsed.add(bucket)

    def _on_expanded(self, index: QModelIndex) -> None:
        bucket = self.model.bucket_of(index)
        if bucket is not None:
            self._collapsed.discard(bucket)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.followup(index)
        if row is None:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        elif index.column() == PERSON:
            self.open_contact.emit(row.contact_id)
        else:
            self.edit_selected()

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        do = MenuActions(
            new_item=self.new_item,
            set_done=self.set_done_selected,
            snooze=self.snooze_selected,
            edit=self.edit_selected,
            open_contact=self.open_contact.emit,
            delete=self.delete_selected,
            link_goal=lambda fid: self.link_goal_requested.emit("followup", fid),
            write=self.write_followup_requested.emit,
        )
        return context_menu(self, self.selected_rows(), do)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        open_rows = [r for r in rows if r.done_at is None]
        self.done_button.setEnabled(bool(rows))
        self.done_button.setText("Mark done" if open_rows or not rows else "Mark not done")
        self.snooze_button.setEnabled(bool(open_rows))
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(bool(rows))

    def _update_summary(self) -> None:
        self.summary.setText(self.model.summary_text())
