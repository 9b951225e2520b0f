"""Link to goal…: tick the goals a person, event, note or follow-up serves (untick to unlink),
or start a new goal from here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.widgets.plain_text import plain_label, show_error

WHAT = {"contact": "this person", "event": "this event", "note": "this note",
        "followup": "this follow-up"}  # fmt: skip


class LinkGoalDialog(QDialog):
    """`kind` is "contact", "event", "note" or "followup"; OK links the ticked goals and unlinks
    the unticked ones; a text typed in "New goal" becomes a goal, linked at once."""

    def __init__(
        self, services: Services, kind: str, item_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._kind, self._item_id = kind, item_id
        self.setWindowTitle("Link to goal")
        self.setMinimumWidth(420)
        linked = {g.id for g in services.goals.goals_for(**{f"{kind}_id": item_id})}
        self.goal_list = QListWidget()
        for goal in services.goals.list():
            item = QListWidgetItem(goal.text)  # an item's text is never rich text
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if goal.id in linked else Qt.CheckState.Unchecked
            )
            self.goal_list.addItem(item)
        self._linked = linked
        self.new_goal = QLineEdit()
        self.new_goal.setPlaceholderText("Or type a new goal: a mentor in product management…")
        self.new_goal.setMaxLength(500)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Link")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"The goals {WHAT[kind]} serves:"))
        if self.goal_list.count():
            layout.addWidget(self.goal_list, 1)
        else:
            self.goal_list.hide()
        layout.addWidget(self.new_goal)
        layout.addWidget(buttons)
        (self.goal_list if self.goal_list.count() else self.new_goal).setFocus()

    def tick(self, goal_id: int, on: bool = True) -> None:
        for row in range(self.goal_list.count()):
            item = self.goal_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == goal_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def save(self) -> None:
        ticked: set[int] = set()
        for row in range(self.goal_list.count()):
            item = self.goal_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.add(int(item.data(Qt.ItemDataRole.UserRole)))
        try:
            self._services.goals.change_links(
                self._kind,
                self._item_id,
                link=ticked - self._linked,
                unlink=self._linked - ticked,
                new_goal=self.new_goal.text(),
            )
        except ServiceError as exc:
            show_error(self, "Cannot link to that goal", str(exc))
            return
        self.accept()


def link_to_goal(services: Services, kind: str, item_id: int, parent: QWidget) -> bool:
    """Opens Link to goal… and says whether anything was saved."""
    dialog = LinkGoalDialog(services, kind, item_id, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
