"""The top of an event's page: its name with Edit and Delete, then when, where, who organises
it, its website, description and tags; each line hidden when the event has nothing for it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.records import EventDetail
from netdesk.ui.events.list_model import kind_text, place_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import zoned_when_text
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import ElidedLabel, plain_label

SERIES_TOOLTIP = (
    "The repeat rule came with an imported calendar. netdesk shows the series as one event\n"
    "on its first date, and gives the rule back unchanged when you export it as .ics."
)

# Below this width the buttons beside the name use their short texts.
NARROW = 700


def heading(
    text: str, size_delta: float, weight: QFont.Weight, label: QLabel | None = None
) -> QLabel:
    label = label or plain_label(text, wrap=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setWeight(weight)
    label.setFont(font)
    return label


class EventHeader(QWidget):
    """The page connects Edit and Delete; the website opens from here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = ""
        # The details keep their natural height at the top whatever is missing: the spare
        # height goes to the people below, never into gaps between the lines.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        # One line however long the name (the full name is its tooltip): wrapped, a long name
        # took three lines of a small window from the people below.
        self.name_label = ElidedLabel()
        heading("", 6, QFont.Weight.Bold, self.name_label)
        self.edit_button = QPushButton(icon("edit"), "Edit event…")
        self.delete_button = QPushButton(icon("delete"), "Delete event")
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        # The page's own buttons about the whole event go here, before Edit (insert_button).
        self._top = top
        self._inserted: list[tuple[QPushButton, str, str]] = []
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.when_label = heading("", 1, QFont.Weight.Normal)
        # A series from a calendar file is one event at its first date; this says the rest.
        self.repeats_label = plain_label(wrap=True)
        self.repeats_label.setToolTip(SERIES_TOOLTIP)
        self.where_label = plain_label(wrap=True)
        self.organiser_label = plain_label(wrap=True)
        theme.colour(self.organiser_label, theme.muted)
        self.url_label = plain_label()
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.colour(self.url_label, theme.muted)
        self.open_url_button = QPushButton("Open website")
        self.open_url_button.setFlat(True)
        theme.colour(self.open_url_button, theme.link, "text-align: left; padding: 0 4px;")
        self.open_url_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_url_button.clicked.connect(self._open_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_label)
        url_row.addWidget(self.open_url_button)
        url_row.addStretch(1)
        self.description_label = plain_label(wrap=True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags_label = plain_label(wrap=True)
        theme.colour(self.tags_label, theme.accent)
        for widget in (self.when_label, self.repeats_label, self.where_label, self.organiser_label):
            layout.addWidget(widget)
        layout.addLayout(url_row)
        layout.addSpacing(4)
        layout.addWidget(self.description_label)
        layout.addWidget(self.tags_label)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addSpacing(6)
        layout.addWidget(line)

    def insert_button(self, button: QPushButton, short_text: str) -> None:
        """A button about the whole event, beside Edit and Delete; in a narrow page it says
        `short_text`, leaving the event's name room."""
        self._inserted.append((button, button.text(), short_text))
        self._top.insertWidget(
            self._top.indexOf(self.edit_button), button, 0, Qt.AlignmentFlag.AlignTop
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for button, full, short in self._inserted:
            button.setText(short if self.width() < NARROW else full)

    def show_event(self, detail: EventDetail) -> None:
        self.url = detail.url
        self.name_label.set_full_text(detail.name)
        self.when_label.setText(
            f"{kind_text(detail.kind)} · "
            + zoned_when_text(
                detail.starts_at, detail.ends_at, detail.timezone, all_day=detail.all_day
            )
        )
        self.repeats_label.setText(detail.repeats)
        self.repeats_label.setVisible(bool(detail.repeats))
        place = place_text(detail.venue, detail.city)
        self.where_label.setText(place)
        self.where_label.setVisible(bool(place))
        self.organiser_label.setText(f"Organised by {detail.organiser}" if detail.organiser else "")
        self.organiser_label.setVisible(bool(detail.organiser))
        self.url_label.setText(detail.url)
        for w in (self.url_label, self.open_url_button):
            w.setVisible(bool(detail.url))
        self.description_label.setText(detail.description)
        self.description_label.setVisible(bool(detail.description))
        self.tags_label.setText("  ".join(f"#{t}" for t in detail.tags))
        self.tags_label.setVisible(bool(detail.tags))

    def _open_url(self) -> None:
        if self.url:
            url = QUrl.fromUserInput(self.url)
            if url.scheme() in ("http", "https"):
                QDesktopServices.openUrl(url)
