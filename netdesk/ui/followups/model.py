"""The follow-up queue as a two-level tree: a header row per group, the follow-ups under it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from netdesk import clock
from netdesk.services.followups import Bucket, is_within_next_days
from netdesk.services.records import FollowUpRow
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import day_text, long_day_text, short_date
from netdesk.ui.widgets.grouped_tree_model import GroupedTreeModel, Index

ACTION, PERSON, EVENT, DUE = range(4)
HEADERS = ("Action", "Person", "Event", "Due")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 2


def due_text(row: FollowUpRow, today: date) -> str:
    """How soon, in words: "3 days overdue", "Today", "Tomorrow", "Fri 14 Mar" (the "Next 7
    days" group, by weekday), "11 Apr" (later)."""
    if row.done_at is not None:
        done = row.done_at.astimezone().date()
        return "Done today" if done == today else f"Done {short_date(done, today)}"
    due = row.due_date
    if due is None:
        return "No due date"
    days = (due - today).days
    if days < 0:
        return "1 day overdue" if days == -1 else f"{-days} days overdue"
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if is_within_next_days(due, today):
        return day_text(due, year=due.year != today.year)
    return short_date(due, today)


class FollowUpsModel(GroupedTreeModel):
    """The groups that have follow-ups, each with its follow-ups under it."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[Bucket, list[FollowUpRow]]] = []
        self._today = clock.today()

    # -- loading ------------------------------------------------------------------------------

    def set_queue(self, queue: dict[Bucket, list[FollowUpRow]], today: date) -> None:
        self.beginResetModel()
        self._today = today
        self._groups = [(bucket, list(rows)) for bucket, rows in queue.items() if rows]
        self.endResetModel()

    @property
    def today(self) -> date:
        return self._today

    def is_empty(self) -> bool:
        return not self._groups

    def count(self, bucket: Bucket) -> int:
        return next((len(rows) for b, rows in self._groups if b is bucket), 0)

    # -- lookups for the view -----------------------------------------------------------------

    def buckets(self) -> list[Bucket]:
        return [b for b, _ in self._groups]

    def group_index(self, bucket: Bucket) -> QModelIndex:
        for row, (b, _) in enumerate(self._groups):
            if b is bucket:
                return self.createIndex(row, 0, 0)
        return QModelIndex()

    def index_of(self, followup_id: int, column: int = 0) -> QModelIndex:
        for group_row, (_, rows) in enumerate(self._groups):
            for row, item in enumerate(rows):
                if item.id == followup_id:
                    return self.createIndex(row, column, group_row + 1)
        return QModelIndex()

    def followup(self, index: Index) -> FollowUpRow | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def neighbour_of(self, rows: list[FollowUpRow]) -> int | None:
        """The follow-up after the last of `rows` in the same group (else the one before)."""
        leaving = {r.id for r in rows}
        last = self.index_of(rows[-1].id)
        group = last.parent()
        siblings = [self.followup(self.index(i, 0, group)) for i in range(self.rowCount(group))]
        after = [s for s in siblings[last.row() + 1 :] if s and s.id not in leaving]
        before = [s for s in siblings[: last.row()] if s and s.id not in leaving]
        if after:
            return after[0].id
        return before[-1].id if before else None

    def summary_text(self) -> str:
        """The line beside the buttons: "2 overdue · 1 due today", or "Nothing due today"."""
        parts = []
        for bucket, word in ((Bucket.OVERDUE, "overdue"), (Bucket.TODAY, "due today")):
            n = self.count(bucket)
            if n:
                parts.append(f"{n} {word}")
        open_total = sum(self.count(b) for b in Bucket if b is not Bucket.DONE)
        if not parts and open_total:
            parts.append("Nothing due today")
        return " · ".join(parts)

    def bucket_of(self, index: Index) -> Bucket | None:
        group = self.group_row_of(index)
        return None if group is None else self._groups[group][0]

    # -- GroupedTreeModel ---------------------------------------------------------------------

    def _group_total(self) -> int:
        return len(self._groups)

    def _child_total(self, group_row: int) -> int:
        return len(self._groups[group_row][1])

    # -- QAbstractItemModel -------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        row = self.followup(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == BUCKET_ROLE:
            return self.bucket_of(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.action,
                row.contact_name,
                row.event_name,
                due_text(row, self._today),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == DUE:
            return self._due_tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.done_at is not None:
                return theme.muted(theme.app_palette())
            if column == DUE and row.due_date is not None and row.due_date < self._today:
                return theme.error(theme.app_palette())
        if role == Qt.ItemDataRole.FontRole and row.done_at is not None and column == ACTION:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        bucket, rows = self._groups[index.row()]
        if role == BUCKET_ROLE:
            return bucket
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{bucket.value} ({len(rows)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and bucket is Bucket.OVERDUE:
            return theme.error(theme.app_palette())
        return None

    def _due_tooltip(self, row: FollowUpRow) -> str:
        if row.done_at is not None:
            return f"Done on {long_day_text(row.done_at.astimezone().date())}"
        if row.due_date is None:
            return "No due date"
        return f"Due {long_day_text(row.due_date)}"
