""" "Time to reconnect" on the Today page: people past their keep-in-touch rhythm, most
overdue first, with Write… and Snooze (2 weeks, 1 month, 3 months) for the selected one.

The view owns the card (its title, list and empty text, like the other cards); this module
gives it the list's model and the buttons under it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QListView, QMenu, QPushButton, QWidget

from netdesk import clock
from netdesk.dates import add_interval
from netdesk.services.errors import ServiceError
from netdesk.services.keep_in_touch import ReconnectRow, RhythmUnit
from netdesk.services.service_set import Services
from netdesk.ui.people.rhythm_commands import snooze
from netdesk.ui.today.models import RowsModel
from netdesk.ui.widgets.dates import plural, short_date
from netdesk.ui.widgets.plain_text import show_error
from netdesk.ui.widgets.two_line_delegate import SUBTITLE_ROLE, TRAILING_ROLE

TITLE = "Time to reconnect"
EMPTY_RECONNECT = (
    "Nobody is past their keep-in-touch rhythm. Set one with Change… on a person's page or "
    "with Keep in touch… in Edit > Tags."
)
HINT = "Select someone, then Write… or Snooze. Double-click opens their page."
# What Snooze offers: the words, and how far from today.
SNOOZES: tuple[tuple[str, int, RhythmUnit], ...] = (
    ("2 weeks", 2, RhythmUnit.WEEKS),
    ("1 month", 1, RhythmUnit.MONTHS),
    ("3 months", 3, RhythmUnit.MONTHS),
)
WRITE_TEMPLATE = "reconnect"
# The most overdue this many are listed; the title says when there are more ("50+").
SHOWN = 50


def over_text(days: int) -> str:
    """How long past the rhythm: "Due today", "3 days over", "5 weeks over", "4 months over"."""
    if days <= 0:
        return "Due today"
    if days < 21:
        return f"{plural(days, 'day')} over"
    if days < 90:
        return f"{plural(days // 7, 'week')} over"
    if days < 730:
        return f"{plural(days // 30, 'month')} over"
    return f"{plural(days // 365, 'year')} over"


class ReconnectModel(RowsModel[ReconnectRow]):
    def _data(self, row: ReconnectRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == SUBTITLE_ROLE:
            last = (
                f"last: {row.last.label}, {short_date(row.last.on, self._today)}"
                if row.last
                else "not in touch yet"
            )
            return " · ".join(p for p in (row.organization, row.rhythm_text, last) if p)
        if role == TRAILING_ROLE:
            return over_text(row.days_over)
        return None


class ReconnectCard(QWidget):
    """The model of the card's list and the buttons under it. `write_requested(contact_id,
    template_key)` asks for an email to the selected person; `open_contact` opens their page;
    `message` says what a snooze did."""

    write_requested = Signal(int, str)
    open_contact = Signal(int)
    message = Signal(str)

    def __init__(
        self,
        services: Services,
        list_view: QListView,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self.list_view = list_view
        self.model = ReconnectModel(self)
        list_view.setModel(self.model)
        list_view.activated.connect(self._activated)

        self.write_button = QPushButton("Write…")
        self.write_button.setToolTip("Write to the selected person (“It has been a while”)")
        self.write_button.clicked.connect(self.write)
        self.snooze_menu = QMenu(self)
        self.snooze_actions: list[QAction] = []
        for words, every, unit in SNOOZES:
            action = self.snooze_menu.addAction(f"For {words}")
            action.triggered.connect(
                lambda _checked=False, w=words, e=every, u=unit: self.snooze(w, e, u)
            )
            self.snooze_actions.append(action)
        # A push button draws its menu's arrow beside the text (a tool button's overlapped it).
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setToolTip("Leave the selected person off this list for a while")
        self.snooze_button.setMenu(self.snooze_menu)
        # The same from the list's context menu.
        list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        write = QAction("Write…", list_view)
        write.triggered.connect(self.write)
        list_view.addAction(write)
        for action, (words, _every, _unit) in zip(self.snooze_actions, SNOOZES, strict=True):
            item = QAction(f"Snooze for {words}", list_view)
            item.triggered.connect(action.trigger)
            list_view.addAction(item)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.write_button)
        layout.addWidget(self.snooze_button)
        layout.addStretch(1)
        list_view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def fill(self, card: Any, today: date) -> None:
        """Read who is due and show them in `card`, the view's card that holds this list."""
        rows = self._services.keep_in_touch.due(today, limit=SHOWN + 1)
        shown = tuple(rows[:SHOWN])
        card.set_rows(self.model, shown, today, key=lambda r: r.contact_id)
        card.update_state(len(shown))
        if len(rows) > SHOWN:
            card.title_label.setText(f"{TITLE} · {SHOWN}+")
        self.setVisible(bool(shown))

    def current_row(self) -> ReconnectRow | None:
        index = self.list_view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.current_row() is not None
        self.write_button.setEnabled(has)
        self.snooze_button.setEnabled(has)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_contact.emit(row.contact_id)

    def write(self) -> None:
        row = self.current_row()
        if row is not None:
            self.write_requested.emit(row.contact_id, WRITE_TEMPLATE)

    def snooze(self, words: str, every: int, unit: RhythmUnit) -> bool:
        row = self.current_row()
        if row is None:
            return False
        until = add_interval(clock.today(), every, unit)
        kit = self._services.keep_in_touch
        try:
            text = snooze(self._undo_stack, kit, row.contact_id, row.name, until, words)
        except ServiceError as exc:  # deleted meanwhile, in another window
            show_error(self, "Snooze", str(exc))
            return False
        self.message.emit(text)
        # The person leaves the list on the reload the change notification brings.
        return True
