"""The Write email dialog: which template, and what the email will say, before the mail
program opens (Enter) or a draft file is saved.

Everything shown is the person's data filled into the template: plain-text widgets only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
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
from netdesk.ui.widgets.plain_text import ElidedLabel, plain_label

# Offered for one person; an introduction is written from People > Introduce… (two people).
INTRODUCTION = "introduction"


def recipients_text(drafts: Sequence[Draft]) -> str:
    if len(drafts) == 1:
        to = drafts[0].to
        return ", ".join(f"{name} <{email}>" if name else email for name, email in to)
    with_email = sum(1 for d in drafts if d.to)
    return f"{with_email} people, each their own email"


def missing_text(missing: Sequence[str]) -> str:
    if not missing:
        return ""
    if len(missing) == 1:
        return f"{missing[0]} has no email address: no email for them."
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return f"No email address for {shown}: no email for them."


class WriteDialog(QDialog):
    """`choice` is OPEN or SAVE once accepted; `drafts` the emails as last composed."""

    def __init__(
        self,
        services: Services,
        contact_ids: Sequence[int],
        *,
        followup_id: int | None = None,
        event_id: int | None = None,
        template_key: str | None = None,
        save_first: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._contact_ids = list(contact_ids)
        self._followup_id = followup_id
        self._event_id = event_id
        self.drafts: list[Draft] = []
        self.choice: str | None = None
        several = len(self._contact_ids) > 1
        self.setWindowTitle("Write emails" if several else "Write email")
        self.setMinimumSize(560, 460)

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("template_choice")
        templates = services.templates.list()
        for record in templates:
            if record.key != INTRODUCTION or record.key == template_key:
                self.template_combo.addItem(record.name, record.key)
        self.to_label = ElidedLabel()
        self.to_label.setObjectName("write_to")
        self.missing_label = plain_label(wrap=True)
        self.missing_label.setObjectName("write_missing")
        theme.colour(self.missing_label, theme.error)
        self.subject_label = ElidedLabel()
        self.subject_label.setObjectName("write_subject")
        bold = QFont(self.subject_label.font())
        bold.setBold(True)
        self.subject_label.setFont(bold)
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("write_body")
        self.body_view.setReadOnly(True)
        self.body_view.setTabChangesFocus(True)
        self.attachment_label = plain_label()
        theme.colour(self.attachment_label, theme.muted)
        self.preview_note = plain_label(wrap=True)
        theme.colour(self.preview_note, theme.muted)

        form = QFormLayout()
        form.addRow("Template:", self.template_combo)
        form.addRow("To:", self.to_label)
        form.addRow("Subject:", self.subject_label)

        box, self.open_button, self.save_button = open_save_buttons(
            "Open in mail program" if not several else "Open emails in mail program",
            "Your mail program opens with the email written (Enter)",
            "Save the whole email as a file your mail program opens as a draft"
            + (" (one file per person, in a folder you choose)" if several else ""),
            self._choose,
        )
        box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.body_view, 1)
        layout.addWidget(self.attachment_label)
        layout.addWidget(self.preview_note)
        layout.addWidget(box)
        # Once in the dialog: a button takes the default role only from its dialog.
        (self.save_button if save_first else self.open_button).setDefault(True)

        if template_key is not None:
            index = self.template_combo.findData(template_key)
            if index >= 0:
                self.template_combo.setCurrentIndex(index)
        self.compose(template_key)
        self.template_combo.currentIndexChanged.connect(lambda _i: self.compose(self.key()))
        self.template_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def key(self) -> str | None:
        data = self.template_combo.currentData()
        return str(data) if data is not None else None

    def compose(self, template_key: str | None) -> None:
        """Fill the template for every person (None: the usual template for them)."""
        try:
            self.drafts = self._services.drafts.compose(
                template_key,
                self._contact_ids,
                followup_id=self._followup_id,
                event_id=self._event_id,
            )
        except (ServiceError, ValueError) as exc:
            self.drafts = []
            self._show_problem(str(exc))
            return
        if self.drafts and template_key is None:
            # The default the service chose: show it as chosen, without composing again.
            index = self.template_combo.findData(self.drafts[0].template_key)
            if index >= 0:
                self.template_combo.blockSignals(True)
                self.template_combo.setCurrentIndex(index)
                self.template_combo.blockSignals(False)
        self._show()

    def sendable(self) -> list[Draft]:
        """The emails that have someone to go to."""
        return [d for d in self.drafts if d.to]

    def _show(self) -> None:
        missing = [name for d in self.drafts for name in d.missing_email]
        self.missing_label.setText(missing_text(missing))
        self.missing_label.setVisible(bool(missing))
        sendable = self.sendable()
        first = sendable[0] if sendable else (self.drafts[0] if self.drafts else None)
        self.to_label.set_full_text(recipients_text(sendable) if sendable else "")
        self.subject_label.set_full_text(first.subject if first else "")
        self.body_view.setPlainText(first.body if first else "")
        attached = first.card_filename if first and first.attach_card else ""
        self.attachment_label.setText(
            f"Your card goes with a saved draft ({attached}): a link to the mail program "
            "cannot carry a file."
            if attached
            else ""
        )
        self.attachment_label.setVisible(bool(attached))
        if len(sendable) > 1:
            self.preview_note.setText(
                f"The email to {sendable[0].to[0][0] or sendable[0].to[0][1]} is shown; "
                "each person gets their own, with their name."
            )
        else:
            self.preview_note.setText("")
        self.preview_note.setVisible(len(sendable) > 1)
        self.open_button.setEnabled(bool(sendable))
        self.save_button.setEnabled(bool(sendable))

    def _show_problem(self, message: str) -> None:
        self.missing_label.setText(message)
        self.missing_label.setVisible(True)
        self.to_label.set_full_text("")
        self.subject_label.set_full_text("")
        self.body_view.setPlainText("")
        self.attachment_label.hide()
        self.preview_note.hide()
        self.open_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _choose(self, choice: str) -> None:
        if not self.sendable():
            return
        self.choice = choice
        self.accept()
