"""The sections of the contact detail pane: details, tags, meetings, notes and follow-ups.

Each `add_*` function appends one section to the pane's column. Every piece of user data goes into
a plain-text QLabel (or a button whose `&` is escaped), so a name like "<b>x</b>" shows as typed.
Clicks go back to the pane through the callbacks it passes in.

The pane is narrow and must never need more width than it has: text wraps (the labels of
detail_labels.py), dates go on their own line, and event links elide.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.records import ContactDetail as ContactRecord
from netdesk.services.records import FollowUpRow, MeetingRow, NoteRow, group_meetings
from netdesk.ui.mail.pending_drafts import HEADING, MailSection
from netdesk.ui.people.detail_labels import (
    LinkButton,
    edit_link,
    muted,
    selectable,
    topic_text,
    when,
    wrapped,
)
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import day_text, event_day, long_date
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.plain_text import plain_label
from netdesk.ui.widgets.tag_pill import TagPill


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
    link_goal: Callable[[int], object] | None = None,
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
            _add_meeting(sections, m, open_event, edit_note, delete_note, link_goal)


def _add_meeting(
    sections: QVBoxLayout,
    m: MeetingRow,
    open_event: Callable[[int], object],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
    link_goal: Callable[[int], object] | None = None,
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
        _add_note(sections, note, meta, edit_note, delete_note, indent=12, link_goal=link_goal)


def add_notes(
    sections: QVBoxLayout,
    notes: tuple[NoteRow, ...],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
    at_events: int = 0,
    link_goal: Callable[[int], object] | None = None,
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
        _add_note(sections, note, meta, edit_note, delete_note, link_goal=link_goal)


def _add_note(
    sections: QVBoxLayout,
    note: NoteRow,
    meta: list[str],
    edit_note: Callable[[int], object],
    delete_note: Callable[[int], object],
    *,
    indent: int = 0,
    link_goal: Callable[[int], object] | None = None,
) -> None:
    line = QHBoxLayout()
    line.setContentsMargins(indent, 0, 0, 0)
    line.addWidget(muted(" · ".join(meta)), 1)
    edit = edit_link()
    edit.setObjectName("edit_note")
    edit.clicked.connect(lambda _=False, nid=note.id: edit_note(nid))
    line.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
    delete = edit_link("Delete")
    delete.setObjectName("delete_note")
    delete.setToolTip("Delete this note (Ctrl+Z undoes it)")
    delete.clicked.connect(lambda _=False, nid=note.id: delete_note(nid))
    line.addWidget(delete, 0, Qt.AlignmentFlag.AlignTop)
    if link_goal is not None:
        line.addWidget(_goal_link(partial(link_goal, note.id)), 0, Qt.AlignmentFlag.AlignTop)
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
    link_goal: Callable[[int], object] | None = None,
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
        edit = edit_link()
        edit.clicked.connect(lambda _=False, fid=f.id: edit_followup(fid))
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
        line.addLayout(text, 1)
        line.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        if link_goal is not None:
            goal = _goal_link(partial(link_goal, f.id))
            line.addWidget(goal, 0, Qt.AlignmentFlag.AlignTop)
        sections.addSpacing(2)
        sections.addLayout(line)


def _goal_link(link: Callable[[], object]) -> QWidget:
    button = edit_link("Goal…")
    button.setObjectName("link_goal")
    button.setToolTip("Link to goal…")
    button.clicked.connect(lambda _=False: link())
    return button


def add_mail(sections: QVBoxLayout, section: MailSection) -> None:
    """Emails not yet marked sent and introductions made (ui/mail/pending_drafts.py)."""
    if not section.is_empty():
        add_heading(sections, HEADING)
    sections.addWidget(section)
    section.setVisible(not section.is_empty())


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
