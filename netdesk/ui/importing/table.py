"""The tables of the import dialogs (people, events, CSV columns): one look, one row height."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView


def import_table() -> QTableView:
    view = QTableView()
    # Tab leaves the table for the buttons below it; arrows move between rows.
    view.setTabKeyNavigation(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


def size_columns(view: QTableView, widths: list[int]) -> None:
    """Fixed starting widths (the user can drag them); the last column takes the rest, or
    the one whose width is 0."""
    header = view.horizontalHeader()
    stretch = widths.index(0) if 0 in widths else None
    for column, width in enumerate(widths):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            view.setColumnWidth(column, width)
    header.setStretchLastSection(stretch is None)
    fixed_rows(view)


def fixed_rows(view: QTableView) -> None:
    """One row height for all: a combo box fits on every row without measuring each."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(max(QComboBox().sizeHint().height() + 6, 28))
