"""The window follows its database: another process's commits reload the views (through the
change bridge, as the window's own do), and a file replaced under the window (a restore from
the command line) is reopened, or, where it cannot be, the window says why and offers to
reopen it. The watching itself is netdesk.store.change_watch; this only polls it and presents."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from netdesk.store import ALL_KINDS, ChangeWatch, Identity, Outcome
from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.ui.shell import Shell

    class WatchedWindow(Shell, Protocol):
        def show_database_open(self, is_open: bool, label: str, tip: str) -> None:
            """Pages and data actions usable or frozen, and the status bar's database label."""
            ...


log = logging.getLogger(__name__)

# A check costs a stat and one tiny query: once a second shows a change within about a second.
POLL_MS = 1000
REPLACED_TEXT = "The database file was replaced (restored from a backup?); reopened."
REOPENED_TEXT = "Reopened the database."
RESTORED_TEXT = (
    "The database was restored from a backup; showing the restored data (the state it "
    "replaced is kept as a backup: File > Restore backup…)."
)
BACK_TEXT = "A database file is there again (put back, or a new one); reopened."
LOG_GONE_TEXT = (
    "The database's -wal or -shm file was deleted while the window had it open: its last "
    "changes were written into the database, which was reopened."
)
NOT_OPEN_TITLE = "The database is not open"
NOT_OPEN_STATUS = "The database is not open; File > Reopen database tries again."
REPLACED_PREFIX = "The database file was replaced while the window had it open. "
LAYOUT_PREFIX = "Another netdesk changed the database's layout while the window had it open. "


class OutsideChanges(QObject):
    def __init__(self, window: WatchedWindow) -> None:
        super().__init__(window.widget())
        self.window = window
        self.db = window.services.db
        self.name = self.db.display_name
        self.watch = ChangeWatch.for_database(self.db)
        # Set while the database could not be reopened: the file that failed (None: no file).
        self.failed: tuple[Identity | None] | None = None
        self.message_box: QMessageBox | None = None
        # A restore into the sound file itself (what `netdesk restore` does) looks like any
        # other change; the backup it makes first tells it apart.
        self.restores_seen = self._restore_backups()
        self.db.restore_listeners.append(self._own_restore)
        self.act_reopen = window.make_action(
            "Re&open database",
            self.reopen_now,
            None,
            None,
            "Open the database again, as when the window started",
        )
        self._place_in_file_menu()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        window.widget().installEventFilter(self)

    def _place_in_file_menu(self) -> None:
        menu = top_menu(self.window.widget(), "File")
        if menu is not None:
            menu.insertAction(self.window.act_quit, self.act_reopen)
            menu.insertSeparator(self.window.act_quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.widget() and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def stop(self) -> None:
        self.timer.stop()
        self.watch.close()
        if self._own_restore in self.db.restore_listeners:
            self.db.restore_listeners.remove(self._own_restore)

    def _own_restore(self) -> None:
        # The window restored a backup itself and says so: not news from another process.
        self.restores_seen = self._restore_backups()

    def poll(self) -> None:
        if self.failed is not None:
            # Try again by itself once another file is put in place (a second restore).
            now = self.watch.file_now()
            if now is not None and (now,) != self.failed:
                # After the file went, a file there again may be it, put back, or a new one
                # (a deleted file's inode number is reused): the window cannot tell, and
                # treats it as another file (editors opened before save nothing into it).
                was_gone = self.failed == (None,)
                self._reopen(BACK_TEXT if was_gone else REPLACED_TEXT, REPLACED_PREFIX)
            return
        outcome = self.watch.check()
        if outcome is Outcome.CHANGED:
            self.window.bridge.changed.emit(ALL_KINDS)
            restores = self._restore_backups()
            if restores - self.restores_seen:
                self.window.say(RESTORED_TEXT, 15000)
                # As after the window's own restore: its steps belong to the state replaced.
                self.window.undo_stack.clear()
            self.restores_seen = restores
        elif outcome is Outcome.REPLACED:
            self._reopen(REPLACED_TEXT, REPLACED_PREFIX)
        elif outcome is Outcome.GONE:
            self._reopen(REOPENED_TEXT)
        elif outcome is Outcome.LOG_GONE:
            self._reopen(LOG_GONE_TEXT)
        elif outcome is Outcome.LAYOUT_CHANGED:
            self._reopen(REOPENED_TEXT, LAYOUT_PREFIX)

    def _restore_backups(self) -> set[Path]:
        store = self.db.backups
        if store is None:
            return set()
        return {b.path for b in store.backups() if b.reason == "restore"}

    def reopen_now(self) -> bool:
        return self._reopen(REOPENED_TEXT)

    def _reopen(self, done_text: str, failed_prefix: str = "") -> bool:
        try:
            self.watch.reopen()
        except Exception as exc:  # DatabaseOpenError, or the file vanishing meanwhile
            log.info("reopening %s failed: %s", self.db.url, exc)
            self._not_open(failed_prefix + str(exc))
            return False
        self.failed = None
        self._close_message()
        self.window.show_database_open(True, f"Database: {self.name}", self.db.url)
        # What undo would bring back belongs to the file that was replaced.
        self.window.undo_stack.clear()
        self.window.bridge.changed.emit(ALL_KINDS)
        self.window.say(done_text, 15000)
        return True

    def _not_open(self, reason: str) -> None:
        """Nothing may be read from or written to what is at the path now: the views are
        frozen as they were, and the window says why and how to go on."""
        self.failed = (self.watch.file_now(),)
        self.window.show_database_open(False, f"Database: {self.name} (not open)", reason)
        self.window.say(NOT_OPEN_STATUS)
        self.window.undo_stack.clear()  # its steps belong to the file that went
        self._close_message()
        box = QMessageBox(QMessageBox.Icon.Warning, NOT_OPEN_TITLE, "", parent=self.window.widget())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"{reason}\n\nThe window shows the database as it was and saves nothing until it "
            "is open again. Put the file back or restore a backup (netdesk restore), then "
            "reopen it (File > Reopen database)."
        )
        reopen_button = box.addButton("Reopen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        reopen_button.clicked.connect(lambda: QTimer.singleShot(0, self.reopen_now))
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.message_box = box
        box.show()

    def _close_message(self) -> None:
        if self.message_box is not None:
            self.message_box.close()
            self.message_box.deleteLater()
            self.message_box = None
