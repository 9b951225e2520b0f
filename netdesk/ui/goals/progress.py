"""A goal shown in a few lines: its text, a progress bar with what it counts, its next step.
The Goals page's list and Today's card both use it."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget

from netdesk.dates import short_date
from netdesk.services.goals import GoalProgress, GoalRow
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label


def progress_bar(progress: GoalProgress) -> QProgressBar:
    bar = QProgressBar()
    bar.setObjectName("goal_progress")
    bar.setRange(0, 100)
    fraction = progress.fraction
    bar.setValue(round((fraction or 0) * 100))
    # The format is Qt's own ("%p%"), never user text; nothing to count yet says so.
    bar.setFormat("%p%" if fraction is not None else "not started")
    bar.setMaximumHeight(14)
    font = QFont(bar.font())
    font.setPointSizeF(max(font.pointSizeF() - 2, 7))
    bar.setFont(font)
    return bar


def title_text(goal: GoalRow) -> str:
    text = goal.text
    if goal.target_date is not None:
        text += f" · by {short_date(goal.target_date)}"
    return text


class GoalSummary(QWidget):
    """Text, bar, what the bar counts, next step: plain-text labels all."""

    def __init__(self, goal: GoalRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal_id = goal.id
        self.title = plain_label(title_text(goal), wrap=True)
        self.title.setObjectName("goal_title")
        font = QFont(self.title.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        if goal.done_at is not None:
            font.setStrikeOut(True)
            self.title.setFont(font)
        self.bar = progress_bar(goal.progress)
        self.counts = plain_label(goal.progress.text, wrap=True)
        self.counts.setObjectName("goal_counts")
        theme.colour(self.counts, theme.muted)
        step = f"Next: {goal.next_step}" if goal.next_step else "Done"
        self.next_step = plain_label(step, wrap=True)
        self.next_step.setObjectName("goal_next_step")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        for widget in (self.title, self.bar, self.counts, self.next_step):
            layout.addWidget(widget)

    def set_selected(self, selected: bool) -> None:
        """On the list's selection colour the text takes the selection's own text colour (the
        grey of the counts would not be readable on it)."""
        for label in (self.title, self.counts, self.next_step):
            if selected:
                theme.colour(label, lambda p: p.highlightedText().color())
            elif label is self.counts:
                theme.colour(label, theme.muted)
            else:
                theme.colour(label, lambda p: p.windowText().color())
