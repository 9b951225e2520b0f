"""Today's Goals card: each open goal's progress bar and next step; hidden when there are no
goals. A click on a goal opens it on the Goals page."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from netdesk.services.goals import GoalRow
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.goals.section import goal_lines
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

# The card shows at most one row of this many goals, the rest on the Goals page: a second
# row left the lists above no room on a small laptop's screen, or was cut off itself.
COLUMNS = 3
MOST_SHOWN = COLUMNS
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
        # As tall as its goals need at its width, never squeezed (the lists above scroll).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.reload)
        bridge.changed.connect(lambda kinds: self._timer.start() if kinds & WATCHED else None)
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        # Wrapped next steps take more lines on a narrow window: ask for the room they need.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.setMinimumHeight(layout.heightForWidth(width))

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
        self._fit(self.width())
