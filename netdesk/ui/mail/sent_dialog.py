"""After an email went to the mail program: "Did you send it?", then what becomes of the
follow-up it was about. Both ask without blocking (`open()`), so that the window stays usable
while the user finishes the email in the other program.

Logging "sent" writes the Emailed note; the follow-up is marked done or snoozed through the
follow-up undo commands, so that Ctrl+Z takes it back like any tick on the Follow-ups page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.followups import commands as followup_commands
from netdesk.ui.widgets.plain_text import button_text, plain_label, show_error, window_title

SENT, NOT_YET = "sent", "not-yet"
DONE, SNOOZE, LEAVE = "done", "snooze", "leave"
SNOOZE_DAYS = 7
NOT_PENDING = (
    "Nothing was logged: the email is no longer waiting to be marked sent (the person was "
    "deleted, or it was marked sent already)."
)


class ChoiceDialog(QDialog):
    """A plain-text question with a button per answer; `chose` carries the answer's key
    (Escape or closing the window: the last answer, which is always the one that does
    nothing)."""

    chose = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        message: str,
        answers: Sequence[tuple[str, str]],
        detail: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(title))
        self.setMinimumWidth(380)
        self.answer: str | None = None
        self.message_label = plain_label(message, wrap=True)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.detail_label = plain_label(detail, wrap=True)
        self.detail_label.setVisible(bool(detail))
        box = QDialogButtonBox()
        self.buttons: dict[str, QPushButton] = {}
        for key, label in answers:
            button = QPushButton(button_text(label))
            button.clicked.connect(lambda _=False, k=key: self._answer(k))
            box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            self.buttons[key] = button
        self._escape = answers[-1][0]
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.detail_label)
        layout.addSpacing(6)
        layout.addWidget(box)
        first = self.buttons[answers[0][0]]
        first.setDefault(True)
        first.setFocus()

    def button(self, key: str) -> QPushButton:
        return self.buttons[key]

    def _answer(self, key: str) -> None:
        self.answer = key
        self.chose.emit(key)
        self.accept()

    def reject(self) -> None:
        if self.answer is None:
            self.answer = self._escape
            self.chose.emit(self._escape)
        super().reject()


def sent_question(names: Sequence[str], count: int) -> str:
    if count == 1 and len(names) == 2:  # an introduction: one email to both
        return f"Did you send the email to {names[0]} and {names[1]}?"
    if count == 1:
        return f"Did you send the email to {names[0]}?"
    return f"Did you send the {count} emails?"


def sent_dialog(parent: QWidget | None, names: Sequence[str], count: int) -> ChoiceDialog:
    return ChoiceDialog(
        parent,
        "Sent?",
        sent_question(names, count),
        ((SENT, "Sent"), (NOT_YET, "Not yet")),
        "Sent writes an “Emailed” note on the person. Not yet keeps it on their page "
        "to mark later.",
    )


def followup_offer(parent: QWidget | None, action: str) -> ChoiceDialog:
    return ChoiceDialog(
        parent,
        "The follow-up",
        f"The email was about the follow-up “{action}”. What now?",
        (
            (DONE, "Mark the follow-up done"),
            (SNOOZE, "Snooze 1 week"),
            (LEAVE, "Leave open"),
        ),
    )


def log_sent(parent: QWidget | None, services: Services, draft_ids: Sequence[int]) -> bool:
    """Record the drafts as sent (the Emailed notes); False, having said why, when it failed."""
    try:
        result = services.drafts.mark_sent(list(draft_ids))
    except ServiceError as exc:
        show_error(parent, "Could not log the email", str(exc))
        return False
    if not result.note_ids:
        # Deleted meanwhile (the person, in another window or process), or marked already.
        show_error(parent, "Could not log the email", NOT_PENDING)
        return False
    return True


def offer_followup(
    parent: QWidget | None,
    services: Services,
    undo_stack: QUndoStack | None,
    followup_id: int,
    say: Callable[[str], object],
) -> ChoiceDialog | None:
    """Ask what becomes of the (still open) follow-up; None when there is nothing to ask."""
    try:
        row = services.followups.get(followup_id)
    except ServiceError:
        return None
    if row.done_at is not None:
        return None
    dialog = followup_offer(parent, row.action)

    def chosen(key: str) -> None:
        fu = services.followups
        try:
            if key == DONE:
                say(followup_commands.mark_done(undo_stack, fu, [followup_id], True))
            elif key == SNOOZE:
                say(followup_commands.snooze(undo_stack, fu, [followup_id], SNOOZE_DAYS))
        except ServiceError as exc:
            show_error(parent, "Could not change the follow-up", str(exc))

    dialog.chose.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
