"""Manage tags: see how often each is used, rename one, delete one (undoably)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.service_set import Services
from netdesk.services.tags import TagUsage
from netdesk.ui.icons import icon
from netdesk.ui.plain_text import TextPrompt, plain_label, show_error
from netdesk.ui.undo_commands import delete_undoably

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_PADDING = 10


def usage_text(usage: TagUsage) -> str:
    """ "3 people · 2 events", "1 event", "unused"."""
    parts = []
    if usage.people:
        parts.append("1 person" if usage.people == 1 else f"{usage.people:,} people")
    if usage.events:
        parts.append("1 event" if usage.events == 1 else f"{usage.events:,} events")
    return " · ".join(parts) or "unused"


class TagsDialog(QDialog):
    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.setWindowTitle("Tags")
        self.resize(380, 420)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.empty = plain_label(
            "No tags yet. Add tags to people and events in their Edit dialogs.", wrap=True
        )
        self.rename_button = QPushButton(icon("edit"), "Rename…")
        self.delete_button = QPushButton(icon("delete"), "Delete")
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Tags on people and events, with how often each is used."))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_name()
        self.list.clear()
        row_height = self.list.fontMetrics().height() + ROW_PADDING
        for usage in self.services.tags.all():
            name = usage.name
            item = QListWidgetItem(f"{name}  ·  {usage_text(usage)}")
            item.setData(NAME_ROLE, name)
            item.setSizeHint(QSize(0, row_height))
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self._update_buttons()

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None and item.isSelected() else None

    def _update_buttons(self) -> None:
        has = self.selected_name() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

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
            self.services.tags.rename(old, new)
        except ValidationError as exc:
            show_error(self, "Rename tag", "\n".join(exc.errors.values()))
            return False
        except ServiceError as exc:  # deleted meanwhile, in another window
            show_error(self, "Rename tag", str(exc))
            self.reload()
            return False
        self.reload(select=" ".join(new.split()))
        return True

    def delete_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
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
