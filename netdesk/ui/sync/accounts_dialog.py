"""Settings > Accounts…: the CardDAV/CalDAV accounts netdesk syncs with, each with what it syncs
(address book, task list, calendar) and how its last sync went; Add…, Remove, History…, and
how often the window syncs by itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.errors import ServiceError
from netdesk.ui.sync.schedule import MAX_INTERVAL
from netdesk.ui.sync.sync_status import when_text
from netdesk.ui.widgets.plain_text import confirm, plain_label, safe_tooltip, show_error

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.services.sync.accounts import AccountInfo

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_WORDS = {"contacts": "Address book", "tasks": "Task list", "events": "Calendar"}
NO_ACCOUNTS = (
    "No accounts yet. Add one to have your contacts (and, if you like, your follow-ups as "
    "tasks) on your phone and your other computers."
)


def last_sync_text(info: AccountInfo) -> str:
    if info.last_error:
        return f"failed: {info.last_error}"
    return when_text(info.last_sync_at)


class AccountsDialog(QDialog):
    """`account_added(info, password)` once an account was added (the window then syncs it,
    and keeps the password for the session when the system has no keyring to keep it)."""

    account_added = Signal(object, str)

    def __init__(
        self,
        services: Services,
        interval: int,
        set_interval: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("accounts_dialog")
        self.setWindowTitle("Accounts")
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "netdesk syncs contacts both ways with these CardDAV and CalDAV accounts "
                "(Nextcloud, Fastmail, iCloud, mailbox.org, Radicale and others): what you change "
                "here reaches your phone, and what you change there comes here.",
                wrap=True,
            )
        )
        self.tree = QTreeWidget()
        self.tree.setObjectName("accounts_tree")
        self.tree.setHeaderLabels(["Account", "Server", "Last sync"])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda *_: self.show_history())
        layout.addWidget(self.tree, 1)
        self.empty_label = plain_label(NO_ACCOUNTS, wrap=True)
        self.empty_label.setObjectName("no_accounts")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        every = QHBoxLayout()
        every.addWidget(plain_label("Sync by itself every"))
        self.interval = QSpinBox()
        self.interval.setObjectName("interval_spin")
        self.interval.setRange(0, MAX_INTERVAL)
        self.interval.setSuffix(" minutes")
        self.interval.setSpecialValueText("never (only Sync now)")
        self.interval.setValue(interval)
        self.interval.setToolTip("While netdesk runs; 0 syncs only when you choose Sync now")
        self.interval.valueChanged.connect(set_interval)
        every.addWidget(self.interval)
        every.addStretch(1)
        layout.addLayout(every)

        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton("&Add…", QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.clicked.connect(self.add_account)
        self.remove_button = buttons.addButton("&Remove", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.clicked.connect(self.remove_selected)
        self.history_button = buttons.addButton("&History…", QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.clicked.connect(self.show_history)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(720, 400)

    # -- the list -----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        select = select or self.selected_account()
        self.tree.clear()
        try:
            accounts = self.services.accounts.list()
        except ServiceError as exc:
            show_error(self, "Cannot list the accounts", str(exc))
            accounts = []
        for info in accounts:
            item = QTreeWidgetItem([info.name, info.server_url, last_sync_text(info)])
            item.setData(0, NAME_ROLE, info.name)
            item.setToolTip(1, safe_tooltip(f"{info.username} at {info.server_url}"))
            item.setToolTip(2, safe_tooltip(last_sync_text(info)))
            children = []
            for kind, display_name, url in info.collections:
                # "Address book: Contacts" across the row, under its account.
                child = QTreeWidgetItem([f"{KIND_WORDS.get(kind, kind)}: {display_name or url}"])
                child.setData(0, NAME_ROLE, info.name)
                child.setToolTip(0, safe_tooltip(url))
                item.addChild(child)
                children.append(child)
            self.tree.addTopLevelItem(item)
            for child in children:  # spanning holds only once the item is in the tree
                child.setFirstColumnSpanned(True)
            item.setExpanded(True)
            if info.name == select:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self.empty_label.setVisible(not accounts)
        self.tree.setVisible(bool(accounts))
        self._selection_changed()

    def selected_account(self) -> str | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        return str(item.data(0, NAME_ROLE)) if item is not None else None

    def _selection_changed(self) -> None:
        chosen = self.selected_account() is not None
        self.remove_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)

    # -- the buttons --------------------------------------------------------------------------

    def make_add_dialog(self) -> QDialog:
        from netdesk.ui.sync.add_account_dialog import AddAccountDialog

        return AddAccountDialog(self.services.accounts, self)

    def add_account(self) -> None:
        from netdesk.ui.sync.add_account_dialog import AddAccountDialog

        dialog = self.make_add_dialog()
        assert isinstance(dialog, AddAccountDialog)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            self.reload(dialog.added.name)
            self.account_added.emit(dialog.added, dialog.password_edit.text())

    def remove_selected(self) -> bool:
        name = self.selected_account()
        if name is None:
            return False
        if not confirm(
            self,
            "Remove account",
            f"Stop syncing with {name}?\n\nThe contacts and follow-ups stay in netdesk and on "
            "the server; only the link between them goes, and the password leaves the keyring.",
            action="Remove",
        ):
            return False
        try:
            self.services.accounts.remove(name)
        except ServiceError as exc:
            show_error(self, "The account was not removed", str(exc))
            return False
        self.reload()
        return True

    def make_history_dialog(self, name: str) -> QDialog:
        from netdesk.ui.sync.history_dialog import HistoryDialog

        return HistoryDialog(self.services, name, self)

    def show_history(self) -> QDialog | None:
        name = self.selected_account()
        if name is None:
            return None
        dialog = self.make_history_dialog(name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
