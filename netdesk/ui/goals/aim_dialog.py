"""Add aim…: "talk to 3 speakers", "meet 5 people tagged climate tech" at one event, perhaps
for one of the goals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netdesk.models import Role
from netdesk.services.goals import MOST_AIM_TARGET, aim_text
from netdesk.services.service_set import Services
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dialog_parts import error_form, form_error_label, save_cancel_buttons, saved
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import plain_label

ANY_ROLE = "anyone"


class AimDialog(QDialog):
    def __init__(self, services: Services, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._event_id = event_id
        self.aim_id: int | None = None
        self.setWindowTitle("Add aim")
        self.setMinimumWidth(440)
        self.target = QSpinBox()
        self.target.setRange(1, MOST_AIM_TARGET)
        self.target.setValue(3)
        self.role = QComboBox()
        self.role.addItem(ANY_ROLE, "")
        for role in Role:
            self.role.addItem(f"{role.value}s" if role is not Role.STAFF else "staff", role.value)
        self.tag = QLineEdit()
        self.tag.setPlaceholderText("any tag, or one such as climate tech")
        completer = QCompleter(services.tags.names(), self.tag)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag.setCompleter(completer)
        self.goal = QComboBox()
        self.goal.addItem("(no goal)", None)
        for goal in services.goals.list():
            self.goal.addItem(goal.text, goal.id)  # combo items are plain text
        self.text = QLineEdit()
        self.text.setMaxLength(255)
        self.preview = plain_label(wrap=True)
        theme.colour(self.preview, theme.muted)
        for signal in (self.target.valueChanged, self.role.currentIndexChanged):
            signal.connect(lambda *_: self._update_preview())
        self.tag.textChanged.connect(lambda *_: self._update_preview())

        form, self.errors = error_form()
        self.errors.add_row("&How many", self.target, "target")
        self.errors.add_row("&Who", self.role, "role")
        self.errors.add_row("&Tagged", self.tag, "tag")
        self.errors.add_row("For &goal", self.goal, "goal")
        self.errors.add_row("&Say it as", self.text, "text")
        for field in (self.target, self.role, self.tag, self.goal, self.text):
            set_buddy(form, field)
        self.form_error = form_error_label()
        self.buttons, self.ok_button = save_cancel_buttons(self, "Add aim", self.save)
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self._update_preview()
        self.target.setFocus()

    def set_role(self, role: str) -> None:
        self.role.setCurrentIndex(max(self.role.findData(role), 0))

    def set_goal(self, goal_id: int | None) -> None:
        self.goal.setCurrentIndex(max(self.goal.findData(goal_id), 0))

    def _update_preview(self) -> None:
        made = aim_text(self.target.value(), self.role.currentData(), self.tag.text().strip())
        self.text.setPlaceholderText(made)
        self.preview.setText("Ticked off as you mark people met on this event's list.")

    def save(self) -> None:
        self.errors.clear()
        self.form_error.hide()

        def work() -> None:
            self.aim_id = self._services.goals.add_aim(
                self._event_id,
                self.text.text(),
                self.target.value(),
                role=self.role.currentData(),
                tag=self.tag.text().strip() or None,
                goal_id=self.goal.currentData(),
            )

        if saved(self.errors, self.form_error, work):
            self.accept()
