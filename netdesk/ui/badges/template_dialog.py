"""A custom label template: page size, how many labels, where they sit; saved for reuse."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netdesk.cards.templates import (
    A4,
    LETTER,
    MAX_PAGE_MM,
    InvalidTemplate,
    LabelTemplate,
    TemplateStore,
)
from netdesk.ui.badges.preview import SheetMap
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dialog_parts import error_form, form_error_label, save_cancel_buttons
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import plain_label, window_title

PAGE_SIZES = (("A4", A4), ("Letter", LETTER))
CUSTOM_SIZE = "Custom size"
# A new template starts from a sheet that works, so the user changes what differs.
STARTER = LabelTemplate("", "", *A4, 2, 5, 18.0, 13.0, 95.0, 55.0, 80.0, 50.0, builtin=False)
# The number fields, in form order: (field, label, tooltip).
MM_FIELDS = (
    ("left_mm", "&Left margin", "From the page's left edge to the first label's left edge"),
    ("top_mm", "&Top margin", "From the page's top edge to the first label's top edge"),
    (
        "pitch_x_mm",
        "&Horizontal pitch",
        "From one label's left edge to the next one's (label width plus the gap)",
    ),
    (
        "pitch_y_mm",
        "&Vertical pitch",
        "From one label's top edge to the next one's (label height plus the gap)",
    ),
    ("label_width_mm", "Label &width", ""),
    ("label_height_mm", "Label h&eight", ""),
)


def mm_box(value: float = 0.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    # Wider than what is valid: problems() explains a wrong value beside the field, where a
    # spin box that silently refuses the keystroke explains nothing.
    box.setRange(-MAX_PAGE_MM, 10 * MAX_PAGE_MM)
    box.setDecimals(2)
    box.setSingleStep(0.5)
    box.setSuffix(" mm")
    box.setValue(value)
    box.setKeyboardTracking(True)
    return box


def count_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 999)
    box.setValue(value)
    return box


class TemplateDialog(QDialog):
    """New (template None) or edit a custom template; on save `saved_id` holds its id."""

    def __init__(
        self,
        store: TemplateStore,
        template: LabelTemplate | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._editing = template
        self.saved_id: str | None = None
        start = template or STARTER
        self.setWindowTitle(
            window_title(f"Edit {template.name}") if template else "New label template"
        )

        form, self.errors = error_form()
        self.name_edit = QLineEdit(start.name)
        self.name_edit.setPlaceholderText("For example: Conference lanyard cards")
        self.errors.add_row("&Name", self.name_edit, "name")
        set_buddy(form, self.name_edit)

        self.page_combo = QComboBox()
        for label, (w, h) in PAGE_SIZES:
            self.page_combo.addItem(f"{label} ({w:g} x {h:g} mm)", (w, h))
        self.page_combo.addItem(CUSTOM_SIZE, None)
        self.page_combo.activated.connect(self._preset_picked)
        self.errors.add_row("&Page size", self.page_combo, "page")
        set_buddy(form, self.page_combo)
        self.page_width = mm_box(start.page_width_mm)
        self.page_height = mm_box(start.page_height_mm)
        self.errors.add_row("Page wi&dth", self.page_width, "page_width_mm")
        self.errors.add_row("Page hei&ght", self.page_height, "page_height_mm")

        self.columns = count_box(start.columns)
        self.rows = count_box(start.rows)
        self.errors.add_row("&Columns", self.columns, "columns")
        self.errors.add_row("&Rows", self.rows, "rows")
        for box in (self.page_width, self.page_height, self.columns, self.rows):
            set_buddy(form, box)
        self.mm_boxes: dict[str, QDoubleSpinBox] = {}
        for field, label, tip in MM_FIELDS:
            box = mm_box(getattr(start, field))
            box.setToolTip(tip)
            self.errors.add_row(label, box, field)
            set_buddy(form, box)
            self.mm_boxes[field] = box
        # problems() may speak of the id (made from the name) or of nothing in particular.
        self.form_error = form_error_label()

        self.sheet = SheetMap()
        self.sheet.setFixedSize(150, 200)
        self.sheet.setToolTip("How the labels sit on the page")
        self.sheet.set_start(0)
        self.sheet_note = plain_label(wrap=True)
        theme.colour(self.sheet_note, theme.muted)
        self.sheet_note.setFixedWidth(150)
        side = QVBoxLayout()
        side.addWidget(self.sheet)
        side.addWidget(self.sheet_note)
        side.addStretch(1)

        self.buttons, self.ok_button = save_cancel_buttons(self, "Save template", self.save)
        body = QHBoxLayout()
        body.addLayout(form, 1)
        body.addSpacing(12)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        for box in (self.page_width, self.page_height, *self.mm_boxes.values()):
            box.valueChanged.connect(self._changed)
        for count in (self.columns, self.rows):
            count.valueChanged.connect(self._changed)
        self._changed()
        self.name_edit.setFocus()

    def _preset_picked(self, index: int) -> None:
        size = self.page_combo.itemData(index)
        if size is not None:
            self.page_width.setValue(size[0])
            self.page_height.setValue(size[1])

    def _sync_preset(self) -> None:
        w, h = self.page_width.value(), self.page_height.value()
        for index in range(self.page_combo.count()):
            size = self.page_combo.itemData(index)
            if (
                size is not None
                and math.isclose(w, size[0], abs_tol=0.05)
                and math.isclose(h, size[1], abs_tol=0.05)
            ):
                self.page_combo.setCurrentIndex(index)
                return
        self.page_combo.setCurrentIndex(self.page_combo.count() - 1)

    def _changed(self, *_value: object) -> None:
        self._sync_preset()
        template = self.template()
        usable = not template.problems().keys() - {"name", "id"}
        self.sheet.set_template(template if usable else None)
        self.sheet_note.setText(
            template.describe() if usable else "The sheet shows once the sizes fit the page."
        )

    def template(self) -> LabelTemplate:
        """The template as the fields now describe it."""
        name = self.name_edit.text().strip()
        template_id = (
            self._editing.id if self._editing is not None else self._store.slug_for(name or "x")
        )
        values = {field: box.value() for field, box in self.mm_boxes.items()}
        return replace(
            STARTER,
            id=template_id,
            name=name,
            page_width_mm=self.page_width.value(),
            page_height_mm=self.page_height.value(),
            columns=self.columns.value(),
            rows=self.rows.value(),
            builtin=False,
            **values,
        )

    def save(self) -> bool:
        template = self.template()
        self.form_error.hide()
        problems = template.problems()
        try:
            if not problems:
                self._store.save(template)
        except InvalidTemplate as exc:
            problems = exc.problems
        except OSError as exc:
            self.form_error.setText(f"Could not save the template: {exc.strerror or exc}")
            self.form_error.show()
            return False
        if problems:
            # The id is made from the name: a clash is the name's to fix.
            problems = dict(problems)
            if "id" in problems:
                about_id = problems.pop("id")
                problems["name"] = problems.get("name", about_id)
            self.errors.show(problems)
            return False
        self.saved_id = template.id
        self.accept()
        return True

    def error_text(self, field: str) -> str:
        """The message shown beside a field ("" when none)."""
        label = self.errors.label(field)
        return "" if label.isHidden() else label.text()
