"""The people at one event: role and status editable, "met" a check box, saved on edit."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from netdesk.cards.share import FIELD_LABELS, parse_fields
from netdesk.services.attendance import RegistrationStatus, Role
from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.records import AttendeeRow
from netdesk.services.service_set import Services
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets.header_labels import column_title
from netdesk.ui.widgets.plain_text import tooltip_text

AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, ORGANIZATION, ROLE, STATUS, MET, BADGE, NOTES = range(7)
HEADERS = ("Name", "Organisation", "Role", "Status", "Met", "Badge", "Notes")

ROLE_CHOICES = tuple((r.value, r.value.capitalize()) for r in Role)
STATUS_CHOICES = tuple((s.value, s.value.capitalize()) for s in RegistrationStatus)


class AttendeesModel(QAbstractTableModel):
    """Edits go straight to `services.events.update_attendance`; a refused edit is reported
    through `error` and the row keeps its saved value."""

    error = Signal(str)

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self._services = services
        self._rows: list[AttendeeRow] = []
        self._file = file_mark(services)

    def set_rows(self, rows: list[AttendeeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._file = file_mark(self._services)
        self.endResetModel()

    def row_at(self, row: int) -> AttendeeRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, attendance_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.attendance_id == attendance_id:
                return i
        return None

    def met_count(self) -> int:
        return sum(1 for r in self._rows if r.met)

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_title(HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (ROLE, STATUS, NOTES):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in (MET, BADGE):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                NAME: row.name,
                ORGANIZATION: row.organization,
                ROLE: row.role.capitalize(),
                STATUS: row.status.capitalize(),
                MET: None,
                BADGE: None,
                NOTES: " ".join(row.notes.split()),
            }.get(column)
        if role == Qt.ItemDataRole.EditRole:
            return {ROLE: row.role, STATUS: row.status, NOTES: row.notes}.get(column)
        if role == Qt.ItemDataRole.CheckStateRole and column == MET:
            return Qt.CheckState.Checked if row.met else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.CheckStateRole and column == BADGE:
            return Qt.CheckState.Checked if row.badge_printed else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTES and row.notes:
            return tooltip_text(row.notes)  # the whole note, line breaks kept
        if role == Qt.ItemDataRole.ToolTipRole and column == BADGE:
            return badge_tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == MET:
            return "Met" if row.met else "Not met"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == BADGE:
            return "Badge printed" if row.badge_printed else "Badge not printed"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        column = index.column()
        changes: dict[str, Any] = {}
        if role == Qt.ItemDataRole.CheckStateRole and column == MET:
            changes["met"] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.CheckStateRole and column == BADGE:
            changes["badge_printed"] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and column == ROLE:
            changes["role"] = str(value)
        elif role == Qt.ItemDataRole.EditRole and column == STATUS:
            changes["status"] = str(value)
        elif role == Qt.ItemDataRole.EditRole and column == NOTES:
            changes["notes"] = str(value).strip()
        else:
            return False
        if all(getattr(row, k) == v for k, v in changes.items()):
            return True
        if stale := replaced_since(self._services, self._file):  # an edit open across it
            self.error.emit(stale)
            return False
        try:
            self._services.events.update_attendance(row.attendance_id, **changes)
        except ServiceError as exc:
            message = (
                "; ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
            )
            self.error.emit(message)
            return False
        self._rows[index.row()] = dataclasses.replace(row, **changes)
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def set_shared_fields(self, row_number: int, fields: tuple[str, ...]) -> bool:
        """What this attendee's badge QR code may share; saved at once."""
        row = self.row_at(row_number)
        if row is None:
            return False
        try:
            text = self._services.cards.set_shared_fields(row.attendance_id, fields)
        except ServiceError as exc:
            self.error.emit(str(exc))
            return False
        self._rows[row_number] = dataclasses.replace(row, qr_fields=text)
        index = self.index(row_number, BADGE)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.ToolTipRole])
        return True


def shared_labels(qr_fields: str) -> str:
    """ "Name, organisation, job title" for the fields a badge's code shares."""
    names = [FIELD_LABELS[f] for f in parse_fields(qr_fields)] or [FIELD_LABELS["name"]]
    return ", ".join([names[0], *(n.lower() for n in names[1:])])


def badge_tooltip(row: AttendeeRow) -> str:
    state = "Badge printed" if row.badge_printed else "Badge not printed yet"
    return f"{state}. Its QR code shares: {shared_labels(row.qr_fields)} (right-click to change)."
