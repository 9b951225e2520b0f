"""The Events list: upcoming events under an "Upcoming" header, then past ones under "Past"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from netdesk.formats.ics.fields import joined_location
from netdesk.services.records import EventRow
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural, when_text
from netdesk.ui.widgets.two_line_delegate import (
    HEADER_ROLE,
    ROW_ROLE,
    SUBTITLE_ROLE,
    TRAILING_ROLE,
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SectionHeader:
    title: str
    count: int


Entry = SectionHeader | EventRow


def kind_text(kind: str) -> str:
    return kind[:1].upper() + kind[1:]


def place_text(venue: str, city: str) -> str:
    return joined_location(venue, city)


def event_subtitle(row: EventRow) -> str:
    parts = [when_text(row.starts_at, row.ends_at, all_day=row.all_day), kind_text(row.kind)]
    place = place_text(row.venue, row.city)
    if place:
        parts.append(place)
    return " · ".join(parts)


class EventsListModel(QAbstractListModel):
    """Rows come from `services.events.list()` (upcoming first, then past), headers added here.

    Header rows are enabled but not selectable; ROW_ROLE is None on them.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_events(self, rows: list[EventRow]) -> None:
        upcoming = [r for r in rows if r.upcoming]
        past = [r for r in rows if not r.upcoming]
        entries: list[Entry] = []
        if upcoming:
            entries.append(SectionHeader("Upcoming", len(upcoming)))
            entries.extend(upcoming)
        if past:
            entries.append(SectionHeader("Past", len(past)))
            entries.extend(past)
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def event_count(self) -> int:
        return sum(1 for e in self._entries if isinstance(e, EventRow))

    def event_at(self, row: int) -> EventRow | None:
        if 0 <= row < len(self._entries):
            entry = self._entries[row]
            return entry if isinstance(entry, EventRow) else None
        return None

    def row_of(self, event_id: int) -> int | None:
        for i, entry in enumerate(self._entries):
            if isinstance(entry, EventRow) and entry.id == event_id:
                return i
        return None

    def nearest_event_row(self, row: int) -> int | None:
        """The event at `row`, else the next one after it, else the one before (after deletes)."""
        for candidate in [*range(row, len(self._entries)), *range(row - 1, -1, -1)]:
            if self.event_at(candidate) is not None:
                return candidate
        return None

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._entries[index.row()], SectionHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if isinstance(entry, SectionHeader):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{entry.title} · {entry.count}"
            if role == HEADER_ROLE:
                return True
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{entry.title} events: {entry.count}"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == SUBTITLE_ROLE:
            return event_subtitle(entry)
        if role == TRAILING_ROLE:
            return plural(entry.people, "person", "people") if entry.people else ""
        if role == ROW_ROLE:
            return entry
        if role == HEADER_ROLE:
            return False
        if role == Qt.ItemDataRole.ForegroundRole and not entry.upcoming:
            return QBrush(theme.muted(theme.app_palette()))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.name}, {event_subtitle(entry)}"
        return None
