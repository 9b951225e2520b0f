"""A table cell that looks like a combo box and becomes one when clicked, for choices made
row by row in the import dialogs (what to do with a duplicate, what a CSV column holds).

Real combo boxes on every row would cost a widget per row; a file of 10,000 duplicates would
take seconds to open. Only the cell being edited gets a widget.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
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

from netdesk.ui.import_models import CHOICES_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex
MARGIN = 2


def is_choice(index: AnyIndex) -> bool:
    return bool(index.flags() & Qt.ItemFlag.ItemIsEditable) and bool(index.data(CHOICES_ROLE))


class ChoiceDelegate(QStyledItemDelegate):
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
            combo_height = QComboBox().sizeHint().height() + 2 * MARGIN
            hint.setHeight(max(hint.height(), combo_height))
        return hint

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        if not is_choice(index):
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        for value, label in index.data(CHOICES_ROLE):
            editor.addItem(label, value)
        editor.setMaxVisibleItems(20)
        # Picking a choice is the whole edit: save it and close at once.
        editor.activated.connect(lambda _row: self._finish(editor))
        return editor

    def _finish(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

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


def use_choice_cells(view: QAbstractItemView) -> ChoiceDelegate:
    """Give `view` combo-box cells that open with one click (and F2 from the keyboard)."""
    delegate = ChoiceDelegate(view)
    view.setItemDelegate(delegate)
    # A click opens the cell through `clicked` below, popup and all; Qt's own click triggers
    # would race with it (a second click on the same cell would find the view still editing).
    view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)

    def open_choice(index: QModelIndex) -> None:
        if not is_choice(index):
            return
        view.edit(index)
        editor = view.indexWidget(index)
        if isinstance(editor, QComboBox):
            editor.showPopup()

    view.clicked.connect(open_choice)
    return delegate


def choice_editor(view: QAbstractItemView, index: QModelIndex) -> QComboBox | None:
    """The combo box open on `index`, if any."""
    editor = view.indexWidget(index)
    return editor if isinstance(editor, QComboBox) else None
