"""The badge dialog's printer alignment: which printer, how far it shifts the sheet (kept per
printer), and the alignment test page that shows the shift."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QMenu, QPushButton

from netdesk.ui.badges.settings import BadgeSettings
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

MAX_OFFSET_MM = 25.0
NO_PRINTER = ""  # the system's default printer, when none can be listed


def offset_box(tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setSuffix(" mm")
    box.setToolTip(tip)
    return box


class PrinterGroup(QGroupBox):
    changed = Signal()  # the printer or its offsets: the preview moves
    print_alignment = Signal()
    save_alignment = Signal()

    def __init__(self, settings: BadgeSettings, printers: Sequence[str]) -> None:
        super().__init__("Printer alignment")
        self._settings = settings
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.printer_combo = QComboBox()
        self.printer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.printer_combo.setMinimumContentsLength(14)
        self.offset_x = offset_box("Positive moves everything right")
        self.offset_y = offset_box("Positive moves everything down")
        form.addRow("P&rinter", self.printer_combo)
        form.addRow("Move &right", self.offset_x)
        form.addRow("Move &down", self.offset_y)
        note = plain_label(
            "Print the alignment page on plain paper, hold it against a label sheet and "
            "correct here; each printer keeps its own correction.",
            wrap=True,
        )
        theme.colour(note, theme.muted)
        form.addRow(note)
        self.alignment_button = QPushButton("Alignment test page")
        self.alignment_button.setAutoDefault(False)
        menu = QMenu(self.alignment_button)
        menu.addAction("Print…", self.print_alignment.emit)
        menu.addAction("Save as PDF…", self.save_alignment.emit)
        self.alignment_button.setMenu(menu)
        form.addRow(self.alignment_button)
        for name in printers:
            self.printer_combo.addItem(name, name)
        if not printers:
            self.printer_combo.addItem("Default printer", NO_PRINTER)
        self.printer_combo.currentIndexChanged.connect(self._printer_changed)
        self.offset_x.valueChanged.connect(self._offsets_changed)
        self.offset_y.valueChanged.connect(self._offsets_changed)
        self._printer_changed()

    def printer_name(self) -> str:
        data = self.printer_combo.currentData()
        return str(data) if data is not None else self.printer_combo.currentText()

    def offsets(self) -> tuple[float, float]:
        return self.offset_x.value(), self.offset_y.value()

    def use_printer(self, name: str) -> None:
        """The print dialog may have switched printers: take on that printer's offsets."""
        if name and name != self.printer_name():
            index = self.printer_combo.findText(name)
            if index < 0:
                self.printer_combo.addItem(name, name)
                index = self.printer_combo.count() - 1
            self.printer_combo.setCurrentIndex(index)

    def _printer_changed(self, *_index: object) -> None:
        x, y = self._settings.offsets(self.printer_name())
        for box, value in ((self.offset_x, x), (self.offset_y, y)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.changed.emit()

    def _offsets_changed(self, *_value: object) -> None:
        self._settings.set_offsets(self.printer_name(), *self.offsets())
        self.changed.emit()
