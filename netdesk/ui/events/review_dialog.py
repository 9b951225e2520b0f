"""Review people met…: after an event, everyone marked met there who has no follow-up yet, one
at a time, with one key each: W write now, F follow up in N days, N nothing needed;
Backspace goes back (and undoes that person's choice), Esc stops (what was decided stays)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.event_review import MAX_DAYS, ReviewPerson
from netdesk.services.service_set import Services
from netdesk.ui.events.header import heading
from netdesk.ui.people.detail_labels import topic_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label, show_error, window_title

WRITE_TEMPLATE = "nice-to-meet"
DEFAULT_DAYS = 2
NOTES_HEIGHT = 160  # room for several notes before they scroll
# Changes that can take someone off the walk: deleted, off the event, given a follow-up.
REFRESH_ON = frozenset({"contacts", "attendances", "followups", "events"})


@dataclass
class _Choice:
    """What the user chose for one person, so that going back can undo it."""

    person: ReviewPerson
    followup_id: int | None = None


class ReviewDialog(QDialog):
    """`write_requested(contact_id, event_id, template_key)`: the user chose to write now; the
    window's mail actions open the email about this event (the dialog knows no mail)."""

    write_requested = Signal(int, int, str)

    def __init__(self, services: Services, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.event_id = event_id
        self.event_name = services.events.get(event_id).name  # NotFoundError when gone
        self.people = services.review.people_to_review(event_id)
        self._met = services.review.met_count(event_id)
        self.position = 0
        self._done: list[_Choice] = []
        self._deciding = False
        self.setWindowTitle(window_title(f"Review people met at {self.event_name}"))
        self.setMinimumWidth(520)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_person_page())
        self.stack.addWidget(self._build_end_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._show()

    def _build_person_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress_label = plain_label()
        theme.colour(self.progress_label, theme.muted)
        self.name_label = heading("", 5, QFont.Weight.Bold)
        self.work_label = plain_label(wrap=True)
        self.email_label = plain_label("No email address saved for them.")
        theme.colour(self.email_label, theme.muted)
        self.noted_title = plain_label(f"Noted at {self.event_name}:", wrap=True)
        theme.colour(self.noted_title, theme.muted)
        self.noted_label = plain_label(wrap=True)
        self.noted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (self.progress_label, self.name_label, self.work_label, self.email_label):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.noted_title)
        # Many or long notes scroll here, under the name and above the keys' buttons.
        self.noted_scroll = QScrollArea()
        self.noted_scroll.setWidget(self.noted_label)
        self.noted_scroll.setWidgetResizable(True)
        self.noted_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.noted_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.noted_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the dialog's
        self.noted_scroll.setMinimumHeight(NOTES_HEIGHT)
        self.noted_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.noted_scroll, 1)

        self.write_button = self._button("&Write now", "W", self.write_now)
        self.follow_button = self._button("&Follow up in", "F", self.follow_up)
        self.days_box = QSpinBox()
        self.days_box.setRange(0, MAX_DAYS)
        self.days_box.setValue(DEFAULT_DAYS)
        self.days_box.setSuffix(" days")
        self.days_box.setToolTip("How many days from today the follow-up is due")
        # Typed digits go to the number; the dialog's letters and Esc still work from it.
        self.days_box.installEventFilter(self)
        self.nothing_button = self._button("&Nothing needed", "N", self.nothing_needed)
        self.back_button = self._button("Back", "Backspace", self.back)
        self.stop_button = self._button("Stop", "Esc", self.reject)
        choices = QHBoxLayout()
        choices.addWidget(self.write_button)
        choices.addWidget(self.follow_button)
        choices.addWidget(self.days_box)
        choices.addWidget(self.nothing_button)
        choices.addStretch(1)
        layout.addLayout(choices)
        bottom = QHBoxLayout()
        hint = plain_label("One key each: W, F, N. Backspace goes back, Esc stops.")
        theme.colour(hint, theme.muted)
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.stop_button)
        layout.addLayout(bottom)
        return page

    def _build_end_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.end_label = heading("", 3, QFont.Weight.DemiBold)
        self.end_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.end_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.end_back_button = self._button("Back", "Backspace", self.back)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.end_back_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        return page

    @staticmethod
    def _button(text: str, key: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(f"Key: {key}")
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- showing ----------------------------------------------------------------------------

    def current(self) -> ReviewPerson | None:
        return self.people[self.position] if self.position < len(self.people) else None

    def is_finished(self) -> bool:
        return self.current() is None

    def _show(self) -> None:
        person = self.current()
        if person is None:
            self._show_end()
            return
        self.stack.setCurrentIndex(0)
        self.progress_label.setText(f"{self.position + 1} of {len(self.people)}")
        self.name_label.setText(person.name)
        work = " · ".join(part for part in (person.title, person.organization) if part)
        self.work_label.setText(work)
        self.work_label.setVisible(bool(work))
        self.email_label.setVisible(not person.has_email)
        try:
            noted = self._services.review.noted(person.attendance_id)
        except NotFoundError:
            noted = []
        lines = [f"{topic_text(topic)}: {text}" if topic else text for topic, text in noted]
        self.noted_label.setText("\n".join(lines) if lines else "Nothing noted there.")
        self.back_button.setEnabled(self.position > 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_end(self) -> None:
        self.stack.setCurrentIndex(1)
        if not self.people and not self._met:
            self.end_label.setText(
                f"No one is marked met at {self.event_name} yet.\n"
                "Tick “Met” beside people on the event page."
            )
        else:
            self.end_label.setText(f"Everyone met at {self.event_name} is reviewed")
        self.end_back_button.setVisible(bool(self._done))
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the choices ------------------------------------------------------------------------

    def write_now(self) -> None:
        person = self.current()
        if person is not None and self._decide(person, self._services.review.written):
            self.write_requested.emit(person.contact_id, self.event_id, WRITE_TEMPLATE)

    def follow_up(self) -> None:
        person = self.current()
        if person is None:
            return
        days = self.days_box.value()
        made: list[int] = []

        def plan(attendance_id: int) -> None:
            made.append(self._services.review.follow_up_in(attendance_id, days, clock.today()))

        if self._decide(person, plan):
            self._done[-1].followup_id = made[0]

    def nothing_needed(self) -> None:
        person = self.current()
        if person is not None:
            self._decide(person, self._services.review.nothing_needed)

    def _decide(self, person: ReviewPerson, action: Callable[[int], object]) -> bool:
        self._deciding = True  # the change this makes is no news to the walk
        try:
            action(person.attendance_id)
        except NotFoundError:
            # Taken off the event (or deleted) meanwhile: nothing to decide for them.
            self._skip()
            return False
        except ServiceError as exc:
            show_error(self, "Cannot save that", str(exc))
            return False
        finally:
            self._deciding = False
        self._done.append(_Choice(person))
        self.position += 1
        self._show()
        return True

    def on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & REFRESH_ON and not self._deciding:
            self.refresh()

    def refresh(self) -> None:
        """After a change (here or in another window or process): those still to come who
        were deleted, taken off the event or given a follow-up meanwhile leave the walk; a
        renamed one shows the new name. Those already decided stay, so Back still works."""
        fresh = {p.attendance_id: p for p in self._services.review.people_to_review(self.event_id)}
        coming = self.people[self.position :]
        still = [fresh[p.attendance_id] for p in coming if p.attendance_id in fresh]
        if still == coming:
            return
        self.people[self.position :] = still
        self._show()

    def _skip(self) -> None:
        del self.people[self.position]
        self._show()

    def back(self) -> None:
        """One person back, undoing what was chosen for them."""
        if not self._done:
            return
        choice = self._done.pop()
        try:
            self._services.review.reopen(choice.person.attendance_id, choice.followup_id)
        except NotFoundError:
            pass  # gone from the event meanwhile: nothing left to undo
        except ServiceError as exc:
            self._done.append(choice)
            show_error(self, "Cannot go back", str(exc))
            return
        self.position -= 1
        self._show()

    # -- keys -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the days box: letters act, everything else edits the number.
        if watched is self.days_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() != Qt.Key.Key_Backspace and self._key(event):
                return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """Acts on the dialog's keys; False for any other key."""
        held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.modifiers() & (held | Qt.KeyboardModifier.MetaModifier):
            return False
        key = event.key()
        if key == Qt.Key.Key_Backspace:
            self.back()
            return True
        if key == Qt.Key.Key_Escape:
            if self.is_finished():
                self.accept()
            else:
                self.reject()
            return True
        if self.is_finished():
            return False
        actions = {
            Qt.Key.Key_W: self.write_now,
            Qt.Key.Key_F: self.follow_up,
            Qt.Key.Key_N: self.nothing_needed,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            return False
        action()
        return True


def open_review(services: Services, event_id: int, parent: QWidget | None) -> ReviewDialog | None:
    """The review dialog, opened (not modal to the app); None when the event has gone."""
    try:
        dialog = ReviewDialog(services, event_id, parent)
    except NotFoundError as exc:
        show_error(parent, "Cannot review that event", str(exc))
        return None
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
