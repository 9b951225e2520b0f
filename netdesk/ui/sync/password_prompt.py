"""An account's password for the window: from the system keyring, else asked once per session.

The keyring holds app passwords between sessions. Where the system has no keyring (a bare
window manager, a container), netdesk asks when it first needs a password, keeps it in memory
until it quits, and says why it asks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from netdesk.errors import ServiceError
from netdesk.ui.widgets.plain_text import plain_label, window_title

NO_KEYRING_WHY = (
    "This system has no keyring to keep passwords in, so netdesk asks for it once each time "
    "it starts and keeps it in memory only."
)
NOT_STORED_WHY = "netdesk has no password for this account in the system keyring yet."
REFUSED_WHY = "The server refused the password netdesk had for this account."


class PasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None, account: str, username: str, why: str) -> None:
        super().__init__(parent)
        self.setObjectName("sync_password_dialog")
        self.setWindowTitle(window_title(f"Password for {account}"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.why = plain_label(why, wrap=True)
        self.why.setObjectName("password_why")
        layout.addWidget(self.why)
        self.prompt = plain_label(f"App password of {username} for {account}:", wrap=True)
        layout.addWidget(self.prompt)
        self.edit = QLineEdit()
        self.edit.setObjectName("password_edit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.prompt.setBuddy(self.edit)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def password(self) -> str:
        return self.edit.text()


class PasswordBook:
    """The passwords of this session: the keyring's, or those the user typed (then kept in
    memory only when the keyring cannot keep them)."""

    def __init__(self, parent: QWidget | None) -> None:
        self._parent = parent
        self._typed: dict[str, str] = {}
        self.keyring_missing = False

    def known(self, account: str, username: str) -> str | None:
        """The password without asking, or None when the user would have to be asked."""
        from netdesk.services.sync import passwords

        if account in self._typed:
            return self._typed[account]
        try:
            return passwords.lookup(account, username)
        except passwords.KeyringUnavailable:
            self.keyring_missing = True
            return None

    def get(self, account: str, username: str, *, refused: bool = False) -> str | None:
        """The password, asking the user when needed; None when they cancelled.
        `refused`: the server said no to the one known, so ask again."""
        if refused:
            self.forget(account)
        else:
            found = self.known(account, username)
            if found is not None:
                return found
        why = NO_KEYRING_WHY if self.keyring_missing else NOT_STORED_WHY
        why = REFUSED_WHY if refused else why
        dialog = PasswordDialog(self._parent, account, username, why)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password():
            return None
        self.remember(account, username, dialog.password())
        return dialog.password()

    def remember(self, account: str, username: str, password: str) -> None:
        """Into the keyring when there is one, else in memory for this session."""
        from netdesk.services.sync import passwords

        self._typed.pop(account, None)
        try:
            passwords.store(account, username, password)
        except passwords.KeyringUnavailable:
            self.keyring_missing = True
            self._typed[account] = password
        except ServiceError:
            self._typed[account] = password

    def keep_for_session(self, account: str, password: str) -> None:
        """A password the keyring could not keep (the account was added without one)."""
        self.keyring_missing = True
        self._typed[account] = password

    def forget(self, account: str) -> None:
        self._typed.pop(account, None)
