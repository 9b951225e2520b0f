"""Timers that act in a dialog while exec() blocks the test, each ended with its test.

A test that clicks a button opening a modal dialog cannot answer it itself: the click returns
only once the dialog closed. So it arms a timer first that looks for the dialog and answers it.
A timer left running (the dialog never came, as a test expecting none wants) would answer a
later test's dialog instead: each one here gives up after a deadline, and every one still
armed is stopped when the test ends (tests/conftest.py calls `stop_polls`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer

# Long enough for a slow, shared CI machine to open the dialog; a test that waited this long
# for one fails on what it found (or missed) instead of hanging.
POLL_DEADLINE_S = 10.0

_armed: list[QTimer] = []


def poll(
    attempt: Callable[[], bool],
    interval_ms: int = 10,
    deadline_s: float | None = POLL_DEADLINE_S,
    on_deadline: Callable[[], None] | None = None,
) -> QTimer:
    """Call `attempt` once the event loop runs, then every `interval_ms` until it returns True,
    `deadline_s` passed (then `on_deadline` runs) or the test ends. None: no deadline, for a
    poll the test stops itself."""
    timer = QTimer()
    timer.setSingleShot(True)  # re-armed after each attempt: never two attempts at once
    started = time.monotonic()

    def tick() -> None:
        if attempt():
            _disarm(timer)
        elif deadline_s is not None and time.monotonic() - started > deadline_s:
            _disarm(timer)
            if on_deadline is not None:
                on_deadline()
        elif timer in _armed:  # not stopped by the attempt (or the test's end) meanwhile
            timer.start(interval_ms)

    timer.timeout.connect(tick)
    _armed.append(timer)
    timer.start(0)
    return timer


def soon(callback: Callable[[], object]) -> None:
    """Call `callback` once, as soon as the event loop runs (as QTimer.singleShot(0, ...) does),
    unless the test ended first."""
    poll(lambda: callback() or True)


def stop_poll(timer: QTimer) -> None:
    """Stop this one, even from inside its own attempt."""
    _disarm(timer)


def stop_polls() -> None:
    """Stop every timer still armed: the end of a test."""
    while _armed:
        _armed.pop().stop()


def armed_polls() -> int:
    return len(_armed)


def _disarm(timer: QTimer) -> None:
    timer.stop()
    if timer in _armed:
        _armed.remove(timer)
