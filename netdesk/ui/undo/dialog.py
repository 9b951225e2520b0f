"""A modal dialog whose changes go on the main window's undo stack, with its own Ctrl+Z."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from netdesk.ui.widgets.icons import icon


class UndoableDialog(QDialog):
    """Gives the dialog `undo_action` (Ctrl+Z) and `undo_button` on the shared stack, and
    calls `reload` whenever the stack moves (a step here, or an undo or redo of any step)
    until the dialog is done. Subclasses build their page, place `undo_button` and load."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        # The main window's Ctrl+Z does not reach into a modal dialog: the dialog has its own,
        # on the same stack, so a change made here can be undone here.
        self.undo_action = undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.addAction(self.undo_action)
        # A plain "Undo" button: the action's own text names the step, which can be long.
        self.undo_button = QPushButton(icon("undo"), "Undo")
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")
        self.undo_button.setEnabled(undo_stack.canUndo())
        self.undo_button.clicked.connect(self.undo_action.trigger)
        # Straight to the button's own slot (no Python in between): Qt drops the connection
        # when the button goes, while the stack lives on.
        undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        undo_stack.indexChanged.connect(self._stack_moved)
        self._watching_stack = True

    def reload(self) -> None:
        raise NotImplementedError

    def _stack_moved(self, _index: int) -> None:
        self.reload()

    def done(self, result: int) -> None:
        # The stack outlives the dialog: stop reloading what nobody sees.
        if self._watching_stack:
            self.undo_stack.indexChanged.disconnect(self._stack_moved)
            self._watching_stack = False
        super().done(result)
