"""Marking follow-ups done and snoozing them as undoable steps, with the words that say so.

Shared by the Follow-ups page and the Today page so that both put the same steps on the one
undo stack and tell the user the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack

from netdesk import clock
from netdesk.services.errors import ServiceError
from netdesk.services.followups import FollowUpService, FollowUpState, StateChange
from netdesk.ui.undo.commands import report_failure
from netdesk.ui.widgets.dates import day_text, plural
from netdesk.ui.widgets.plain_text import button_text

UNDO_HINT = " — Ctrl+Z to undo"
# The kind under which steps name the follow-ups they touched (ui.undo.commands.StepWatcher).
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

    def touched(self, kind: str, undone: bool) -> list[int]:
        """The follow-ups an undo, or a redo that replayed the step, changed (for StepWatcher)."""
        return self.ids if kind == FOLLOWUPS and (undone or self.replayed) else []

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
    today = today or clock.today()
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
