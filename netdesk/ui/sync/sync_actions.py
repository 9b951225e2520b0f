"""Sync in the window: Sync now (toolbar and Sync menu), Sync > Conflicts…, Settings >
Accounts…; a run at start when there are accounts and every N minutes after, with backoff
after a failure; the status bar's progress and "Synced 14:02".

main_window.py only makes this object, `attach()`es it once the database is open and `stop()`s
it when the window closes. A run happens off the GUI thread (runner.py); everything that needs
the user (a password, a mass delete to confirm) is asked before or after it, on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QToolBar

from netdesk import clock
from netdesk.errors import ServiceError
from netdesk.ui.sync.password_prompt import PasswordBook
from netdesk.ui.sync.runner import JobRunner
from netdesk.ui.sync.schedule import SyncSchedule, interval_minutes
from netdesk.ui.sync.sync_job import AccountOutcome, SyncRequest, sync_accounts
from netdesk.ui.sync.sync_status import SyncStatus
from netdesk.ui.widgets.menus import top_menu
from netdesk.ui.widgets.plain_text import confirm

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.services.sync.accounts import AccountInfo
    from netdesk.ui.shell import Shell
    from netdesk.ui.sync.accounts_dialog import AccountsDialog
    from netdesk.ui.sync.conflicts_dialog import ConflictsDialog

NO_ACCOUNTS = "No accounts to sync with yet: add one under Settings > Accounts…"
UNDO_LABEL = "sync deletions"


def mass_delete_text(account: str, count: int, side: str) -> str:
    return (
        f"Delete {count:,} contacts {side}?\n\n"
        f"The sync of {account} found them deleted on the other side. If that is not what you "
        "meant, choose Don't delete: nothing is changed, and the next sync asks again."
    )


def empty_side_text(account: str, side: str) -> str:
    other = "here" if side == "on the server" else "on the server"
    return (
        f"The address book of {account} suddenly reads empty {side}.\n\n"
        f"That is more often a fault (a server being restored, a wrong account) than a wish to "
        f"delete everyone, so nothing was deleted {other}. If everything was deleted on "
        f"purpose, choose Delete to delete it {other} too; otherwise Don't delete, and the "
        "next sync asks again."
    )


class SyncActions(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        window = shell.widget()
        self.act_sync = shell.make_action(
            "&Sync now", self.sync_now, "F5", "sync", "Sync contacts with your accounts now"
        )
        self.act_conflicts = shell.make_action(
            "&Conflicts…",
            self.show_conflicts,
            None,
            None,
            "Choose between values changed both here and on a server",
        )
        self.act_accounts = shell.make_action(
            "&Accounts…",
            self.show_accounts,
            None,
            "settings",
            "Add or remove CardDAV and CalDAV accounts",
        )
        self.sync_menu = QMenu("S&ync", window)
        self.sync_menu.addAction(self.act_sync)
        self.sync_menu.addAction(self.act_conflicts)
        self.settings_menu = QMenu("Se&ttings", window)
        self.settings_menu.addAction(self.act_accounts)
        help_menu = top_menu(window, "Help")
        bar = window.menuBar()
        for menu in (self.sync_menu, self.settings_menu):
            if help_menu is not None:
                bar.insertMenu(help_menu.menuAction(), menu)
            else:
                bar.addMenu(menu)
        toolbar = window.findChild(QToolBar, "main_toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.act_sync)
        self.status = SyncStatus(window.statusBar())
        self.runner = JobRunner(self)
        self.runner.progress.connect(self.status.show_progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.schedule = SyncSchedule(shell.settings, self)
        self.schedule.due.connect(lambda: self.sync_now(auto=True))
        self.passwords = PasswordBook(window)
        self._auto = False
        self.accounts_dialog: AccountsDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        for act in self.data_actions:
            act.setEnabled(False)

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        return (self.act_sync, self.act_conflicts, self.act_accounts)

    def _services(self) -> Services | None:
        services = getattr(self.shell, "services", None)
        return None if services is None or self.shell.damaged else services

    # -- the window's life --------------------------------------------------------------------

    def attach(self) -> None:
        """The database is open: sync now if there are accounts, and then on the timer."""
        for act in self.data_actions:
            act.setEnabled(True)
        services = self._services()
        if services is None:
            return
        try:
            accounts = services.accounts.list()
        except ServiceError:
            accounts = []
        self.show_conflict_count()
        if accounts:
            self.status.show_idle("Sync waiting")
            # Once the window is up: the run at start never delays its first paint.
            QTimer.singleShot(0, lambda: self.sync_now(auto=True))
        else:
            self.schedule.arm()

    def stop(self) -> None:
        """The window is closing: no more runs, and the one running is cancelled."""
        self.schedule.stop()
        self.runner.stop()

    # -- a run --------------------------------------------------------------------------------

    def sync_now(
        self, auto: bool = False, only: set[str] | None = None, allow: frozenset[str] = frozenset()
    ) -> bool:
        """Start a run of every account (or of `only`); False when none started. `auto`: the
        timer's or the start's, which never asks for a password (Sync now does)."""
        services = self._services()
        if services is None:
            return False
        if self.runner.busy():
            if not auto:
                self.shell.say("A sync is running already.", 4000)
            return False
        try:
            accounts = [a for a in services.accounts.list() if only is None or a.name in only]
        except ServiceError as exc:
            self.status.show_failed(str(exc))
            return False
        if not accounts:
            if not auto:
                self.shell.say(NO_ACCOUNTS, 8000)
            self.schedule.arm()
            return False
        passwords: dict[str, str] = {}
        waiting: list[str] = []
        for account in accounts:
            # The runs at start and on the timer never open a prompt by themselves (it would
            # come up over the welcome screen, or over whatever the user is typing): without a
            # keyring, Sync now asks, once per session.
            if auto:
                found = self.passwords.known(account.name, account.username)
            else:
                found = self.passwords.get(account.name, account.username)
            if found is not None:
                passwords[account.name] = found
            elif auto:
                waiting.append(account.name)
        if not passwords:
            self.status.show_idle(
                f"Not synced: Sync now (F5) asks for the password of {', '.join(waiting)}"
                if waiting
                else "Not synced: no password"
            )
            self.schedule.arm()
            return False
        request = SyncRequest(passwords, allow)
        sync = services.sync
        self._auto = auto
        started = self.runner.start(
            lambda progress, cancel: sync_accounts(sync, request, progress, cancel)
        )
        if started:
            self.status.show_started()
        return started

    def _finished(self, outcomes: list[AccountOutcome]) -> None:
        self.status.show_finished(outcomes, clock.now())
        for outcome in outcomes:
            if outcome.report is not None and outcome.report.deleted_here is not None:
                self._push_undo(outcome.report.deleted_here)
        self.schedule.ran(ok=all(o.error is None for o in outcomes))
        self._refresh_dialogs()
        self.show_conflict_count()
        self._follow_up(outcomes)

    def _failed(self, error: ServiceError) -> None:
        self.status.show_failed(str(error))
        self.schedule.ran(ok=False)

    def _follow_up(self, outcomes: list[AccountOutcome]) -> None:
        """What a run leaves for the user: a mass delete to confirm, a refused password to type
        again (not after the timer's runs: those wait for Sync now, so that no password prompt
        pops up by itself). Then the accounts concerned run again."""
        from netdesk.dav.errors import AuthFailed
        from netdesk.services.sync.errors import EmptySideStop, MassDeleteBlocked

        window = self.shell.widget()
        again: set[str] = set()
        allow: set[str] = set()
        for outcome in outcomes:
            error = outcome.error
            if isinstance(error, MassDeleteBlocked):
                if confirm(
                    window,
                    "Delete many contacts?",
                    mass_delete_text(outcome.account, error.count, error.side),
                    action="Delete",
                    keep="Don't delete",
                ):
                    again.add(outcome.account)
                    allow.add(outcome.account)
            elif isinstance(error, EmptySideStop):
                if confirm(
                    window,
                    "Everything deleted?",
                    empty_side_text(outcome.account, error.side),
                    action="Delete",
                    keep="Don't delete",
                ):
                    again.add(outcome.account)
                    allow.add(outcome.account)
            elif isinstance(error, AuthFailed):
                self.passwords.forget(outcome.account)
                if not self._auto and self._ask_again(outcome.account):
                    again.add(outcome.account)
        if again:
            self.sync_now(only=again, allow=frozenset(allow))

    def _ask_again(self, account: str) -> bool:
        services = self._services()
        if services is None:
            return False
        try:
            username = services.accounts.get(account).username
        except ServiceError:
            return False
        return self.passwords.get(account, username, refused=True) is not None

    def _push_undo(self, snapshot: object) -> None:
        from netdesk.ui.undo.commands import DeleteCommand

        services = self._services()
        if services is None:
            return
        contacts = services.contacts
        ids = [
            int(row["id"])
            for table, rows in getattr(snapshot, "rows", [])
            if table == "contacts"
            for row in rows
        ]
        command = DeleteCommand(
            UNDO_LABEL, snapshot, lambda: contacts.delete(ids), contacts.restore
        )
        self.shell.undo_stack.push(command)

    # -- the dialogs --------------------------------------------------------------------------

    def show_accounts(self) -> AccountsDialog | None:
        from netdesk.ui.sync.accounts_dialog import AccountsDialog

        services = self._services()
        if services is None:
            return None
        if self.accounts_dialog is not None and self.accounts_dialog.isVisible():
            self.accounts_dialog.raise_()
            return self.accounts_dialog
        dialog = AccountsDialog(
            services,
            interval_minutes(self.shell.settings),
            self.schedule.set_interval,
            self.shell.widget(),
        )
        dialog.account_added.connect(self._added)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "accounts_dialog", None))
        self.accounts_dialog = dialog
        dialog.open()
        return dialog

    def _added(self, info: AccountInfo, password: str) -> None:
        """Sync a new account at once; without a keyring its password lives in memory."""
        if info.password_note:
            self.passwords.keep_for_session(info.name, password)
            self.shell.say(f"{info.password_note}; netdesk keeps it until it quits.", 10000)
        self.sync_now(only={info.name})

    def show_conflicts(self) -> ConflictsDialog | None:
        from netdesk.ui.sync.conflicts_dialog import ConflictsDialog

        services = self._services()
        if services is None:
            return None
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self.conflicts_dialog.reload()
            self.conflicts_dialog.raise_()
            return self.conflicts_dialog
        dialog = ConflictsDialog(services, self.shell.widget())
        dialog.resolved.connect(self.show_conflict_count)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda: setattr(self, "conflicts_dialog", None))
        self.conflicts_dialog = dialog
        dialog.open()
        return dialog

    def show_conflict_count(self, count: int | None = None) -> None:
        """ "Conflicts (2)…" in the Sync menu while some wait for the user."""
        if count is None:
            services = self._services()
            try:
                count = len(services.sync.conflicts()) if services is not None else 0
            except ServiceError:
                count = 0
        self.act_conflicts.setText(f"&Conflicts ({count})…" if count else "&Conflicts…")

    def _refresh_dialogs(self) -> None:
        for dialog in (self.accounts_dialog, self.conflicts_dialog):
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reload()  # type: ignore[attr-defined]
