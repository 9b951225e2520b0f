"""A table cell that looks like a combo box and becomes one when clicked, for choices made
row by row in the import dialogs (what to do with a duplicate, what a CSV column holds).

Real combo boxes on every row would cost a widget per row; a file of 10,000 duplicates would
take seconds to open. Only the cell being edited gets a widget.

The keyboard never changes a choice by accident: the list drops down as soon as the cell opens
(F2, Space, Return or a click) and only picking in that list counts. A closed QComboBox would
take an arrow key as a pick, and the Return that followed would reach the dialog's default
button and start the import.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from netdesk.ui.importing.models import CHOICES_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex
MARGIN = 2


# Keys that open a choice cell (on the view) or drop its list down again (on its combo box).
OPENING_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_F2})
# Keys a closed combo box would take as a new choice; here they drop the list down instead.
CHOOSING_KEYS = OPENING_KEYS | {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_F4,
}


def is_choice(index: AnyIndex) -> bool:
    return bool(index.flags() & Qt.ItemFlag.ItemIsEditable) and bool(index.data(CHOICES_ROLE))


class ChoiceCombo(QComboBox):
    """The editor of a choice cell (open_choice drops its list down as it opens); `picked` is
    emitted only for a choice made in that list."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list_shown = False
        self.activated.connect(self._activated)

    def open_list(self) -> None:
        if self.isVisible() and not self.view().isVisible():
            self.showPopup()

    def showPopup(self) -> None:
        self._list_shown = True
        super().showPopup()

    def _activated(self, _row: int) -> None:
        # QComboBox hides its list before it emits `activated` for a pick made there, so the
        # flag says where the pick came from; the closed box below never picks.
        if self._list_shown:
            self._list_shown = False
            self.picked.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Closed: arrows, Page keys, Home/End, letters and Return would all change the choice
        # (or let Return through to the dialog); they open the list instead.
        if event.key() == Qt.Key.Key_Escape or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            super().keyPressEvent(event)
            return
        if event.key() in CHOOSING_KEYS or event.text().strip():
            self.open_list()
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Scrolling the table must not change the choice under the pointer.
        event.ignore()


class ChoiceDelegate(QStyledItemDelegate):
    # The size of a combo box holding each set of choices (measuring makes a combo box).
    _combo_sizes: ClassVar[dict[tuple[str, ...], QSize]] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if not is_choice(index):
            super().paint(painter, option, index)
            return
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # The selection background first, then the combo box drawn over it.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        combo = QStyleOptionComboBox()
        if widget is not None:
            combo.initFrom(widget)
        combo.rect = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)  # type: ignore[attr-defined]
        combo.currentText = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        combo.frame = True
        combo.editable = False
        combo.state = QStyle.StateFlag.State_Enabled
        palette = combo.palette
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if brush is not None:
            palette.setBrush(palette.ColorRole.ButtonText, brush)
            combo.palette = palette
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, combo, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, combo, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if is_choice(index):
            # A combo box wide enough for its longest choice, so that none is cut.
            labels = tuple(str(label) for _value, label in index.data(CHOICES_ROLE))
            if labels not in self._combo_sizes:
                combo = QComboBox()
                combo.addItems(list(labels))
                self._combo_sizes[labels] = combo.sizeHint()
            size = self._combo_sizes[labels]
            hint.setHeight(max(hint.height(), size.height() + 2 * MARGIN))
            hint.setWidth(max(hint.width(), size.width() + 2 * MARGIN))
        return hint

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        if not is_choice(index):
            return super().createEditor(parent, option, index)
        editor = ChoiceCombo(parent)
        for value, label in index.data(CHOICES_ROLE):
            editor.addItem(label, value)
        editor.setMaxVisibleItems(20)
        # Picking a choice is the whole edit: save it and close at once.
        editor.picked.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, ChoiceCombo)
            and event.type() == QEvent.Type.FocusOut
            and watched.view().isVisible()
        ):
            # Focus went to the list (its own window): the edit is not over. Qt's delegate
            # would save and close unless the list itself has the focus, which some window
            # systems (and the offscreen platform) do not give it.
            return True
        if isinstance(watched, ChoiceCombo) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Qt's delegate would save and close on Return and pass the key on to the
                # dialog; here it only reopens the list.
                watched.open_list()
                event.accept()
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # Leave the table, keeping the choice as it was: Qt's delegate would save and
                # open the next cell's editor, a trap for the Tab key.
                self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
                return False
        return super().eventFilter(watched, event)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        editor.setGeometry(option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))  # type: ignore[attr-defined]


class ChoiceKeys(QObject):
    """On a view with choice cells: F2, Return, Enter or Space on a row with a choice opens
    it (and the key goes no further: the dialog's default button must not take Return)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            index = row_choice(self._view.currentIndex())
            if (
                event.key() in OPENING_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and self._view.state() != QAbstractItemView.State.EditingState
                and index is not None
            ):
                open_choice(self._view, index)
                event.accept()
                return True
        return super().eventFilter(watched, event)


def row_choice(index: QModelIndex) -> QModelIndex | None:
    """The choice cell of `index`'s row: the views select whole rows, so the current cell
    is not what the user sees; the row is."""
    if not index.isValid():
        return None
    if is_choice(index):
        return index
    model = index.model()
    for column in range(model.columnCount(index.parent())):
        cell = index.siblingAtColumn(column)
        if is_choice(cell):
            return cell
    return None


def open_choice(view: QAbstractItemView, index: QModelIndex) -> None:
    """Open a choice cell with its list dropped down."""
    if not is_choice(index):
        return
    view.edit(index)
    editor = choice_editor(view, index)
    if isinstance(editor, ChoiceCombo):
        editor.open_list()


def use_choice_cells(view: QAbstractItemView) -> ChoiceDelegate:
    """Give `view` combo-box cells that open with one click, F2, Return or Space."""
    delegate = ChoiceDelegate(view)
    view.setItemDelegate(delegate)
    # Clicks and keys open the cell through open_choice, list and all; Qt's own triggers would
    # open a closed combo box (and a second click on the cell would race with the first).
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.clicked.connect(lambda index: open_choice(view, index))
    ChoiceKeys(view)
    return delegate


def choice_editor(view: QAbstractItemView, index: QModelIndex) -> QComboBox | None:
    """The combo box open on `index`, if any."""
    editor = view.indexWidget(index)
    return editor if isinstance(editor, QComboBox) else None
