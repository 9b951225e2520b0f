"""On the person page: the emails written from netdesk and not yet marked sent ("Email of
5 Dec not marked sent: Sent / Discard"), and the introductions made ("Introduced to Ana Lima by
me on 5 Dec 2026"), shown on both people.

Every piece of user data (subjects, names, reasons) is in a plain-text label.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.introductions import IntroductionRow
from netdesk.services.mail.draft_types import PendingDraft
from netdesk.services.service_set import Services
from netdesk.ui.mail.sent_dialog import ChoiceDialog, log_sent, offer_followup
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import day_text, local
from netdesk.ui.widgets.plain_text import plain_label, show_error

HEADING = "Emails and introductions"


def pending_text(draft: PendingDraft) -> str:
    return f"Email of {day_text(local(draft.created_at).date(), year=False)} not marked sent"


def introduced_text(row: IntroductionRow) -> str:
    return f"Introduced to {row.other_name} by me on {day_text(row.introduced_on)}"


def _small_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    theme.follow(
        button,
        lambda palette: (
            f"QPushButton {{ border: none; padding: 0 4px; color: {theme.link(palette).name()}; }}"
            " QPushButton:hover { text-decoration: underline; }"
        ),
    )
    return button


class MailSection(QWidget):
    """The lines for one person; `changed` after a Sent or Discard (the page reloads anyway
    through the change bridge; this is for a page used without one)."""

    changed = Signal()

    def __init__(
        self,
        services: Services,
        contact_id: int,
        *,
        undo_stack: QUndoStack | None = None,
        say: Callable[[str], object] = lambda _text: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._say = say
        self.offer_box: ChoiceDialog | None = None
        try:
            self.pending = services.drafts.pending(contact_id)
            self.introductions = services.introductions.for_contact(contact_id)
        except ServiceError:
            self.pending, self.introductions = [], []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.sent_buttons: list[QPushButton] = []
        self.discard_buttons: list[QPushButton] = []
        for draft in self.pending:
            line = QHBoxLayout()
            line.setSpacing(6)
            text = QVBoxLayout()
            text.setSpacing(1)
            label = plain_label(pending_text(draft), wrap=True)
            label.setObjectName("pending_draft")
            subject = plain_label(draft.subject, wrap=True)
            theme.colour(subject, theme.muted)
            text.addWidget(label)
            text.addWidget(subject)
            sent = _small_button("Sent", "I sent it: note it as Emailed")
            sent.clicked.connect(lambda _=False, d=draft: self.mark_sent(d))
            discard = _small_button("Discard", "It was not sent and will not be")
            discard.clicked.connect(lambda _=False, d=draft: self.discard(d))
            self.sent_buttons.append(sent)
            self.discard_buttons.append(discard)
            line.addLayout(text, 1)
            line.addWidget(sent, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(discard, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(line)
        for row in self.introductions:
            label = plain_label(introduced_text(row), wrap=True)
            label.setObjectName("introduced")
            layout.addWidget(label)
            if row.reason:
                reason = plain_label(row.reason, wrap=True)
                theme.colour(reason, theme.muted)
                layout.addWidget(reason)

    def is_empty(self) -> bool:
        return not self.pending and not self.introductions

    def texts(self) -> list[str]:
        """What the section says, line by line (for tests and screen readers alike)."""
        return [pending_text(d) for d in self.pending] + [
            introduced_text(r) for r in self.introductions
        ]

    def mark_sent(self, draft: PendingDraft) -> None:
        # The dialogs hang off the window: this section is rebuilt once the note is written.
        window = self.window()
        if not log_sent(window, self._services, [draft.id]):
            return
        self._say(f"Noted: Emailed {draft.contact_name}.")
        if draft.followup_id is not None:
            self.offer_box = offer_followup(
                window, self._services, self._undo_stack, draft.followup_id, self._say
            )
        self.changed.emit()

    def discard(self, draft: PendingDraft) -> None:
        try:
            self._services.drafts.discard(draft.id)
        except ServiceError as exc:
            show_error(self.window(), "Could not discard the email", str(exc))
            return
        self.changed.emit()
