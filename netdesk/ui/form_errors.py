"""Validation messages shown beside the field they are about."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from netdesk.ui.plain_text import plain_label

ERROR_STYLE = "color: #b3261e;"


class FieldErrors:
    """Adds rows to a QFormLayout with a hidden error label under each field."""

    def __init__(self, form: QFormLayout) -> None:
        self._form = form
        self._labels: dict[str, QLabel] = {}

    def add_row(self, label: str, field: QWidget, name: str) -> QLabel:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        error = plain_label(wrap=True)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        layout.addWidget(error)
        self._form.addRow(label, box)
        self._labels[name] = error
        return error

    def show(self, errors: dict[str, str]) -> None:
        """Show each message beside its field; messages for unknown fields go to "form"."""
        self.clear()
        for name, message in errors.items():
            label = self._labels.get(name) or self._labels.get("form")
            if label is not None:
                label.setText(message if label.isHidden() else f"{label.text()}\n{message}")
                label.show()

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def label(self, name: str) -> QLabel:
        return self._labels[name]
