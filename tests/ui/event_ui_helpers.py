"""What a user does with the mouse and keyboard in the event and Today views, for the tests."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QStyle,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot


def type_datetime(qtbot: QtBot, edit: QDateTimeEdit, digits: str) -> None:
    """Type into a date-time edit as a user would: digits only, each section fills in turn."""
    edit.setFocus()
    edit.setSelectedSection(edit.sectionAt(0))
    qtbot.keyClicks(edit, digits)


def local_to_utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A wall-clock time in the system's zone, as the aware UTC datetime the service stores."""
    return datetime(year, month, day, hour, minute).astimezone(UTC)


def click_check_box(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Click the check box drawn in this cell, where the style put it."""
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)  # type: ignore[attr-defined]
    option.widget = view  # type: ignore[attr-defined]
    view.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
    rect = view.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view
    )
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    center: QPoint = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its box (its middle may be empty space in a stretched layout)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
