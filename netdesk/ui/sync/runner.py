"""Work that talks to a server, off the GUI thread: a sync, a discovery, adding an account.

The runner takes any callable `job(progress, cancel)`: `progress(stage, done, total)` may be
called from the worker thread (it reaches the window through a queued signal), and `cancel` is
a threading.Event the job looks at between steps. One job at a time; what the job returns
arrives through `finished`, the error it raised through `failed`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeAlias

from PySide6.QtCore import QObject, QThread, Signal

from netdesk.errors import ServiceError

log = logging.getLogger(__name__)

Progress: TypeAlias = Callable[[str, int, int], None]
Job: TypeAlias = Callable[[Progress, threading.Event], Any]

# How long closing the window waits for a cancelled job to reach a step where it can stop.
STOP_WAIT_MS = 10_000


# Every thread still running, so that none is destroyed while it runs when its runner goes
# (a dialog closed in the middle of a discovery): the thread ends on its own, then goes.
_running: set[_Worker] = set()


class _Worker(QThread):
    """Runs one job; its signals (naming the worker) are queued to the runner's thread."""

    progressed = Signal(str, int, int)
    returned = Signal(object, object)
    raised = Signal(object, object)

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._job(self._report, self._cancel)
        except ServiceError as exc:
            self.raised.emit(self, exc)
        except Exception as exc:  # a bug: logged with its traceback, shown to the user in words
            log.exception("a background job failed")
            self.raised.emit(self, ServiceError(f"Something went wrong: {exc}"))
        else:
            self.returned.emit(self, result)

    def _report(self, stage: str, done: int, total: int) -> None:
        self.progressed.emit(stage, done, total)


def _ended(worker: _Worker) -> None:
    _running.discard(worker)
    worker.deleteLater()


class JobRunner(QObject):
    """`progress(stage, done, total)` while a job runs; then `finished(result)` or
    `failed(ServiceError)`, and `idle()` after either (a slot of those may start the next job)."""

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: _Worker | None = None
        self._cancel = threading.Event()

    def busy(self) -> bool:
        return self._worker is not None

    def start(self, job: Job) -> bool:
        """Run `job` off the GUI thread; False (and nothing started) while another runs."""
        if self._worker is not None:
            return False
        self._cancel = threading.Event()
        worker = _Worker(job, self._cancel)
        worker.progressed.connect(self._progressed)
        worker.returned.connect(self._returned)
        worker.raised.connect(self._raised)
        worker.finished.connect(lambda: _ended(worker))
        self._worker = worker
        _running.add(worker)
        worker.start()
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next step."""
        self._cancel.set()

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel and wait for the job's thread (the window is closing); True when it ended."""
        self._cancel.set()
        worker = self._worker
        self._worker = None
        return worker is None or bool(worker.wait(wait_ms))

    def _progressed(self, stage: str, done: int, total: int) -> None:
        if self._worker is not None:
            self.progress.emit(stage, done, total)

    def _returned(self, worker: _Worker, result: object) -> None:
        if self._release(worker):
            self.finished.emit(result)
            self.idle.emit()

    def _raised(self, worker: _Worker, error: object) -> None:
        if self._release(worker):
            self.failed.emit(error)
            self.idle.emit()

    def _release(self, worker: _Worker) -> bool:
        if self._worker is not worker:  # stopped meanwhile: its result is no longer wanted
            return False
        self._worker = None
        return True


def wait_for_all(wait_ms: int = STOP_WAIT_MS) -> bool:
    """Wait for every job thread still running (the application is quitting)."""
    return all(worker.wait(wait_ms) for worker in list(_running))
