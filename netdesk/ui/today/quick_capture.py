"""Quick capture: "met X from Y, talked about Z, promised W", typed in seconds during an event."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.capture import Capture, CaptureResult
from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.service_set import Services
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dialog_parts import (
    due_date_edit,
    error_form,
    form_error_label,
    from_qdate,
    save_cancel_buttons,
    to_qdate,
)
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import confirm, plain_label

# A promise made in person ("I'll send you the slides") is expected within days, so sooner than
# the week the New follow-up dialog proposes for follow-ups planned at the desk.
DEFAULT_DUE_DAYS = 3
# The existing-contact lookup waits for a pause in typing instead of running on every key.
MATCH_DELAY_MS = 150
MATCH_MIN_CHARS = 2


class QuickCaptureDialog(QDialog):
    """Enter anywhere saves; after saving, `result` holds the CaptureResult."""

    # Deliberately shadows QDialog.result() (the exec() code, unused here): callers read
    # dialog.result after it closes.
    result: CaptureResult | None  # type: ignore[assignment]

    def __init__(
        self, services: Services, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._file = file_mark(services)
        self.result = None
        self.setWindowTitle("Quick capture")
        self.setMinimumWidth(520)

        self.event_combo = EventCombo(services, event_id)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Who did you meet?")
        self.organization = QLineEdit()
        self.organization.setPlaceholderText("Where do they work? (optional)")
        self.match_note = plain_label(wrap=True)
        self.match_note.setObjectName("match_note")
        theme.colour(self.match_note, theme.accent)
        self.match_note.hide()
        self.talked_about = QLineEdit()
        self.talked_about.setPlaceholderText("A few words to jog your memory (optional)")
        self.followup = QLineEdit()
        self.followup.setPlaceholderText("What you promised, like “send the slides” (optional)")
        self.followup.setMaxLength(500)
        self.due = due_date_edit()
        soon = clock.today() + timedelta(days=DEFAULT_DUE_DAYS)
        self.due.setDate(to_qdate(soon))
        self.due.setEnabled(False)

        form, self.errors = error_form()
        self.errors.add_row("&Event", self.event_combo, "event")
        self.errors.add_row("&Name", self.name, "name")
        self.errors.add_row("&Organisation", self.organization, "organization")
        form.addRow("", self.match_note)
        self.errors.add_row("&What we talked about", self.talked_about, "talked_about")
        self.errors.add_row("&Follow-up", self.followup, "followup")
        self.errors.add_row("&Due", self.due, "due_date")
        for field in (
            self.event_combo,
            self.name,
            self.organization,
            self.talked_about,
            self.followup,
            self.due,
        ):
            set_buddy(form, field)
        self.form_error = form_error_label()

        self.buttons, self.ok_button = save_cancel_buttons(self, "Save", self.save)
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)

        hint = plain_label("Enter saves from any field.")
        hint.setEnabled(False)
        footer = QHBoxLayout()
        footer.addWidget(hint, 1)
        footer.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(footer)

        self.match_timer = QTimer(self)
        self.match_timer.setSingleShot(True)
        self.match_timer.setInterval(MATCH_DELAY_MS)
        self.match_timer.timeout.connect(self._update_match_note)
        self.followup.textChanged.connect(self._on_followup_changed)
        self.name.textChanged.connect(self._name_or_org_changed)
        self.organization.textChanged.connect(self._name_or_org_changed)
        self.name.setFocus()

    def capture(self) -> Capture:
        return Capture(
            name=self.name.text(),
            organization=self.organization.text(),
            talked_about=self.talked_about.text(),
            followup=self.followup.text(),
            due_date=self.due_date(),
            event_id=self.event_combo.event_id(),
        )

    def due_date(self) -> date | None:
        if not self.due.isEnabled():
            return None
        return from_qdate(self.due.date())

    def save(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        stale = replaced_since(self._services, self._file)
        if stale and self.event_combo.event_id() is not None:
            self.form_error.setText(stale)
            self.form_error.show()
            return
        try:
            self.result = self._services.capture.save(self.capture())
        except ValidationError as exc:
            self.errors.show(exc.errors)
            focus = {"name": self.name, "followup": self.followup}
            for key, widget in focus.items():
                if key in exc.errors:
                    widget.setFocus()
                    break
            return
        except ServiceError as exc:
            self.form_error.setText(str(exc))
            self.form_error.show()
            return
        self.match_timer.stop()
        self.accept()

    def is_dirty(self) -> bool:
        """Whether closing would lose something typed (the event and date are only choices)."""
        fields = (self.name, self.organization, self.talked_about, self.followup)
        return any(field.text().strip() for field in fields)

    def reject(self) -> None:
        """Escape, Cancel or the window's close button: ask first when something was typed."""
        if self.is_dirty() and not self.confirm_discard():
            return
        self.match_timer.stop()
        super().reject()

    def confirm_discard(self) -> bool:
        # Keep editing is the default: Escape by accident, then Enter, must not lose the text.
        return confirm(
            self,
            "Quick capture",
            "Discard this capture? What you typed will be lost.",
            "Discard",
            keep="Keep editing",
        )

    def _on_followup_changed(self, text: str) -> None:
        self.due.setEnabled(bool(text.strip()))

    def _name_or_org_changed(self) -> None:
        # The note may be stale for the pause; hiding it meanwhile would make the form jump.
        self.match_timer.start()

    def _update_match_note(self) -> None:
        name, org = self.name.text(), self.organization.text()
        contact_id = None
        if len(name.strip()) >= MATCH_MIN_CHARS:
            contact_id = self._services.contacts.find_by_name(name, org)
        if contact_id is None:
            self.match_note.clear()
            self.match_note.hide()
            return
        found = self._services.contacts.get(contact_id)
        who = (
            f"{found.formatted_name} ({found.organization})"
            if found.organization
            else (found.formatted_name)
        )
        self.match_note.setText(f"Will add to existing contact {who}")
        self.match_note.show()
