"""Setting a keep-in-touch rhythm and snoozing "Time to reconnect" as undoable steps, with the
words that say so. Shared by the person page, the tag manager and the Today page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack

from netdesk.services.errors import ServiceError
from netdesk.services.keep_in_touch import KeepInTouchService, RhythmUnit, rhythm_text
from netdesk.ui.undo.commands import report_failure
from netdesk.ui.widgets.plain_text import button_text

UNDO_HINT = " — Ctrl+Z to undo"
Rhythm = tuple[int, RhythmUnit] | None
T = TypeVar("T")


class _SwapCommand(QUndoCommand, Generic[T]):
    """Pushed after the change has happened: undo puts back the value before, redo the one
    after. A step that cannot be replayed (the person or tag is gone) says so and leaves."""

    def __init__(self, label: str, apply: Callable[[T], None], before: T, after: T):
        super().__init__(button_text(label))
        self._apply = apply
        self._before, self._after = before, after
        self._first = True
        self.failure: str | None = None

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._do(self._after, "Cannot redo")

    def undo(self) -> None:
        self._do(self._before, "Cannot undo")

    def _do(self, value: T, title: str) -> None:
        try:
            self._apply(value)
        except ServiceError as exc:
            self.failure = report_failure(self, title, exc)


def change_rhythm(
    stack: QUndoStack | None,
    kit: KeepInTouchService,
    name: str,
    every: int | None,
    unit: RhythmUnit,
    *,
    contact_id: int | None = None,
    tag_id: int | None = None,
) -> str:
    """Set the rhythm of a person or a tag (every=None removes it); returns what happened in
    words for the status bar. Raises ServiceError when it cannot be saved."""
    before = kit.set_rhythm(contact_id=contact_id, tag_id=tag_id, every=every, unit=unit)
    after: Rhythm = None if every is None else (every, unit)
    owner = name if contact_id is not None else f"the tag {name}"
    said = (
        f"Keep in touch with {owner}: {rhythm_text(every, unit)}"
        if every is not None
        else f"No keep-in-touch rhythm for {owner}"
    )
    if stack is None or before == after:
        return said

    def apply(rhythm: Rhythm) -> None:
        every, unit = rhythm if rhythm is not None else (None, RhythmUnit.MONTHS)
        kit.set_rhythm(contact_id=contact_id, tag_id=tag_id, every=every, unit=unit)

    stack.push(_SwapCommand[Rhythm](f"Keep-in-touch rhythm of {owner}", apply, before, after))
    return said + UNDO_HINT


def snooze(
    stack: QUndoStack | None,
    kit: KeepInTouchService,
    contact_id: int,
    name: str,
    until: date,
    words: str,
) -> str:
    """Keep the person off "Time to reconnect" until `until` ("2 weeks" in `words`)."""
    before = kit.snooze(contact_id, until)
    said = f"Snoozed {name} for {words}"
    if stack is None:
        return said

    def apply(value: date | None) -> None:
        if value is None:
            kit.clear_snooze(contact_id)
        else:
            kit.snooze(contact_id, value)

    stack.push(_SwapCommand[date | None](f"Snooze {name}", apply, before, until))
    return said + UNDO_HINT
