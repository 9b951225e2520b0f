"""The event the scanned people are put on: the current one preselected, any other, none, or a new
one by name (made by the first save, then chosen for the next cards)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from netdesk.services.service_set import Services
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.plain_text import plain_label

NEW_EVENT = -1  # the combo's data for "New event…"


class EventRow(QWidget):
    changed = Signal()

    def __init__(
        self, services: Services, event_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.label = plain_label("Put on &event:")
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText("Name of the new event")
        self.new_edit.setClearButtonEnabled(True)
        self.new_edit.hide()
        self.new_edit.textChanged.connect(self.changed)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.label)
        self.combo = self._combo(event_id)
        self._layout.addWidget(self.combo)
        self._layout.addWidget(self.new_edit, 1)
        self._layout.addStretch(0)

    def _combo(self, event_id: int | None) -> EventCombo:
        combo = EventCombo(self._services, event_id)
        combo.setMinimumContentsLength(28)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.insertSeparator(combo.count())
        combo.addItem("New event…", NEW_EVENT)
        combo.currentIndexChanged.connect(self._combo_changed)
        self.label.setBuddy(combo)
        return combo

    def _combo_changed(self) -> None:
        new = self.wants_new()
        self.new_edit.setVisible(new)
        if new:
            self.new_edit.setFocus()
        self.changed.emit()

    def wants_new(self) -> bool:
        return self.combo.currentData() == NEW_EVENT

    def event_id(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if data is not None and data != NEW_EVENT else None

    def new_name(self) -> str:
        return " ".join(self.new_edit.text().split()) if self.wants_new() else ""

    def choose(self, event_id: int | None) -> None:
        """Show the events again (one may have been made by a save) with this one chosen."""
        old = self.combo
        self.combo = self._combo(event_id)
        self._layout.replaceWidget(old, self.combo)
        old.deleteLater()
        self.new_edit.clear()
        self.new_edit.hide()
        self.changed.emit()
