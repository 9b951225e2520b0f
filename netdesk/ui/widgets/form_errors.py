"""Validation messages shown beside the field they are about."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label


def change_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a field emits when the user changes what it holds, if it is a field."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QDateTimeEdit):  # QDateEdit and QTimeEdit too
        return widget.dateTimeChanged
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.toggled
    return None


def fields_in(widget: QWidget) -> list[QWidget]:
    """The widget if it is a field, else the fields laid out inside it (not their insides)."""
    if change_signal(widget) is not None:
        return [widget]
    found: list[QWidget] = []
    for child in widget.children():
        if isinstance(child, QWidget):
            found.extend(fields_in(child))
    return found


class FieldErrors:
    """Adds rows to a QFormLayout with a hidden error label under each field.

    A message goes away as soon as the user changes its field: it was about the old content.
    """

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
        theme.colour(error, theme.error)
        error.hide()
        layout.addWidget(error)
        self._form.addRow(label, box)
        self._labels[name] = error
        editors = fields_in(field)
        if editors:
            # The row's label (and its Alt+letter) points at this wrapper: pass focus on.
            box.setFocusProxy(editors[0])
        for editor in editors:
            signal = change_signal(editor)
            if signal is not None:
                signal.connect(partial(self.clear_field, name))
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

    def clear_field(self, name: str, *_changed: object) -> None:
        label = self._labels.get(name)
        if label is not None and not label.isHidden():
            label.clear()
            label.hide()

    def label(self, name: str) -> QLabel:
        return self._labels[name]
