"""What the user chose in the mail dialogs, and the file dialogs that ask where drafts go.
Light on purpose: the main window imports ui.mail.actions before the database layer exists."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton, QWidget

OPEN, SAVE = "open", "save"

# (parent, caption, suggested path, name filter) -> the path chosen, "" when cancelled.
AskPath = Callable[[QWidget | None, str, str, str], str]
# (parent, caption, folder to start in) -> the folder chosen, "" when cancelled.
AskFolder = Callable[[QWidget | None, str, str], str]


def open_save_buttons(
    open_text: str, open_tip: str, save_tip: str, choose: Callable[[str], object]
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The mail dialogs' buttons: open in the mail program (the accepting one), Save draft…,
    Cancel; the first two call `choose` with OPEN or SAVE. Cancel is the box's `rejected`."""
    box = QDialogButtonBox()
    open_button = QPushButton(open_text)
    open_button.setToolTip(open_tip)
    save_button = QPushButton("Save draft…")
    save_button.setToolTip(save_tip)
    box.addButton(open_button, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(save_button, QDialogButtonBox.ButtonRole.ActionRole)
    box.addButton(QDialogButtonBox.StandardButton.Cancel)
    open_button.clicked.connect(lambda: choose(OPEN))
    save_button.clicked.connect(lambda: choose(SAVE))
    return box, open_button, save_button


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, name_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested, name_filter)
    return path


def ask_folder(parent: QWidget | None, caption: str, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption, start)
