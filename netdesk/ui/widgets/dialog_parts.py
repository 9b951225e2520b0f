"""Pieces the edit dialogs share: the form with its error labels, the buttons, the date and
time zone fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.form_errors import FieldErrors
from netdesk.ui.widgets.plain_text import plain_label

DUE_DATE_FORMAT = "ddd d MMM yyyy"
DATE_TIME_FORMAT = "ddd d MMM yyyy  HH:mm"
# Day and month names in English like the rest of the interface, whatever the system locale.
# US English on purpose: British English abbreviates September "Sept", which disagrees with
# ui.widgets.dates.MONTHS, and typing "Sep" over the month then shows "Sep" but keeps the old date.
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def error_form() -> tuple[QFormLayout, FieldErrors]:
    """A form whose fields take the dialog's width, with an error label under each field."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form, FieldErrors(form)


def form_error_label() -> QLabel:
    """A hidden label for errors that belong to no one field (the database said no)."""
    label = plain_label(wrap=True)
    theme.colour(label, theme.error)
    label.hide()
    return label


def saved(errors: FieldErrors, form_error: QLabel, work: Callable[[], object]) -> bool:
    """Run a dialog's save: what the service refuses field by field goes beside those fields,
    anything else it refuses into the form's own error line; True when it went through."""
    try:
        work()
    except ValidationError as exc:
        errors.show(exc.errors)
        return False
    except ServiceError as exc:
        form_error.setText(str(exc))
        form_error.show()
        return False
    return True


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


class DateTimeEdit(QDateTimeEdit):
    """Tab leaves the field, as in every other field, instead of stepping through its parts
    (the arrow keys, or typing a separator, still move between day, month and year)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateEdit(QDateEdit):
    """A date field whose Tab leaves it (see DateTimeEdit, whose override it shares)."""

    focusNextPrevChild = DateTimeEdit.focusNextPrevChild


def english_dates(edit: QDateTimeEdit, display_format: str) -> None:
    """English names in the field, a calendar popup whose weeks start as the user's do."""
    edit.setLocale(ENGLISH)
    edit.setCalendarPopup(True)
    edit.calendarWidget().setFirstDayOfWeek(QLocale.system().firstDayOfWeek())
    edit.setDisplayFormat(display_format)


def due_date_edit() -> DateEdit:
    edit = DateEdit()
    english_dates(edit, DUE_DATE_FORMAT)
    return edit


def date_time_edit() -> DateTimeEdit:
    edit = DateTimeEdit()
    english_dates(edit, DATE_TIME_FORMAT)
    return edit


def time_zone_combo(names: list[str], first: str) -> QComboBox:
    """An editable list of zone names, `first` on top and chosen; typing any part of a name
    ("berlin", "new_y") offers the zones that contain it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(15)
    # Sized for a usual name, not the longest of ~600 ("America/Argentina/ComodRivadavia").
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    combo.addItems(([first] if first else []) + [name for name in names if name != first])
    combo.setCurrentText(first)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
