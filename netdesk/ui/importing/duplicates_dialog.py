"""People > Find duplicates: the groups of people who look like one person, whom to keep in
each, and merging one group or all of them; every merge can be undone with Ctrl+Z."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QProxyStyle,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.importing.duplicates_model import (
    EMAIL,
    NAME,
    ORGANIZATION,
    PHONE,
    ROW_ROLE,
    DuplicatesModel,
)
from netdesk.ui.undo.commands import delete_undoably, remember_deleted
from netdesk.ui.undo.dialog import UndoableDialog
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import plain_label, show_error

INTRO = (
    "These people look like the same person. In each group, choose whom to keep: the others"
    " are merged into them (empty fields filled in, emails, phones and tags combined, notes,"
    " follow-ups and events moved over). Ctrl+Z undoes a merge. A possible duplicate only"
    " shares a name, while emails, phones or UIDs differ: merge it only if it is one person;"
    " Merge all leaves it alone."
)
EMPTY_TITLE = "No duplicates found"
EMPTY_TEXT = (
    "No two people share an email address or a phone number, have the same full name, or have"
    " nearly the same name at the same organisation."
)
COLUMN_WIDTHS = {NAME: 230, ORGANIZATION: 160, EMAIL: 210, PHONE: 140}
ROW_PADDING = 8
# Merges are undone on the same stack as deletes; the People view selects the people an
# undo brings back (ui.undo.commands.StepWatcher), by this kind.
CONTACTS = "contacts"


class RadioIndicators(QProxyStyle):
    """Draws an item view's check boxes as radio buttons: one person is kept per group."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck:
            element = QStyle.PrimitiveElement.PE_IndicatorRadioButton
        super().drawPrimitive(element, option, painter, widget)


class RoomyRows(QStyledItemDelegate):
    """Rows a little taller than the font: easier to aim at a radio button."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + ROW_PADDING)


def step_text(stack: QUndoStack, index: int) -> str:
    """A step's text as the user reads it (undo texts double a "&" against shortcuts)."""
    return stack.text(index).replace("&&", "&")


