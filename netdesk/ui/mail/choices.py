"""What the user chose in the mail dialogs, and the file dialogs that ask where drafts go.
Light on purpose: the main window imports ui.mail.actions before the database layer exists."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

OPEN, SAVE = "open", "save"

# (parent, caption, suggested path, name filter) -> the path chosen, "" when cancelled.
AskPath = Callable[[QWidget | None, str, str, str], str]
# (parent, caption, folder to start in) -> the folder chosen, "" when cancelled.
AskFolder = Callable[[QWidget | None, str, str], str]


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, name_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return path


def ask_folder(parent: QWidget | None, caption: str, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption, start)
