"""Text read on the card that went into no field: dragged into a field (any line edit takes it),
or put there with the right-click menu "Put into ▸". A line placed leaves the list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QMenu, QWidget

from netdesk.ui.widgets.plain_text import button_text, tooltip_text

PLACEHOLDER = "Every line read on the card went into a field."
DRAG_HINT = "Drag a line into a field, or right-click it to put it into one"

Targets = Callable[[], Sequence[tuple[str, object]]]


class UnplacedList(QListWidget):
    # (the line's text, the field chosen in "Put into ▸": a label from the targets)
    put_into = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        # Moved, not copied: a line dropped into a field leaves the list.
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setToolTip(DRAG_HINT)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu_at)
        self.targets: Targets = list
        self.setAccessibleName("Text not placed")
        # A long line (a bank account, a slogan) is cut short with "…" rather than adding a
        # horizontal scroll bar, which hid the last of the rows the list is sized for.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def set_lines(self, lines: Sequence[str]) -> None:
        self.clear()
        for text in lines:
            item = QListWidgetItem(text)  # shown as plain text by the list
            item.setToolTip(tooltip_text(text, DRAG_HINT))  # all of a line cut short
            self.addItem(item)

    def lines(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        """Plain text, which every line edit takes as a drop."""
        data = super().mimeData(items)
        data.setText(" ".join(item.text() for item in items))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dropEvent(self, event: QDropEvent) -> None:  # the list takes nothing back
        event.ignore()

    def remove_text(self, text: str) -> None:
        """Take the line out once it is in a field (the first with this text)."""
        for row in range(self.count()):
            if self.item(row).text() == text:
                self.takeItem(row)
                return

    def _menu_at(self, point: QPoint) -> None:
        item = self.itemAt(point)
        if item is None:
            return
        menu = self.menu_for(item)
        menu.popup(self.viewport().mapToGlobal(point))

    def menu_for(self, item: QListWidgetItem) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        into = menu.addMenu("Put into")
        text = item.text()
        for label, _target in self.targets():
            action = into.addAction(button_text(label))
            action.triggered.connect(lambda _=False, lab=label: self.put_into.emit(text, lab))
        menu.addSeparator()
        remove = menu.addAction("Leave out")
        remove.setToolTip("Take this line off the list")
        remove.triggered.connect(lambda _=False, i=item: self.takeItem(self.row(i)))
        return menu

    def index_of(self, text: str) -> QModelIndex | QPersistentModelIndex:
        for row in range(self.count()):
            if self.item(row).text() == text:
                return self.indexFromItem(self.item(row))
        return QModelIndex()
