"""Manage tags: see how often each is used, rename one, delete one, set how often to keep in
touch with everyone under it; all undoable."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.keep_in_touch import RhythmUnit, TagRhythm
from netdesk.services.service_set import Services
from netdesk.services.tags import TagService, TagUsage
from netdesk.ui.people.rhythm_commands import change_rhythm
from netdesk.ui.people.rhythm_dialog import RhythmDialog
from netdesk.ui.undo.commands import delete_undoably, report_failure
from netdesk.ui.undo.dialog import UndoableDialog
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import (
    TextPrompt,
    button_text,
    plain_label,
    question_box,
    show_error,
)

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_PADDING = 10


def usage_parts(usage: TagUsage) -> list[str]:
    """["3 people", "2 events"], ["1 event"], []."""
    parts = []
    if usage.people:
        parts.append("1 person" if usage.people == 1 else f"{usage.people:,} people")
    if usage.events:
        parts.append("1 event" if usage.events == 1 else f"{usage.events:,} events")
    return parts


def usage_text(usage: TagUsage) -> str:
    """ "3 people · 2 events", "1 event", "unused"."""
    return " · ".join(usage_parts(usage)) or "unused"


class RenameTagCommand(QUndoCommand):
    """Pushed after the rename has happened; undo renames back, redo renames again.

    When the step cannot be done any more (the old name was given to another tag meanwhile, or
    the tag was deleted), the user is told and the step leaves the stack, as DeleteCommand does.
    """

    def __init__(self, tags: TagService, before: str, after: str) -> None:
        super().__init__(button_text(f"Rename tag {before} to {after}"))
        self._tags = tags
        self.before = before
        self.after = after
        self._done = True
        self.failure: str | None = None

    def redo(self) -> None:
        if not self._done:
            self._rename(self.before, self.after, "Cannot redo")

    def undo(self) -> None:
        self._rename(self.after, self.before, "Cannot undo")

    def _rename(self, old: str, new: str, title: str) -> None:
        try:
            self._tags.rename(old, new)
        except ValidationError as exc:
            # Its message names the field; the user only needs the reason.
            reason = ServiceError(" ".join(exc.errors.values()))
            self.failure = report_failure(self, title, reason)
            return
        except ServiceError as exc:
            self.failure = report_failure(self, title, exc)
            return
        self._done = new == self.after


class TagsDialog(UndoableDialog):
    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(undo_stack, parent)
        self.services = services
        self.setWindowTitle("Tags")
        self.resize(380, 420)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.empty = plain_label(
            "No tags yet. Add tags to people and events in their Edit dialogs.", wrap=True
        )
        self.rename_button = QPushButton(icon("edit"), "Rename…")
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.rhythm_button = QPushButton("Keep in touch…")
        self.rhythm_button.setToolTip("How often to be in touch with everyone under this tag")
        self.rhythm_button.clicked.connect(lambda: self.change_rhythm_of_selected())
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.delete_button.setToolTip("Delete the selected tag (Del)")
        self.delete_action = QAction("Delete", self.list)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda: self.delete_selected())
        self.list.addAction(self.delete_action)

        self._usage: dict[str, TagUsage] = {}
        self._rhythms: dict[str, TagRhythm] = {}
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.rhythm_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Tags on people and events, with how often each is used."))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_name()
        old_row = self.list.currentRow()
        self.list.clear()
        self._usage = {}
        self._rhythms = self.services.keep_in_touch.tag_rhythms()
        row_height = self.list.fontMetrics().height() + ROW_PADDING
        for usage in self.services.tags.all():
            name = usage.name
            self._usage[name] = usage
            tag_rhythm = self._rhythms.get(name)
            rhythm = tag_rhythm.rhythm if tag_rhythm is not None else None
            shown = usage_text(usage) + (f" · {rhythm.text}" if rhythm is not None else "")
            item = QListWidgetItem(f"{name} — {shown}")
            item.setData(NAME_ROLE, name)
            item.setSizeHint(QSize(0, row_height))
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)
        if current is not None and current not in self._usage and self.list.count():
            # The selected tag went (deleted, or renamed by an undo): the one now in its place
            # is selected, so Delete again carries on down the list.
            self.list.setCurrentRow(min(max(old_row, 0), self.list.count() - 1))
        self.empty.setVisible(self.list.count() == 0)
        self._update_buttons()

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None and item.isSelected() else None

    def _update_buttons(self) -> None:
        has = self.selected_name() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.rhythm_button.setEnabled(has)

    def rhythm_dialog(self, name: str) -> RhythmDialog:
        tag = self._rhythms.get(name)
        return RhythmDialog(self, name, tag.rhythm if tag else None, for_tag=True)

    def change_rhythm_of_selected(self, value: tuple[int | None, RhythmUnit] | None = None) -> bool:
        """Set the selected tag's rhythm to `value`, or to what the user picks when None."""
        name = self.selected_name()
        tag = self._rhythms.get(name) if name is not None else None
        if name is None or tag is None:
            return False
        if value is None:
            dialog = self.rhythm_dialog(name)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            value = dialog.value()
            dialog.deleteLater()
            if not accepted:
                return False
        kit = self.services.keep_in_touch
        try:
            change_rhythm(self.undo_stack, kit, name, value[0], value[1], tag_id=tag.tag_id)
        except ServiceError as exc:  # deleted meanwhile, in another window
            show_error(self, "Keep in touch", str(exc))
            self.reload()
            return False
        self.reload(select=name)
        return True

    def rename_prompt(self, old: str) -> TextPrompt:
        # Not QInputDialog: its label would render a tag named "<b>VIP</b>" in bold.
        return TextPrompt(self, "Rename tag", f"New name for “{old}”", old, ok_text="Rename")

    def ask_new_name(self, old: str) -> str | None:
        prompt = self.rename_prompt(old)
        return prompt.value() if prompt.exec() == QDialog.DialogCode.Accepted else None

    def rename_selected(self, new_name: str | None = None) -> bool:
        old = self.selected_name()
        if old is None:
            return False
        new = new_name if new_name is not None else self.ask_new_name(old)
        if new is None or new.strip() == old:
            return False
        try:
            before = self.services.tags.rename(old, new)
        except ValidationError as exc:
            show_error(self, "Rename tag", "\n".join(exc.errors.values()))
            return False
        except ServiceError as exc:  # deleted meanwhile, in another window
            show_error(self, "Rename tag", str(exc))
            self.reload()
            return False
        after = " ".join(new.split())
        self.undo_stack.push(RenameTagCommand(self.services.tags, before, after))
        self.reload(select=after)
        return True

    def delete_box(self, usage: TagUsage) -> tuple[QMessageBox, QPushButton]:
        """The question asked before deleting a tag in use, and its Delete button."""
        return question_box(
            self,
            "Delete tag",
            f"Delete the tag “{usage.name}” from {' and '.join(usage_parts(usage))}?\n\n"
            "Undo (Ctrl+Z) puts it back.",
            "Delete",
        )

    def confirm_delete(self, usage: TagUsage) -> bool:
        box, delete = self.delete_box(usage)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        usage = self._usage.get(name)
        if usage is not None and usage_parts(usage) and not self.confirm_delete(usage):
            return False
        tags = self.services.tags
        try:
            delete_undoably(self.undo_stack, lambda: tags.delete(name), tags.restore)
        except ServiceError as exc:  # deleted or renamed meanwhile, in another window
            show_error(self, "Delete tag", str(exc))
            self.reload()
            return False
        self.reload()
        return True
