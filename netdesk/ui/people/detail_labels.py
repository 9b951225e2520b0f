"""The labels and buttons of the contact detail pane: text that wraps (or elides) to the pane's
width and copies as typed, and the link-like buttons that open an event or edit a note.

The pane is narrow and must never need more width than it has: long emails, URLs and names get
invisible break chances, and event links elide.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton, QSizePolicy, QWidget

from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import short_date
from netdesk.ui.widgets.plain_text import button_text, plain_label, tooltip_text

LINK_STYLE = (
    "QPushButton {{ border: none; padding: 0; text-align: left; font-weight: 600;"
    " color: {link}; }} QPushButton:hover {{ text-decoration: underline; }}"
)
SMALL_BUTTON_STYLE = (
    "QPushButton {{ border: none; padding: 0 4px; color: {link}; }}"
    " QPushButton:hover {{ text-decoration: underline; }}"
)


ZERO_WIDTH_SPACE = "\u200b"
# Words longer than this get break chances; shorter ones (most names) are shown exactly as typed.
LONG_WORD = 20
PIECE = 12
_LONG_WORD_RE = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_SEPARATOR_RE = re.compile(r"(?<=[@./_?&=-])(?!/)")


def breakable(text: str) -> str:
    """Text for display only, with zero-width spaces inside words too long for a narrow pane:
    after @ . / - in emails and URLs, and every few letters in a run with no such place."""
    return _LONG_WORD_RE.sub(_break_word, text)


def _break_word(match: re.Match[str]) -> str:
    pieces: list[str] = []
    for part in _SEPARATOR_RE.split(match.group()):
        pieces.extend(part[i : i + PIECE] for i in range(0, len(part), PIECE))
    return ZERO_WIDTH_SPACE.join(p for p in pieces if p)


def when(value: date | datetime, today: date) -> str:
    """ "7 Sep" this year, "7 Sep 2025" otherwise, in English whatever the system language."""
    day = value.astimezone().date() if isinstance(value, datetime) else value
    return short_date(day, today)


def topic_text(topic: str) -> str:
    return topic[:1].upper() + topic[1:]


def without_breaks(text: str) -> str:
    """The text as typed again: `breakable` undone."""
    return text.replace(ZERO_WIDTH_SPACE, "")


class WrappedLabel(QLabel):
    """A plain-text label that wraps to whatever width the pane gives it, never asking for more
    (its longest word would otherwise set the pane's minimum width).

    Its text carries `breakable`'s zero-width spaces, which must not reach the clipboard (a
    pasted email address would not work): copying, from the menu or with Ctrl+C, takes the
    selection as typed.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setMinimumWidth(1)
        self.set_shown_text(text)

    def set_shown_text(self, text: str) -> None:
        self.setText(breakable(text))

    def selected_text(self) -> str:
        """The selection as typed, without the break chances."""
        return without_breaks(self.selectedText())

    def copy(self) -> None:
        if self.hasSelectedText():
            QApplication.clipboard().setText(self.selected_text())

    def copy_menu(self) -> QMenu:
        """The right-click menu: Copy and Select all (Qt's own would copy the break chances)."""
        menu = QMenu(self)
        copy = menu.addAction("Copy", self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(self.hasSelectedText())
        select_all = menu.addAction("Select all", lambda: self.setSelection(0, len(self.text())))
        select_all.setShortcut(QKeySequence.StandardKey.SelectAll)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            super().contextMenuEvent(event)
            return
        menu = self.copy_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        # Where selecting copies by itself (X11's middle-click paste), clean that copy too.
        clipboard = QApplication.clipboard()
        if clipboard.supportsSelection() and self.hasSelectedText():
            clipboard.setText(self.selected_text(), QClipboard.Mode.Selection)


def wrapped(text: str) -> WrappedLabel:
    return WrappedLabel(text)


def muted(text: str, *, wrap: bool = True) -> QLabel:
    label = wrapped(text) if wrap else plain_label(text)
    theme.colour(label, theme.muted)
    return label


class LinkButton(QPushButton):
    """A flat, link-like button that elides its text to the width it is given (with the whole
    text in its tooltip) instead of making the pane wider."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(button_text(text), parent)
        self._full = text
        self._hint = ""
        self.setFlat(True)
        theme.follow(self, lambda p: LINK_STYLE.format(link=theme.link(p).name()))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def full_text(self) -> str:
        return self._full

    def set_hint(self, hint: str) -> None:
        """What the tooltip says under the text ("Open this event")."""
        self._hint = hint
        self._elide()

    def sizeHint(self) -> QSize:
        # As wide as the whole text, whatever is shown now.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(self._shown())
        return QSize(hint.width() + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("Mm…")
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _shown(self) -> str:
        return self.text().replace("&&", "&")

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        padding = super().sizeHint().width() - metrics.horizontalAdvance(self._shown())
        room = max(self.width() - max(padding, 0), 0)
        shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != self._shown():
            self.setText(button_text(shown))
        self.setToolTip(tooltip_text(self._full if shown != self._full else "", self._hint))


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def edit_link(text: str = "Edit") -> QPushButton:
    edit = QPushButton(text)
    edit.setFlat(True)
    theme.follow(edit, lambda p: SMALL_BUTTON_STYLE.format(link=theme.link(p).name()))
    edit.setCursor(Qt.CursorShape.PointingHandCursor)
    return edit
