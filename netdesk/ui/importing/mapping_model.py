"""The model of the CSV mapping dialog: what each column of an unknown CSV file holds and the
contact field it is imported into."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush

from netdesk.ui.importing.models import (
    CHOICES_ROLE,
    ROW_ROLE,
    AnyIndex,
    TableModel,
    muted_colour,
    one_line,
)
from netdesk.ui.widgets.plain_text import tooltip_text

IGNORE = ""  # the mapping value of a column that is not imported
IGNORE_LABEL = "Ignore"


class ColumnMappingModel(TableModel):
    """One row per column of a CSV file: its header, two sample values and the contact field
    it is imported into (EditRole: the field's key, IGNORE for none)."""

    COLUMN, SAMPLE_1, SAMPLE_2, FIELD = range(4)
    HEADERS = ("Column", "Example", "Another example", "Import as")

    mapping_changed = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        fields: Mapping[str, str],
        mapping: Mapping[int, str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = [one_line(h) or f"Column {i + 1}" for i, h in enumerate(headers)]
        self._samples = [samples_of(rows, i) for i in range(len(headers))]
        self._fields = dict(fields)
        self._choices = [(IGNORE, IGNORE_LABEL), *self._fields.items()]
        self._mapping: dict[int, str] = {
            i: key for i, key in (mapping or {}).items() if key in self._fields and i < len(headers)
        }

    def mapping(self) -> dict[int, str]:
        """Column index -> field key, for the columns that are imported."""
        return dict(sorted(self._mapping.items()))

    def _row_total(self) -> int:
        return len(self._headers)

    def _editable(self, index: AnyIndex) -> bool:
        return index.column() == self.FIELD

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headers):
            return None
        row, column = index.row(), index.column()
        key = self._mapping.get(row, IGNORE)
        if role == ROW_ROLE:
            return (row, self._headers[row])
        if role == Qt.ItemDataRole.DisplayRole:
            samples = self._samples[row]
            return {
                self.COLUMN: self._headers[row],
                self.SAMPLE_1: samples[0] if samples else "",
                self.SAMPLE_2: samples[1] if len(samples) > 1 else "",
                self.FIELD: self._fields.get(key, IGNORE_LABEL),
            }.get(column)
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return key
        if role == CHOICES_ROLE and column == self.FIELD:
            return list(self._choices)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.SAMPLE_1, self.SAMPLE_2):
            return QBrush(muted_colour())
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FIELD and not key:
            return QBrush(muted_colour())
        if role == Qt.ItemDataRole.ToolTipRole and column != self.FIELD:
            return tooltip_text(self.data(index) or "")
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.FIELD
            or not 0 <= index.row() < len(self._headers)
        ):
            return False
        key = str(value or IGNORE)
        if key != IGNORE and key not in self._fields:
            return False
        if self._mapping.get(index.row(), IGNORE) != key:
            if key == IGNORE:
                self._mapping.pop(index.row(), None)
            else:
                self._mapping[index.row()] = key
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, role])
            self.mapping_changed.emit()
        return True


def samples_of(rows: Sequence[Sequence[str]], column: int, wanted: int = 2) -> list[str]:
    """The first `wanted` different non-empty values of a column."""
    found: list[str] = []
    for cells in rows:
        value = one_line(cells[column]) if column < len(cells) else ""
        if value and value not in found:
            found.append(value)
            if len(found) == wanted:
                break
    return found
