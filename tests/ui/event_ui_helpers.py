"""What a user does with the mouse and keyboard in the event and Today views, for the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QStyle,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

from netdesk.ui.widgets.dates import MONTHS

Section = QDateTimeEdit.Section


def type_datetime(qtbot: QtBot, edit: QDateTimeEdit, digits: str) -> None:
    """Type "yyyyMMddHHmm" into a date-time edit as a user would, part by part: the year first
    (so that a 29 February or a 31st fits), then the month (its name when the field shows
    names), the day and the time."""
    when = datetime.strptime(digits, "%Y%m%d%H%M")
    named = "MMM" in edit.displayFormat()
    parts = [
        (Section.YearSection, f"{when.year}"),
        (Section.MonthSection, MONTHS[when.month - 1] if named else f"{when.month:02d}"),
        (Section.DaySection, f"{when.day:02d}"),
        (Section.HourSection, f"{when.hour:02d}"),
        (Section.MinuteSection, f"{when.minute:02d}"),
    ]
    type_sections(qtbot, edit, parts)


def type_date(qtbot: QtBot, edit: QDateTimeEdit, when: date) -> None:
    """Type a date into a field that shows no hours, part by part as a user would."""
    parts = [
        (Section.YearSection, f"{when.year}"),
        (Section.MonthSection, MONTHS[when.month - 1]),
        (Section.DaySection, f"{when.day:02d}"),
    ]
    type_sections(qtbot, edit, parts)


def type_sections(
    qtbot: QtBot, edit: QDateTimeEdit, parts: list[tuple[QDateTimeEdit.Section, str]]
) -> None:
    """Type each text into its section of the field, in turn."""
    edit.setFocus()
    for section, text in parts:
        # The last day section is the day of the month; an earlier one is the weekday.
        index = max(i for i in range(edit.sectionCount()) if edit.sectionAt(i) == section)
        edit.setCurrentSectionIndex(index)
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, text)


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
