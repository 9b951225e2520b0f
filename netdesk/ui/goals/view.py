"""The Goals page: the goals with their progress bars on the left, the chosen one on the right
with what is linked to it; New, Edit, Done and Delete (Ctrl+Z undoes Done and Delete)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.goals import GoalRow
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.goals.commands import GoalDoneCommand
from netdesk.ui.goals.detail import GoalDetailPane
from netdesk.ui.goals.dialog import GoalDialog
from netdesk.ui.goals.progress import GoalSummary
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets.heading_bar import HeadingBar
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label, show_error

# Progress moves when people are marked met, follow-ups done, notes written, tags changed.
RELOAD_ON = frozenset({"goals", "contacts", "events", "attendances", "notes", "followups", "tags"})
GOAL_ID = Qt.ItemDataRole.UserRole


class GoalsView(QWidget):
    open_contact = Signal(int)
    open_event = Signal(int)
    message = Signal(str)

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
        self.rows: list[GoalRow] = []

        self.heading = plain_label("Goals")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() + 6)
        font.setBold(True)
        self.heading.setFont(font)
        self.new_button = QPushButton(icon("goals"), "New goal…")
        self.new_button.setToolTip("Set a larger goal: a job, a mentor, a field to get into")
        self.new_button.clicked.connect(self.new_goal)
        self.edit_button = QPushButton(icon("edit"), "Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button = QPushButton(icon("done"), "Done")
        self.done_button.setToolTip("Mark the goal reached, or open again (Ctrl+Z undoes)")
        self.done_button.clicked.connect(self.toggle_done_selected)
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.delete_button.setToolTip("Delete the goal; what is linked to it stays (Ctrl+Z)")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = [self.new_button, self.edit_button, self.done_button, self.delete_button]
        bar = HeadingBar(self.heading, buttons)
        self.show_done = QCheckBox("Show goals reached")
        self.show_done.toggled.connect(lambda _on: self.reload())

        self.goal_list = QListWidget()
        self.goal_list.setObjectName("goal_list")
        self.goal_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.goal_list.setMinimumWidth(260)
        self.goal_list.currentItemChanged.connect(lambda *_: self._show_current())
        self.goal_list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.detail = GoalDetailPane()
        self.detail.open_contact.connect(self.open_contact)
        self.detail.open_event.connect(self.open_event)
        self.detail.unlink_requested.connect(self._unlink)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.goal_list, 1)
        left_layout.addWidget(self.show_done)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(bar)
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout.addLayout(row, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        # A change while another page shows waits for this one to show again: a goal with
        # hundreds of people takes a good part of a second to lay out.
        self._stale = False
        bridge.changed.connect(self._on_changed)
        self.reload()

    # -- reading ------------------------------------------------------------------------------

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & RELOAD_ON:
            return
        if self.isVisible():
            self._reload_timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._reload_timer.stop()
        self._stale = False
        keep = self.selected_goal_id()
        self.rows = self._services.goals.list(include_done=self.show_done.isChecked())
        self.goal_list.blockSignals(True)
        self.goal_list.clear()
        for goal in self.rows:
            item = QListWidgetItem()
            item.setData(GOAL_ID, goal.id)
            summary = GoalSummary(goal)
            item.setSizeHint(QSize(200, summary.sizeHint().height()))
            self.goal_list.addItem(item)
            self.goal_list.setItemWidget(item, summary)
        # Selected quietly: the goal is laid out once, below, not once more for the selection.
        self.select_goal(keep if keep is not None else (self.rows[0].id if self.rows else None))
        self.goal_list.blockSignals(False)
        open_count = sum(r.done_at is None for r in self.rows)
        self.heading.setText(f"Goals · {open_count}" if open_count else "Goals")
        self._show_current()

    def selected_goal_id(self) -> int | None:
        item = self.goal_list.currentItem()
        return int(item.data(GOAL_ID)) if item is not None else None

    def selected_goal(self) -> GoalRow | None:
        goal_id = self.selected_goal_id()
        return next((r for r in self.rows if r.id == goal_id), None)

    def select_goal(self, goal_id: int | None) -> None:
        for row in range(self.goal_list.count()):
            if self.goal_list.item(row).data(GOAL_ID) == goal_id:
                self.goal_list.setCurrentRow(row)
                return
        if self.goal_list.count():
            self.goal_list.setCurrentRow(0)

    def has_selection(self) -> bool:
        return self.selected_goal_id() is not None

    def _show_current(self) -> None:
        current = self.goal_list.currentItem()
        for row in range(self.goal_list.count()):
            item = self.goal_list.item(row)
            summary = self.goal_list.itemWidget(item)
            if isinstance(summary, GoalSummary):
                summary.set_selected(item is current)
        goal = self.selected_goal()
        for button in (self.edit_button, self.done_button, self.delete_button):
            button.setEnabled(goal is not None)
        self.done_button.setText("Reopen" if goal and goal.done_at else "Done")
        if goal is None:
            self.detail.show_empty()
            return
        try:
            self.detail.show_goal(self._services.goals.detail(goal.id))
        except ServiceError:
            self.detail.show_empty()

    # -- changing -----------------------------------------------------------------------------

    def new_dialog(self) -> GoalDialog:
        dialog = GoalDialog(self._services, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        return dialog

    def edit_dialog(self, goal_id: int) -> GoalDialog:
        dialog = GoalDialog(self._services, goal_id, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        return dialog

    def new_goal(self) -> GoalDialog:
        dialog = self.new_dialog()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_selected(self) -> GoalDialog | None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return None
        dialog = self.edit_dialog(goal_id)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, dialog: GoalDialog) -> None:
        self.reload()
        self.select_goal(dialog.goal_id)

    def toggle_done_selected(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return
        done = goal.done_at is None
        self._undo.push(GoalDoneCommand(self._services.goals, goal.id, done, self.reload))
        self.message.emit(
            "Goal reached — Ctrl+Z to undo" if done else "Goal open again — Ctrl+Z to undo"
        )

    def delete_selected(self) -> bool:
        goal = self.selected_goal()
        if goal is None:
            return False
        goals = self._services.goals
        try:
            delete_undoably(self._undo, lambda: goals.delete(goal.id), goals.restore)
        except ServiceError as exc:
            self.reload()
            show_error(self, "Could not delete the goal", str(exc))
            return False
        self.reload()
        self.message.emit("Goal deleted — Ctrl+Z to undo")
        return True

    def _unlink(self, kind: str, item_id: int) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is None:
            return
        try:
            self._services.goals.unlink(goal_id, **{f"{kind}_id": item_id})
        except ServiceError as exc:
            show_error(self, "Could not unlink", str(exc))
        self.reload()
