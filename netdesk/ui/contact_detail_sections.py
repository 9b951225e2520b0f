"""The sections of the contact detail pane: details, tags, meetings, notes and follow-ups.

Each `add_*` function appends one section to the pane's column. Every piece of user data goes into
a plain-text QLabel (or a button whose `&` is escaped), so a name like "<b>x</b>" shows as typed.
Clicks go back to the pane through the callbacks it passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.records import ContactDetail as ContactRecord
from netdesk.services.records import FollowUpRow, MeetingRow, NoteRow
from netdesk.ui.flow_layout import FlowLayout
from netdesk.ui.plain_text import plain_label

MUTED = "color: palette(placeholder-text);"
CHIP_STYLE = "QLabel { background: #e3ecfa; color: #1d3b6a; border-radius: 9px; padding: 2px 9px; }"
OVERDUE_STYLE = "color: #b3261e;"
LINK_STYLE = (
    "QPushButton { border: none; padding: 0; text-align: left; font-weight: 600;"
    " color: palette(link); } QPushButton:hover { text-decoration: underline; }"
)
SMALL_BUTTON_STYLE = (
    "QPushButton { border: none; padding: 0 4px; color: palette(link); }"
    " QPushButton:hover { text-decoration: underline; }"
)


def day_text(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = value.astimezone()
    return f"{value.day} {value:%b %Y}"


def button_text(text: str) -> str:
    """Button labels treat `&` as a shortcut marker: double it to show the user's text as is."""
    return text.replace("&", "&&")


def topic_text(topic: str) -> str:
    return topic[:1].upper() + topic[1:]


def muted(text: str, *, wrap: bool = True) -> QLabel:
    label = plain_label(text, wrap=wrap)
    label.setStyleSheet(MUTED)
    return label


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _edit_link(text: str = "Edit") -> QPushButton:
    edit = QPushButton(text)
    edit.setFlat(True)
    edit.setStyleSheet(SMALL_BUTTON_STYLE)
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
        phones = "\n".join(p.value for p in c.phones)
        rows.append(("Phone" if len(c.phones) == 1 else "Phones", phones))
    if c.urls:
        rows.append(("Web", "\n".join(c.urls)))
    if c.birthday:
        rows.append(("Birthday", f"{c.birthday.day} {c.birthday:%B %Y}"))
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
        grid.addWidget(selectable(plain_label(value, wrap=True)), row, 1)
    sections.addLayout(grid)


def add_tags(sections: QVBoxLayout, c: ContactRecord) -> None:
    if not c.tags:
        return
    add_heading(sections, "Tags")
    holder = QWidget()
    flow = FlowLayout(holder)
    for tag in c.tags:
        chip = plain_label(tag)
        chip.setStyleSheet(CHIP_STYLE)
        flow.addWidget(chip)
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    sections.addWidget(holder)


def add_meetings(
    sections: QVBoxLayout,
    meetings: tuple[MeetingRow, ...],
    open_event: Callable[[int], object],
) -> None:
    add_heading(sections, "Events where we met")
    if not meetings:
        sections.addWidget(muted("Not linked to any event yet."))
        return
    for m in meetings:
        event = QPushButton(button_text(m.event_name))
        event.setObjectName("event_link")
        event.setFlat(True)
        event.setStyleSheet(LINK_STYLE)
        event.setCursor(Qt.CursorShape.PointingHandCursor)
        event.setToolTip("Open this event")
        event.clicked.connect(lambda _=False, eid=m.event_id: open_event(eid))
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(event)
        line.addStretch(1)
        line.addWidget(muted(day_text(m.starts_at), wrap=False))
        sections.addSpacing(4)
        sections.addLayout(line)
        facts = [topic_text(m.role), m.status, "met" if m.met else "not met yet"]
        sections.addWidget(muted(" · ".join(f for f in facts if f)))
        for note in m.notes:
            body = selectable(plain_label(f"{topic_text(note.topic)}: {note.body}", wrap=True))
            body.setContentsMargins(12, 0, 0, 0)
            sections.addWidget(body)


def add_notes(
    sections: QVBoxLayout,
    notes: tuple[NoteRow, ...],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
) -> None:
    add_heading(sections, "Notes")
    if not notes:
        sections.addWidget(muted("No notes yet. Add one with Add note."))
        return
    for note in notes:
        meta = [day_text(note.created_at), topic_text(note.topic)]
        if note.event_name:
            meta.append(note.event_name)
        line = QHBoxLayout()
        line.addWidget(muted(" · ".join(meta)), 1)
        edit = _edit_link()
        edit.clicked.connect(lambda _=False, nid=note.id: edit_note(nid))
        line.addWidget(edit)
        delete = _edit_link("Delete")
        delete.setObjectName("delete_note")
        delete.setToolTip("Delete this note (Ctrl+Z undoes it)")
        delete.clicked.connect(lambda _=False, nid=note.id: delete_note(nid))
        line.addWidget(delete)
        sections.addSpacing(4)
        sections.addLayout(line)
        sections.addWidget(selectable(plain_label(note.body, wrap=True)))


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
    today = date.today()
    for f in followups:
        done = QCheckBox()
        done.setObjectName("followup_done")
        done.setChecked(f.done_at is not None)
        done.setToolTip("Mark as done")
        done.toggled.connect(lambda on, fid=f.id: set_done(fid, on))
        action = plain_label(f.action, wrap=True)
        if f.done_at is not None:
            font = QFont(action.font())
            font.setStrikeOut(True)
            action.setFont(font)
            action.setStyleSheet(MUTED)
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
        parts.append(f"Done {day_text(f.done_at)}")
    elif f.due_date is not None:
        overdue = f.due_date < today
        if f.due_date == today:
            parts.append("Due today")
        elif overdue:
            parts.append(f"Overdue since {day_text(f.due_date)}")
        else:
            parts.append(f"Due {day_text(f.due_date)}")
    if f.event_name:
        parts.append(f.event_name)
    if not parts:
        return None
    label = muted(" · ".join(parts))
    if overdue:
        label.setStyleSheet(OVERDUE_STYLE)
    return label
