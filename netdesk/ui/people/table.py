"""The People table: rows of a fixed height, columns fitted to what they hold, sorted by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from netdesk.ui.people.drag import ContactDrag, ContactDragTable
from netdesk.ui.people.table_model import EMAIL, NAME, ORGANIZATION, PHONE, TITLE, PeopleTableModel
from netdesk.ui.widgets.column_fit import FittingHeader

# The shares earlier versions gave the columns (widths saved then are still fitted).
COLUMN_WIDTHS = {NAME: 150, ORGANIZATION: 125, TITLE: 110, EMAIL: 170, PHONE: 140}


def people_table(
    model: PeopleTableModel,
    drag: ContactDrag,
    selected_ids: Callable[[], list[int]],
    row_height: int,
) -> ContactDragTable:
    """The table over `model`; dragging its selected people out gives a .vcf file."""
    table = ContactDragTable(drag, selected_ids)
    table.setObjectName("people_table")
    table.setHorizontalHeader(FittingHeader(NAME, table, COLUMN_WIDTHS))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setCornerButtonEnabled(False)
    rows = table.verticalHeader()
    rows.hide()
    # Fixed heights: the view never measures 100,000 rows to lay them out.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height)
    columns = cast(FittingHeader, table.horizontalHeader())
    columns.setHighlightSections(False)
    columns.setSectionsMovable(True)
    columns.setStretchLastSection(True)
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    columns.measure()
    columns.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


def needed_width(table: ContactDragTable) -> int:
    """The width the table needs for every column's content, frame and scroll bar."""
    scroll_bar = table.verticalScrollBar().sizeHint().width()
    header = cast(FittingHeader, table.horizontalHeader())
    return header.needed_width() + 2 * table.frameWidth() + scroll_bar
