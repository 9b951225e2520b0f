"""Reading photos of business cards one after the other, off the GUI thread.

One worker thread per window reads the photos in the order they came (OCR takes about a second
a card and would freeze the window). What it found comes back as Qt signals, delivered in the
GUI thread. Cancelling drops the photos not read yet and stops the one being read at its next
step (the reader reports its steps through its `progress` callback).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

# How much the reading thread gives way to the window (added to its nice value, 19 at most).
NICENESS = 10
# What a job is for: a card of its own, or the back side of the card under review.
CARD, BACK = "card", "back"


@dataclass(eq=False)
class ScanJob:
    """One photo to read: a file, or a picture's bytes (pasted)."""

    name: str  # shown to the user: the file's name, or "Pasted picture"
    path: Path | None = None
    data: bytes | None = None
    purpose: str = CARD
    generation: int = 0  # jobs of a cancelled generation are dropped unread


@dataclass
class ScanOutcome:
    """What reading one photo gave: its cards, or why it could not be read.

    `has_qr`: the picture holds a QR code with a contact (a badge, a screenshot of a contact's
    code): the QR reader adds it, through the import's preview, rather than the scanner."""

    job: ScanJob
    cards: list[Any] = field(default_factory=list)  # netdesk.scan.reader.ScannedCard
    error: str = ""
    cancelled: bool = False
    has_qr: bool = False


class _Cancelled(Exception):
    """Raised from the reader's progress callback to stop reading a photo."""


class ScanQueue(QObject):
    """The photos waiting to be read, and the thread reading them."""

    # The job now being read, its number among those of this run (1-based) and their count.
    started = Signal(object, int, int)
    step = Signal(str)  # what the reader is doing ("Reading the text…")
    finished_one = Signal(object)  # a ScanOutcome
    idle = Signal()  # nothing left to read (all done, or cancelled)
    _reading = Signal(object)  # from the worker: the job it starts on (numbered by _number)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: deque[ScanJob | None] = deque()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self.total = 0  # photos given since the queue was last idle
        self.done = 0
        self.busy = False
        self.thread_id = 0  # the reading thread's id in the system, once it runs
        self._reading.connect(self._number)

    def add(self, jobs: list[ScanJob], first: bool = False) -> None:
        """Queue photos to read; `first`: before the others (the back of the card on screen)."""
        if not jobs:
            return
        with self._lock:
            generation = self._generation
        for job in jobs:
            job.generation = generation
        self.total += len(jobs)
        with self._wake:
            if first:
                self._jobs.extendleft(reversed(jobs))
            else:
                self._jobs.extend(jobs)
            self._wake.notify()
        self.busy = True
        if self._thread is None or not self._thread.is_alive():
            # A daemon thread: a photo being read never keeps the program from quitting.
            self._thread = threading.Thread(target=self._work, name="netdesk-scan", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        """Drop every photo not read yet; the one being read stops at its next step."""
        with self._lock:
            self._generation += 1

    @property
    def waiting(self) -> int:
        """Photos given but not read yet (the one being read included)."""
        return self.total - self.done

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel and end the thread (the window is closing)."""
        self.cancel()
        thread = self._thread
        if thread is not None and thread.is_alive():
            with self._wake:
                self._jobs.clear()
                self._jobs.append(None)
                self._wake.notify()
            thread.join(timeout)
        self._thread = None

    # -- in the worker thread --------------------------------------------------------------

    def _current(self, job: ScanJob) -> bool:
        with self._lock:
            return job.generation == self._generation

    def _work(self) -> None:
        self.thread_id = threading.get_native_id()
        _yield_to_the_window()
        while True:
            with self._wake:
                while not self._jobs:
                    self._wake.wait()
                job = self._jobs.popleft()
            if job is None:
                return
            outcome = self._read(job) if self._current(job) else ScanOutcome(job, cancelled=True)
            try:
                self.finished_one.emit(outcome)
            except RuntimeError:  # the window (and this queue) went away meanwhile
                return

    def _read(self, job: ScanJob) -> ScanOutcome:
        from netdesk.scan.errors import ScanError
        from netdesk.scan.reader import scan_data, scan_file
        from netdesk.services.validation import default_region

        try:
            self._emit_started(job)
        except RuntimeError:  # the window went away
            return ScanOutcome(job, cancelled=True)
        if _holds_contact_qr(job):
            # A badge or a contact's code: what it holds is exact, where OCR would guess.
            return ScanOutcome(job, has_qr=True)

        def progress(text: str) -> None:
            if not self._current(job):
                raise _Cancelled
            try:
                self.step.emit(text)
            except RuntimeError:  # the window went away: stop reading
                raise _Cancelled from None

        # Numbers printed without a country code are read as the user's own country's when the
        # card itself does not say (as `netdesk scan` does).
        region = default_region()
        try:
            if job.path is not None:
                cards = scan_file(job.path, region, progress=progress)
            else:
                cards = scan_data(job.data or b"", job.name, region, progress=progress)
        except _Cancelled:
            return ScanOutcome(job, cancelled=True)
        except ScanError as exc:
            return ScanOutcome(job, error=_short(str(exc), job))
        except (OSError, MemoryError, ValueError) as exc:
            return ScanOutcome(job, error=f"{job.name}: could not be read ({exc})")
        if not self._current(job):
            return ScanOutcome(job, cancelled=True)
        return ScanOutcome(job, cards=list(cards))

    def _emit_started(self, job: ScanJob) -> None:
        self._reading.emit(job)

    def _number(self, job: ScanJob) -> None:
        # Numbered here, in the GUI thread, once the photo before has been counted (its
        # finished_one arrives first): counted in the worker, the second photo said "1 of 5".
        self.started.emit(job, self.done + 1, self.total)

    # -- in the GUI thread -------------------------------------------------------------------

    def note_finished(self) -> bool:
        """Count a photo as read; True when it was the last one (the run is over)."""
        self.done += 1
        if self.done >= self.total:
            self.total = self.done = 0
            self.busy = False
            return True
        return False


def _yield_to_the_window() -> None:
    """Run the reading thread (and the OCR threads it starts, which inherit this) at a lower
    priority, so that on a busy machine the window keeps the processor it needs to repaint
    and take clicks. Linux sets this per thread; elsewhere, nothing is changed."""
    with contextlib.suppress(AttributeError, OSError):
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + NICENESS))


def _short(message: str, job: ScanJob) -> str:
    """The reader names the file by its path; the window by its name, as everywhere else."""
    path = str(job.path) if job.path is not None else ""
    if path and message.startswith(path):
        return job.name + message[len(path) :]
    return message


def _holds_contact_qr(job: ScanJob) -> bool:
    """Whether the picture holds a QR code with a contact in it (a photo of a badge, a
    screenshot of a code): a fifth of a second for a 12-megapixel photo, where OCR takes
    seconds. HEIC, which Qt cannot read, is left to the scanner."""
    from PySide6.QtGui import QImage

    from netdesk.cards.qr_read import QrReadError, contacts_from_image, load_image

    try:
        image = load_image(job.path) if job.path is not None else QImage.fromData(job.data or b"")
        return bool(contacts_from_image(image, job.name).records)
    except QrReadError:
        return False
