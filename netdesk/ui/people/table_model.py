"""The People table: one page of contacts at a time, searched and sorted in SQL.

Rows arrive through `canFetchMore`/`fetchMore` as the view scrolls, so an address book of
100,000 people opens with one 200-row query; a keystroke or a header click is one query and a
model reset (a proxy model over 100,000 rows costs 0.6 s a keystroke: see docs/architecture.md,
"Measured").

Rows are kept page by page and a page may be missing (None slots): jumping to a contact far
down the list, or reloading after a change, reads only the pages that are looked at.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from netdesk.services.records import ContactRow
from netdesk.services.search import SortColumn
from netdesk.services.service_set import Services
from netdesk.ui.widgets.header_labels import column_title
from netdesk.ui.widgets.plain_text import tooltip_text

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200

NAME, ORGANIZATION, TITLE, EMAIL, PHONE = range(5)
HEADERS = ("Name", "Organisation", "Title", "Email", "Phone")
SORT_COLUMNS = (
    SortColumn.NAME,
    SortColumn.ORGANIZATION,
    SortColumn.TITLE,
    SortColumn.EMAIL,
    SortColumn.PHONE,
)

AnyIndex = QModelIndex | QPersistentModelIndex


_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ROLE)


def _cell(row: ContactRow, column: int) -> str:
    return (row.name, row.organization, row.title, row.email, row.phone)[column]


class PeopleTableModel(QAbstractTableModel):
    def __init__(
        self, services: Services, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._page_size = page_size
        self._query = ""
        self._sort = SortColumn.NAME
        self._descending = False
        self._rows: list[ContactRow | None] = []
        self._row_of: dict[int, int] = {}
        self._tried_pages: set[int] = set()
        self._match_count = 0
        self._total_count = 0
        self._load(page_size, count_all=True)

    # -- state -------------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def sort_column(self) -> int:
        return SORT_COLUMNS.index(self._sort)

    @property
    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def match_count(self) -> int:
        """How many people the current query matches (all of them when there is no query)."""
        return self._match_count

    def total_count(self) -> int:
        """How many people the address book holds."""
        return self._total_count

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        self._query = text
        self._load(self._page_size, count_all=False)

    def reload(self) -> None:
        """Read again after the data changed, keeping the query, the sort and the number of
        rows (so that the scroll position stays); pages are read again as they are looked at."""
        self._load(max(self._page_size, len(self._rows)), count_all=True)

    def _load(self, length: int, *, count_all: bool) -> None:
        self.beginResetModel()
        if count_all:
            self._total_count = self._services.contacts.count()
        self._match_count = (
            self._services.search.count(self._query) if self._query.strip() else self._total_count
        )
        self._rows = [None] * min(length, self._match_count)
        self._row_of = {}
        self._tried_pages = set()
        self._fill_page(0)
        self.endResetModel()

    def _fill_page(self, page: int) -> None:
        """Read one page into its empty slots (each page once until the next reset)."""
        start = page * self._page_size
        if page in self._tried_pages or start >= len(self._rows):
            return
        self._tried_pages.add(page)
        rows = self._services.search.page(
            self._query, self._sort, self._descending, start, self._page_size
        )
        for position, row in enumerate(rows, start):
            if position >= len(self._rows):
                break
            if self._rows[position] is None:
                self._rows[position] = row
                self._row_of[row.id] = position

    def _grow(self, end: int) -> None:
        """Add empty slots up to `end`; a page read while it was shorter may be read again."""
        start = len(self._rows)
        self._rows.extend([None] * (end - start))
        self._tried_pages -= set(range(start // self._page_size, (end - 1) // self._page_size + 1))

    def _row(self, row: int) -> ContactRow | None:
        if not 0 <= row < len(self._rows):
            return None
        if self._rows[row] is None:
            self._fill_page(row // self._page_size)
        return self._rows[row]

    # -- lookups -----------------------------------------------------------------------------

    def contact_id_at(self, row: int) -> int | None:
        found = self._row(row)
        return found.id if found else None

    def row_at(self, row: int) -> ContactRow | None:
        return self._row(row)

    def row_of(self, contact_id: int) -> int | None:
        """The row showing this contact, if its page is loaded."""
        return self._row_of.get(contact_id)

    def find_row(
        self, contact_id: int, near: int | None = None, *, anywhere: bool = True
    ) -> int | None:
        """The row of this contact, looking first at the page of `near` (where it was before a
        reload), then, if `anywhere`, asking the database; None if the query hides it."""
        row = self.row_of(contact_id)
        if row is None and near is not None:
            if near + 1 >= len(self._rows):
                self.fetchMore(QModelIndex())  # it may have moved just past the last row
            for nearby in (near, near - 1, near + 1):  # one row inserted or deleted before it
                self._row(nearby)
            row = self.row_of(contact_id)
        if row is None and anywhere:
            row = self.load_until(contact_id)
        return row

    def load_until(self, contact_id: int) -> int | None:
        """The row of this contact, making room for it if it lies beyond the rows so far (its
        page is read, the ones before it only when looked at); None if the query hides it."""
        row = self.row_of(contact_id)
        if row is not None:
            return row
        position = self._services.search.index_of(
            contact_id, self._query, self._sort, self._descending
        )
        if position is None:
            return None
        if position >= len(self._rows):
            size = self._page_size
            end = min(max(self._match_count, position + 1), (position // size + 1) * size)
            self.beginInsertRows(QModelIndex(), len(self._rows), end - 1)
            self._grow(end)
            self._match_count = max(self._match_count, end)
            self.endInsertRows()
        self._row(position)
        return self.row_of(contact_id)

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text of a cell cut short ("+1-418-656-9254 ext. 102"), shown as typed.
            return tooltip_text(_cell(row, index.column())) or None
        return _cell(row, index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_title(HEADERS, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_COLUMNS):
            return
        sort = SORT_COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = sort, descending
        self._load(self._page_size, count_all=False)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._match_count

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        start = len(self._rows)
        end = min(self._match_count, start + self._page_size)
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._grow(end)
        for page in range(start // self._page_size, (end - 1) // self._page_size + 1):
            self._fill_page(page)
        self.endInsertRows()
