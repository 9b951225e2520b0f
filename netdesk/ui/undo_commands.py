"""Undoable deletes: the service returns a snapshot, undo hands it back to restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack


class DeleteCommand(QUndoCommand):
    """Pushed after the first delete has happened; redo deletes again, undo restores."""

    def __init__(
        self,
        label: str,
        snapshot: Any,
        delete: Callable[[], Any],
        restore: Callable[[Any], None],
    ) -> None:
        super().__init__(label)
        self._snapshot = snapshot
        self._delete = delete
        self._restore = restore
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._snapshot = self._delete()
        self._done = True

    def undo(self) -> None:
        self._restore(self._snapshot)
        self._done = False


def delete_undoably(
    stack: QUndoStack,
    delete: Callable[[], Any],
    restore: Callable[[Any], None],
    label: str | None = None,
) -> Any:
    """Run `delete` now (it returns a snapshot with a `.label`) and make it undoable."""
    snapshot = delete()
    text = label or str(getattr(snapshot, "label", "Delete"))
    stack.push(DeleteCommand(text, snapshot, delete, restore))
    return snapshot
