"""Marking follow-ups done and snoozing them as undoable steps, with the words that say so.

Shared by the Follow-ups page and the Today page so that both put the same steps on the one
undo stack and tell the user the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from netdesk.services.errors import ServiceError
from netdesk.services.followups import FollowUpService, FollowUpState, StateChange
from netdesk.ui.event_dates import day_text, plural
from netdesk.ui.plain_text import button_text
from netdesk.ui.undo_commands import DeleteCommand, report_failure

UNDO_HINT = " — Ctrl+Z to undo"
# The key under which a DeleteCommand keeps the follow-up ids it deleted.
FOLLOWUPS = "followups"


class StateCommand(QUndoCommand):
    """Pushed after the change has happened: undo puts back each row's previous done time and
    due date, redo the ones the change left. A step that cannot be replayed any more (the
    rows were deleted or changed elsewhere since) says so and leaves the stack."""

    def __init__(
        self,
        label: str,
        change: StateChange,
        restore: Callable[[Sequence[FollowUpState], Sequence[FollowUpState]], None],
    ) -> None:
        super().__init__(button_text(label))
        self._change = change
        self._restore = restore
        self._first = True
        self.failure: str | None = None
        # True once redo has replayed the step (not merely pushed it), so that a watcher can
        # tell "Ctrl+Shift+Z" from the first push.
        self.replayed = False

    @property
    def ids(self) -> list[int]:
        return self._change.ids

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.replayed = True
        self._apply(self._change.after, self._change.before, "Cannot redo")

    def undo(self) -> None:
        self.replayed = False
        self._apply(self._change.before, self._change.after, "Cannot undo")

    def _apply(
        self, states: Sequence[FollowUpState], expected: Sequence[FollowUpState], title: str
    ) -> None:
        # Only over the rows as this step left them: a later edit is never overwritten.
        try:
            self._restore(states, expected)
        except ServiceError as exc:
            self.failure = report_failure(self, title, exc)


class StepWatcher(QObject):
    """Calls `select(ids)` with the follow-ups that an undo or redo on `stack` brought back or
    changed, so that a view can select them again. Steps keep their ids themselves: Qt may
    delete a step at any time, and with it goes all there is to forget."""

    def __init__(
        self, stack: QUndoStack, select: Callable[[list[int]], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._stack = stack
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
            if command is None or not shiboken6.isValid(command):
                continue
            if isinstance(command, StateCommand) and (undone or command.replayed):
                ids.extend(command.ids)
            elif undone and isinstance(command, DeleteCommand):
                ids.extend(command.deleted.get(FOLLOWUPS, ()))
        if ids:
            self._select(ids)


def remember_deleted(stack: QUndoStack, ids: Sequence[int]) -> None:
    """Note on the delete step just pushed which follow-ups it deleted, for StepWatcher."""
    command = stack.command(stack.index() - 1)
    if isinstance(command, DeleteCommand):
        command.deleted[FOLLOWUPS] = tuple(ids)


def _push(stack: QUndoStack | None, label: str, change: StateChange, fu: FollowUpService) -> str:
    if stack is None:
        return ""
    stack.push(StateCommand(label, change, fu.restore_state))
    return UNDO_HINT


def mark_done(stack: QUndoStack | None, fu: FollowUpService, ids: Sequence[int], done: bool) -> str:
    """Mark the follow-ups done (or not) in one transaction; returns the message to show.
    Raises ServiceError, having changed nothing, when one of them cannot be changed."""
    change = fu.set_done_many(ids, done)
    n = len(change.after)
    state = "done" if done else "not done"
    label = f"Mark {state}" if n == 1 else f"Mark {n} follow-ups {state}"
    hint = _push(stack, label, change, fu)
    return (f"Marked {state}" if n == 1 else f"Marked {n} follow-ups {state}") + hint


def snooze(
    stack: QUndoStack | None,
    fu: FollowUpService,
    ids: Sequence[int],
    days: int,
    today: date | None = None,
) -> str:
    """Snooze the follow-ups in one transaction; returns the message to show."""
    today = today or date.today()
    change = fu.snooze_many(ids, days, today)
    n = len(change.after)
    label = "Snooze follow-up" if n == 1 else f"Snooze {n} follow-ups"
    hint = _push(stack, label, change, fu)
    what = "Snoozed" if n == 1 else f"Snoozed {n} follow-ups"
    dates = {s.due_date for s in change.after if s.due_date is not None}
    if len(dates) == 1:
        (due,) = dates
        return f"{what} to {day_text(due, year=due.year != today.year)}{hint}"
    return f"{what} by {plural(days, 'day')}{hint}"


def deleted_message(count: int, undoable: bool = True) -> str:
    what = "Deleted follow-up" if count == 1 else f"Deleted {count} follow-ups"
    return what + (UNDO_HINT if undoable else "")
