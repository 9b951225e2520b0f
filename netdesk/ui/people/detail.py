"""The detail pane beside the People table: one contact with its events, notes and follow-ups.

The sections under the header are built in detail_sections.py, which keeps user data in
plain-text labels so that a name like "<b>x</b>" shows as typed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.dates import short_date
from netdesk.services.errors import ServiceError
from netdesk.services.records import ContactDetail as ContactRecord
from netdesk.services.service_set import Services
from netdesk.ui.followups import commands as followup_commands
from netdesk.ui.goals.link_dialog import link_to_goal
from netdesk.ui.goals.section import goal_lines
from netdesk.ui.mail.pending_drafts import MailSection
from netdesk.ui.people.card_pictures import HEADING as CARD_HEADING
from netdesk.ui.people.card_pictures import CardPicturesSection
from netdesk.ui.people.detail_labels import breakable, muted, selectable, wrapped
from netdesk.ui.people.detail_sections import (
    add_fields,
    add_followups,
    add_heading,
    add_mail,
    add_meetings,
    add_notes,
    add_tags,
)
from netdesk.ui.people.keep_in_touch_line import KeepInTouchLine
from netdesk.ui.people.photo import photo_pixmap
from netdesk.ui.people.photo_fetch_button import PhotoFetchButton
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.plain_text import plain_label, show_error

SELECT_PROMPT = "Select a person to see their details"
EMPTY_BOOK = "No people yet. Add one with New contact (Ctrl+N) or Quick capture (Ctrl+Shift+N)"
# Narrower than this the buttons would need three lines; the splitter keeps the pane at least this.
MINIMUM_WIDTH = 300
PHOTO_SIDE = 72


class ContactDetail(QWidget):
    """Shows one contact; edits go out as signals (Edit, Delete) or through note dialogs.
    Ticking a follow-up is a step on `undo_stack` when one is given; `message` says what
    happened ("Marked done — Ctrl+Z to undo")."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    qr_card_requested = Signal(int)
    delete_note_requested = Signal(int)
    open_event = Signal(int)
    open_goal = Signal(int)
    message = Signal(str)
    write_requested = Signal(int, str)  # contact id, template key ("" = the usual one)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._contact: ContactRecord | None = None
        self.setMinimumWidth(MINIMUM_WIDTH)

        self.empty_label = plain_label(SELECT_PROMPT, wrap=True)
        self.empty_label.setObjectName("empty_state")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.colour(self.empty_label, theme.muted, "font-size: 11pt; padding: 24px;")

        self.name_label = selectable(wrapped(""))
        self.name_label.setObjectName("contact_name")
        name_font = QFont(self.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.5)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.subtitle_label = selectable(muted(""))
        self.subtitle_label.setObjectName("contact_subtitle")
        # "Removed from Work on 3 Dec 2026": deleted on a sync server, kept here (it has notes).
        self.sync_note = muted("")
        self.sync_note.setObjectName("sync_note")
        self.sync_note.hide()
        self.me_chip = plain_label("This is me")
        theme.follow(self.me_chip, theme.me_pill_sheet)

        self.edit_button = QPushButton("Edit")
        self.note_button = QPushButton("Add note")
        self.followup_button = QPushButton("Add follow-up")
        self.qr_button = QPushButton("QR card")
        self.qr_button.setToolTip("Show this person's details as a QR code to pass on")
        self.qr_button.clicked.connect(self._request_qr_card)
        self.write_button = QPushButton("Write email…")
        self.write_button.setToolTip("Write to this person from a template (Ctrl+Shift+E)")
        self.write_button.clicked.connect(self._request_write)
        self.delete_button = QPushButton("Delete")
        self.goal_button = QPushButton("Link to goal…")
        self.goal_button.clicked.connect(lambda: self.link_goal("contact"))
        # Offered when the person's card gave their photo as a link: fetched only on request.
        self._photos = services.photos
        self.photo_button = PhotoFetchButton(services.photos)
        self.photo_button.saved.connect(self._photo_saved)
        self.edit_button.setToolTip("Edit this contact's details")
        self.delete_button.setToolTip("Delete this contact (Ctrl+Z undoes it)")
        self.edit_button.clicked.connect(self._request_edit)
        self.note_button.clicked.connect(self.add_note)
        self.followup_button.clicked.connect(self.add_followup)
        self.delete_button.clicked.connect(self._request_delete)
        # A flow, not a row: in a narrow pane the buttons wrap onto a second line.
        self._buttons = QWidget()
        buttons = FlowLayout(self._buttons)
        for button in (self.edit_button, self.note_button, self.followup_button, self.qr_button):
            buttons.addWidget(button)
        buttons.addWidget(self.goal_button)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.photo_button)

        self.photo_label = QLabel()
        self.photo_label.setObjectName("contact_photo")
        self.photo_label.setFixedSize(PHOTO_SIDE, PHOTO_SIDE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.photo_label.hide()
        header_top = QHBoxLayout()
        header_top.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
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
        body_layout.addWidget(self.sync_note)
        body_layout.addSpacing(6)
        body_layout.addWidget(self._buttons)
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

    @property
    def scroll_area(self) -> QScrollArea:
        """The scrolling column that holds the contact (its viewport is the width available)."""
        return self._scroll

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
        self.name_label.setText(breakable(c.formatted_name))
        role = c.title
        where = " · ".join(p for p in (c.organization, c.department) if p)
        subtitle = f"{role} at {where}" if role and where else role or where
        self.subtitle_label.setText(breakable(subtitle))
        self.subtitle_label.setVisible(bool(subtitle))
        self.me_chip.setVisible(c.is_me)
        removal = self._services.sync.removed_from(c.id)
        if removal is not None:
            self.sync_note.setText(f"Removed from {removal.account} on {short_date(removal.on)}")
        self.sync_note.setVisible(removal is not None)
        self._show_photo(self._photos.photo(c.id))
        self.photo_button.offer(c.id, c.formatted_name)
        old = self._sections_holder
        self._sections_holder = QWidget()
        self.sections = QVBoxLayout(self._sections_holder)
        self.sections.setContentsMargins(0, 0, 0, 0)
        self.sections.setSpacing(4)
        add_fields(self.sections, c)
        add_tags(self.sections, c)
        self.card_pictures = CardPicturesSection(
            self._services, c.id, c.formatted_name, self._undo_stack
        )
        self.card_pictures.changed.connect(self.refresh)
        self.card_pictures.message.connect(self.message)
        if self.card_pictures.has_pictures:
            add_heading(self.sections, CARD_HEADING)
        self.sections.addWidget(self.card_pictures)
        self.card_pictures.setVisible(self.card_pictures.has_pictures)
        self.keep_in_touch = KeepInTouchLine(
            self._services, c.id, c.formatted_name, self._undo_stack
        )
        self.keep_in_touch.changed.connect(self.refresh)
        self.keep_in_touch.message.connect(self.message)
        self.sections.addWidget(self.keep_in_touch)
        # A note taken at an event shows under that event only, with its Edit and Delete.
        delete_note = self.delete_note_requested.emit
        if goals := self._services.goals.goals_for(contact_id=c.id):
            add_heading(self.sections, "Goals")
            self.sections.addWidget(goal_lines(goals, self.open_goal.emit))
        note_goal = partial(self.link_goal, "note")
        add_meetings(
            self.sections, c.meetings, self.open_event.emit, self.edit_note, delete_note, note_goal
        )
        at_events = {m.event_id for m in c.meetings}
        others = tuple(n for n in c.notes if n.event_id not in at_events)
        at = len(c.notes) - len(others)
        add_notes(self.sections, others, self.edit_note, delete_note, at, note_goal)
        followup_goal = partial(self.link_goal, "followup")
        add_followups(self.sections, c.followups, self._set_done, self.edit_followup, followup_goal)
        self.mail_section = MailSection(
            self._services, c.id, undo_stack=self._undo_stack, say=self.message.emit
        )
        self.mail_section.changed.connect(self.refresh)
        add_mail(self.sections, self.mail_section)
        self._body_layout.replaceWidget(old, self._sections_holder)
        # Later, not now: the click that caused this rebuild may come from one of its buttons.
        old.hide()
        old.deleteLater()
        self._sections_holder.show()
        self.stack.setCurrentIndex(1)

    # -- actions -----------------------------------------------------------------------------

    def _request_edit(self) -> None:
        if self._contact is not None:
            self.edit_requested.emit(self._contact.id)

    def link_goal(self, kind: str, item_id: int | None = None) -> bool:
        """Link to goal… for this person, or one of their notes or follow-ups."""
        if self._contact is None:
            return False
        linked = link_to_goal(self._services, kind, item_id or self._contact.id, self)
        if linked:
            self.refresh()
        return linked

    def _request_write(self) -> None:
        if self._contact is not None:
            self.write_requested.emit(self._contact.id, "")

    def _request_qr_card(self) -> None:
        if self._contact is not None:
            self.qr_card_requested.emit(self._contact.id)

    def _request_delete(self) -> None:
        if self._contact is not None:
            self.delete_requested.emit(self._contact.id)

    # -- the photo ---------------------------------------------------------------------------

    def _show_photo(self, stored: tuple[bytes, str] | None) -> None:
        pixmap = photo_pixmap(stored[0], PHOTO_SIDE, self.devicePixelRatioF()) if stored else None
        self.photo_label.setVisible(pixmap is not None)
        self.photo_label.setPixmap(pixmap if pixmap is not None else QPixmap())

    def _photo_saved(self, message: str) -> None:
        self.message.emit(message)
        self.refresh()

    def _set_done(self, followup_id: int, done: bool) -> None:
        try:
            text = followup_commands.mark_done(
                self._undo_stack, self._services.followups, [followup_id], done
            )
        except ServiceError as exc:
            show_error(self, "Could not update the follow-up", str(exc))
            self.refresh()  # the box shows its saved state again
            return
        self.message.emit(text)

    def make_note_dialog(self, note_id: int | None = None) -> QDialog | None:
        if self._contact is None:
            return None
        # Imported here: the note dialog is optional for this pane and loads only when used.
        from netdesk.ui.people.note_dialog import NoteDialog

        return NoteDialog(self._services, self._contact.id, note_id=note_id, parent=self)

    def make_followup_dialog(self, followup_id: int | None = None) -> QDialog | None:
        if self._contact is None:
            return None
        from netdesk.ui.followups.dialog import FollowUpDialog

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
