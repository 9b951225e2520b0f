"""The sections of the contact detail pane: details, tags, meetings, notes and follow-ups.

Each `add_*` function appends one section to the pane's column. Every piece of user data goes into
a plain-text QLabel (or a button whose `&` is escaped), so a name like "<b>x</b>" shows as typed.
Clicks go back to the pane through the callbacks it passes in.

The pane is narrow and must never need more width than it has: text wraps (long emails, URLs and
names get invisible break chances), dates go on their own line, and event links elide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.records import ContactDetail as ContactRecord
from netdesk.services.records import FollowUpRow, MeetingRow, NoteRow, group_meetings
from netdesk.ui.events.dates import day_text, event_day, long_date, short_date
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.plain_text import button_text, plain_label, tooltip_text
from netdesk.ui.widgets.tag_pill import TagPill

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


def _edit_link(text: str = "Edit") -> QPushButton:
    edit = QPushButton(text)
    edit.setFlat(True)
    theme.follow(edit, lambda p: SMALL_BUTTON_STYLE.format(link=theme.link(p).name()))
    edit.setCursor(Qt.CursorShape.PointingHandCursor)
    return edit


def add_heading(sections: QVBoxLayout, text: str) -> None:
    sections.addSpacing(14)
    label = plain_label(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.08)
    label.setFont(font)
    sections.addWidget(label)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    sections.addWidget(line)


def add_fields(sections: QVBoxLayout, c: ContactRecord) -> None:
    rows: list[tuple[str, str]] = []
    if c.nickname:
        rows.append(("Nickname", c.nickname))
    if c.emails:
        rows.append(("Email" if len(c.emails) == 1 else "Emails", "\n".join(c.emails)))
    if c.phones:
        phones = "\n".join(p.shown for p in c.phones)
        rows.append(("Phone" if len(c.phones) == 1 else "Phones", phones))
    if c.urls:
        rows.append(("Web", "\n".join(c.urls)))
    if c.birthday:
        rows.append(("Birthday", long_date(c.birthday)))
    if c.note:
        rows.append(("About", c.note))
    if not rows:
        return
    add_heading(sections, "Details")
    # A grid, not a QFormLayout: the form layout squeezes wrapped values in a scroll area.
    grid = QGridLayout()
    grid.setHorizontalSpacing(14)
    grid.setVerticalSpacing(5)
    grid.setColumnStretch(1, 1)
    for row, (label, value) in enumerate(rows):
        grid.addWidget(muted(label, wrap=False), row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(selectable(wrapped(value)), row, 1)
    sections.addLayout(grid)


def add_tags(sections: QVBoxLayout, c: ContactRecord) -> None:
    if not c.tags:
        return
    add_heading(sections, "Tags")
    holder = QWidget()
    flow = FlowLayout(holder)
    for tag in c.tags:
        chip = TagPill(tag)
        theme.follow(chip, theme.pill_sheet)
        flow.addWidget(chip)
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    sections.addWidget(holder)


def add_meetings(
    sections: QVBoxLayout,
    meetings: tuple[MeetingRow, ...],
    open_event: Callable[[int], object],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
) -> None:
    """The events where we met this person, then the past ones they were at without our
    meeting them, then those still ahead; each with its date and, under it, the notes taken
    there (only there: the Notes section holds the others, so no note shows twice)."""
    groups = group_meetings(meetings)
    add_heading(sections, "Events where we met")
    if not groups.met:
        sections.addWidget(
            muted("Not met at an event yet." if meetings else "Not linked to any event yet.")
        )
    for heading, rows in (
        ("", groups.met),
        ("Also at", groups.also_at),
        ("Coming up together", groups.coming_up),
    ):
        if heading and rows:
            add_heading(sections, heading)
        for m in rows:
            _add_meeting(sections, m, open_event, edit_note, delete_note)


def _add_meeting(
    sections: QVBoxLayout,
    m: MeetingRow,
    open_event: Callable[[int], object],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
) -> None:
    event = LinkButton(m.event_name)
    event.setObjectName("event_link")
    event.set_hint("Open this event")
    event.clicked.connect(lambda _=False, eid=m.event_id: open_event(eid))
    sections.addSpacing(6)
    sections.addWidget(event)
    sections.addWidget(muted(day_text(event_day(m.starts_at, m.all_day))))
    # Under Also at and Coming up, the heading already says we have not met there.
    facts = [topic_text(m.role), m.status, "met" if m.met else ""]
    sections.addWidget(muted(" · ".join(f for f in facts if f)))
    today = clock.today()
    for note in m.notes:
        meta = [when(note.created_at, today), topic_text(note.topic)]
        _add_note(sections, note, meta, edit_note, delete_note, indent=12)


def add_notes(
    sections: QVBoxLayout,
    notes: tuple[NoteRow, ...],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
    *,
    at_events: int = 0,
) -> None:
    """The notes not shown under an event, newest first; `at_events` says how many are."""
    add_heading(sections, "Notes")
    if not notes:
        if at_events:
            sections.addWidget(muted("No other notes. Add one with Add note."))
        else:
            sections.addWidget(muted("No notes yet. Add one with Add note."))
        return
    today = clock.today()
    for note in notes:
        meta = [when(note.created_at, today), topic_text(note.topic)]
        if note.event_name:
            meta.append(note.event_name)
        _add_note(sections, note, meta, edit_note, delete_note)


def _add_note(
    sections: QVBoxLayout,
    note: NoteRow,
    meta: list[str],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
    *,
    indent: int = 0,
) -> None:
    line = QHBoxLayout()
    line.setContentsMargins(indent, 0, 0, 0)
    line.addWidget(muted(" · ".join(meta)), 1)
    edit = _edit_link()
    edit.setObjectName("edit_note")
    edit.clicked.connect(lambda _=False, nid=note.id: edit_note(nid))
    line.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
    delete = _edit_link("Delete")
    delete.setObjectName("delete_note")
    delete.setToolTip("Delete this note (Ctrl+Z undoes it)")
    delete.clicked.connect(lambda _=False, nid=note.id: delete_note(nid))
    line.addWidget(delete, 0, Qt.AlignmentFlag.AlignTop)
    sections.addSpacing(4)
    sections.addLayout(line)
    body = selectable(wrapped(note.body))
    body.setContentsMargins(indent, 0, 0, 0)
    sections.addWidget(body)


def add_followups(
    sections: QVBoxLayout,
    followups: tuple[FollowUpRow, ...],
    set_done: Callable[[int, bool], object],
    edit_followup: Callable[[int], object],
) -> None:
    add_heading(sections, "Follow-ups")
    if not followups:
        sections.addWidget(muted("Nothing to follow up. Add one with Add follow-up."))
        return
    today = clock.today()
    for f in followups:
        done = QCheckBox()
        done.setObjectName("followup_done")
        done.setChecked(f.done_at is not None)
        done.setToolTip("Mark as done")
        done.toggled.connect(lambda on, fid=f.id: set_done(fid, on))
        action = wrapped(f.action)
        if f.done_at is not None:
            font = QFont(action.font())
            font.setStrikeOut(True)
            action.setFont(font)
            theme.colour(action, theme.muted)
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(action)
        when = due_label(f, today)
        if when is not None:
            text.addWidget(when)
        edit = _edit_link()
        edit.clicked.connect(lambda _=False, fid=f.id: edit_followup(fid))
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
        line.addLayout(text, 1)
        line.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        sections.addSpacing(2)
        sections.addLayout(line)


def due_label(f: FollowUpRow, today: date) -> QLabel | None:
    parts: list[str] = []
    overdue = False
    if f.done_at is not None:
        parts.append(f"Done {when(f.done_at, today)}")
    elif f.due_date is not None:
        overdue = f.due_date < today
        if f.due_date == today:
            parts.append("Due today")
        elif overdue:
            parts.append(f"Overdue since {when(f.due_date, today)}")
        else:
            parts.append(f"Due {when(f.due_date, today)}")
    if f.event_name:
        parts.append(f.event_name)
    if not parts:
        return None
    label = muted(" · ".join(parts))
    if overdue:
        theme.colour(label, theme.error)
    return label
