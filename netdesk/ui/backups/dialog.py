"""File > Restore backup…: the database's backups with their dates and head counts, how many
are kept, a backup made now, and a restore after confirming (of a listed backup or any file)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.store import (
    DAMAGED_PREFIX,
    MAX_KEEP,
    Backup,
    BackupStore,
    Database,
    contact_count,
    people_text,
)
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.plain_text import confirm, plain_label, show_error

WHEN, WHY, PEOPLE, SIZE = range(4)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def when_text(moment: datetime) -> str:
    """A backup's time as the user's clock shows it: "26 Nov 2026, 13:05"."""
    return moment.astimezone().strftime("%-d %b %Y, %H:%M")


def size_text(size: int) -> str:
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    return f"{max(size // 1024, 1)} KB"


def people_cell(count: int | None) -> str:
    return "unreadable" if count is None else people_text(count)


def make_backup(parent: QWidget, store: BackupStore) -> Backup | None:
    """File > Back up now and the dialog's button: a backup, or a message saying why not."""
    try:
        with busy_cursor():
            return store.take("manual")
    except ServiceError as exc:
        show_error(parent, "No backup was made", str(exc))
        return None


class BackupDialog(QDialog):
    """`restored(message)` once a restore replaced the database's content."""

    restored = Signal(str)

    def __init__(self, db: Database, store: BackupStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.store = store
        self.setWindowTitle("Backups")
        self.setObjectName("backup_dialog")
        layout = QVBoxLayout(self)
        intro = plain_label(
            f"Backups of {store.database.name} are made before every upgrade, before imports "
            "and merges of more than a handful of people, and once a day when netdesk is used. "
            "Restoring one replaces everything in the database; the state it replaces is "
            "backed up first.",
            wrap=True,
        )
        layout.addWidget(intro)

        self.table = QTreeWidget()
        self.table.setObjectName("backups_table")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels(["When", "Why", "People", "Size"])
        header = self.table.header()
        header.setStretchLastSection(False)
        self.table.setStyleSheet("QTreeView::item { padding: 3px 10px 3px 4px; }")
        for column in (PEOPLE, SIZE):
            self.table.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PEOPLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty_label = plain_label("No backups yet.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel("Keep the last"))
        self.keep = QSpinBox()
        self.keep.setObjectName("keep_spin")
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setValue(store.keep)
        self.keep.setSuffix(" backups")
        self.keep.setToolTip("Older backups are deleted when a new one is made")
        self.keep.editingFinished.connect(self._keep_changed)
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        self.folder_button = QPushButton("Show folder")
        self.folder_button.setToolTip(str(store.folder))
        self.folder_button.clicked.connect(self._show_folder)
        keep_row.addWidget(self.folder_button)
        layout.addLayout(keep_row)

        self.status = plain_label(wrap=True)
        self.status.setObjectName("backup_status")
        layout.addWidget(self.status)

        buttons = QDialogButtonBox()
        self.back_up_button = buttons.addButton(
            "Back up now", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.back_up_button.clicked.connect(self.back_up_now)
        self.from_file_button = buttons.addButton(
            "Restore from file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.from_file_button.clicked.connect(self._pick_file)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(640, 420)

    # --- the list ------------------------------------------------------------------------

    def reload(self, select: Path | None = None) -> None:
        self.table.clear()
        for backup in self.store.backups():
            item = QTreeWidgetItem(
                [
                    when_text(backup.taken_at),
                    backup.label,
                    people_cell(contact_count(backup.path)),
                    size_text(backup.size),
                ]
            )
            item.setData(WHEN, PATH_ROLE, str(backup.path))
            item.setToolTip(WHEN, backup.taken_at.astimezone().isoformat(timespec="seconds"))
            item.setTextAlignment(PEOPLE, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(SIZE, Qt.AlignmentFlag.AlignRight)
            self.table.addTopLevelItem(item)
            if select is not None and backup.path == select:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        empty = self.table.topLevelItemCount() == 0
        self.empty_label.setVisible(empty)
        self._selection_changed()

    def selected_path(self) -> Path | None:
        item = self.table.currentItem()
        return Path(item.data(WHEN, PATH_ROLE)) if item is not None else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _keep_changed(self) -> None:
        if self.keep.value() == self.store.keep:
            return
        try:
            self.store.set_keep(self.keep.value())
        except ServiceError as exc:
            show_error(self, "Cannot change how many backups are kept", str(exc))
            return
        self.reload(self.selected_path())

    def _show_folder(self) -> None:
        self.store.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.folder)))

    # --- making and restoring ------------------------------------------------------------

    def back_up_now(self) -> Backup | None:
        backup = make_backup(self, self.store)
        if backup is None:
            return None
        self.status.setText(f"Backed up {people_text(contact_count(backup.path))}.")
        self.reload(backup.path)
        return backup

    def restore_selected(self) -> bool:
        path = self.selected_path()
        item = self.table.currentItem()
        if path is None or item is None:
            return False
        what = f"the backup of {item.text(WHEN)} ({item.text(PEOPLE)})"
        return self.restore(path, what)

    def _pick_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup file",
            str(self.store.folder if self.store.folder.is_dir() else Path.home()),
            "netdesk databases (*.sqlite *.db *.bak);;All files (*)",
        )
        if name:
            path = Path(name)
            self.restore(path, f"{path.name} ({people_text(contact_count(path))})")

    def restore(self, path: Path, what: str) -> bool:
        """Asks first; True once restored."""
        now = people_text(contact_count(self.store.database))
        if not confirm(
            self,
            "Restore backup",
            f"Replace everything in {self.store.database.name} ({now} now) with {what}?\n\n"
            "The current state is backed up first, so you can go back to it by restoring "
            "that backup.",
            action="Restore",
        ):
            return False
        try:
            with busy_cursor():
                kept = self._db.restore(path)
        except ServiceError as exc:
            show_error(self, "Nothing was restored", str(exc))
            return False
        message = f"Restored {what}."
        if kept is not None and kept.name.startswith(DAMAGED_PREFIX):
            message += f" The damaged database was moved to {kept}."
        elif kept is not None:
            message += " The state it replaced is the newest backup, “Before a restore”."
        self.status.setText(message)
        self.reload(kept)
        self.restored.emit(message)
        return True
