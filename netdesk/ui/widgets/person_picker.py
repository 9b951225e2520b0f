"""A line edit that finds a person as you type (in SQL, through the search service)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from netdesk.services.records import ContactRow
from netdesk.services.service_set import Services

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
SUGGESTIONS = 20


class ContactPicker(QLineEdit):
    """Type part of a name, organisation or email; pick from the suggestions.

    `contact_id()` is the picked person, or the only suggestion whose name is exactly what
    was typed, so that typing a full name is enough.
    """

    contact_changed = Signal(object)  # int | None

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._picked: int | None = None
        self._rows: list[ContactRow] = []
        self.setPlaceholderText("Start typing a name, organisation or email")
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        # The service already filtered and ranked the rows: the completer must not filter again.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(NAME_ROLE)
        self._completer.setMaxVisibleItems(10)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.textEdited.connect(self._on_text_edited)

    def contact_id(self) -> int | None:
        if self._picked is not None:
            return self._picked
        typed = " ".join(self.text().split()).casefold()
        exact = [r.id for r in self._rows if r.name.casefold() == typed]
        return exact[0] if len(exact) == 1 else None

    def set_contact(self, contact_id: int, name: str) -> None:
        self.setText(name)
        self._picked = contact_id
        self.contact_changed.emit(contact_id)

    def suggestions(self) -> list[ContactRow]:
        return list(self._rows)

    def _on_text_edited(self, text: str) -> None:
        had_pick = self._picked is not None
        self._picked = None
        self._rows = self._services.search.page(text, limit=SUGGESTIONS) if text.strip() else []
        self._model.clear()
        for row in self._rows:
            label = " · ".join(p for p in (row.name, row.organization, row.email) if p)
            item = QStandardItem(label)
            item.setData(row.id, ID_ROLE)
            item.setData(row.name, NAME_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if self._rows and self.hasFocus():
            self._completer.complete()
        if had_pick:
            self.contact_changed.emit(None)

    def _on_activated(self, index: QModelIndex) -> None:
        self._picked = int(index.data(ID_ROLE))
        self.setText(str(index.data(NAME_ROLE)))
        self.contact_changed.emit(self._picked)
