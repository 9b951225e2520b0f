"""Create or edit a follow-up: who, what, by when, from which event."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.errors import ValidationError
from netdesk.services.service_set import Services
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets.dialog_parts import (
    due_date_edit,
    error_form,
    form_error_label,
    from_qdate,
    save_cancel_buttons,
    saved,
    to_qdate,
)
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.person_picker import ContactPicker
from netdesk.ui.widgets.plain_text import ElidedLabel

# A follow-up added afterwards, at the desk, is planned work: a week out by default. (Quick
# capture uses 3 days on purpose: a promise made in person is expected sooner.)
DEFAULT_DUE_DAYS = 7


class FollowUpDialog(QDialog):
    """With no contact_id and no followup_id the person is picked by typing their name."""

    def __init__(
        self,
        services: Services,
        contact_id: int | None = None,
        followup_id: int | None = None,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._contact_id = contact_id
        self.followup_id = followup_id
        existing = services.followups.get(followup_id) if followup_id is not None else None
        if existing is not None:
            self._contact_id = existing.contact_id
            event_id = existing.event_id
        self.setWindowTitle("Edit follow-up" if existing else "New follow-up")
        self.setMinimumWidth(460)

        self.picker: ContactPicker | None = None
        self.person_label: ElidedLabel | None = None
        person: QWidget
        if self._contact_id is None:
            self.picker = ContactPicker(services)
            person = self.picker
        else:
            name = (
                existing.contact_name
                if existing
                else services.contacts.get(self._contact_id).formatted_name
            )
            # Elided with the full name as tooltip: a long name must not stretch the dialog.
            self.person_label = ElidedLabel(name)
            person = self.person_label
        self.action = QLineEdit()
        self.action.setPlaceholderText("Send the slides, introduce to Bob, ask about the job…")
        self.action.setMaxLength(500)
        self.due = due_date_edit()
        self.no_due = QCheckBox("No due date")
        self.no_due.toggled.connect(self.due.setDisabled)
        self.event_combo = EventCombo(services, event_id)

        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.due, 1)
        due_layout.addWidget(self.no_due)

        form, self.errors = error_form()
        self.errors.add_row("&Person", person, "contact")
        self.errors.add_row("&Action", self.action, "action")
        self.errors.add_row("&Due", due_row, "due_date")
        self.errors.add_row("&Event", self.event_combo, "event")
        for field in (person, self.action, self.due, self.event_combo):
            set_buddy(form, field)
        self.form_error = form_error_label()

        self.buttons, self.ok_button = save_cancel_buttons(
            self, "Save" if existing else "Add follow-up", self.save
        )
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._fill(
            existing.action if existing else "",
            existing.due_date if existing else None,
            new=existing is None,
        )
        # What the user left alone keeps what another window may save meanwhile (a snooze).
        self._opened = (self.action.text(), self.due_date(), self.event_combo.event_id())
        self._file = file_mark(services)
        (self.picker or self.action).setFocus()

    def _fill(self, action: str, due: date | None, new: bool) -> None:
        self.action.setText(action)
        default = clock.today() + timedelta(days=DEFAULT_DUE_DAYS)
        shown = due or default
        self.due.setDate(to_qdate(shown))
        self.no_due.setChecked(due is None and not new)

    def due_date(self) -> date | None:
        if self.no_due.isChecked():
            return None
        return from_qdate(self.due.date())

    def save(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        if self.followup_id is not None and (stale := replaced_since(self._services, self._file)):
            self.form_error.setText(stale)
            self.form_error.show()
            return

        def work() -> None:
            if self.followup_id is None:
                contact_id = self._contact_id
                if contact_id is None and self.picker is not None:
                    contact_id = self.picker.contact_id()
                if contact_id is None:
                    raise ValidationError({"contact": "Pick a person from the suggestions."})
                self.followup_id = self._services.followups.add(
                    contact_id, self.action.text(), self.due_date(), self.event_combo.event_id()
                )
            else:
                self._services.followups.update(
                    self.followup_id,
                    self.action.text(),
                    self.due_date(),
                    self.event_combo.event_id(),
                    opened=self._opened,
                )

        if saved(self.errors, self.form_error, work):
            self.accept()