class KeepOnReturnTree(QTreeView):
    """Return or Enter on a person keeps them, and goes no further: QTreeView passes the key on
    to the dialog, whose default button would merge or close."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # emits activated(current): the dialog keeps that person
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class DuplicatesDialog(UndoableDialog):
    message = Signal(str)  # "Merged 2 people into Ada Lovelace", for the main window's status

    def __init__(
        self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(undo_stack, parent)
        self.services = services
        self.setWindowTitle("Find duplicates")
        self.resize(900, 520)

        self.model = DuplicatesModel(services, self)
        self.tree = KeepOnReturnTree()
        self.tree.setObjectName("duplicates_tree")
        # The style is a QObject: parented to the tree, it lives exactly as long as the tree.
        self._radio_style = RadioIndicators()
        self._radio_style.setParent(self.tree)
        self.tree.setStyle(self._radio_style)
        self.tree.setModel(self.model)
        self._rows = RoomyRows(self.tree)
        self.tree.setItemDelegate(self._rows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setItemsExpandable(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in COLUMN_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        self.intro = plain_label(INTRO, wrap=True)
        self.empty_title = plain_label(EMPTY_TITLE)
        self.empty_title.setObjectName("duplicates_empty_title")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = self.empty_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.empty_title.setFont(title_font)
        self.empty_text = plain_label(EMPTY_TEXT, wrap=True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.colour(self.empty_text, theme.muted)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(empty)

        self.merge_button = QPushButton("Merge this group")
        self.merge_button.setToolTip("Merge the selected group into the person chosen to keep")
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.merge_all_button = QPushButton("Merge all groups")
        self.merge_all_button.setToolTip("Merge every group, each into the person chosen")
        self.merge_all_button.clicked.connect(lambda: self.merge_all())
        self.status_label = plain_label()
        self.status_label.setObjectName("duplicates_status")
        theme.colour(self.status_label, theme.muted)

        # Return must never merge: no merge or undo button becomes the default one.
        for button in (self.merge_button, self.merge_all_button, self.undo_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(self.merge_button)
        actions.addWidget(self.merge_all_button)
        actions.addSpacing(8)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.pages, 1)
        layout.addLayout(actions)
        layout.addWidget(self.close_buttons)
        self._stack_index = undo_stack.index()
        self.reload()

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Look for duplicates again, staying on the group the user was at (a merge here, or an
        undo or redo of any step, may change who looks alike)."""
        current = self.model.group_row_of(self.tree.currentIndex())
        try:
            with busy_cursor():
                self.model.reload()
        except ServiceError as exc:
            show_error(self, "Could not look for duplicates", str(exc))
        for row in range(self.model.group_count()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        count = self.model.group_count()
        self.pages.setCurrentIndex(0 if count else 1)
        self.intro.setVisible(count > 0)
        if count:
            self.select_group(min(current or 0, count - 1))
        sure = len(self.model.sure_rows())
        self.merge_all_button.setText(
            "Merge both groups" if sure == 2 else f"Merge all {sure:,} groups"
        )
        self._update_buttons()

    def _stack_moved(self, index: int) -> None:
        super()._stack_moved(index)
        # The status must not keep offering an undo that has happened: say what moved. A new
        # step from this dialog says what it did right after the push.
        before, self._stack_index = self._stack_index, index
        stack = self.undo_stack
        if not shiboken6.isValid(stack) or (index >= stack.count() and index < before):
            self.status_label.clear()  # the stack was cleared (another file opened) or is gone
        elif index < before:
            self.status_label.setText(f"Undone: {step_text(stack, index)}")
        elif index > before:
            self.status_label.setText(f"Redone: {step_text(stack, index - 1)}")

    def select_group(self, row: int) -> None:
        index = self.model.group_index(row)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollTo(index)

    def current_group(self) -> int | None:
        return self.model.group_row_of(self.tree.currentIndex())

    def _update_buttons(self) -> None:
        count = self.model.group_count()
        sure = len(self.model.sure_rows())
        self.merge_button.setEnabled(self.current_group() is not None)
        self.merge_all_button.setEnabled(sure > 0)
        self.merge_all_button.setVisible(sure > 1)
        self.merge_button.setVisible(count > 0)

    def _activated(self, index: QModelIndex) -> None:
        # Double-click or Enter on a person keeps them.
        group = self.model.group_row_of(index)
        person = self.model.data(index.siblingAtColumn(NAME), role=ROW_ROLE)
        if group is not None and index.internalId() != 0 and person is not None:
            self.model.set_keep(group, person.id)

    # -- merging --------------------------------------------------------------------------------

    def _merge(self, group_row: int) -> list[int]:
        """Merge one group undoably; returns the ids merged away. Raises ServiceError."""
        duplicates = self.services.duplicates
        keep, others = self.model.keep_id(group_row), self.model.other_ids(group_row)
        delete_undoably(self.undo_stack, lambda: duplicates.merge(keep, others), duplicates.restore)
        return others

    def merge_selected(self) -> bool:
        group_row = self.current_group()
        if group_row is None:
            return False
        name = self.model.keep_name(group_row)
        try:
            with busy_cursor():
                others = self._merge(group_row)
        except ServiceError as exc:  # someone in it was deleted or merged meanwhile
            show_error(self, "Could not merge", str(exc))
            self.reload()
            return False
        # The push moved the stack, so the groups have been read again already. Undoing the
        # merge selects the people it brought back, in the People view.
        remember_deleted(self.undo_stack, CONTACTS, others)
        people = plural(len(others) + 1, "person", "people")
        self._said(f"Merged {people} into {name}. Press Ctrl+Z to undo.")
        return True

    def merge_all(self) -> int:
        """Merge every group but the possible duplicates into the person chosen in it, as one
        step for undo; returns how many groups were merged."""
        rows = self.model.sure_rows()
        count = len(rows)
        if not count:
            return 0
        merged, failures = 0, []
        people = 0
        self.undo_stack.beginMacro(f"Merge {plural(count, 'group')} of duplicates")
        try:
            with busy_cursor():
                for row in rows:
                    # The groups are read again only at endMacro: rows stay put until then.
                    try:
                        others = self._merge(row)
                    except ServiceError as exc:
                        failures.append(f"{self.model.keep_name(row)}: {exc}")
                        continue
                    merged += 1
                    people += len(others) + 1
        finally:
            self.undo_stack.endMacro()  # moves the stack: the groups are read again
        if failures:
            show_error(
                self,
                "Could not merge every group",
                "These groups were left as they were:\n\n" + "\n".join(failures),
            )
        if merged:
            groups = plural(merged, "group")
            self._said(f"Merged {groups} ({people:,} people). Press Ctrl+Z to undo.")
        return merged

    def _said(self, text: str) -> None:
        self.status_label.setText(text)
        self.message.emit(text)
