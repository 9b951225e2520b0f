"""The tree of the follow-up queue: the keyboard walks follow-ups, not group headers, and the
Action column keeps at least about half of the width however narrow the window gets; what it
does not need goes to the person and event columns, up to what they hold."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from netdesk.ui.followups.model import ACTION, DUE, EVENT, PERSON, FollowUpsModel

# Widths the side columns get when there is room (and the user has not dragged them).
DEFAULT_WIDTHS = {PERSON: 190, EVENT: 200, DUE: 140}
MIN_SIDE_WIDTH = 90
# The widest a person or event column grows to show what it holds (a long event name elides).
CONTENT_CAP = 360
GAP = 12
# "12 days overdue" must fit in the Due column at any width.
DUE_SAMPLE = "99 days overdue"

Move = QAbstractItemView.CursorAction


class FollowUpsTree(QTreeView):
    def __init__(self, model: FollowUpsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self._preferred = dict(DEFAULT_WIDTHS)
        self._seeded = False
        self._fitting = False
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        for column, width in DEFAULT_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.sectionResized.connect(self._on_section_resized)

    # -- keyboard: group headers of open groups are stepped over ------------------------------

    def moveCursor(self, cursorAction: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        index = super().moveCursor(cursorAction, modifiers)
        # Left on a follow-up goes to its header on purpose: that is how a group is collapsed.
        if cursorAction in (Move.MoveLeft, Move.MoveRight) or not self._is_open_group(index):
            return index
        if cursorAction in (Move.MoveUp, Move.MovePrevious, Move.MovePageUp):
            above = self.indexAbove(index)
            if above.isValid():
                return above.siblingAtColumn(index.column())
        return self._model.index(0, index.column(), index.siblingAtColumn(0))

    def first_followup(self) -> QModelIndex:
        """The first follow-up the user can see (none when every group is collapsed)."""
        for row in range(self._model.rowCount()):
            group = self._model.index(row, 0)
            if self._is_open_group(group):
                return self._model.index(0, 0, group)
        return QModelIndex()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Arriving by keyboard with nothing selected: start on the first follow-up so that
        # Space, Enter and Delete act on something the user can see highlighted.
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            return
        selection = self.selectionModel()
        if selection is None or selection.hasSelection():
            return
        first = self.first_followup()
        if first.isValid():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(first, flags)

    def _is_open_group(self, index: QModelIndex) -> bool:
        if not index.isValid() or self._model.followup(index) is not None:
            return False
        group = index.siblingAtColumn(0)
        return self.isExpanded(group) and self._model.rowCount(group) > 0

    # -- columns: Action keeps about half, the others share the rest -------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Side columns at the widths wanted, shrunk together when Action would get less than
        half; Due never below what "99 days overdue" needs."""
        width = self.viewport().width()
        header = self.header()
        if not self._seeded:
            # Widths restored from the settings (restoreState says nothing) are the ones wanted.
            self._seeded = True
            self._preferred = {c: header.sectionSize(c) for c in self._preferred}
        shown = {c: w for c, w in self._preferred.items() if not header.isSectionHidden(c)}
        if width <= 0 or not shown:
            return
        widths: dict[int, int] = {}
        if DUE in shown:
            due_min = self.fontMetrics().horizontalAdvance(DUE_SAMPLE) + 16
            widths[DUE] = max(due_min, min(shown.pop(DUE), width // 6))
        budget = width / 2 - sum(widths.values())
        total = sum(shown.values())
        scale = min(1.0, budget / total) if total else 1.0
        for column, preferred in shown.items():
            widths[column] = max(MIN_SIDE_WIDTH, round(preferred * scale))
        self._grow_to_content(widths, width)
        self._fitting = True
        try:
            for column, w in widths.items():
                header.resizeSection(column, w)
        finally:
            self._fitting = False

    def _grow_to_content(self, widths: dict[int, int], width: int) -> None:
        """Person and event as wide as what they hold, out of the room Action does not need,
        unless the user sized them (their wanted width is then theirs)."""
        room = width - (self.sizeHintForColumn(ACTION) + GAP) - sum(widths.values())
        for column in (EVENT, PERSON):
            if room <= 0 or column not in widths:
                continue
            if self._preferred[column] != DEFAULT_WIDTHS[column]:
                continue
            need = min(self.sizeHintForColumn(column) + GAP, CONTENT_CAP)
            grow = min(max(need - widths[column], 0), room)
            widths[column] += grow
            room -= grow

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        # A width the user dragged (or the saved one restored) becomes the width wanted there.
        if not self._fitting and column in self._preferred:
            self._preferred[column] = new
