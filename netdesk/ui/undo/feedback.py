"""What the undo stack tells the user: tooltips naming the next step, and messages after one."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QStatusBar

from netdesk.ui.widgets.plain_text import safe_tooltip


def _shown(text: str) -> str:
    return text.replace("&&", "&")  # step texts double "&" so that it is no shortcut marker


class UndoFeedback(QObject):
    """The icon-only undo and redo buttons name their step in the tooltip ("Undo Delete Ann
    Lee (Ctrl+Z)"), and the status bar says what an undo or a redo did. A new step (a delete)
    announces itself; a step that failed and left the stack says so in its own message box."""

    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction, status: QStatusBar) -> None:
        super().__init__(stack)
        self._stack, self._undo, self._redo, self._status = stack, undo, redo, status
        self._index, self._count = stack.index(), stack.count()
        self._remember_texts()
        stack.indexChanged.connect(self._moved)
        stack.undoTextChanged.connect(self._describe)
        stack.redoTextChanged.connect(self._describe)
        self._describe()

    def _moved(self, index: int) -> None:
        if not shiboken6.isValid(self._stack):  # the stack signals while being destroyed
            return
        before, count_before = self._index, self._count
        self._index, self._count = index, self._stack.count()
        if self._stack.count() == count_before:
            if index < before:
                self._status.showMessage(f"Undone: {self._undo_text}.", 5000)
            elif index > before:
                self._status.showMessage(f"Redone: {self._redo_text}.", 5000)
        self._remember_texts()

    def _remember_texts(self) -> None:
        # The texts change with the index, before _moved hears of it: keep the previous ones.
        self._undo_text = _shown(self._stack.undoText())
        self._redo_text = _shown(self._stack.redoText())

    def _describe(self) -> None:
        if not (shiboken6.isValid(self._stack) and shiboken6.isValid(self._undo)):
            return
        for action, verb, text in (
            (self._undo, "Undo", self._stack.undoText()),
            (self._redo, "Redo", self._stack.redoText()),
        ):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            step = f"{verb} {_shown(text)}" if text else f"Nothing to {verb.lower()}"
            # The step names a person or an event: user text, which a tooltip would render.
            action.setToolTip(safe_tooltip(f"{step} ({keys})"))
