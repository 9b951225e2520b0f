"""The Goals page's right side: one goal with its progress, next step, and what is linked to
it (people, events, notes, follow-ups) and its aims; each linked thing opens or unlinks."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.goals import GoalDetail, LinkedItem
from netdesk.ui.goals.progress import progress_bar, title_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import button_text, plain_label, safe_tooltip

SECTIONS = (
    ("contact", "People"),
    ("event", "Events"),
    ("note", "Notes"),
    ("followup", "Follow-ups"),
)
LINK_STYLE = (
    "QPushButton {{ border: none; padding: 0; text-align: left; color: {link}; }}"
    " QPushButton:hover {{ text-decoration: underline; }}"
)


class ElidedLink(QPushButton):
    """A flat, link-like button that elides its text (whole in the tooltip) rather than make
    a narrow pane wider."""

    def __init__(self, text: str) -> None:
        super().__init__(button_text(text))
        self._full = text
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        theme.follow(self, lambda p: LINK_STYLE.format(link=theme.link(p).name()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("Mm…"), super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width() - 4)
        self.setText(button_text(shown))
        self.setToolTip(safe_tooltip(self._full) if shown != self._full else self.toolTip())


def link_button(text: str) -> QPushButton:
    return ElidedLink(text)


def _heading(text: str) -> QWidget:
    label = plain_label(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class GoalDetailPane(QWidget):
    open_contact = Signal(int)
    open_event = Signal(int)
    unlink_requested = Signal(str, int)  # kind, id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: GoalDetail | None = None
        self.empty_label = plain_label(
            "Set a larger goal with New goal, then link people, events, notes and follow-ups "
            "to it from their pages (Link to goal…).",
            wrap=True,
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.colour(self.empty_label, theme.muted, "padding: 24px;")
        self._holder = QWidget()
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._holder)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_empty(self, text: str | None = None) -> None:
        self.detail = None
        if text:
            self.empty_label.setText(text)
        self.stack.setCurrentIndex(0)

    def show_goal(self, detail: GoalDetail) -> None:
        self.detail = detail
        row = detail.row
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(16, 12, 16, 16)
        column.setSpacing(6)
        self.title_label = plain_label(title_text(row), wrap=True)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        column.addWidget(self.title_label)
        if row.tags:
            tags = plain_label("Tags: " + ", ".join(row.tags), wrap=True)
            theme.colour(tags, theme.muted)
            column.addWidget(tags)
        if row.description:
            column.addWidget(plain_label(row.description, wrap=True))
        self.bar = progress_bar(row.progress)
        column.addWidget(self.bar)
        self.counts_label = plain_label(row.progress.text, wrap=True)
        theme.colour(self.counts_label, theme.muted)
        column.addWidget(self.counts_label)
        step = f"Next step: {row.next_step}" if row.next_step else "Done. Well done!"
        self.next_label = plain_label(step, wrap=True)
        self.next_label.setObjectName("goal_next_step")
        column.addWidget(self.next_label)
        self.aim_labels = []
        if detail.aims:
            column.addSpacing(10)
            column.addWidget(_heading("Aims at events"))
            for aim in detail.aims:
                mark = "✓" if aim.done else "○"
                label = plain_label(
                    f"{mark} {aim.text} at {aim.event_name} — {aim.count_text}", wrap=True
                )
                self.aim_labels.append(label)
                column.addWidget(label)
        for kind, title in SECTIONS:
            items = [i for i in detail.links if i.kind == kind]
            column.addSpacing(10)
            column.addWidget(_heading(f"{title} · {len(items)}" if items else title))
            if not items:
                none = plain_label(f"No {title.lower()} linked yet.", wrap=True)
                theme.colour(none, theme.muted)
                column.addWidget(none)
            for item in items:
                column.addLayout(self._item_line(item))
        column.addStretch(1)
        old = self._holder
        self._holder = holder
        self._scroll.setWidget(holder)  # the scroll area deletes the old one
        del old
        self.stack.setCurrentIndex(1)

    def _item_line(self, item: LinkedItem) -> QHBoxLayout:
        line = QHBoxLayout()
        text = QVBoxLayout()
        text.setSpacing(0)
        opens = item.event_id if item.kind == "event" else item.contact_id
        title = link_button(item.title)
        title.setObjectName(f"linked_{item.kind}")
        if item.kind == "event":
            title.clicked.connect(lambda _=False, i=opens: self.open_event.emit(i))
        else:
            title.clicked.connect(lambda _=False, i=opens: self.open_contact.emit(i))
        if item.done:
            font = QFont(title.font())
            font.setStrikeOut(True)
            title.setFont(font)
        text.addWidget(title)
        if item.detail:
            sub = plain_label(item.detail, wrap=True)
            theme.colour(sub, theme.muted)
            text.addWidget(sub)
        unlink = link_button("Unlink")
        unlink.setObjectName("unlink")
        unlink.setToolTip("Take it off this goal (it stays where it is)")
        unlink.clicked.connect(
            lambda _=False, k=item.kind, i=item.id: self.unlink_requested.emit(k, i)
        )
        line.addLayout(text, 1)
        line.addWidget(unlink, 0, Qt.AlignmentFlag.AlignTop)
        return line
