"""File > Back up now and File > Restore backup…, and the daily backup when the window is used.

Kept out of main_window.py, which only makes this object. Cheap to import: the dialog loads on
first use.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.store import BackupStore, Database
    from netdesk.ui.backups.dialog import BackupDialog
    from netdesk.ui.shell import Shell

log = logging.getLogger(__name__)
NO_BACKUPS_TEXT = (
    "Backups are of SQLite database files; back up a PostgreSQL server with its own tools."
)


class BackupActions(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.act_back_up = shell.make_action(
            "&Back up now", self.back_up_now, None, None, "Make a backup of the database now"
        )
        self.act_restore = shell.make_action(
            "&Restore backup…",
            self.open_dialog,
            None,
            None,
            "List the database's backups, set how many are kept, and restore one",
        )
        self._place_in_file_menu()
        self.dialog: BackupDialog | None = None

    def _place_in_file_menu(self) -> None:
        menu = top_menu(self.shell.widget(), "File")
        if menu is not None:
            quit_action = self.shell.act_quit
            menu.insertAction(quit_action, self.act_back_up)
            menu.insertAction(quit_action, self.act_restore)
            menu.insertSeparator(quit_action)
            menu.aboutToShow.connect(self._update_enabled)

    def _store(self) -> BackupStore | None:
        services = getattr(self.shell, "services", None)
        if services is None or self.shell.damaged:
            return None
        return services.db.backups

    def actions(self) -> list[QAction]:
        return [self.act_back_up, self.act_restore]

    def _update_enabled(self) -> None:
        ready = self._store() is not None
        for act in self.actions():
            act.setEnabled(ready)

    def back_up_now(self) -> None:
        from netdesk.store import contact_count, people_text
        from netdesk.ui.backups.dialog import make_backup

        store = self._store()
        if store is None:
            self.shell.say(NO_BACKUPS_TEXT, 8000)
            return
        backup = make_backup(self.shell.widget(), store)
        if backup is not None:
            people = people_text(contact_count(backup.path))
            self.shell.say(f"Backed up {people} to {backup.path.name}", 8000)

    def open_dialog(self) -> BackupDialog | None:
        from netdesk.ui.backups.dialog import BackupDialog

        store = self._store()
        if store is None:
            self.shell.say(NO_BACKUPS_TEXT, 8000)
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = BackupDialog(self.shell.services.db, store, self.shell.widget())
        dialog.restored.connect(self._restored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._forget)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self) -> None:
        self.dialog = None

    def _restored(self, message: str) -> None:
        # What undo would bring back belongs to the state that was replaced.
        self.shell.undo_stack.clear()
        self.shell.say(message, 10000)


class _Relay(QObject):
    done = Signal(str)


class DailyBackup:
    """Once a day of use, a backup; `run` may be called from any thread (it is, after the
    start-up integrity check has found the file sound) and the status bar says when made."""

    def __init__(self, store: BackupStore, window: QMainWindow) -> None:
        self.store = store
        # Owned by the application, which outlives the window, so that a late report of the
        # thread never reaches a deleted object.
        self._relay = _Relay(QCoreApplication.instance())
        self._relay.done.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def run(self) -> None:
        from netdesk.services.errors import ServiceError

        try:
            backup = self.store.take_daily_if_due()
        except ServiceError as exc:
            log.warning("the daily backup failed: %s", exc)
            self._relay.done.emit(f"The daily backup failed: {exc}")
            return
        if backup is not None:
            self._relay.done.emit(f"Made today's backup ({backup.path.name})")


def daily_backup_in_background(db: Database, window: QMainWindow) -> threading.Thread | None:
    """The daily backup off the GUI thread (None for a database without file backups)."""
    if db.backups is None:
        return None
    daily = DailyBackup(db.backups, window)
    thread = threading.Thread(target=daily.run, name="netdesk-daily-backup", daemon=True)
    thread.start()
    return thread
