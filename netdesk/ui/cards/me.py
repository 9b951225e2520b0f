"""When no contact is marked as "me" yet: say how to mark one, and let the user pick it now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.service_set import Services
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.person_picker import ContactPicker
from netdesk.ui.widgets.plain_text import plain_label

NO_ME_TITLE = "Which contact is you?"
NO_ME_TEXT = (
    "Your QR card shows your own contact, and netdesk does not know which one that is yet.\n\n"
    "Open your contact under People (or add it with New contact), tick “This is me (used for "
    "my own QR card)” and save. Or choose your contact now."
)
CHOOSE = "Choose my contact…"
ADD_ME = "Add myself…"


def no_me_box(parent: QWidget | None) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """The explanation, not yet shown, with its Choose and Add buttons."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        NO_ME_TITLE,
        NO_ME_TEXT,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    choose = box.addButton(CHOOSE, QMessageBox.ButtonRole.AcceptRole)
    add = box.addButton(ADD_ME, QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(choose)
    box.setEscapeButton(cancel)
    return box, choose, add


class ChooseMeDialog(QDialog):
    """Find one's own contact as one types; OK marks it as "me" (any earlier one stops being)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.contact_id: int | None = None
        self.setWindowTitle("Choose your own contact")
        self.setMinimumWidth(420)
        prompt = plain_label(
            "Type your name, organisation or email and pick yourself from the list. Your QR card "
            "will show this contact.",
            wrap=True,
        )
        self.picker = ContactPicker(services)
        prompt.setBuddy(self.picker)
        self.error_label = plain_label(wrap=True)
        theme.colour(self.error_label, theme.error)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Use for my QR card")
        self.ok_button.setEnabled(False)
        self.ok_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.picker.contact_changed.connect(self._update_ok)
        self.picker.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.picker)
        layout.addWidget(self.error_label)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.picker.contact_id() is not None)
        self.error_label.hide()

    def save(self) -> bool:
        contact_id = self.picker.contact_id()
        if contact_id is None:
            return False
        try:
            data = self._services.contacts.get(contact_id).as_input()
            data.is_me = True
            self._services.contacts.update(contact_id, data)
        except ValidationError as exc:
            # A contact whose stored details no longer pass the checks: say which, stay open.
            self._fail("Please fix this contact first: " + "; ".join(exc.errors.values()))
            return False
        except ServiceError as exc:
            self._fail(str(exc))
            return False
        self.contact_id = contact_id
        self.accept()
        return True

    def _fail(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
