"""Create or edit a contact; problems are shown beside the field and the dialog stays open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets.dialog_parts import (
    DateEdit,
    english_dates,
    error_form,
    from_qdate,
    to_qdate,
)
from netdesk.ui.widgets.plain_text import window_title


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def tags_of(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def __init__(self, names: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Parented, so that Python does not collect the model while the completer uses it.
        self.setModel(QStringListModel(names, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        chosen = super().pathFromIndex(index)  # type: ignore[arg-type]
        # The typed text, not the field's: highlighting a choice already rewrote the field.
        text = self.completionPrefix()
        before = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return f"{before}{chosen}, "


def _list_editor(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(line * 3 + 14)
    return edit


class ContactDialog(QDialog):
    def __init__(
        self, services: Services, contact_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.contact_id = contact_id
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("As you would write it, like Dr Ann Lee")
        self.given_edit = QLineEdit()
        self.given_edit.setPlaceholderText("Given name")
        self.family_edit = QLineEdit()
        self.family_edit.setPlaceholderText("Family name")
        name_parts = QWidget()
        parts_layout = QHBoxLayout(name_parts)
        parts_layout.setContentsMargins(0, 0, 0, 0)
        parts_layout.addWidget(self.given_edit)
        parts_layout.addWidget(self.family_edit)
        self.nickname_edit = QLineEdit()
        self.organization_edit = QLineEdit()
        self.department_edit = QLineEdit()
        self.title_edit = QLineEdit()
        self.emails_edit = _list_editor("One email address per line")
        self.phones_edit = _list_editor(
            "One phone number per line, like +44 20 7946 0958 (an extension after it: ext. 12)"
        )
        self.urls_edit = _list_editor("Website, LinkedIn or other profiles, one per line")
        self.birthday_check = QCheckBox("Known")
        self.birthday_edit = DateEdit()
        english_dates(self.birthday_edit, "d MMMM yyyy")
        self.birthday_edit.setMinimumDate(QDate(1900, 1, 1))
        self.birthday_edit.setDate(QDate(1990, 1, 1))
        self.birthday_edit.setEnabled(False)
        self.birthday_check.toggled.connect(self.birthday_edit.setEnabled)
        birthday = QWidget()
        birthday_layout = QHBoxLayout(birthday)
        birthday_layout.setContentsMargins(0, 0, 0, 0)
        birthday_layout.addWidget(self.birthday_check)
        birthday_layout.addWidget(self.birthday_edit, 1)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Comma separated, like investor, Berlin, AI")
        self.tags_edit.setCompleter(TagCompleter(services.tags.names(), self.tags_edit))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Anything worth remembering about them")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 14)
        self.is_me_check = QCheckBox("This is me (used for my own QR card)")

        form, self.errors = error_form()
        form.setVerticalSpacing(6)
        rows: list[tuple[str, QWidget, str, QWidget]] = [
            ("&Name", self.name_edit, "name", self.name_edit),
            ("Name &parts", name_parts, "name_parts", self.given_edit),
            ("Nic&kname", self.nickname_edit, "nickname", self.nickname_edit),
            ("&Organisation", self.organization_edit, "organization", self.organization_edit),
            ("&Department", self.department_edit, "department", self.department_edit),
            ("&Title", self.title_edit, "title", self.title_edit),
            ("&Emails", self.emails_edit, "emails", self.emails_edit),
            ("P&hones", self.phones_edit, "phones", self.phones_edit),
            ("&Web", self.urls_edit, "urls", self.urls_edit),
            ("&Birthday", birthday, "birthday", self.birthday_check),
            ("T&ags", self.tags_edit, "tags", self.tags_edit),
            ("N&ote", self.note_edit, "note", self.note_edit),
        ]
        for text, field, name, focus in rows:
            error = self.errors.add_row(text, field, name)
            # The row's label points at the wrapper FieldErrors made; Alt+letter needs the field.
            wrapper = error.parentWidget()
            label = form.labelForField(wrapper) if wrapper is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(focus)
        self.errors.add_row("", self.is_me_check, "form")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # Saving is a slot on the OK button, not accept(), so that a failed save keeps it open.
        self.ok_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if contact_id is None:
            self.setWindowTitle("New contact")
            self.ok_button.setText("Add contact")
        else:
            detail = services.contacts.get(contact_id)
            self.setWindowTitle(window_title(f"Edit {detail.formatted_name}"))
            self.ok_button.setText("Save")
            self._fill(detail.as_input())
        # What the user changes is told from this when saving: another process may have
        # changed the person meanwhile, and what the user left alone must not undo that.
        self._opened = self.value()
        self._file = file_mark(services)
        self.name_edit.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _fill(self, data: ContactInput) -> None:
        self.name_edit.setText(data.formatted_name)
        self.given_edit.setText(data.given_name)
        self.family_edit.setText(data.family_name)
        self.nickname_edit.setText(data.nickname)
        self.organization_edit.setText(data.organization)
        self.department_edit.setText(data.department)
        self.title_edit.setText(data.title)
        self.emails_edit.setPlainText("\n".join(data.emails))
        self.phones_edit.setPlainText("\n".join(data.phones))
        self.urls_edit.setPlainText("\n".join(data.urls))
        if data.birthday is not None:
            self.birthday_check.setChecked(True)
            self.birthday_edit.setDate(to_qdate(data.birthday))
        self.tags_edit.setText(", ".join(data.tags))
        self.note_edit.setPlainText(data.note)
        self.is_me_check.setChecked(data.is_me)

    def value(self) -> ContactInput:
        """What the form holds now."""
        birthday: date | None = None
        if self.birthday_check.isChecked():
            birthday = from_qdate(self.birthday_edit.date())
        return ContactInput(
            formatted_name=self.name_edit.text(),
            given_name=self.given_edit.text(),
            family_name=self.family_edit.text(),
            nickname=self.nickname_edit.text(),
            organization=self.organization_edit.text(),
            department=self.department_edit.text(),
            title=self.title_edit.text(),
            emails=lines_of(self.emails_edit.toPlainText()),
            phones=lines_of(self.phones_edit.toPlainText()),
            urls=lines_of(self.urls_edit.toPlainText()),
            birthday=birthday,
            note=self.note_edit.toPlainText(),
            tags=tags_of(self.tags_edit.text()),
            is_me=self.is_me_check.isChecked(),
        )

    def save(self) -> bool:
        """Save and close; on a problem, say what is wrong beside the field and stay open."""
        self.errors.clear()
        data = self.value()
        if self.contact_id is not None and (stale := replaced_since(self._services, self._file)):
            self.errors.show({"form": stale})
            return False
        try:
            if self.contact_id is None:
                self.contact_id = self._services.contacts.create(data)
            else:
                self._services.contacts.update(self.contact_id, data, self._opened)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self._focus_first_error(exc.errors)
            return False
        except ServiceError as exc:
            self.errors.show({"form": str(exc)})
            return False
        self.accept()
        return True

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "emails": self.emails_edit,
            "phones": self.phones_edit,
            "urls": self.urls_edit,
        }
        for name in fields:
            if name in errors:
                fields[name].setFocus()
                return
