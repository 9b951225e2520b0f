"""Marking a goal done (or open again) as a step Ctrl+Z takes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from netdesk.services.errors import ServiceError
from netdesk.services.goals import GoalService
from netdesk.ui.undo.commands import report_failure


class GoalDoneCommand(QUndoCommand):
    def __init__(
        self, goals: GoalService, goal_id: int, done: bool, after: Callable[[], object]
    ) -> None:
        super().__init__("Mark goal done" if done else "Reopen goal")
        self._goals, self._id, self._done, self._after = goals, goal_id, done, after

    def _set(self, done: bool, title: str) -> None:
        try:
            self._goals.set_done(self._id, done)
        except ServiceError as exc:
            report_failure(self, title, exc)
            return
        self._after()

    def redo(self) -> None:
        self._set(self._done, "Cannot redo")

    def undo(self) -> None:
        self._set(not self._done, "Cannot undo")
