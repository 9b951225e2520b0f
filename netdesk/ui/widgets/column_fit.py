"""Column widths from what the columns hold: each column as wide as its content when the table
has the room, and when it has not, the first column (the name) whole and the widest of the
others cut first, so that a long status or email elides before a short name or phone does."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTableView

# Rows measured: the first page is enough to know what a column holds (and reading further
# would make a lazy model read pages nobody looks at).
SAMPLE_ROWS = 200
# Between one column's text and the next, beyond the delegate's own margins.
GAP = 6
# The narrowest a column that gives way is cut to before the others are.
GIVING_WAY_MIN = 120
# Marks a saved header state whose widths were fitted, not sized by the user.
FITTED = b"netdesk-fitted-columns\n"


def share_widths(
    needed: Sequence[int], room: int, first: int | None = 0, gives_way: int | None = None
) -> list[int]:
    """Widths for columns that need `needed` within `room` pixels.

    All fits: each gets its need, and the spare room is shared in proportion to the needs.
    Too little room: column `gives_way` (a long explanation) is cut first, down to
    GIVING_WAY_MIN; then column `first` keeps its need (up to half the room), and the others
    share the rest so that the narrow ones get all they need and the widest are cut to an
    equal share."""
    if not needed:
        return []
    needed = list(needed)
    total = sum(needed)
    if total > room and gives_way is not None and 0 <= gives_way < len(needed):
        floor = min(needed[gives_way], GIVING_WAY_MIN)
        needed[gives_way] = max(needed[gives_way] - (total - room), floor)
        total = sum(needed)
    if total <= room:
        spare = room - total
        widths = [need + spare * need // total if total else need for need in needed]
        widths[-1] += room - sum(widths)
        return widths
    widths = [0] * len(needed)
    left = room
    if first is not None and 0 <= first < len(needed):
        widths[first] = min(needed[first], room // 2)
        left -= widths[first]
    others = sorted((need, i) for i, need in enumerate(needed) if i != first)
    for position, (need, column) in enumerate(others):
        fair = left // (len(others) - position)
        widths[column] = max(min(need, fair), 1)
        left -= widths[column]
    return widths


def content_widths(
    view: QTableView, rows: int = SAMPLE_ROWS, columns: Sequence[int] | None = None
) -> list[int]:
    """Each column's width (of `columns`, else all) as its delegate would draw the header and
    the first `rows` rows."""
    model = view.model()
    header = view.horizontalHeader()
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    count = min(model.rowCount(), rows)
    widths = []
    for column in range(model.columnCount()) if columns is None else columns:
        need = header.sectionSizeHint(column)
        for row in range(count):
            index = model.index(row, column)
            delegate = view.itemDelegateForIndex(index)
            need = max(need, delegate.sizeHint(option, index).width() + GAP)
        widths.append(need)
    return widths


class FittingHeader(QHeaderView):
    """A table's column header that sizes the columns to their content within the table's
    width (see `share_widths`), again whenever the table is resized, until the user sizes a
    column or widths the user set are restored (then those win).

    `measure()` reads the content: call it once there are rows (not on every search, or the
    columns would jump as the user types)."""

    def __init__(
        self,
        first: int,
        parent: QTableView,
        legacy: dict[int, int] | None = None,
        gives_way: int | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._view = parent
        self._first = first
        self._gives_way = gives_way
        # The shares earlier versions kept the columns in while fitting them.
        self._legacy = legacy or {}
        self._needed: list[int] = []
        self._fitting = False
        self.auto_fit = True
        self.setSectionsClickable(True)
        self.sectionResized.connect(self._section_resized)

    def needed_width(self) -> int:
        """What the shown columns need to show their content whole."""
        return sum(self._needed[c] for c in self._shown())

    def measure(self) -> None:
        self._needed = content_widths(self._view)
        self.fit()

    def saveState(self) -> QByteArray:
        state = super().saveState()
        return QByteArray(FITTED + state.data()) if self.auto_fit else state

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        data = bytes(state.data() if isinstance(state, QByteArray) else state)
        fitted = data.startswith(FITTED)
        restored = super().restoreState(QByteArray(data.removeprefix(FITTED)))
        # Widths saved while they were fitted are fitted again (the content may differ now).
        self.auto_fit = fitted or not restored or self._proportional()
        self.fit()
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Size the columns to share the width the table has now."""
        columns = self._shown()
        if not self.auto_fit or not columns or self.width() <= 0:
            return
        first = columns.index(self._first) if self._first in columns else None
        gives_way = columns.index(self._gives_way) if self._gives_way in columns else None
        needed = [self._needed[c] for c in columns]
        widths = share_widths(needed, self.width(), first, gives_way)
        self._fitting = True
        try:
            for column, width in zip(columns, widths, strict=True):
                self.resizeSection(column, width)
        finally:
            self._fitting = False

    def _shown(self) -> list[int]:
        if len(self._needed) != self.count():
            return []
        return [
            self.logicalIndex(v)
            for v in range(self.count())
            if not self.isSectionHidden(self.logicalIndex(v))
        ]

    def _proportional(self) -> bool:
        """Widths an earlier version saved while it still shared them out in proportion."""
        last = self.logicalIndex(self.count() - 1)
        columns = [c for c in self._legacy if c < self.count() and c != last]
        base = sum(self._legacy[c] for c in columns)
        if not columns or base <= 0:
            return False
        scale = sum(self.sectionSize(c) for c in columns) / base
        return all(abs(self.sectionSize(c) - self._legacy[c] * scale) <= 2 for c in columns)

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        # The stretched last column changes with the table; any other change is the user's.
        if not self._fitting and self.visualIndex(logical) != self.count() - 1:
            self.auto_fit = False


def fit_columns(view: QTableView, first: int = 0, gives_way: int | None = None) -> FittingHeader:
    """Give `view` a header that fits its columns to their content, and measure it now."""
    header = FittingHeader(first, view, gives_way=gives_way)
    old = view.horizontalHeader()
    header.setDefaultAlignment(old.defaultAlignment())
    header.setHighlightSections(old.highlightSections())
    header.setStretchLastSection(True)
    view.setHorizontalHeader(header)
    header.measure()
    return header
