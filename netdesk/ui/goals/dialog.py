"""Create or edit a goal: what, by when, its tags and a few words more."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.service_set import Services
from netdesk.ui.widgets.dialog_parts import (
    due_date_edit,
    error_form,
    form_error_label,
    from_qdate,
    save_cancel_buttons,
    saved,
    to_qdate,
)
from netdesk.ui.widgets.form_buddy import set_buddy

# A goal is larger than a follow-up: three months out when the user asks for a date.
DEFAULT_TARGET_DAYS = 90


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class GoalDialog(QDialog):
    def __init__(
        self, services: Services, goal_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.goal_id = goal_id
        existing = services.goals.get(goal_id) if goal_id is not None else None
        self.setWindowTitle("Edit goal" if existing else "New goal")
        self.setMinimumWidth(480)

        self.text = QLineEdit(existing.text if existing else "")
        self.text.setMaxLength(500)
        self.text.setPlaceholderText("A job in climate tech, a mentor in product management…")
        self.target = due_date_edit()
        self.no_target = QCheckBox("No target date")
        self.no_target.toggled.connect(self.target.setDisabled)
        target = existing.target_date if existing else None
        self.target.setDate(to_qdate(target or clock.today() + timedelta(days=DEFAULT_TARGET_DAYS)))
        self.no_target.setChecked(target is None)
        target_row = QWidget()
        row = QHBoxLayout(target_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.target, 1)
        row.addWidget(self.no_target)
        self.tags = QLineEdit(", ".join(existing.tags) if existing else "")
        self.tags.setPlaceholderText("climate tech, job search")
        self.description = QPlainTextEdit(existing.description if existing else "")
        self.description.setPlaceholderText("Why it matters, who could help…")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)

        form, self.errors = error_form()
        self.errors.add_row("&Goal", self.text, "text")
        self.errors.add_row("&By", target_row, "target_date")
        self.errors.add_row("&Tags", self.tags, "tags")
        self.errors.add_row("&Notes", self.description, "description")
        for field in (self.text, self.target, self.tags, self.description):
            set_buddy(form, field)
        self.form_error = form_error_label()
        self.buttons, self.ok_button = save_cancel_buttons(
            self, "Save" if existing else "Add goal", self.save
        )
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.text.setFocus()

    def target_date(self) -> date | None:
        return None if self.no_target.isChecked() else from_qdate(self.target.date())

    def save(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        goals = self._services.goals
        values = (
            self.text.text(),
            self.target_date(),
            split_tags(self.tags.text()),
            self.description.toPlainText(),
        )

        def work() -> None:
            if self.goal_id is None:
                self.goal_id = goals.create(*values)
            else:
                goals.update(self.goal_id, *values)

        if saved(self.errors, self.form_error, work):
            self.accept()
