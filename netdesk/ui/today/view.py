"""The Today page: a greeting, upcoming events, follow-ups due, people met recently, and
people it is time to reconnect with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QListView,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.records import TodaySummary
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.followups.commands import FOLLOWUPS
from netdesk.ui.today import reconnect_card
from netdesk.ui.today.goals_card import GoalsCard
from netdesk.ui.today.models import (
    DueFollowUpsModel,
    RecentlyMetModel,
    RowsModel,
    UpcomingEventsModel,
)
from netdesk.ui.today.review_banner import REVIEW_DAYS, ReviewBanner
from netdesk.ui.undo.commands import StepWatcher
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import long_day_text, plural
from netdesk.ui.widgets.plain_text import button_text, plain_label, show_error
from netdesk.ui.widgets.two_line_delegate import TwoLineDelegate

WATCHED = frozenset(
    {"events", "attendances", "contacts", "followups", "rhythms", "notes", "introductions", "tags"}
)

EMPTY_UPCOMING = "No upcoming events — add one in Events."
EMPTY_DUE = "Nothing due today. Enjoy!"
EMPTY_MET = "No one met in the last 30 days. Tick “Met” beside people on an event page."


def greeting_for(now: datetime) -> str:
    hour = now.hour
    if hour < 5:
        return "Good evening"
    if hour < 12:
        return "Good morning"
    if hour < 18:
        return "Good afternoon"
    return "Good evening"


class _Card(QFrame):
    """A titled box holding a list, or a friendly sentence when the list is empty."""

    def __init__(
        self, title: str, empty_text: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("today_card")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._title = title
        self.title_label = plain_label(title)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setWeight(QFont.Weight.Bold)
        self.title_label.setFont(font)
        self.list_view = QListView()
        self.list_view.setItemDelegate(TwoLineDelegate(self.list_view))
        self.list_view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        self.empty_label = plain_label(empty_text, wrap=True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.colour(self.empty_label, theme.muted, "padding: 24px 12px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.stack, 1)
        self.hint_label = plain_label(hint, wrap=True)
        theme.colour(self.hint_label, theme.muted)
        self.hint_label.setVisible(bool(hint))
        layout.addWidget(self.hint_label)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted rather than styled: a style sheet here would restyle the lists' check boxes.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.border(self.palette()))
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)

    def update_state(self, count: int) -> None:
        self.title_label.setText(f"{self._title} · {count:,}" if count else self._title)
        self.stack.setCurrentIndex(0 if count else 1)
        self.hint_label.setVisible(bool(count and self.hint_label.text()))

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_rows(
        self,
        model: RowsModel[Any],
        rows: tuple[Any, ...],
        today: date,
        key: Callable[[Any], int],
        prefer: Sequence[int] = (),
    ) -> None:
        """Reset the list, keeping the user's place: the current item if it is still there,
        else the one that took its row (ticking one off moves on to the next), or the first
        of `prefer` (an item an undo just brought back)."""
        view = self.list_view
        current = view.currentIndex()
        old = model.row_at(current.row()) if current.isValid() else None
        old_row = current.row()
        scroll = view.verticalScrollBar().value()
        model.set_rows(rows, today)
        keys = [key(r) for r in rows]
        row = next((keys.index(k) for k in prefer if k in keys), -1)
        if row < 0 and old is not None:
            row = keys.index(key(old)) if key(old) in keys else min(old_row, len(keys) - 1)
        if row >= 0:
            view.setCurrentIndex(model.index(row, 0))
        if not prefer:  # an item an undo brought back is shown wherever it is
            view.verticalScrollBar().setValue(scroll)


class TodayView(QWidget):
    """`message` carries a short sentence for the status bar ("Marked done — Ctrl+Z to undo");
    `write_requested(contact_id, template_key)` asks for an email to a person (main_window
    hands it to the mail actions)."""

    open_event = Signal(int)
    open_contact = Signal(int)
    open_goal = Signal(int)
    message = Signal(str)
    review_requested = Signal(int)  # an event's Review… in the banner after it
    write_requested = Signal(int, str)  # contact id, template key
    write_followup_requested = Signal(int)

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services

        self.greeting_label = plain_label()
        font = self.greeting_label.font()
        font.setPointSizeF(font.pointSizeF() + 8)
        font.setWeight(QFont.Weight.Bold)
        self.greeting_label.setFont(font)
        self.summary_label = plain_label(wrap=True)
        theme.colour(self.summary_label, theme.muted)

        self.upcoming_card = _Card("Upcoming events", EMPTY_UPCOMING)
        self.upcoming_model = UpcomingEventsModel(self)
        self.upcoming_card.list_view.setModel(self.upcoming_model)
        self.upcoming_card.list_view.activated.connect(self._event_activated)

        self.due_card = _Card(
            "Follow-ups due",
            EMPTY_DUE,
            "Tick one when it is done. Double-click to open the person.",
        )
        self.due_model = DueFollowUpsModel(services, self, undo_stack)
        self.due_model.error.connect(lambda m: show_error(self, "Cannot mark it done", m))
        self.due_model.message.connect(self.message)
        self.due_model.ticked.connect(self._keep_place_at)
        self.due_card.list_view.setModel(self.due_model)
        self.due_card.list_view.activated.connect(self._followup_activated)
        self.due_card.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.due_card.list_view.customContextMenuRequested.connect(self._due_menu_requested)

        self.met_card = _Card("People met recently", EMPTY_MET)
        self.met_model = RecentlyMetModel(self)
        self.met_card.list_view.setModel(self.met_model)
        self.met_card.list_view.activated.connect(self._met_activated)

        self.review_banner = ReviewBanner()
        self.review_banner.review_requested.connect(self.review_requested)
        self.review_banner.ended.connect(self.reload)
        self.reconnect_card = _Card(
            reconnect_card.TITLE, reconnect_card.EMPTY_RECONNECT, reconnect_card.HINT
        )
        self.reconnect = reconnect_card.ReconnectCard(
            services, self.reconnect_card.list_view, undo_stack, self.reconnect_card
        )
        card_layout = self.reconnect_card.layout()
        assert isinstance(card_layout, QVBoxLayout)
        card_layout.addWidget(self.reconnect)  # its buttons, under the hint
        self.reconnect.write_requested.connect(self.write_requested)
        self.reconnect.open_contact.connect(self.open_contact)
        self.reconnect.message.connect(self.message)

        self.grid = grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.due_card, 0, 0)
        grid.addWidget(self.reconnect_card, 1, 0)
        grid.addWidget(self.upcoming_card, 0, 1)
        grid.addWidget(self.met_card, 1, 1)
        self.goals_card = GoalsCard(services, bridge)  # hidden while there are no goals
        self.goals_card.open_goal.connect(self.open_goal)
        grid.addWidget(self.goals_card, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(4)
        layout.addWidget(self.greeting_label)
        layout.addWidget(self.summary_label)
        layout.addSpacing(12)
        layout.addWidget(self.review_banner)
        layout.addLayout(grid, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        bridge.changed.connect(self._on_changed)
        # Follow-ups an undo brought back, to select once the pending reload shows them.
        self._restored: list[int] = []
        if undo_stack is not None:
            self._steps = StepWatcher(undo_stack, FOLLOWUPS, self._select_after_step, self)
        # A window left open overnight moves on to the new day by itself.
        self._midnight_timer = QTimer(self)
        self._midnight_timer.setSingleShot(True)
        self._midnight_timer.timeout.connect(self.reload)
        self.reload()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & WATCHED:
            self._reload_timer.start()

    def _keep_place_at(self, row: int) -> None:
        # The reload that follows puts the place on the item that takes this row: the next one.
        self.due_card.list_view.setCurrentIndex(self.due_model.index(row, 0))

    def _select_after_step(self, followup_ids: list[int]) -> None:
        self._restored = list(followup_ids)
        if not self._reload_timer.isActive():
            self.reload()

    def reload(self, now: datetime | None = None, today: date | None = None) -> None:
        self._reload_timer.stop()
        now = now or clock.now()
        today = today or clock.today()
        summary = self._services.today.summary(now=now, today=today)
        local_now = now.astimezone()
        self.greeting_label.setText(f"{greeting_for(local_now)} — {long_day_text(today)}")
        restored, self._restored = self._restored, []
        self.upcoming_card.set_rows(
            self.upcoming_model, summary.upcoming_events, today, key=lambda r: r.id
        )
        self.due_card.set_rows(
            self.due_model, summary.due_followups, today, key=lambda r: r.id, prefer=restored
        )
        self.met_card.set_rows(
            self.met_model, summary.recently_met, today, key=lambda r: r.contact_id
        )
        self.upcoming_card.update_state(len(summary.upcoming_events))
        self.due_card.update_state(summary.overdue_count + summary.due_today_count)
        self.met_card.update_state(len(summary.recently_met))
        self.reconnect.fill(self.reconnect_card, today)
        self.summary_label.setText(self._summary_text(summary))
        review = self._services.review
        self.review_banner.set_events(review.events_to_review(today, REVIEW_DAYS, now=now), today)
        self.review_banner.wake_at(review.next_end(now), now)
        self._arm_midnight_timer(local_now)

    def _summary_text(self, summary: TodaySummary) -> str:
        overdue, due_today = summary.overdue_count, summary.due_today_count
        if not overdue and not due_today:
            return "You are all caught up."
        parts = []
        if due_today:
            parts.append(f"{plural(due_today, 'follow-up')} due today")
        if overdue:
            parts.append(f"{overdue} overdue")
        return "You have " + " and ".join(parts) + "."

    def _arm_midnight_timer(self, local_now: datetime) -> None:
        tomorrow = (local_now + timedelta(days=1)).replace(hour=0, minute=0, second=5)
        msecs = int((tomorrow - local_now).total_seconds() * 1000)
        self._midnight_timer.start(max(msecs, 1000))

    # -- activation -------------------------------------------------------------------------

    def _event_activated(self, index: QModelIndex) -> None:
        row = self.upcoming_model.row_at(index.row())
        if row is not None:
            self.open_event.emit(row.id)

    def _followup_activated(self, index: QModelIndex) -> None:
        row = self.due_model.row_at(index.row())
        if row is not None:
            self.open_contact.emit(row.contact_id)

    def due_menu(self, row: int) -> QMenu | None:
        """The right-click menu of a follow-up in the due list."""
        followup = self.due_model.row_at(row)
        if followup is None:
            return None
        menu = QMenu(self)
        menu.addAction("Write email…", lambda: self.write_followup_requested.emit(followup.id))
        menu.addAction(
            button_text(f"Open {followup.contact_name}"),
            lambda: self.open_contact.emit(followup.contact_id),
        )
        return menu

    def _due_menu_requested(self, pos: QPoint) -> None:
        view = self.due_card.list_view
        menu = self.due_menu(view.indexAt(pos).row())
        if menu is not None:
            menu.exec(view.viewport().mapToGlobal(pos))

    def _met_activated(self, index: QModelIndex) -> None:
        row = self.met_model.row_at(index.row())
        if row is not None:
            self.open_contact.emit(row.contact_id)
