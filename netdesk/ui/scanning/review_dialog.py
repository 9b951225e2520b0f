"""Reviewing one scanned card before it becomes a contact: the card's picture beside its fields,
each editable; the text that went into no field, to drag into one; whether the person is already
in netdesk; the event to put them on. Save, Skip this card, or Cancel the rest.

One dialog serves every card of a scan: Save and Skip load the next one (the event chosen
stays). The dialog saves through services.scanning, the import's duplicate check and save.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from netdesk.formats.records import CardImage, ContactRecord
from netdesk.scan.card_fields import CardFields
from netdesk.services.errors import ServiceError
from netdesk.services.import_plan import ImportPlan, ImportReport
from netdesk.services.service_set import Services
from netdesk.ui.scanning.card_picture import CardPictures
from netdesk.ui.scanning.duplicate_line import DuplicateLine
from netdesk.ui.scanning.event_row import EventRow
from netdesk.ui.scanning.field_form import FieldForm
from netdesk.ui.scanning.unplaced_list import UnplacedList
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.plain_text import ElidedLabel, button_text, plain_label
from netdesk.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from netdesk.scan.reader import ScannedCard

TITLE = "Scan business cards"
# Fits a 1,366 x 768 laptop (about 1,350 x 690 inside the frame) with room to spare.
SIZE = QSize(1080, 660)
CHECK_DELAY_MS = 350  # the duplicate check runs again once typing pauses this long
EMPTY = "Type a name, an organisation, an email or a phone first: that is what makes a contact."


def position_text(number: int, total: int, waiting: int) -> str:
    """ "Card 2 of 5", and "· 1 photo still being read" while the queue works."""
    text = f"Card {number} of {max(total, number)}"
    if waiting:
        text += f" · {plural(waiting, 'photo')} still being read"
    return text


class ScanReviewDialog(QDialog):
    saved = Signal(object, object)  # the ImportReport, and the ContactRecord saved
    skipped = Signal()
    back_from_file = Signal()  # "Add the back side ▸ From a photo…"
    back_from_next = Signal()  # "Add the back side ▸ The next card (…)"

    def __init__(
        self, services: Services, event_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.card: ScannedCard | None = None
        self.sides: list[ScannedCard] = []
        self.setWindowTitle(TITLE)

        self.position_label = plain_label("")
        font = self.position_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(font.Weight.DemiBold)
        self.position_label.setFont(font)
        self.source_label = ElidedLabel()
        theme.colour(self.source_label, theme.muted)

        self.pictures = CardPictures()
        self.unplaced_label = plain_label("Text not &placed")
        self.unplaced = UnplacedList()
        self.unplaced_label.setBuddy(self.unplaced)
        self.form = FieldForm()
        self.unplaced.targets = self.form.targets
        self.unplaced.put_into.connect(self._put_into)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setMinimumWidth(380)
        # The fields inside take the focus (and scroll into view); the area itself is no stop.
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.pictures, 1)
        left_layout.addWidget(self.unplaced_label)
        left_layout.addWidget(self.unplaced)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)

        self.duplicate_line = DuplicateLine()
        self.event_row = EventRow(services, event_id)
        self.error_label = plain_label(wrap=True)
        theme.colour(self.error_label, theme.error)
        self.error_label.hide()

        self.back_button = QPushButton("Add the &back side")
        self.back_button.setToolTip("The other side of this card: both make one contact")
        self.back_menu = QMenu(self.back_button)
        self.back_from_file_action = self.back_menu.addAction("From a photo…")
        self.back_from_file_action.triggered.connect(self.back_from_file)
        self.back_from_next_action = self.back_menu.addAction("The next card")
        self.back_from_next_action.triggered.connect(self.back_from_next)
        self.back_button.setMenu(self.back_menu)
        self.skip_button = QPushButton("S&kip this card")
        self.skip_button.setToolTip("Leave this card out and go on with the next one")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop: the cards not saved yet are left out (Esc)")
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)  # Enter in a field saves
        self.skip_button.clicked.connect(self.skip)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)

        heading = QHBoxLayout()
        heading.addWidget(self.position_label)
        heading.addWidget(self.source_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.duplicate_line)
        layout.addWidget(self.event_row)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_duplicates)
        self.form.changed.connect(self._fields_changed)
        self.event_row.changed.connect(self.error_label.hide)
        fit_to_screen(self, SIZE)
        # The picture's size hint is ignored (it would ask for 1,600 px): without the list of
        # text not placed the card's column asked for nothing and got its 160-pixel minimum.
        self.splitter.setSizes([self.width() * 5 // 9, self.width() * 4 // 9])
        self.set_next_card(None)

    # -- the card shown -----------------------------------------------------------------------

    def show_card(self, card: ScannedCard, number: int, total: int, waiting: int = 0) -> None:
        self.wait_for_next(False)
        self.card = card
        self.sides = [card]
        self.source_label.set_full_text(_card_source(card))
        self.pictures.set_images([(card.image, card.source)])
        self._load(card.fields)
        self.back_button.setEnabled(True)
        self.set_position(number, total, waiting)
        self._set_tab_order()
        first = self.form.singles["name"]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        first.selectAll()

    def _load(self, fields: CardFields) -> None:
        self.form.load(fields)
        self.unplaced.set_lines(fields.unplaced)
        has_unplaced = bool(fields.unplaced)
        self.unplaced.setVisible(has_unplaced)
        self.unplaced_label.setVisible(has_unplaced)
        # As tall as its lines (3 to 6 rows): the rest of the column is the card's.
        rows = min(max(len(fields.unplaced), 3), 6)
        row_height = max(self.unplaced.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.unplaced.setFixedHeight(rows * row_height + 2 * self.unplaced.frameWidth() + 2)
        self.error_label.hide()
        self.duplicate_line.show_item(None)
        self.check_duplicates()

    def wait_for_next(self, waiting: bool) -> None:
        """Between cards, while the next photo is read: only Cancel (or Esc) can be used."""
        for part in (
            self.splitter,
            self.duplicate_line,
            self.event_row,
            self.back_button,
            self.skip_button,
            self.save_button,
        ):
            part.setEnabled(not waiting)
        if waiting:
            self.card = None
            self.position_label.setText("Reading the next photo…")
            self.cancel_button.setFocus()

    def set_position(self, number: int, total: int, waiting: int) -> None:
        self.position_label.setText(position_text(number, total, waiting))

    def set_next_card(self, name: str | None) -> None:
        """The card that would be this one's back ("The next card"), None when there is none."""
        self.back_from_next_action.setEnabled(name is not None)
        self.back_from_next_action.setText(
            button_text(f"The next card ({name})") if name else "The next card"
        )

    def add_back(self, back: ScannedCard) -> None:
        """The other side of the card: its fields merged in, both pictures kept."""
        from netdesk.scan.sides import merge_sides

        self.sides.append(back)
        merged = merge_sides(self.current_fields(), back.fields)
        self.pictures.set_images([(side.image, side.source) for side in self.sides])
        self.source_label.set_full_text(" + ".join(_card_source(side) for side in self.sides))
        self._load(merged)
        self.back_button.setEnabled(False)  # a card has two sides
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain = [
            *self.form.edits(),
            self.unplaced,
            self.duplicate_line.choice,
            self.event_row.combo,
            self.event_row.new_edit,
            self.back_button,
            self.skip_button,
            self.cancel_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- what the form says -------------------------------------------------------------------

    def current_fields(self) -> CardFields:
        return self.form.fields(self.unplaced.lines())

    def images(self) -> list[CardImage]:
        return [CardImage(side.image, "image/jpeg", side.source) for side in self.sides]

    def record(self, with_images: bool = True) -> ContactRecord:
        from netdesk.scan.record import record_of

        return record_of(self.current_fields(), self.images() if with_images else [])

    def _put_into(self, text: str, label: str) -> None:
        for target_label, edit in self.form.targets():
            if target_label == label:
                self.form.put(edit, text)
                self.unplaced.remove_text(text)
                return

    def _fields_changed(self) -> None:
        self.error_label.hide()
        self._check_timer.start()

    def _plan(self, with_images: bool) -> ImportPlan:
        assert self.card is not None
        return self._services.scanning.plan([self.record(with_images)], self.card.source)

    def check_duplicates(self) -> None:
        """Whether the person as the fields say now is already in netdesk."""
        self._check_timer.stop()
        if self.card is None or self.current_fields().is_empty():
            self.duplicate_line.show_item(None)
            return
        try:
            plan = self._plan(with_images=False)
        except ServiceError:
            return  # the save says it, if it persists
        self.duplicate_line.show_item(plan.items[0] if plan.items else None)

    # -- the buttons --------------------------------------------------------------------------

    def save(self) -> ImportReport | None:
        if self.card is None:
            return None
        if self.current_fields().is_empty():
            self._refuse(EMPTY)
            return None
        if self.event_row.wants_new() and not self.event_row.new_name():
            self._refuse("Type a name for the new event.")
            return None
        self.check_duplicates()  # as the fields are now, not as they were 300 ms ago
        try:
            plan = self._plan(with_images=True)
            if not plan.items:
                self._refuse("; ".join(str(p) for p in plan.problems) or EMPTY)
                return None
            choice = self.duplicate_line.action()
            if choice is not None and plan.items[0].match_id == self.duplicate_line.match_id:
                plan.items[0].action = choice
            # A new event's name that exists already (made by an earlier card) is that event:
            # the save looks it up in its own transaction.
            new_name = self.event_row.new_name()
            report = self._services.scanning.save(plan, self.event_row.event_id(), new_name)
        except ServiceError as exc:
            self._refuse(str(exc))
            return None
        if new_name:
            # The next cards go on the event just made, without asking for its name again.
            self.event_row.choose(self._services.events.find_by_name(new_name))
        self.saved.emit(report, plan.items[0].record)
        return report

    def skip(self) -> None:
        self.skipped.emit()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def _card_source(card: ScannedCard) -> str:
    """ "IMG_2041.HEIC", or "IMG_2041.HEIC, card 2" for a photo of several cards."""
    return card.source if card.index == 0 else f"{card.source}, card {card.index + 1}"
