"""The goals a person or an event serves, as lines for their page: each goal's text (a link
to it on the Goals page), its progress bar and its next step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from netdesk.services.goals import GoalRow
from netdesk.ui.goals.detail import link_button
from netdesk.ui.goals.progress import progress_bar, title_text
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label


def goal_lines(goals: Sequence[GoalRow], open_goal: Callable[[int], object]) -> QWidget:
    holder = QWidget()
    holder.setObjectName("goal_lines")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for goal in goals:
        link: QPushButton = link_button(title_text(goal))
        link.setObjectName("goal_link")
        link.setToolTip("Open this goal")
        link.clicked.connect(lambda _=False, gid=goal.id: open_goal(gid))
        column.addWidget(link)
        column.addWidget(progress_bar(goal.progress))
        if goal.next_step:
            step = plain_label(f"Next: {goal.next_step}", wrap=True)
            theme.colour(step, theme.muted)
            column.addWidget(step)
        column.addSpacing(4)
    return holder
