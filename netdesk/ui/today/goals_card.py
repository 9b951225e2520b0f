"""Today's Goals card: each open goal's progress bar and next step; hidden when there are no
goals. A click on a goal opens it on the Goals page."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from netdesk.services.goals import GoalRow
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.goals.section import goal_lines
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

# The card shows at most this many goals, side by side in columns of this many rows.
MOST_SHOWN = 6
COLUMNS = 3
WATCHED = frozenset({"goals", "contacts", "events", "attendances", "notes", "followups", "tags"})


class GoalsCard(QFrame):
    open_goal = Signal(int)

    def __init__(
        self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.setObjectName("today_card")
        self.rows: list[GoalRow] = []
        self.title_label = plain_label("Goals")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setWeight(QFont.Weight.Bold)
        self.title_label.setFont(font)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(18)
        self._grid.setVerticalSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addLayout(self._grid)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.reload)
        bridge.changed.connect(lambda kinds: self._timer.start() if kinds & WATCHED else None)
        self.reload()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted like Today's other cards (a style sheet would restyle the progress bars).
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.border(self.palette()))
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)

    def reload(self) -> None:
        self._timer.stop()
        self.rows = self._services.goals.list()
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        shown = self.rows[:MOST_SHOWN]
        for i, goal in enumerate(shown):
            cell = goal_lines([goal], self.open_goal.emit)
            self._grid.addWidget(cell, i // COLUMNS, i % COLUMNS, Qt.AlignmentFlag.AlignTop)
        for column in range(COLUMNS):
            self._grid.setColumnStretch(column, 1)
        more = len(self.rows) - len(shown)
        title = f"Goals · {len(self.rows)}" if self.rows else "Goals"
        self.title_label.setText(f"{title} (and {more} more on the Goals page)" if more else title)
        self.setVisible(bool(self.rows))
