"""The two-level tree shared by the follow-up queue and the duplicate groups: a header row per
group at the top level, the group's rows under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from netdesk.ui.widgets.header_labels import column_title

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class GroupedTreeModel(QAbstractItemModel):
    """Top-level rows are the groups (internal id 0); a child's internal id is its group's
    row + 1, which is all `parent()` needs. Subclasses say how many groups and children there
    are, set HEADERS, and give `flags` and `data`."""

    HEADERS: tuple[str, ...] = ()

    def _group_total(self) -> int:
        raise NotImplementedError

    def _child_total(self, group_row: int) -> int:
        raise NotImplementedError

    def group_row_of(self, index: Index) -> int | None:
        """The group an index belongs to, whether it is the group's header or one of its rows."""
        if not index.isValid():
            return None
        return index.row() if index.internalId() == 0 else index.internalId() - 1

    # -- QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return self._group_total()
        if parent.internalId() == 0 and parent.column() == 0:
            return self._child_total(parent.row())
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_title(self.HEADERS, section, orientation, role)
