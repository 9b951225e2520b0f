"""The duplicate check's line under the fields: "Already in netdesk: Ana Lima (same email
ana@example.org)", and what to do about it: merge into them, add as new, or skip."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from netdesk.services.import_plan import Action, PlanItem
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import ElidedLabel

CHOICES = (
    (Action.MERGE, "Merge into them"),
    (Action.ADD, "Add as new"),
    (Action.SKIP, "Skip"),
)


def duplicate_text(item: PlanItem) -> str:
    """ "Already in netdesk: Ana Lima (same email ana@example.org)"."""
    who = item.match_name or "someone"
    why = f" ({item.reason})" if item.reason else ""
    if item.possible:
        return f"Maybe already in netdesk: {who}{why}"
    return f"Already in netdesk: {who}{why}"


class DuplicateLine(QWidget):
    """Hidden while the card matches nobody. The user's choice stays while the match does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = ElidedLabel()
        theme.colour(self.label, theme.warning)
        self.choice = QComboBox()
        self.choice.setAccessibleName("What to do with the duplicate")
        for action, text in CHOICES:
            self.choice.addItem(text, action.value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.choice)
        self.match_id: int | None = None
        self.hide()

    def show_item(self, item: PlanItem | None) -> None:
        """The card's plan item (None when there is no plan yet)."""
        if item is None or item.match_id is None:
            self.match_id = None
            self.hide()
            return
        if item.match_id != self.match_id:
            # Another person: the plan's own choice (merge a sure duplicate, add a namesake).
            self.match_id = item.match_id
            self.choice.setCurrentIndex(max(self.choice.findData(item.action.value), 0))
        self.label.set_full_text(duplicate_text(item))
        self.show()

    def action(self) -> Action | None:
        """What the user chose, None when the card matches nobody."""
        if self.match_id is None:
            return None
        return Action(str(self.choice.currentData()))
