"""An event's aims ("talk to 3 speakers", "meet 5 people tagged climate tech"), each ticking
itself as people are marked met on the list below, and the goals the event serves."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.goals import AimRow
from netdesk.services.service_set import Services
from netdesk.ui.goals.aim_dialog import AimDialog
from netdesk.ui.goals.detail import link_button
from netdesk.ui.goals.link_dialog import link_to_goal
from netdesk.ui.goals.section import goal_lines
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label, show_error

DONE_MARK, OPEN_MARK = "✓", "○"


class AimsPanel(QWidget):
    open_goal = Signal(int)

    def __init__(
        self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo = undo_stack
        self.event_id: int | None = None
        self.aims: list[AimRow] = []
        self.heading = plain_label("Aims")
        font = QFont(self.heading.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        # In the people bar: the panel itself shows only once there are aims or goals, so
        # that an event without them keeps its people table high on the page.
        self.menu_button = QPushButton(icon("goals"), "Aims")
        self.menu_button.setToolTip(
            "Aims for this event (talk to 3 speakers, meet 5 people tagged climate tech),"
            " ticked as you mark people met; and the goals it serves"
        )
        menu = QMenu(self.menu_button)
        self.add_action = menu.addAction("Add aim…", self.add_aim)
        self.goal_action = menu.addAction("Link to goal…", self.link_goal)
        self.menu_button.setMenu(menu)
        self._lines = QVBoxLayout()
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addLayout(self._lines)
        self.aim_labels: list[QLabel] = []

    def show_event(self, event_id: int | None) -> None:
        self.event_id = event_id
        self.reload()

    def reload(self) -> None:
        while self._lines.count():
            item = self._lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.aim_labels = []
        if self.event_id is None:
            self.aims = []
            self.hide()
            return
        self.aims = self._services.goals.aims(self.event_id)
        reached = sum(a.done for a in self.aims)
        total = len(self.aims)
        self.heading.setText(f"Aims · {reached} of {total} reached" if total else "Aims")
        for aim in self.aims:
            self._lines.addWidget(self._aim_line(aim))
        goals = self._services.goals.goals_for(event_id=self.event_id)
        if goals:
            self._lines.addWidget(goal_lines(goals, self.open_goal.emit))
        self.setVisible(bool(self.aims or goals))

    def _aim_line(self, aim: AimRow) -> QWidget:
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        mark = DONE_MARK if aim.done else OPEN_MARK
        serves = f" · for {aim.goal_text}" if aim.goal_text else ""
        label = plain_label(f"{mark} {aim.text} — {aim.count_text}{serves}", wrap=True)
        label.setObjectName("aim_done" if aim.done else "aim_open")
        if aim.done:
            theme.colour(label, theme.success)
        self.aim_labels.append(label)
        remove = link_button("Remove")
        remove.setObjectName("remove_aim")
        remove.setToolTip("Remove this aim (Ctrl+Z undoes it)")
        remove.clicked.connect(lambda _=False, i=aim.id: self.remove_aim(i))
        row.addWidget(label, 1)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        return line

    # -- changing -----------------------------------------------------------------------------

    def aim_dialog(self) -> AimDialog | None:
        if self.event_id is None:
            return None
        dialog = AimDialog(self._services, self.event_id, self)
        dialog.accepted.connect(self.reload)
        return dialog

    def add_aim(self) -> None:
        dialog = self.aim_dialog()
        if dialog is not None:
            dialog.exec()

    def remove_aim(self, aim_id: int) -> None:
        goals = self._services.goals
        try:
            delete_undoably(self._undo, lambda: goals.remove_aim(aim_id), goals.restore)
        except ServiceError as exc:
            show_error(self, "Cannot remove the aim", str(exc))
        self.reload()

    def link_goal(self) -> bool:
        if self.event_id is None:
            return False
        linked = link_to_goal(self._services, "event", self.event_id, self)
        if linked:
            self.reload()
        return linked
