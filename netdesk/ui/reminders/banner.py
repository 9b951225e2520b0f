"""Where the desktop has no tray: follow-ups that fall due while netdesk runs are announced in
a line at the top of the window, "Due now: Ana Lima — send the slides (and 1 more).
Show follow-ups ×", until the user closes it or deals with them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.text import followup_line
from netdesk.ui.reminders.texts import banner_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import ElidedLabel, tooltip_text

if TYPE_CHECKING:
    from netdesk.services.records import FollowUpRow


def banner_sheet(palette: QPalette) -> str:
    background, text, edge = theme.notice(palette)
    return (
        f"#due_banner {{ background: {background.name()};"
        f" border-bottom: 1px solid {edge.name()}; }}"
        f"#due_banner QLabel {{ color: {text.name()}; }}"
    )


class DueBanner(QFrame):
    """`show_requested(list[int])`: the user wants to see these follow-ups."""

    show_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due_banner")
        self.ids: list[int] = []
        self._rows: list[FollowUpRow] = []
        self.label = ElidedLabel()
        self.label.setObjectName("due_banner_text")
        self.show_button = QPushButton("Show follow-ups")
        self.show_button.setToolTip("Open the Follow-ups page at these follow-ups")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this line (the follow-ups stay due)")
        self.close_button.setAccessibleName("Hide the reminder")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.close_button)
        theme.follow(self, banner_sheet)
        self.show_button.clicked.connect(lambda: self.show_requested.emit(list(self.ids)))
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def announce(self, rows: Sequence[FollowUpRow]) -> None:
        """Show `rows` first, before those the banner already holds."""
        if not rows:
            return
        kept = [r for r in self._rows if r.id not in {n.id for n in rows}]
        self._show([*rows, *kept])

    def keep_only(self, still_due: set[int]) -> None:
        """Drop what is done, snoozed or deleted since; hide when nothing is left."""
        rows = [r for r in self._rows if r.id in still_due]
        if len(rows) != len(self._rows):
            self._show(rows)

    def dismiss(self) -> None:
        self._show([])

    def text(self) -> str:
        return self.label.text()

    def _show(self, rows: list[FollowUpRow]) -> None:
        self._rows = rows
        self.ids = [r.id for r in rows]
        if not rows:
            self.label.set_full_text("")
            self.hide()
            return
        self.label.setText(banner_text(rows))
        self.label.setToolTip(
            tooltip_text(
                *(followup_line(r.contact_name, r.action, r.event_name) for r in rows[:10])
            )
        )
        self.show()


def place_banner(window: QMainWindow, banner: DueBanner) -> None:
    """Put `banner` above everything in the window's central area (sidebar and pages)."""
    central = window.takeCentralWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    if central is not None:
        layout.addWidget(central, 1)
    window.setCentralWidget(holder)
