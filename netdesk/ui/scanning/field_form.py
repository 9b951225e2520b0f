"""The fields read off a card, each in its own line edit (they take dropped text), the phones with
their kind; what was read with low confidence is marked until the user edits it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QWidget,
)

from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.ui.widgets import theme

LOW_CONFIDENCE = "Read with low confidence — check it"
# The phone kinds CardPhone knows, as the combo shows them.
PHONE_KINDS = (
    ("", "Phone"),
    ("mobile", "Mobile"),
    ("work", "Office"),
    ("fax", "Fax"),
    ("home", "Home"),
)
# The single fields, in the order of the form and of the "Put into" menu: key, label.
SINGLE = (
    ("name", "Name"),
    ("given", "Given name"),
    ("family", "Family name"),
    ("title", "Title"),
    ("organization", "Organisation"),
    ("department", "Department"),
)
LISTS = (("emails", "Email"), ("phones", "Phone"), ("urls", "Web"))
SPARE_HINTS = {"emails": "Another email", "phones": "Another phone", "urls": "Another web address"}


def marked_sheet(palette: QPalette) -> str:
    """A soft amber field, readable in light and dark themes."""
    background, text, edge = theme.notice(palette)
    return (
        f"QLineEdit {{ background: {background.name()}; color: {text.name()};"
        f" border: 1px solid {edge.name()}; border-radius: 3px; padding: 1px 3px; }}"
    )


@dataclass
class PhoneRow:
    edit: QLineEdit
    kind: QComboBox


class FieldForm(QWidget):
    changed = Signal()  # any field edited (the duplicate check runs again)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 4, 0)
        self.singles: dict[str, QLineEdit] = {}
        self.lists: dict[str, list[QLineEdit]] = {}
        self.phones: list[PhoneRow] = []
        self.address = QLineEdit()
        self.marked: set[QLineEdit] = set()
        self._loaded = CardFields()
        self._names_typed = False  # given or family typed by hand: the name no longer splits

    # -- building ---------------------------------------------------------------------------

    def load(self, fields: CardFields) -> None:
        """Show `fields` (a new card, or both sides merged), each list with a spare row."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.marked.clear()
        self._loaded = fields
        low = fields.low_confidence
        self.singles = {}
        for key, label in SINGLE:
            edit = self._edit(getattr(fields, key), key in low)
            edit.setAccessibleName(label)
            self.singles[key] = edit
        self._names_typed = False
        self.singles["name"].textEdited.connect(self._name_edited)
        for key in ("given", "family"):
            self.singles[key].textEdited.connect(self._names_edited)
        self.form.addRow("&Name", self.singles["name"])
        names = QWidget()
        row = QHBoxLayout(names)
        row.setContentsMargins(0, 0, 0, 0)
        self.singles["given"].setPlaceholderText("Given")
        self.singles["family"].setPlaceholderText("Family")
        row.addWidget(self.singles["given"])
        row.addWidget(self.singles["family"])
        self.form.addRow("Given, family", names)
        self.form.addRow("&Title", self.singles["title"])
        self.form.addRow("&Organisation", self.singles["organization"])
        self.form.addRow("&Department", self.singles["department"])
        self.lists = {"emails": [], "urls": []}
        self.phones = []
        for value in [*fields.emails, ""]:
            self._add_list_row("emails", value, fields)
        for phone in [*fields.phones, CardPhone("")]:
            self._add_phone_row(phone, fields)
        for value in [*fields.urls, ""]:
            self._add_list_row("urls", value, fields)
        self.address = self._edit(fields.address, "address" in low)
        self.address.setAccessibleName("Address")
        self.form.addRow("&Address", self.address)

    def _edit(self, text: str, low: bool) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setClearButtonEnabled(True)
        edit.setCursorPosition(0)
        edit.textChanged.connect(self.changed)
        edit.textEdited.connect(lambda _text, e=edit: self.unmark(e))
        if low:
            self.mark(edit)
        return edit

    def _add_list_row(self, key: str, value: str, fields: CardFields) -> None:
        rows = self.lists[key]
        edit = self._edit(value, self._is_low(key, len(rows), fields) and bool(value))
        if not value:
            edit.setPlaceholderText(SPARE_HINTS[key] if rows else "")
        label = dict(LISTS)[key]
        edit.setAccessibleName(label)
        self.form.addRow(label if not rows else "", edit)
        rows.append(edit)

    def _add_phone_row(self, phone: CardPhone, fields: CardFields) -> None:
        index = len(self.phones)
        edit = self._edit(
            phone.number, self._is_low("phones", index, fields) and bool(phone.number)
        )
        if not phone.number and index:
            edit.setPlaceholderText(SPARE_HINTS["phones"])
        edit.setAccessibleName("Phone")
        kind = QComboBox()
        kind.setAccessibleName("Kind of phone")
        for data, text in PHONE_KINDS:
            kind.addItem(text, data)
        kind.setCurrentIndex(max(kind.findData(phone.kind), 0))
        kind.currentIndexChanged.connect(self.changed)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(kind)
        self.form.addRow("Phone" if not index else "", row)
        self.phones.append(PhoneRow(edit, kind))

    def _name_edited(self, text: str) -> None:
        """Given and family name follow the name as typed, unless the user typed them."""
        if self._names_typed:
            return
        from netdesk.scan.names import split_name

        _name, given, family = split_name(text)
        self.singles["given"].setText(given)
        self.singles["family"].setText(family)

    def _names_edited(self) -> None:
        self._names_typed = True

    @staticmethod
    def _is_low(key: str, index: int, fields: CardFields) -> bool:
        return key in fields.low_confidence or f"{key}:{index}" in fields.low_confidence

    # -- the marks --------------------------------------------------------------------------

    def mark(self, edit: QLineEdit) -> None:
        self.marked.add(edit)
        theme.follow(edit, marked_sheet)
        style = edit.style()
        warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        action = QAction(warning, LOW_CONFIDENCE, edit)
        action.setObjectName("low_confidence")
        action.setToolTip(LOW_CONFIDENCE)
        edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
        edit.setToolTip(LOW_CONFIDENCE)

    def unmark(self, edit: QLineEdit) -> None:
        """The user looked at the field and changed it: no longer a doubt."""
        if edit not in self.marked:
            return
        self.marked.discard(edit)
        theme.follow(edit, lambda _palette: "")
        for action in edit.actions():
            if action.objectName() == "low_confidence":
                edit.removeAction(action)
        edit.setToolTip("")

    def is_marked(self, edit: QLineEdit) -> bool:
        return edit in self.marked

    # -- reading back -----------------------------------------------------------------------

    def edits(self) -> list[QWidget]:
        """Every input in the order of the form: the Tab order."""
        widgets: list[QWidget] = [self.singles[key] for key, _ in SINGLE]
        widgets.extend(self.lists["emails"])
        for phone in self.phones:
            widgets.extend((phone.edit, phone.kind))
        widgets.extend(self.lists["urls"])
        widgets.append(self.address)
        return widgets

    def targets(self) -> list[tuple[str, QLineEdit]]:
        """Where a line of unplaced text can go ("Put into ▸"): each field's first free
        line edit (a list's spare row when its rows are filled)."""
        found = [(label, self.singles[key]) for key, label in SINGLE]
        for key, label in LISTS:
            rows = [p.edit for p in self.phones] if key == "phones" else self.lists[key]
            free = next((edit for edit in rows if not edit.text().strip()), rows[-1])
            found.append((label, free))
        found.append(("Address", self.address))
        return found

    def put(self, edit: QLineEdit, text: str) -> None:
        """Put `text` into a field: after what it holds (an address's next line), or alone."""
        current = edit.text().strip()
        joiner = ", " if edit is self.address else " "
        edit.setText(f"{current}{joiner}{text}" if current else text)
        edit.setFocus()
        self.unmark(edit)

    def fields(self, unplaced: list[str]) -> CardFields:
        """What the form holds now, as the fields of a card."""

        def text(edit: QLineEdit) -> str:
            return " ".join(edit.text().split())

        phones = [
            CardPhone(text(p.edit), str(p.kind.currentData() or ""))
            for p in self.phones
            if text(p.edit)
        ]
        return CardFields(
            **{key: text(self.singles[key]) for key, _ in SINGLE},
            emails=[text(e) for e in self.lists["emails"] if text(e)],
            phones=phones,
            urls=[text(e) for e in self.lists["urls"] if text(e)],
            address=text(self.address),
            unplaced=list(unplaced),
            low_confidence={key for key in self._loaded.low_confidence if self._still_low(key)},
        )

    def _still_low(self, key: str) -> bool:
        if key in self.singles:
            return self.singles[key] in self.marked
        if key == "address":
            return self.address in self.marked
        name, _, index = key.partition(":")
        rows = [p.edit for p in self.phones] if name == "phones" else self.lists.get(name, [])
        if not index.isdigit():
            return any(edit in self.marked for edit in rows)
        at = int(index)
        return at < len(rows) and rows[at] in self.marked
