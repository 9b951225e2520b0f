"""Undoable deletes: the service returns a snapshot, undo hands it back to restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from netdesk.services.errors import ServiceError
from netdesk.ui.plain_text import button_text


def report_failure(command: QUndoCommand, title: str, exc: ServiceError) -> str:
    """Tell the user that an undo or redo step cannot be done any more and take it off the
    stack; returns the message shown."""
    message = f"{command.text().replace('&&', '&')}: {exc}"
    command.setObsolete(True)
    # A parent keeps the box alive until read (and closes it with its window): the active
    # window, else any visible one (an undo can come while no window of ours is active).
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    parent = QApplication.activeWindow() or (visible[0] if visible else None)
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): an undo may run inside a shortcut handler
    return message


class DeleteCommand(QUndoCommand):
    """Pushed after the first delete has happened; redo deletes again, undo restores.

    When the database has changed so that the step cannot be done any more (the rows it
    points to are gone, another window deleted them), the user is told and the step leaves
    the stack instead of pretending to have worked.
    """

    def __init__(
        self,
        label: str,
        snapshot: Any,
        delete: Callable[[], Any],
        restore: Callable[[Any], None],
    ) -> None:
        super().__init__(button_text(label))
        self._snapshot = snapshot
        self._delete = delete
        self._restore = restore
        self._done = True
        self.failure: str | None = None
        # The ids deleted, by kind ("contacts"), for a view to select them again on undo: kept
        # here, not in the view, so they live and die with the step itself.
        self.deleted: dict[str, tuple[int, ...]] = {}

    def redo(self) -> None:
        if self._done:
            return
        try:
            self._snapshot = self._delete()
        except ServiceError as exc:
            self._fail("Cannot redo", exc)
            return
        self._done = True

    def undo(self) -> None:
        try:
            self._restore(self._snapshot)
        except ServiceError as exc:
            self._fail("Cannot undo", exc)
            return
        self._done = False

    def _fail(self, title: str, exc: ServiceError) -> None:
        self.failure = report_failure(self, title, exc)


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
