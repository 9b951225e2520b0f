"""Accounts > History…: an account's last sync runs, newest first, with what each one sent,
received, deleted and left to decide, and the list of people it touched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.errors import ServiceError
from netdesk.ui.sync.sync_status import when_text
from netdesk.ui.widgets.plain_text import plain_label, window_title

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.services.sync.report import RunInfo

OUTCOME_WORDS = {
    "running": "running",
    "ok": "synced",
    "conflicts": "conflicts to look at",
    "partial": "some items not synced",
    "failed": "failed",
    "stopped": "stopped",
}
COLUMNS = ["When", "Outcome", "Sent", "Received", "Deleted", "Conflicts"]
FIGURES = range(2, 6)


def run_details(run: RunInfo) -> str:
    lines = [run.message] if run.message else []
    lines.extend(run.details)
    return "\n".join(lines) if lines else "Nothing changed."


class HistoryDialog(QDialog):
    def __init__(self, services: Services, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(window_title(f"Sync history of {account}"))
        layout = QVBoxLayout(self)
        try:
            self.runs = services.sync.history(account)
            error = ""
        except ServiceError as exc:
            self.runs, error = [], str(exc)
        self.table = QTreeWidget()
        self.table.setObjectName("runs_table")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setHeaderLabels(COLUMNS)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in FIGURES:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.table.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        for run in self.runs:
            figures = (run.sent, run.received, run.deleted, run.conflicts)
            item = QTreeWidgetItem(
                [
                    when_text(run.started_at),
                    OUTCOME_WORDS.get(run.outcome, run.outcome),
                    *(f"{n:,}" for n in figures),
                ]
            )
            for column in FIGURES:
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.table.addTopLevelItem(item)
        self.details = QPlainTextEdit()
        self.details.setObjectName("run_details")
        self.details.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        layout.addWidget(splitter, 1)
        self.empty_label = plain_label(error or "No syncs yet.", wrap=True)
        self.empty_label.setVisible(not self.runs)
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.currentItemChanged.connect(self._show_details)
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)

    def sizeHint(self) -> QSize:
        return QSize(680, 460)

    def _show_details(self) -> None:
        item = self.table.currentItem()
        row = self.table.indexOfTopLevelItem(item) if item is not None else -1
        self.details.setPlainText(run_details(self.runs[row]) if row >= 0 else "")
