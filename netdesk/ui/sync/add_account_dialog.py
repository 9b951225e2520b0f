"""Settings > Accounts > Add…: a server (or just its domain), a user name and an app password;
Discover finds the address books, task lists and calendars to choose from, and Add account
keeps the choice. Everything that can go wrong is said in words inside the dialog; a
certificate that does not verify is shown by its fingerprint, to trust or not."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.dav.errors import CertificateNotTrusted
from netdesk.errors import ServiceError
from netdesk.ui.sync.runner import JobRunner
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import confirm, plain_label, safe_tooltip

if TYPE_CHECKING:
    from netdesk.dav.discovery import CollectionInfo, Discovery
    from netdesk.services.sync.accounts import AccountInfo, AccountService

INTRO = (
    "Enter your server's address (or just the domain, such as example.com), your user name and "
    "an app password made for netdesk in your account's security settings. The password is kept "
    "in the system keyring, never in netdesk's database."
)
NONE_TASKS = "None (follow-ups stay in netdesk)"
NONE_EVENTS = "None (events stay in netdesk)"
NO_BOOK = "The server offers no address book"


def collection_text(info: CollectionInfo) -> str:
    return info.display_name or info.url


def trust_question(parent: QWidget, error: CertificateNotTrusted) -> bool:
    """Whether the user trusts the certificate with this fingerprint."""
    why = f" ({error.reason})" if error.reason else ""
    return confirm(
        parent,
        "Certificate not trusted",
        f"The certificate of {error.host} does not verify{why}. Trust it only if the server is "
        "your own (or its owner gave you its fingerprint) and the fingerprint is this one:\n\n"
        f"SHA-256 {error.fingerprint}\n\nnetdesk then accepts exactly this certificate for "
        "this account and refuses any other.",
        action="Trust",
    )


class AddAccountDialog(QDialog):
    """`added` holds the new account once the dialog is accepted."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.added: AccountInfo | None = None
        self.discovery: Discovery | None = None
        self.fingerprint = ""
        self._on_trust: Callable[[], None] = self.discover
        self.setObjectName("add_account_dialog")
        self.setWindowTitle("Add account")
        self.setMinimumWidth(480)
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._job_done)
        self.runner.failed.connect(self._job_failed)
        self._then: Callable[[Any], None] = lambda _result: None

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(INTRO, wrap=True))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("url_edit")
        self.url_edit.setPlaceholderText("https://dav.example.com/ or example.com")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("user_edit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name_edit")
        self.name_edit.setPlaceholderText("The server's name unless you give one")
        form.addRow("&Server:", self.url_edit)
        form.addRow("&User name:", self.user_edit)
        form.addRow("App &password:", self.password_edit)
        form.addRow("Account &name:", self.name_edit)
        layout.addLayout(form)
        self.discover_button = QPushButton("&Discover")
        self.discover_button.setObjectName("discover_button")
        self.discover_button.setToolTip("Ask the server which address books and lists it has")
        self.discover_button.clicked.connect(self.discover)
        layout.addWidget(self.discover_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.message = plain_label(wrap=True)
        self.message.setObjectName("account_message")
        self.message.hide()
        layout.addWidget(self.message)

        self.choices = QGroupBox("Sync with")
        choices = QFormLayout(self.choices)
        choices.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addressbook_combo = QComboBox()
        self.addressbook_combo.setObjectName("addressbook_combo")
        self.tasks_combo = QComboBox()
        self.tasks_combo.setObjectName("tasks_combo")
        self.calendar_combo = QComboBox()
        self.calendar_combo.setObjectName("calendar_combo")
        choices.addRow("Contacts:", self.addressbook_combo)
        choices.addRow("Follow-ups as tasks:", self.tasks_combo)
        choices.addRow("Events:", self.calendar_combo)
        self.choices.setEnabled(False)
        layout.addWidget(self.choices)

        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton(
            "Add account", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setObjectName("add_button")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill_choices()
        for edit in (self.url_edit, self.user_edit, self.password_edit):
            edit.textEdited.connect(self._details_changed)

    # -- what the user typed ------------------------------------------------------------------

    def _details_changed(self) -> None:
        """What was found belongs to the details it was found with."""
        if self.discovery is not None:
            self.discovery = None
            self.fingerprint = ""
            self._fill_choices()
        self.message.hide()

    def _missing(self) -> str:
        if not self.url_edit.text().strip():
            return "Enter the server's address."
        if not self.user_edit.text().strip():
            return "Enter your user name."
        if not self.password_edit.text():
            return "Enter the app password."
        return ""

    # -- discovery and adding, off the GUI thread ---------------------------------------------

    def discover(self) -> None:
        missing = self._missing()
        if missing:
            self.say(missing, error=True)
            return
        url, user, password = self._details()
        fingerprint = self.fingerprint
        self._on_trust = self.discover
        self._run(
            "Asking the server…",
            lambda: self.accounts.discover(url, user, password, trusted_fingerprint=fingerprint),
            self._discovered,
        )

    def add(self) -> None:
        if self.discovery is None:
            return
        url, user, password = self._details()
        name = self.name_edit.text().strip() or None
        book, tasks, calendar = self.chosen()
        fingerprint = self.fingerprint
        self._on_trust = self.add
        self._run(
            "Adding the account…",
            lambda: self.accounts.add(
                url,
                user,
                password,
                name=name,
                addressbook=book,
                tasks=tasks,
                calendar=calendar,
                trusted_fingerprint=fingerprint,
            ),
            self._added,
        )

    def _details(self) -> tuple[str, str, str]:
        url, user = self.url_edit.text().strip(), self.user_edit.text().strip()
        return url, user, self.password_edit.text()

    def _run(self, doing: str, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self._then = then
        if self.runner.start(lambda _progress, _cancel: work()):
            self.say(doing)
            self._set_busy(True)

    def _job_done(self, result: object) -> None:
        self._set_busy(False)
        self._then(result)

    def _job_failed(self, error: object) -> None:
        self._set_busy(False)
        if isinstance(error, CertificateNotTrusted):
            self.say(str(error), error=True)
            if trust_question(self, error):
                self.fingerprint = error.fingerprint
                self._on_trust()
            return
        self.say(str(error) if isinstance(error, ServiceError) else "Something went wrong.", True)

    def _set_busy(self, busy: bool) -> None:
        self.discover_button.setEnabled(not busy)
        self.add_button.setEnabled(not busy and self.discovery is not None)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        theme.colour(self.message, theme.error if error else theme.muted)
        self.message.setVisible(bool(text))

    def _discovered(self, result: object) -> None:
        from netdesk.dav.discovery import Discovery

        assert isinstance(result, Discovery)
        self.discovery = found = result
        self._fill_choices()
        counts = [
            _count(len(found.addressbooks), "address book"),
            _count(len(found.task_lists), "task list"),
            _count(len(found.calendars), "calendar"),
        ]
        self.say(f"Found {', '.join(counts)}. Choose what to sync, then Add account.")
        self._set_busy(False)

    def _added(self, result: object) -> None:
        self.added = result  # type: ignore[assignment]
        self.accept()

    # -- the lists ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        found = self.discovery
        self.choices.setEnabled(found is not None)
        self.add_button.setEnabled(found is not None)
        # Enter discovers until something is found, then adds.
        self.add_button.setDefault(found is not None)
        self.discover_button.setDefault(found is None)
        for combo in (self.addressbook_combo, self.tasks_combo, self.calendar_combo):
            combo.clear()
        if found is not None:
            _fill(self.addressbook_combo, found.addressbooks, None)
            _fill(self.tasks_combo, found.task_lists, NONE_TASKS)
            _fill(self.calendar_combo, found.calendars, NONE_EVENTS)

    def chosen(self) -> tuple[str | None, str | None, str | None]:
        """The URLs of the address book, task list and calendar chosen (None: not synced)."""
        return (
            self.addressbook_combo.currentData(),
            self.tasks_combo.currentData(),
            self.calendar_combo.currentData(),
        )


def _fill(combo: QComboBox, found: Sequence[CollectionInfo], none: str | None) -> None:
    """The collections found. With `none`, after a "None" entry that is chosen (no task list,
    no calendar unless the user picks one); without, the first is chosen (an account syncs an
    address book: the first unless the user picks another)."""
    if none is not None:
        combo.addItem(none, None)
    for info in found:
        combo.addItem(collection_text(info), info.url)
        combo.setItemData(combo.count() - 1, safe_tooltip(info.url), Qt.ItemDataRole.ToolTipRole)
    if combo.count() == 0:
        combo.addItem(NO_BOOK, None)
    combo.setCurrentIndex(0)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"
