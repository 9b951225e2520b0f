"""Undoable deletes: the service returns a snapshot, undo hands it back to restore."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from netdesk.services.errors import ServiceError
from netdesk.ui.widgets.plain_text import button_text


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

    def touched(self, kind: str, undone: bool) -> tuple[int, ...]:
        """The rows of `kind` an undo brought back (a redo deletes them again: none)."""
        return self.deleted.get(kind, ()) if undone else ()

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


def remember_deleted(stack: QUndoStack, kind: str, ids: Sequence[int]) -> None:
    """Note on the delete step just pushed which rows of `kind` it deleted, for StepWatcher.
    The step keeps the ids itself: Qt may delete a step at any time (a new push cuts it off, a
    failed undo makes it obsolete), and with it goes all there is to forget."""
    command = stack.command(stack.index() - 1)
    if isinstance(command, DeleteCommand):
        command.deleted[kind] = tuple(ids)


class StepWatcher(QObject):
    """Calls `select(ids)` with the rows of `kind` that an undo or redo on `stack` brought back
    or changed, so that a view can select them again. A step says which rows it touched
    through `touched(kind, undone)`."""

    def __init__(
        self, stack: QUndoStack, kind: str, select: Callable[[list[int]], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self._kind = kind
        self._select = select
        self._index = stack.index()
        stack.indexChanged.connect(self._index_changed)

    def _index_changed(self, index: int) -> None:
        previous, self._index = self._index, index
        # A stack being destroyed clears itself: nothing was undone then.
        if not shiboken6.isValid(self._stack) or index == previous:
            return
        undone = index < previous
        ids: list[int] = []
        # The steps undone or redone are still on the stack, so alive; one whose undo failed
        # has left it (and changed nothing).
        for i in range(min(index, previous), max(index, previous)):
            command = self._stack.command(i)
            touched = getattr(command, "touched", None)
            if command is not None and shiboken6.isValid(command) and touched is not None:
                ids.extend(touched(self._kind, undone))
        if ids:
            self._select(ids)
