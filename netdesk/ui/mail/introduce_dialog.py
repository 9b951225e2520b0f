"""Introduce…: two people, why they should meet, and the one email that goes to both (a
double opt-in introduction: it asks each of them whether they would like to talk)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.mail.draft_types import Draft
from netdesk.services.service_set import Services
from netdesk.ui.mail.choices import open_save_buttons
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.person_picker import ContactPicker
from netdesk.ui.widgets.plain_text import ElidedLabel, plain_label

PICK_BOTH = "Pick the two people to introduce."
PREVIEW_DELAY_MS = 150


class IntroduceDialog(QDialog):
    """`choice` is OPEN or SAVE once accepted; `draft` the one email to both."""

    def __init__(
        self,
        services: Services,
        first_id: int | None = None,
        second_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.draft: Draft | None = None
        self.choice: str | None = None
        self.setWindowTitle("Introduce two people")
        self.setMinimumSize(560, 520)

        self.first_picker = ContactPicker(services)
        self.first_picker.setObjectName("introduce_first")
        self.second_picker = ContactPicker(services)
        self.second_picker.setObjectName("introduce_second")
        for picker, contact_id in ((self.first_picker, first_id), (self.second_picker, second_id)):
            if contact_id is not None:
                with contextlib.suppress(ServiceError):
                    picker.set_contact(contact_id, services.contacts.get(contact_id).formatted_name)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("introduce_reason")
        self.reason_edit.setPlaceholderText(
            "Why they should meet: “you both build climate models in Python”"
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)

        self.problem_label = plain_label(PICK_BOTH, wrap=True)
        self.problem_label.setObjectName("introduce_problem")
        theme.colour(self.problem_label, theme.muted)
        self.to_label = ElidedLabel()
        self.subject_label = ElidedLabel()
        bold = QFont(self.subject_label.font())
        bold.setBold(True)
        self.subject_label.setFont(bold)
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("introduce_body")
        self.body_view.setReadOnly(True)
        self.body_view.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow("Introduce:", self.first_picker)
        form.addRow("And:", self.second_picker)
        form.addRow("Why they should meet:", self.reason_edit)
        preview = QFormLayout()
        preview.addRow("Email to:", self.to_label)
        preview.addRow("Subject:", self.subject_label)

        box, self.write_button, self.save_button = open_save_buttons(
            "Write email",
            "Open one email to both in your mail program",
            "Save the email to both as a file your mail program opens as a draft",
            self._choose,
        )
        box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.problem_label)
        layout.addLayout(preview)
        layout.addWidget(self.body_view, 1)
        layout.addWidget(box)
        self.write_button.setDefault(True)  # once in the dialog, which keeps the default

        # Typing the reason fills the preview a moment later, not on every key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.reason_edit.textChanged.connect(self._timer.start)
        self.first_picker.contact_changed.connect(lambda _id: self.refresh())
        self.second_picker.contact_changed.connect(lambda _id: self.refresh())
        # A full name typed without picking a suggestion counts too (ContactPicker.contact_id).
        self.first_picker.textEdited.connect(self._timer.start)
        self.second_picker.textEdited.connect(self._timer.start)
        self.refresh()
        (self.second_picker if first_id is not None else self.first_picker).setFocus()

    def refresh(self) -> None:
        """Compose the email again from the two people and the reason."""
        self._timer.stop()
        first, second = self.first_picker.contact_id(), self.second_picker.contact_id()
        problem = ""
        self.draft = None
        if first is None or second is None:
            problem = PICK_BOTH
        elif first == second:
            problem = "Pick two different people."
        else:
            try:
                self.draft = self._services.drafts.introduce(
                    first, second, self.reason_edit.toPlainText().strip()
                )
            except (ServiceError, ValueError) as exc:
                problem = str(exc)
        draft = self.draft
        if draft is not None and draft.missing_email:
            problem = (
                f"No email address for {' and '.join(draft.missing_email)}: an introduction "
                "needs both."
            )
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        theme.colour(self.problem_label, theme.error if draft is not None else theme.muted)
        self.to_label.set_full_text(
            ", ".join(f"{n} <{e}>" for n, e in draft.to) if draft is not None else ""
        )
        self.subject_label.set_full_text(draft.subject if draft is not None else "")
        self.body_view.setPlainText(draft.body if draft is not None else "")
        ready = draft is not None and not draft.missing_email and len(draft.to) == 2
        self.write_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _choose(self, choice: str) -> None:
        self.refresh()  # the reason just typed is in the email
        if not self.write_button.isEnabled():
            return
        self.choice = choice
        self.accept()
