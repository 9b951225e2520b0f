"""Pieces the edit dialogs share: the form with its error labels, the buttons, the date field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton

from netdesk.ui.form_errors import ERROR_STYLE, FieldErrors
from netdesk.ui.plain_text import plain_label

DUE_DATE_FORMAT = "ddd d MMM yyyy"


def error_form() -> tuple[QFormLayout, FieldErrors]:
    """A form whose fields take the dialog's width, with an error label under each field."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form, FieldErrors(form)


def form_error_label() -> QLabel:
    """A hidden label for errors that belong to no one field (the database said no)."""
    label = plain_label(wrap=True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def save_cancel_buttons(
    dialog: QDialog, ok_text: str, save: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """OK and Cancel buttons; OK runs `save`, which closes the dialog only when it succeeds."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    # Saving hangs off the button, not exec(), so the dialog also works when opened with open().
    ok_button.clicked.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


def due_date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DUE_DATE_FORMAT)
    return edit


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
