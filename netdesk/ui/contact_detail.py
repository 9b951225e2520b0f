"""The detail pane beside the People table: one contact with its events, notes and follow-ups.

Every piece of user data goes into a plain-text QLabel (or a button whose `&` is escaped), so a
name like "<b>x</b>" shows as typed.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMargins,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError
from netdesk.services.records import ContactDetail as ContactRecord
from netdesk.services.records import FollowUpRow, MeetingRow, NoteRow
from netdesk.services.service_set import Services
from netdesk.ui.plain_text import plain_label, show_error

SELECT_PROMPT = "Select a person to see their details"
EMPTY_BOOK = "No people yet. Add one with New contact (Ctrl+N) or Quick capture (Ctrl+Shift+N)"

MUTED = "color: palette(placeholder-text);"
CHIP_STYLE = "QLabel { background: #e3ecfa; color: #1d3b6a; border-radius: 9px; padding: 2px 9px; }"
ME_STYLE = "QLabel { background: #dff3e4; color: #1e5631; border-radius: 9px; padding: 2px 9px; }"
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


class FlowLayout(QLayout):
    """Lays out small widgets (tag chips) left to right, wrapping onto new lines."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x, y = rect.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


def _muted(text: str, *, wrap: bool = True) -> QLabel:
    label = plain_label(text, wrap=wrap)
    label.setStyleSheet(MUTED)
    return label


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ContactDetail(QWidget):
    """Shows one contact; edits go out as signals (Edit, Delete) or through note dialogs."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    open_event = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._contact: ContactRecord | None = None
        self.setMinimumWidth(300)

        self.empty_label = plain_label(SELECT_PROMPT, wrap=True)
        self.empty_label.setObjectName("empty_state")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(MUTED + " font-size: 11pt; padding: 24px;")

        self.name_label = _selectable(plain_label(wrap=True))
        self.name_label.setObjectName("contact_name")
        name_font = QFont(self.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.subtitle_label = _selectable(_muted(""))
        self.me_chip = plain_label("This is me")
        self.me_chip.setStyleSheet(ME_STYLE)

        self.edit_button = QPushButton("Edit")
        self.note_button = QPushButton("Add note")
        self.followup_button = QPushButton("Add follow-up")
        self.delete_button = QPushButton("Delete")
        self.edit_button.setToolTip("Edit this contact's details")
        self.delete_button.setToolTip("Delete this contact (Ctrl+Z undoes it)")
        self.edit_button.clicked.connect(self._request_edit)
        self.note_button.clicked.connect(self.add_note)
        self.followup_button.clicked.connect(self.add_followup)
        self.delete_button.clicked.connect(self._request_delete)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.edit_button, self.note_button, self.followup_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        header_top = QHBoxLayout()
        header_top.addWidget(self.name_label, 1)
        header_top.addWidget(self.me_chip, 0, Qt.AlignmentFlag.AlignTop)

        # Rebuilt for each contact: a fresh holder, shown in one go, replaces the old one.
        self._sections_holder = QWidget()
        self.sections = QVBoxLayout(self._sections_holder)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 14, 16, 16)
        body_layout.setSpacing(6)
        body_layout.addLayout(header_top)
        body_layout.addWidget(self.subtitle_label)
        body_layout.addSpacing(6)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self._sections_holder)
        body_layout.addStretch(1)
        self._body_layout = body_layout
        self._scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        body.installEventFilter(self)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The scroll area does not hear when its content's wrapped labels need more height (new
        # rows, style polish): pass the content's layout requests on so that it measures again.
        # (Posting would not do: Qt drops a layout request while another is still queued.)
        if watched is self._scroll.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self._remeasure)
        return super().eventFilter(watched, event)

    def _remeasure(self) -> None:
        QCoreApplication.sendEvent(self._scroll, QEvent(QEvent.Type.LayoutRequest))

    # -- what is shown ------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        return self._contact.id if self._contact else None

    @property
    def contact(self) -> ContactRecord | None:
        return self._contact

    def show_empty(self, message: str = SELECT_PROMPT) -> None:
        """No single contact to show: say what to do instead."""
        self._contact = None
        self.empty_label.setText(message)
        self.stack.setCurrentWidget(self.empty_label)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def set_contact(self, contact_id: int | None) -> None:
        if contact_id is None:
            self.show_empty()
            return
        try:
            contact = self._services.contacts.get(contact_id)
        except ServiceError:
            self.show_empty()
            return
        self._show(contact)

    def refresh(self) -> None:
        """Read the shown contact again (after a change elsewhere)."""
        if self._contact is not None:
            self.set_contact(self._contact.id)

    def _show(self, c: ContactRecord) -> None:
        self._contact = c
        self.name_label.setText(c.formatted_name)
        role = c.title
        where = " · ".join(p for p in (c.organization, c.department) if p)
        subtitle = f"{role} at {where}" if role and where else role or where
        self.subtitle_label.setText(subtitle)
        self.subtitle_label.setVisible(bool(subtitle))
        self.me_chip.setVisible(c.is_me)
        old = self._sections_holder
        self._sections_holder = QWidget()
        self.sections = QVBoxLayout(self._sections_holder)
        self.sections.setContentsMargins(0, 0, 0, 0)
        self.sections.setSpacing(4)
        self._add_fields(c)
        self._add_tags(c)
        self._add_meetings(c.meetings)
        self._add_notes(c.notes)
        self._add_followups(c.followups)
        self._body_layout.replaceWidget(old, self._sections_holder)
        # Later, not now: the click that caused this rebuild may come from one of its buttons.
        old.hide()
        old.deleteLater()
        self._sections_holder.show()
        self.stack.setCurrentIndex(1)

    # -- sections ----------------------------------------------------------------------------

    def _heading(self, text: str) -> None:
        self.sections.addSpacing(14)
        label = plain_label(text)
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.08)
        label.setFont(font)
        self.sections.addWidget(label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.sections.addWidget(line)

    def _add_fields(self, c: ContactRecord) -> None:
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
        self._heading("Details")
        # A grid, not a QFormLayout: the form layout squeezes wrapped values in a scroll area.
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(5)
        grid.setColumnStretch(1, 1)
        for row, (label, value) in enumerate(rows):
            grid.addWidget(_muted(label, wrap=False), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_selectable(plain_label(value, wrap=True)), row, 1)
        self.sections.addLayout(grid)

    def _add_tags(self, c: ContactRecord) -> None:
        if not c.tags:
            return
        self._heading("Tags")
        holder = QWidget()
        flow = FlowLayout(holder)
        for tag in c.tags:
            chip = plain_label(tag)
            chip.setStyleSheet(CHIP_STYLE)
            flow.addWidget(chip)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.sections.addWidget(holder)

    def _add_meetings(self, meetings: tuple[MeetingRow, ...]) -> None:
        self._heading("Events where we met")
        if not meetings:
            self.sections.addWidget(_muted("Not linked to any event yet."))
            return
        for m in meetings:
            event = QPushButton(button_text(m.event_name))
            event.setObjectName("event_link")
            event.setFlat(True)
            event.setStyleSheet(LINK_STYLE)
            event.setCursor(Qt.CursorShape.PointingHandCursor)
            event.setToolTip("Open this event")
            event.clicked.connect(lambda _=False, eid=m.event_id: self.open_event.emit(eid))
            line = QHBoxLayout()
            line.setSpacing(8)
            line.addWidget(event)
            line.addStretch(1)
            line.addWidget(_muted(day_text(m.starts_at), wrap=False))
            self.sections.addSpacing(4)
            self.sections.addLayout(line)
            facts = [topic_text(m.role), m.status, "met" if m.met else "not met yet"]
            self.sections.addWidget(_muted(" · ".join(f for f in facts if f)))
            for note in m.notes:
                body = _selectable(plain_label(f"{topic_text(note.topic)}: {note.body}", wrap=True))
                body.setContentsMargins(12, 0, 0, 0)
                self.sections.addWidget(body)

    def _add_notes(self, notes: tuple[NoteRow, ...]) -> None:
        self._heading("Notes")
        if not notes:
            self.sections.addWidget(_muted("No notes yet. Add one with Add note."))
            return
        for note in notes:
            meta = [day_text(note.created_at), topic_text(note.topic)]
            if note.event_name:
                meta.append(note.event_name)
            line = QHBoxLayout()
            line.addWidget(_muted(" · ".join(meta)), 1)
            edit = QPushButton("Edit")
            edit.setFlat(True)
            edit.setStyleSheet(SMALL_BUTTON_STYLE)
            edit.setCursor(Qt.CursorShape.PointingHandCursor)
            edit.clicked.connect(lambda _=False, nid=note.id: self.edit_note(nid))
            line.addWidget(edit)
            self.sections.addSpacing(4)
            self.sections.addLayout(line)
            self.sections.addWidget(_selectable(plain_label(note.body, wrap=True)))

    def _add_followups(self, followups: tuple[FollowUpRow, ...]) -> None:
        self._heading("Follow-ups")
        if not followups:
            self.sections.addWidget(_muted("Nothing to follow up. Add one with Add follow-up."))
            return
        today = date.today()
        for f in followups:
            done = QCheckBox()
            done.setObjectName("followup_done")
            done.setChecked(f.done_at is not None)
            done.setToolTip("Mark as done")
            done.toggled.connect(lambda on, fid=f.id: self._set_done(fid, on))
            action = plain_label(f.action, wrap=True)
            if f.done_at is not None:
                font = QFont(action.font())
                font.setStrikeOut(True)
                action.setFont(font)
                action.setStyleSheet(MUTED)
            text = QVBoxLayout()
            text.setSpacing(1)
            text.addWidget(action)
            when = self._due_label(f, today)
            if when is not None:
                text.addWidget(when)
            edit = QPushButton("Edit")
            edit.setFlat(True)
            edit.setStyleSheet(SMALL_BUTTON_STYLE)
            edit.setCursor(Qt.CursorShape.PointingHandCursor)
            edit.clicked.connect(lambda _=False, fid=f.id: self.edit_followup(fid))
            line = QHBoxLayout()
            line.setSpacing(8)
            line.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
            line.addLayout(text, 1)
            line.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
            self.sections.addSpacing(2)
            self.sections.addLayout(line)

    @staticmethod
    def _due_label(f: FollowUpRow, today: date) -> QLabel | None:
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
        label = _muted(" · ".join(parts))
        if overdue:
            label.setStyleSheet(OVERDUE_STYLE)
        return label

    # -- actions -----------------------------------------------------------------------------

    def _request_edit(self) -> None:
        if self._contact is not None:
            self.edit_requested.emit(self._contact.id)

    def _request_delete(self) -> None:
        if self._contact is not None:
            self.delete_requested.emit(self._contact.id)

    def _set_done(self, followup_id: int, done: bool) -> None:
        try:
            self._services.followups.set_done(followup_id, done)
        except ServiceError as exc:
            show_error(self, "Could not update the follow-up", str(exc))

    def make_note_dialog(self, note_id: int | None = None) -> QDialog | None:
        if self._contact is None:
            return None
        # Imported here: the note dialog is optional for this pane and loads only when used.
        from netdesk.ui.note_dialog import NoteDialog

        return NoteDialog(self._services, self._contact.id, note_id=note_id, parent=self)

    def make_followup_dialog(self, followup_id: int | None = None) -> QDialog | None:
        if self._contact is None:
            return None
        from netdesk.ui.followup_dialog import FollowUpDialog

        if followup_id is None:
            return FollowUpDialog(self._services, contact_id=self._contact.id, parent=self)
        return FollowUpDialog(self._services, followup_id=followup_id, parent=self)

    def add_note(self) -> None:
        self._run(self.make_note_dialog())

    def edit_note(self, note_id: int) -> None:
        self._run(self.make_note_dialog(note_id))

    def add_followup(self) -> None:
        self._run(self.make_followup_dialog())

    def edit_followup(self, followup_id: int) -> None:
        self._run(self.make_followup_dialog(followup_id))

    def _run(self, dialog: QDialog | None) -> None:
        if dialog is None:
            return
        dialog.exec()
        dialog.deleteLater()
        # The change bridge refreshes the pane too; this covers a pane used without one.
        self.refresh()
