"""Item models for the import dialogs: the people and events a file holds and the lines it could
not read (what each column of an unknown CSV file holds is in mapping_model.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from netdesk.formats.ics.fields import joined_location
from netdesk.formats.records import ContactRecord, EventRecord, Problem
from netdesk.services.import_plan import (
    Action,
    ImportPlan,
    OnDuplicate,
    PlanItem,
)
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import all_day_text, day_text, time_text, when_text
from netdesk.ui.widgets.header_labels import column_title
from netdesk.ui.widgets.plain_text import tooltip_text

AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# On a cell the user picks a value for: [(value, label), ...]; EditRole holds the value.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2


def muted_colour() -> QColor:
    return theme.muted(theme.app_palette())


def _warning() -> QColor:
    """Duplicates and updates: what the import changes in what is already there."""
    return theme.warning(theme.app_palette())


ACTION_LABELS: dict[Action, str] = {
    Action.MERGE: "Merge",
    Action.SKIP: "Skip",
    Action.ADD: "Add as new",
}
ACTION_CHOICES = tuple((action.value, label) for action, label in ACTION_LABELS.items())


def one_line(text: str) -> str:
    return " ".join(text.split())


def short_file_name(file: str) -> str:
    """A file's name without its folder, for titles and messages."""
    return Path(file).name or file


def record_name(record: ContactRecord) -> str:
    """The name to show for a person read from a file, or what else identifies them."""
    name = one_line(record.formatted_name) or one_line(
        " ".join(p for p in (record.given_name, record.middle_name, record.family_name) if p)
    )
    if name:
        return name
    if record.emails:
        return record.emails[0].value
    return one_line(record.organization) or "(no name)"


def record_email(record: ContactRecord) -> str:
    preferred = [e for e in record.emails if e.preferred]
    chosen = preferred[0] if preferred else (record.emails[0] if record.emails else None)
    return chosen.value if chosen else ""


class TableModel(QAbstractTableModel):
    """A flat table of HEADERS columns, its cells read-only but for those `_editable` allows;
    subclasses say how many rows there are and give `data`."""

    HEADERS: tuple[str, ...] = ()

    def _row_total(self) -> int:
        raise NotImplementedError

    def _editable(self, index: AnyIndex) -> bool:
        return False

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_total()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_title(self.HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self._editable(index) else base


class PlanPeopleModel(TableModel):
    """The people of an import plan and what happens to each; the action of a duplicate is
    editable (its EditRole is an Action value, CHOICES_ROLE lists the choices)."""

    NAME, ORGANIZATION, EMAIL, STATUS, ACTION = range(5)
    HEADERS = ("Name", "Organisation", "Email", "Status", "Action")

    actions_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # Choices made here are written into the plan's own items.
        self._plan = ImportPlan(file="", kind="")

    @property
    def _items(self) -> list[PlanItem]:
        return self._plan.items

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()
        self.actions_changed.emit()

    def set_all_duplicates(self, choice: OnDuplicate) -> None:
        self._plan.decide_duplicates(choice)
        if self._items:
            self.dataChanged.emit(
                self.index(0, self.ACTION), self.index(len(self._items) - 1, self.ACTION)
            )
        self.actions_changed.emit()

    def status_text(self, item: PlanItem) -> str:
        if not item.is_duplicate:
            return "New"
        name = item.match_name
        if not name and item.earlier is not None and 0 <= item.earlier < len(self._items):
            name = record_name(self._items[item.earlier].record)
        # A possible duplicate only shares a name: "Possible duplicate of John Smith (same
        # name, but different email addresses)", added as new unless the user merges it.
        kind = "Possible duplicate" if item.possible else "Duplicate"
        said = f"{kind} of {one_line(name)}" if name else kind
        reason = one_line(item.reason)
        if item.earlier is not None:
            said += (
                ", earlier in these cards"
                if self._plan.kind == "scan"
                else ", earlier in this file"
            )
        return f"{said} ({reason})" if reason else said

    # -- Qt model interface -----------------------------------------------------------------

    def _row_total(self) -> int:
        return len(self._items)

    def _editable(self, index: AnyIndex) -> bool:
        return index.column() == self.ACTION and self._items[index.row()].is_duplicate

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole and column == self.ACTION:
            return item.action.value
        if role == CHOICES_ROLE and column == self.ACTION and item.is_duplicate:
            return list(ACTION_CHOICES)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.EMAIL:
            # Cut short at the dialog's width, and only one of a card's addresses: all of them.
            return tooltip_text(*(one_line(e.value) for e in item.record.emails)) or None
        if role == Qt.ItemDataRole.ToolTipRole and column != self.ACTION:
            return tooltip_text(self._display(item, column) or "") or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(_warning() if item.is_duplicate else muted_colour())
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION:
            return None if item.is_duplicate else QBrush(muted_colour())
        return None

    def _display(self, item: PlanItem, column: int) -> str | None:
        record = item.record
        if column == self.NAME:
            return record_name(record)
        if column == self.ORGANIZATION:
            return one_line(record.organization)
        if column == self.EMAIL:
            return record_email(record)
        if column == self.STATUS:
            return self.status_text(item)
        if column == self.ACTION:
            return ACTION_LABELS[item.action] if item.is_duplicate else "Add"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.ACTION
            or not 0 <= index.row() < len(self._items)
        ):
            return False
        item = self._items[index.row()]
        try:
            action = Action(str(value))
        except ValueError:
            return False
        if not item.is_duplicate:
            return False
        if item.action != action:
            item.action = action
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, role])
            self.actions_changed.emit()
        return True


class PlanEventsModel(TableModel):
    """The events of an iCalendar file."""

    NAME, WHEN, WHERE, STATUS = range(4)
    HEADERS = ("Event", "When", "Where", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan = ImportPlan(file="", kind="ics")

    @property
    def _events(self) -> list[EventRecord]:
        return self._plan.events

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._events)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == ROW_ROLE:
            return event
        if role == Qt.ItemDataRole.DisplayRole:
            # A series is imported as one event at its first date: the rule is in the tooltip.
            series = " · repeats" if event.recurrence else ""
            return {
                self.NAME: one_line(event.name) or "(no name)",
                self.WHEN: event_when(event) + series,
                self.WHERE: one_line(joined_location(event.venue, event.city)),
                self.STATUS: "Update" if self._plan.updates_event(event) else "New",
            }.get(index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATUS:
            return QBrush(_warning() if self._plan.updates_event(event) else muted_colour())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.NAME:
            return tooltip_text(event.name)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.WHEN:
            # Here, not at the top: icalendar is loaded only once a calendar's rule is read.
            from netdesk.formats.ics.recurrence import describe_recurrence

            repeats = describe_recurrence("\n".join(event.recurrence), event.timezone)
            return tooltip_text(event_when(event), repeats) or None
        return None


def event_when(event: EventRecord) -> str:
    if event.starts_at is None:
        return ""
    if event.all_day:
        # A date, not a moment: never moved to another zone; the file's end is exclusive.
        return all_day_text(event.starts_at, event.ends_at)
    if event.ends_at is None:
        return f"{day_text(event.starts_at.astimezone().date())}, " + time_text(
            event.starts_at.astimezone()
        )
    return when_text(event.starts_at, event.ends_at)


class ProblemsModel(QAbstractListModel):
    """Lines of a file that could not be read, as "file:line: reason" with the file's name
    only (the whole path is in the tooltip and the report)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role == ROW_ROLE:
            return problem
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(str(dataclasses.replace(problem, file=PurePath(problem.file).name)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(str(problem))
        return None
