"""The badge dialog's "Who gets a badge" box: all attendees, those not yet printed, those checked
in, or the people selected on the event page; each choice with how many badges it makes."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QRadioButton, QVBoxLayout

from netdesk.services.cards import BadgeSelection
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

SELECTED = "selected"  # the people picked on the event page, beside the BadgeSelection values
SELECTION_TEXTS = {
    BadgeSelection.ALL.value: "&All attendees",
    BadgeSelection.NOT_PRINTED.value: "&Not yet printed",
    BadgeSelection.CHECKED_IN.value: "Chec&ked in",
    SELECTED: "&Selected on the event page",
}
# What the preview says when a choice makes no badges.
EMPTY_TEXTS = {
    BadgeSelection.ALL.value: "No one is on this event yet.\n\nAdd people on the event page "
    "(Add person… or Import list…), then print their badges here.",
    BadgeSelection.NOT_PRINTED.value: "Every badge for this event has been printed.\n\n"
    "Pick All attendees to print them again.",
    BadgeSelection.CHECKED_IN.value: "No one has checked in yet.",
    SELECTED: "None of the people selected on the event page can get a badge.",
}


class PeopleGroup(QGroupBox):
    """`has_selected`: whether people were selected on the event page (else that choice is
    off, with a tooltip that says how to make it). `summary_label` says what the choice makes."""

    def __init__(self, has_selected: bool) -> None:
        super().__init__("Who gets a badge")
        layout = QVBoxLayout(self)
        self.selection_group = QButtonGroup(self)
        self.selection_buttons: dict[str, QRadioButton] = {}
        for value in SELECTION_TEXTS:
            button = QRadioButton()
            button.setProperty("selection", value)
            self.selection_group.addButton(button)
            self.selection_buttons[value] = button
            layout.addWidget(button)
        if not has_selected:
            self.selection_buttons[SELECTED].setToolTip(
                "Select people in the event's list first, then open Badges… from there"
            )
        self.summary_label = plain_label(wrap=True)
        theme.colour(self.summary_label, theme.muted)
        layout.addWidget(self.summary_label)

    def show_counts(self, counts: dict[str, int], has_selected: bool) -> None:
        """Each choice with the number of badges it makes."""
        for value, button in self.selection_buttons.items():
            button.setText(f"{SELECTION_TEXTS[value]} ({counts[value]:,})")
            button.setEnabled(value != SELECTED or has_selected)

    def selection(self) -> str | None:
        button = self.selection_group.checkedButton()
        return str(button.property("selection")) if button is not None else None
