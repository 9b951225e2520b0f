"""Write or edit a note about a person, optionally taken at an event."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.notes import NoteTopic
from netdesk.services.service_set import Services
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets.dialog_parts import error_form, form_error_label, save_cancel_buttons, saved
from netdesk.ui.widgets.event_combo import EventCombo
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import plain_label, window_title

TOPIC_LABELS = {
    NoteTopic.GENERAL: "General",
    NoteTopic.TALKED_ABOUT: "Talked about",
    NoteTopic.COMMON_GROUND: "Common ground",
    NoteTopic.CAN_OFFER: "I can offer",
}


class NoteDialog(QDialog):
    def __init__(
        self,
        services: Services,
        contact_id: int,
        event_id: int | None = None,
        note_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._contact_id = contact_id
        self.note_id = note_id
        self._file = file_mark(services)
        existing = services.notes.get(note_id) if note_id is not None else None
        name = (
            existing.contact_name if existing else services.contacts.get(contact_id).formatted_name
        )
        if existing is not None:
            event_id = existing.event_id
        title = f"Edit note about {name}" if existing else f"Note about {name}"
        self.setWindowTitle(window_title(title))
        self.setMinimumSize(460, 340)

        self.topic = QComboBox()
        for topic, label in TOPIC_LABELS.items():
            self.topic.addItem(label, topic.value)
        self.event_combo = EventCombo(services, event_id)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            "What you talked about, what you have in common, how you could help…"
        )
        self.body.setTabChangesFocus(True)

        form, self.errors = error_form()
        self.errors.add_row("&Kind", self.topic, "topic")
        self.errors.add_row("&Event", self.event_combo, "event")
        self.errors.add_row("&Note", self.body, "body")
        for field in (self.topic, self.event_combo, self.body):
            set_buddy(form, field)
        self.form_error = form_error_label()
        hint = plain_label("Ctrl+Enter saves.")
        hint.setEnabled(False)

        self.buttons, self.ok_button = save_cancel_buttons(
            self, "Save" if existing else "Add note", self.save
        )
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.ok_button.click)

        footer = QHBoxLayout()
        footer.addWidget(hint, 1)
        footer.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(footer)

        if existing is not None:
            self.topic.setCurrentIndex(max(self.topic.findData(existing.topic), 0))
            self.body.setPlainText(existing.body)
        # What the user left alone keeps what another window may save meanwhile.
        self._opened = self._value()
        self.body.setFocus()

    def _value(self) -> tuple[str, str, int | None]:
        return self.body.toPlainText(), str(self.topic.currentData()), self.event_combo.event_id()

    def save(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        body, topic, event_id = self._value()
        if stale := replaced_since(self._services, self._file):
            self.form_error.setText(stale)
            self.form_error.show()
            return

        def work() -> None:
            if self.note_id is None:
                self.note_id = self._services.notes.add(self._contact_id, body, topic, event_id)
            else:
                self._services.notes.update(self.note_id, body, topic, event_id, self._opened)

        if saved(self.errors, self.form_error, work):
            self.accept()
