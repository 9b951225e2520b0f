"""The three lists of the Today page: upcoming events, follow-ups due, people met recently."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack

from netdesk import clock
from netdesk.services.errors import ServiceError
from netdesk.services.records import EventRow, FollowUpRow, RecentMeeting
from netdesk.services.service_set import Services
from netdesk.ui.events.list_model import place_text
from netdesk.ui.followups import commands as followup_commands
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import (
    all_day_span,
    event_day,
    local,
    plural,
    relative_day,
    time_text,
)
from netdesk.ui.widgets.two_line_delegate import (
    ROW_ROLE,
    SUBTITLE_COLOR_ROLE,
    SUBTITLE_ROLE,
    TRAILING_ROLE,
)

AnyIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class RowsModel(QAbstractListModel, Generic[T]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._today = clock.today()

    def set_rows(self, rows: list[T] | tuple[T, ...], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = (self._data(row, Qt.ItemDataRole.DisplayRole), self._data(row, SUBTITLE_ROLE))
            return ", ".join(str(p) for p in parts if p)
        return self._data(row, role)

    def _data(self, row: T, role: int) -> Any:
        raise NotImplementedError


def upcoming_when(row: EventRow, today: date) -> str:
    """ "Tomorrow, 18:30"; an all-day event by its days only: "Tomorrow, all day", "In 3
    days, 3 days"."""
    if row.all_day:
        first, last = all_day_span(row.starts_at, row.ends_at)
        if first < today:
            return "Happening now"
        days = (last - first).days + 1
        return f"{relative_day(first, today)}, {'all day' if days == 1 else plural(days, 'day')}"
    start = local(row.starts_at)
    if start.date() < today:
        return "Happening now"
    return f"{relative_day(start.date(), today)}, {time_text(start)}"


class UpcomingEventsModel(RowsModel[EventRow]):
    def _data(self, row: EventRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == SUBTITLE_ROLE:
            when = upcoming_when(row, self._today)
            return " · ".join(p for p in (when, place_text(row.venue, row.city)) if p)
        if role == TRAILING_ROLE:
            return plural(row.people, "person", "people") if row.people else ""
        return None


def overdue_days(row: FollowUpRow, today: date) -> int:
    return (today - row.due_date).days if row.due_date else 0


class DueFollowUpsModel(RowsModel[FollowUpRow]):
    """Ticking a follow-up's box marks it done through the service, as a step on the undo
    stack when there is one; `message` says it happened, `error` why it could not, `ticked`
    which row was changed (a click on a check box does not make its row current)."""

    error = Signal(str)
    message = Signal(str)
    ticked = Signal(int)

    def __init__(
        self, services: Services, parent: Any = None, undo_stack: QUndoStack | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo = undo_stack

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def _data(self, row: FollowUpRow, role: int) -> Any:
        days = overdue_days(row, self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.action
        if role == SUBTITLE_ROLE:
            due = f"{plural(days, 'day')} overdue" if days > 0 else "Due today"
            who = f"{row.contact_name} · {row.event_name}" if row.event_name else row.contact_name
            return f"{due} · {who}"
        if role == SUBTITLE_COLOR_ROLE and days > 0:
            return theme.error(theme.app_palette())
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.done_at else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Tick when done"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        row = self.row_at(index.row())
        if row is None:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        try:
            text = followup_commands.mark_done(self._undo, self._services.followups, [row.id], done)
        except ServiceError as exc:
            self.error.emit(str(exc))
            return False
        self.message.emit(text)
        self.ticked.emit(index.row())
        # The row leaves the list on the reload that the change notification brings.
        return True


class RecentlyMetModel(RowsModel[RecentMeeting]):
    def _data(self, row: RecentMeeting, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.contact_name
        if role == SUBTITLE_ROLE:
            return " · ".join(p for p in (row.organization, f"at {row.event_name}") if p)
        if role == TRAILING_ROLE:
            return relative_day(event_day(row.starts_at, row.all_day), self._today)
        return None
