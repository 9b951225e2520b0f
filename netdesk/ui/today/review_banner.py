"""The top of Today after an event: "You met 5 people at PyCon DE (ended Tuesday) who have no
follow-up yet: Review…", one line per event that ended in the last 3 days with people left to
review; hidden when there is none."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netdesk.services.event_review import EventToReview
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import LONG_DAYS, plural
from netdesk.ui.widgets.plain_text import plain_label, safe_tooltip

REVIEW_DAYS = 3
# Lines shown at most: after a busy week more would squeeze Today's cards to nothing. The rest
# move up as these are reviewed.
MOST_LINES = 3
GAP = 10  # below the banner, above Today's cards


def ended_text(ended_on: date, today: date) -> str:
    """ "ended today", "ended yesterday", "ended Tuesday" (within the week Today looks back)."""
    days = (today - ended_on).days
    if days <= 0:
        return "ended today"
    if days == 1:
        return "ended yesterday"
    return f"ended {LONG_DAYS[ended_on.weekday()]}"


def banner_text(event: EventToReview, today: date) -> str:
    who = plural(event.count, "person", "people")
    have = "has" if event.count == 1 else "have"
    return (
        f"You met {who} at {event.name} ({ended_text(event.ended_on, today)}) "
        f"who {have} no follow-up yet:"
    )


class ReviewBanner(QFrame):
    """`review_requested(event_id)`: the user pressed an event's Review…. `ended`: an event
    with people to review has just ended (see `wake_at`): time to ask for the lines again."""

    review_requested = Signal(int)
    ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_banner")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 8 + GAP)
        self._layout.setSpacing(4)
        # Each event's line: its sentence and its Review… button.
        self.lines: list[tuple[EventToReview, QLabel, QPushButton]] = []
        self.more_label: QLabel | None = None  # "And 2 more events…"
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.ended)

    def wake_at(self, moment: datetime | None, now: datetime) -> None:
        """Emit `ended` at `moment` (the next event's end), if it comes within the day."""
        self._timer.stop()
        if moment is not None:
            msecs = int((moment - now).total_seconds() * 1000) + 1000
            if msecs <= 24 * 3600 * 1000:
                self._timer.start(max(msecs, 1000))

    def is_waiting(self) -> bool:
        return self._timer.isActive()

    def set_events(self, events: list[EventToReview], today: date) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lines = []
        self.more_label = None
        for event in events[:MOST_LINES]:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            label = plain_label(banner_text(event, today), wrap=True)
            label.setObjectName("review_banner_text")
            button = QPushButton("Review…")
            button.setObjectName("review_banner_button")
            button.setToolTip(
                safe_tooltip(f"Go through the people met at {event.name}, one at a time")
            )
            button.clicked.connect(lambda _=False, e=event.event_id: self.review_requested.emit(e))
            row.addWidget(label, 1)
            row.addWidget(button)
            self._layout.addWidget(line)
            self.lines.append((event, label, button))
        more = len(events) - MOST_LINES
        if more > 0:
            self.more_label = plain_label(
                f"And {plural(more, 'more event')} with people to review: each comes up here "
                "as you review these.",
                wrap=True,
            )
            theme.colour(self.more_label, theme.muted)
            self._layout.addWidget(self.more_label)
        self.setVisible(bool(events))

    def texts(self) -> list[str]:
        return [label.text() for _event, label, _button in self.lines]

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted like Today's cards, in the highlight colour's faint shade: a suggestion.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.border(self.palette()))
        fill = self.palette().highlight().color()
        fill.setAlpha(28)
        painter.setBrush(fill)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5 - GAP)
        painter.drawRoundedRect(box, 8, 8)
