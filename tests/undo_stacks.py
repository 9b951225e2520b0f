"""Undo stacks for tests, emptied when each test ends.

A QUndoStack that Python's garbage collector destroys deletes its steps from inside the
collection, and each step lets go of Python objects the collector is tearing down at the same
time: now and then that crashed the test run (a segfault in QUndoStack::clear during a
collection, seen with PySide6 6.11.3). Emptied here, outside any collection, the stacks hold
nothing by the time the collector gets to them. The window's own stack has the window as its
parent and goes with it, not through the collector.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QUndoStack

_made: list[QUndoStack] = []


def new_undo_stack() -> QUndoStack:
    stack = QUndoStack()
    _made.append(stack)
    return stack


def empty_undo_stacks() -> None:
    while _made:
        stack = _made.pop()
        if shiboken6.isValid(stack):
            stack.clear()
