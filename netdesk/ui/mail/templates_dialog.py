"""Settings > Email templates…: the templates Write email… starts from, edited with a live
preview filled from a real person; problems (an unknown placeholder, `{first_name.__class__}`)
are named beside the field, in plain text.

An edit is saved a moment after the typing stops, once it has no problems; while it has some,
nothing is saved and the label beside the field says why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.formats.mail.template import PLACEHOLDERS
from netdesk.formats.mail.template import problems as problems_in
from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.mail.templates import TemplateRecord, check
from netdesk.services.service_set import Services
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.person_picker import ContactPicker
from netdesk.ui.widgets.plain_text import confirm, plain_label, show_error

SAVE_DELAY_MS = 400
NEW_BODY = "Hi {first_name},\n\n\n\nBest wishes,\n{my_first_name}\n"
KEY_ROLE = Qt.ItemDataRole.UserRole
# Problems listed beside a field; a pasted text full of braces must not push the form away.
MOST_SHOWN = 5
UNSAVED = "Your last changes have problems and are not saved.\n\nClose and lose them?"
LOSE_OR_KEEP = ("Close without saving", "Keep editing")


def problem_label() -> QLabel:
    label = plain_label(wrap=True)
    theme.colour(label, theme.error)
    label.hide()
    return label


class TemplatesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._record: TemplateRecord | None = None
        self._loading = False
        self.setWindowTitle("Email templates")
        self.setMinimumSize(900, 600)

        self.list_widget = QListWidget()
        self.list_widget.setObjectName("templates_list")
        self.list_widget.setMinimumWidth(220)
        self.list_widget.setSpacing(2)
        self.new_button = QPushButton("New")
        self.delete_button = QPushButton("Delete")
        self.reset_button = QPushButton("Reset to default")
        self.reset_button.setToolTip("Bring back the text netdesk comes with")
        left_buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button):
            left_buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.list_widget, 1)
        left.addLayout(left_buttons)
        left.addWidget(self.reset_button)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("template_name")
        self.name_problem = problem_label()
        self.subject_edit = QLineEdit()
        self.subject_edit.setObjectName("template_subject")
        self.subject_problem = problem_label()
        self.subject_problem.setObjectName("subject_problem")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("template_body")
        self.body_edit.setTabChangesFocus(True)
        self.body_problem = problem_label()
        self.body_problem.setObjectName("body_problem")
        self.attach_check = QCheckBox("Attach my card (the person marked This is me)")
        self.insert_combo = QComboBox()
        self.insert_combo.setObjectName("insert_placeholder")
        self.insert_combo.addItem("Insert a placeholder…", None)
        for name, what in PLACEHOLDERS.items():
            self.insert_combo.addItem(f"{{{name}}} — {what}", name)
        self.status_label = plain_label(wrap=True)
        theme.colour(self.status_label, theme.muted)

        editor = QFormLayout()
        editor.addRow("Name:", self.name_edit)
        editor.addRow("", self.name_problem)
        editor.addRow("Subject:", self.subject_edit)
        editor.addRow("", self.subject_problem)
        editor.addRow("Text:", self.body_edit)
        editor.addRow("", self.body_problem)
        editor.addRow("", self.insert_combo)
        editor.addRow("", self.attach_check)

        self.person_picker = ContactPicker(services)
        self.person_picker.setObjectName("preview_person")
        self.preview_subject = plain_label(wrap=True)
        bold = QFont(self.preview_subject.font())
        bold.setBold(True)
        self.preview_subject.setFont(bold)
        self.preview_body = QPlainTextEdit()
        self.preview_body.setObjectName("preview_body")
        self.preview_body.setReadOnly(True)
        self.preview_body.setTabChangesFocus(True)
        preview = QFormLayout()
        preview.addRow("Preview for:", self.person_picker)
        preview.addRow("Subject:", self.preview_subject)
        preview.addRow("", self.preview_body)

        middle = QVBoxLayout()
        middle.addLayout(editor, 3)
        middle.addWidget(self.status_label)
        right = QVBoxLayout()
        right.addLayout(preview)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(middle, 4)
        columns.addLayout(right, 4)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(box)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        for signal in (self.name_edit.textEdited, self.subject_edit.textEdited):
            signal.connect(self._edited)
        self.body_edit.textChanged.connect(self._edited)
        self.attach_check.toggled.connect(self._edited)
        self.insert_combo.activated.connect(self._insert)
        self.person_picker.contact_changed.connect(lambda _id: self._update_preview())
        self.list_widget.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.new_template)
        self.delete_button.clicked.connect(self.delete_current)
        self.reset_button.clicked.connect(self.reset_current)

        self._pick_preview_person()
        self.reload()
        self.list_widget.setCurrentRow(0)

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self._loading = True
        try:
            self.list_widget.clear()
            for record in self._services.templates.list():
                label = record.name + (" · edited" if record.edited else "")
                label += "" if record.builtin else " · yours"
                item = QListWidgetItem(label)
                item.setData(KEY_ROLE, record.key)
                self.list_widget.addItem(item)
        finally:
            self._loading = False
        if select is not None:
            self.select(select)

    def template_keys(self) -> list[str]:
        return [
            str(self.list_widget.item(i).data(KEY_ROLE)) for i in range(self.list_widget.count())
        ]

    def select(self, key: str) -> None:
        if key in self.template_keys():
            self.list_widget.setCurrentRow(self.template_keys().index(key))

    def _row_changed(self, row: int) -> None:
        if self._loading or row < 0:
            return
        if not self.flush():
            # The edits left have problems: they are not saved, and dropped on moving on.
            self.status_label.setText("The last changes had problems and were not saved.")
        key = str(self.list_widget.item(row).data(KEY_ROLE))
        try:
            record = self._services.templates.get(key)
        except ServiceError as exc:
            show_error(self, "Cannot open the template", str(exc))
            return
        self._show(record)

    def _show(self, record: TemplateRecord) -> None:
        self._record = record
        self._loading = True
        try:
            self.name_edit.setText(record.name)
            self.subject_edit.setText(record.subject)
            self.body_edit.setPlainText(record.body)
            self.attach_check.setChecked(record.attach_my_card)
        finally:
            self._loading = False
        self.delete_button.setEnabled(not record.builtin)
        self.reset_button.setEnabled(record.edited)
        self._show_problems(check(self.edited()))
        self._update_preview()

    # -- editing ----------------------------------------------------------------------------

    def edited(self) -> TemplateRecord:
        """The template as the fields have it now."""
        record = self._record
        assert record is not None
        return TemplateRecord(
            record.key,
            self.name_edit.text(),
            self.subject_edit.text(),
            self.body_edit.toPlainText(),
            self.attach_check.isChecked(),
            record.builtin,
            record.edited,
        )

    def _edited(self, *_args: object) -> None:
        if self._loading or self._record is None:
            return
        problems = check(self.edited())
        self._show_problems(problems)
        self._update_preview()
        self.status_label.setText("Not saved until the problems are fixed." if problems else "")
        self._save_timer.start()

    def _show_problems(self, problems: dict[str, str]) -> None:
        texts = {"subject": self.subject_edit.text(), "body": self.body_edit.toPlainText()}
        for field, label in (
            ("name", self.name_problem),
            ("subject", self.subject_problem),
            ("body", self.body_problem),
        ):
            # A placeholder's problems one per line, each naming the placeholder as written.
            found = problems_in(texts[field]) if field in texts else []
            lines = [p.message for p in found[:MOST_SHOWN]]
            if len(found) > MOST_SHOWN:
                lines.append(f"and {len(found) - MOST_SHOWN:,} more")
            label.setText("\n".join(lines) or problems.get(field, ""))
            label.setVisible(field in problems)

    def problem_text(self, field: str) -> str:
        """What the label beside `field` ("name", "subject", "body") says, "" for nothing."""
        labels = {"name": self.name_problem, "subject": self.subject_problem}
        label = labels.get(field, self.body_problem)
        return label.text() if not label.isHidden() else ""

    def flush(self) -> bool:
        """Save the edits now, if there are any and they have no problems; False when they
        could not be saved."""
        self._save_timer.stop()
        record = self._record
        if record is None:
            return True
        edited = self.edited()
        same = (edited.name, edited.subject, edited.body, edited.attach_my_card) == (
            record.name,
            record.subject,
            record.body,
            record.attach_my_card,
        )
        if same:
            return True
        if check(edited):
            return False
        try:
            saved = self._services.templates.save(edited)
        except ValidationError as exc:
            self._show_problems(exc.errors)
            return False
        except ServiceError as exc:
            show_error(self, "Could not save the template", str(exc))
            return False
        self._record = saved
        self.reset_button.setEnabled(saved.edited)
        self.status_label.setText("Saved.")
        row = self.list_widget.currentRow()
        item = self.list_widget.item(row) if row >= 0 else None
        if item is not None and item.data(KEY_ROLE) == saved.key:
            label = saved.name + (" · edited" if saved.edited else "")
            item.setText(label + ("" if saved.builtin else " · yours"))
        return True

    def _insert(self, index: int) -> None:
        name = self.insert_combo.itemData(index)
        self.insert_combo.setCurrentIndex(0)
        if name is None:
            return
        if self.subject_edit.hasFocus():
            self.subject_edit.insert(f"{{{name}}}")
            self._edited()
        else:
            self.body_edit.insertPlainText(f"{{{name}}}")
            self.body_edit.setFocus()

    # -- the preview ------------------------------------------------------------------------

    def _pick_preview_person(self) -> None:
        """Someone real to fill the preview: the person met most recently, else anyone."""
        recent = self._services.today.summary().recently_met
        rows = self._services.search.page(limit=1)
        if recent:
            contact_id, name = recent[0].contact_id, recent[0].contact_name
        elif rows:
            contact_id, name = rows[0].id, rows[0].name
        else:
            return
        self.person_picker.set_contact(contact_id, name)

    def _update_preview(self) -> None:
        contact_id = self.person_picker.contact_id()
        if self._record is None or contact_id is None:
            self.preview_subject.setText("")
            self.preview_body.setPlainText(
                "" if self._record is None else "Pick a person to see the email they would get."
            )
            return
        edited = self.edited()
        if {"subject", "body"} & set(check(edited)):
            self.preview_subject.setText("")
            self.preview_body.setPlainText("No preview until the problems are fixed.")
            return
        try:
            subject, body = self._services.drafts.preview(edited, contact_id)
        except (ServiceError, ValueError) as exc:
            subject, body = "", f"No preview: {exc}"
        self.preview_subject.setText(subject)
        self.preview_body.setPlainText(body)

    # -- new, delete, reset -----------------------------------------------------------------

    def new_template(self) -> None:
        self.flush()
        name = "New template"
        record = TemplateRecord(self._services.templates.new_key(name), name, "", NEW_BODY)
        try:
            saved = self._services.templates.save(record)
        except ServiceError as exc:
            show_error(self, "Could not add a template", str(exc))
            return
        self.reload(select=saved.key)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def delete_current(self) -> None:
        record = self._record
        if record is None or record.builtin:
            return
        if not confirm(self, "Delete template", f"Delete the template “{record.name}”?"):
            return
        try:
            self._services.templates.delete(record.key)
        except ServiceError as exc:
            show_error(self, "Could not delete the template", str(exc))
            return
        self._record = None
        row = max(self.list_widget.currentRow() - 1, 0)
        self.reload()
        self.list_widget.setCurrentRow(row)

    def reset_current(self) -> None:
        record = self._record
        question = (
            f"Put “{record.name if record else ''}” back to netdesk's own text? Yours is lost."
        )
        if record is None or not record.builtin or not confirm(self, "Reset", question, "Reset"):
            return
        self._save_timer.stop()
        try:
            self._services.templates.reset(record.key)
        except ServiceError as exc:
            show_error(self, "Could not reset the template", str(exc))
            return
        self._record = None
        self.reload(select=record.key)
        self._show(self._services.templates.get(record.key))
        self.status_label.setText("Back to netdesk's own text.")

    def done(self, result: int) -> None:
        if not self.flush() and not confirm(self, "Template not saved", UNSAVED, *LOSE_OR_KEEP):
            return
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)
