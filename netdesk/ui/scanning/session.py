"""One scan from the user's side: the cards read so far wait for the review, one at a time, in
the order the photos came; Save and Skip go on to the next, Cancel (or Esc) ends it all.
What could not be read is said without stopping anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from netdesk.services.import_plan import ImportReport
from netdesk.services.service_set import Services
from netdesk.ui.scanning.review_dialog import ScanReviewDialog
from netdesk.ui.widgets.dates import plural

if TYPE_CHECKING:
    from netdesk.formats.records import ContactRecord
    from netdesk.scan.reader import ScannedCard

NOT_READ_TITLE = "Some photos were not read"


def saved_text(report: ImportReport, record: ContactRecord) -> str:
    """The status bar's line after a card was saved."""
    name = record.formatted_name or record.organization or "the card"
    where = f" and put on “{report.event_name}”" if report.event_name and report.attached else ""
    if report.added:
        return f"Added {name}{where}."
    if report.merged:
        return f"Merged the card into {name}{where}."
    if report.attached:
        return f"{name} was already here; put on “{report.event_name}”."
    return f"Skipped {name}: already in netdesk."


class ScanSession(QObject):
    """`ask_back()` asks for a photo of the back side and queues it (the actions do)."""

    ended = Signal()
    message = Signal(str)  # a line for the status bar

    def __init__(
        self,
        services: Services,
        window: QWidget,
        event_id: int | None,
        ask_back: Callable[[], bool],
        cancel_reading: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._event_id = event_id
        self._ask_back = ask_back
        self._cancel_reading = cancel_reading
        self.pending: list[ScannedCard] = []
        self.shown = 0  # cards shown so far, the one on screen included
        self.waiting = 0  # photos still being read
        self.reading_back = False
        self.problems: list[str] = []
        self.saved = self.skipped = 0
        self.counts = {"added": 0, "merged": 0, "skipped": 0}
        self.dialog: ScanReviewDialog | None = None
        self.problem_box: QMessageBox | None = None

    # -- what the queue brings ----------------------------------------------------------------

    def add_cards(self, cards: list[ScannedCard]) -> None:
        self.pending.extend(cards)
        if self.dialog is None or self.dialog.card is None:
            self._next()
        else:
            self._update_position()

    def add_back(self, cards: list[ScannedCard], problem: str = "") -> None:
        self.reading_back = False
        if self.dialog is None or self.dialog.card is None:
            return
        if problem or not cards:
            self.add_problem(problem)
            self.dialog.back_button.setEnabled(True)
            return
        self.dialog.add_back(cards[0])

    def add_problem(self, text: str) -> None:
        self.problems.append(text)
        self.message.emit(text)

    def set_waiting(self, waiting: int) -> None:
        self.waiting = waiting
        if self.dialog is not None and self.dialog.card is not None:
            self._update_position()
        elif self.dialog is not None and not waiting and not self.pending:
            self.finish()  # the last photos held no card

    def reading_ended(self) -> None:
        """The queue is idle: say what could not be read; end if nothing is left to review."""
        self.waiting = 0
        if self.problems:
            self._show_problems()
        if self.dialog is None or self.dialog.card is None:
            if not self.pending:
                self.finish()
        else:
            self._update_position()

    # -- the review ---------------------------------------------------------------------------

    def _dialog(self) -> ScanReviewDialog:
        if self.dialog is None:
            dialog = ScanReviewDialog(self._services, self._event_id, self._window)
            dialog.saved.connect(self._saved)
            dialog.skipped.connect(self._skipped)
            dialog.rejected.connect(self.cancel)
            dialog.back_from_file.connect(self._back_from_file)
            dialog.back_from_next.connect(self._back_from_next)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog = dialog
        return self.dialog

    def _next(self) -> None:
        if not self.pending:
            if self.waiting and self.dialog is not None:
                self.dialog.wait_for_next(True)
                return
            self.finish()
            return
        card = self.pending.pop(0)
        self.shown += 1
        dialog = self._dialog()
        dialog.show_card(card, self.shown, self.shown + len(self.pending), self.waiting)
        self._update_position()
        if not dialog.isVisible():
            dialog.open()

    def _update_position(self) -> None:
        if self.dialog is None:
            return
        self.dialog.set_position(self.shown, self.shown + len(self.pending), self.waiting)
        following = self.pending[0] if self.pending else None
        self.dialog.set_next_card(following.source if following is not None else None)

    def _saved(self, report: ImportReport, record: ContactRecord) -> None:
        self.saved += 1
        self.counts["added"] += report.added
        self.counts["merged"] += report.merged
        self.counts["skipped"] += report.skipped
        self.message.emit(saved_text(report, record))
        self._next()

    def _skipped(self) -> None:
        self.skipped += 1
        self.counts["skipped"] += 1
        self._next()

    def _back_from_file(self) -> None:
        if self.dialog is not None and self._ask_back():
            self.reading_back = True
            self.dialog.back_button.setEnabled(False)
            self.dialog.set_position(self.shown, self.shown + len(self.pending), self.waiting)
            self.dialog.source_label.set_full_text("Reading the back side…")

    def _back_from_next(self) -> None:
        if self.dialog is not None and self.pending:
            self.dialog.add_back(self.pending.pop(0))
            self._update_position()

    def cancel(self) -> None:
        """Cancel or Esc: the cards not reviewed yet are left out, the photos not read too."""
        left = len(self.pending) + (1 if self.dialog is not None and self.dialog.card else 0)
        self.pending.clear()
        self._cancel_reading()
        if left:
            self.message.emit(f"Scan cancelled: {plural(left, 'card')} not saved.")
        self.finish(closing=False)

    def finish(self, closing: bool = True) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.card = None
            if closing:
                dialog.blockSignals(True)  # closed because done: not a cancel
                dialog.done(0)
            dialog.deleteLater()
        if self.saved + self.skipped > 1:  # one card's own line says more than a count
            said = ", ".join(f"{n:,} {what}" for what, n in self.counts.items() if n)
            self.message.emit(f"Scan finished: {said}.")
        self.ended.emit()

    def _show_problems(self) -> None:
        parent = self.dialog if self.dialog is not None else self._window
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            NOT_READ_TITLE,
            "\n".join(self.problems),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)  # nothing waits for it: the review goes on
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.problems = []
        self.problem_box = box
