"""The badge dialog's "Label sheet" box: the label template (with New, Edit and Delete for the
user's own), the first free label on a partly used sheet, and cut guides for plain paper."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from netdesk.cards.templates import BUILTIN_TEMPLATES, LabelTemplate
from netdesk.ui.badges.preview import SheetMap
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

DEFAULT_TEMPLATE = "avery-l4785"


class SheetGroup(QGroupBox):
    """The widgets; the dialog connects them to what they change."""

    def __init__(self) -> None:
        super().__init__("Label sheet")
        layout = QVBoxLayout(self)
        self.template_combo = QComboBox()
        self.template_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.template_combo.setMinimumContentsLength(20)
        layout.addWidget(self.template_combo)
        self.template_note = plain_label(wrap=True)
        theme.colour(self.template_note, theme.muted)
        layout.addWidget(self.template_note)
        self.new_template_button = QPushButton("New template…")
        self.edit_template_button = QPushButton("Edit…")
        self.delete_template_button = QPushButton("Delete")
        buttons = QHBoxLayout()
        for button in (
            self.new_template_button,
            self.edit_template_button,
            self.delete_template_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.start_spin = QSpinBox()
        self.start_spin.setRange(1, 1)
        self.start_spin.setToolTip("On a partly used sheet, the first label that is still free")
        self.sheet_map = SheetMap()
        self.sheet_map.picked.connect(self.start_spin.setValue)
        start_label = plain_label("Start at &label")
        start_label.setBuddy(self.start_spin)
        start_note = plain_label("Labels before it are left blank (used ones, in grey).", wrap=True)
        theme.colour(start_note, theme.muted)
        start_column = QVBoxLayout()
        start_row = QHBoxLayout()
        start_row.addWidget(start_label)
        start_row.addWidget(self.start_spin)
        start_row.addStretch(1)
        start_column.addLayout(start_row)
        start_column.addWidget(start_note)
        start_column.addStretch(1)
        start = QHBoxLayout()
        start.addLayout(start_column, 1)
        start.addWidget(self.sheet_map)
        layout.addLayout(start)

        self.cut_guides_check = QCheckBox("&Cut guides (for plain paper)")
        layout.addWidget(self.cut_guides_check)

    def fill_templates(self, templates: Sequence[LabelTemplate], wanted: object) -> None:
        """The templates, the user's own after a separator, with `wanted` chosen (else the
        default one); without signals, so the caller says when the choice is shown."""
        combo = self.template_combo
        combo.blockSignals(True)
        combo.clear()
        for template in templates:
            if not template.builtin and combo.count() == len(BUILTIN_TEMPLATES):
                combo.insertSeparator(combo.count())
            combo.addItem(template.name, template.id)
            combo.setItemData(combo.count() - 1, template.describe(), Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(wanted)
        if index < 0:
            index = combo.findData(DEFAULT_TEMPLATE)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def show_template(self, template: LabelTemplate) -> None:
        """What the chosen template is, whether it can be changed, and its labels."""
        self.template_note.setText(template.describe())
        self.edit_template_button.setEnabled(not template.builtin)
        self.delete_template_button.setEnabled(not template.builtin)
        tip = "" if not template.builtin else "Built-in templates cannot be changed"
        for button in (self.edit_template_button, self.delete_template_button):
            button.setToolTip(tip)
        self.start_spin.setMaximum(template.per_page)
        self.sheet_map.set_template(template)
        self.sheet_map.set_start(self.start_spin.value())
