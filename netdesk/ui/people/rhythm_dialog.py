"""Keep in touch…: how often to be in touch with a person or with everyone under a tag —
every N days, weeks, months or years, or no rhythm."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.keep_in_touch import MOST_EVERY, EffectiveRhythm, RhythmUnit, unit_word
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label, window_title

# Keys that pass through the number without choosing "Every".
PASSING_KEYS = frozenset(
    {Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape, Qt.Key.Key_Shift, Qt.Key.Key_Alt}
)
UNITS = (RhythmUnit.DAYS, RhythmUnit.WEEKS, RhythmUnit.MONTHS, RhythmUnit.YEARS)


class RhythmDialog(QDialog):
    """`own` is the rhythm set on this person or tag (None when none); for a person,
    `inherited` is what their tags set, said under the choice."""

    def __init__(
        self,
        parent: QWidget | None,
        name: str,
        own: EffectiveRhythm | None,
        *,
        for_tag: bool = False,
        inherited: EffectiveRhythm | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Keep in touch"))
        self.setMinimumWidth(360)
        whom = f"everyone tagged “{name}”" if for_tag else name
        self.prompt = plain_label(f"How often do you want to be in touch with {whom}?", wrap=True)
        self.none_button = QRadioButton("No rhythm")
        self.every_button = QRadioButton("Every")
        group = QButtonGroup(self)
        group.addButton(self.none_button)
        group.addButton(self.every_button)
        self.every_spin = QSpinBox()
        self.every_spin.setRange(1, MOST_EVERY)
        self.every_spin.setAccessibleName("Every how many")
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName("Unit of time")
        for unit in UNITS:
            self.unit_combo.addItem(unit.value, unit.value)
        self.every_spin.setValue(own.every if own else 3)
        self.unit_combo.setCurrentIndex(UNITS.index(own.unit if own else RhythmUnit.MONTHS))
        self.every_spin.valueChanged.connect(self._every_changed)
        self.unit_combo.activated.connect(lambda _i: self.every_button.setChecked(True))
        # Typing a number (even the one shown) or clicking into it means "Every".
        self.every_spin.installEventFilter(self)
        self._name_units()
        (self.every_button if own else self.none_button).setChecked(True)
        if for_tag:
            note = (
                "People with this tag are suggested in Today's “Time to reconnect” when "
                "this long has passed since you were last in touch. A person's own rhythm "
                "comes first; with several tags, the shortest rhythm counts."
            )
        elif inherited is not None:
            note = (
                f"Without one of their own, they follow the tag “{inherited.source}”: "
                f"{inherited.text}."
            )
        else:
            note = (
                "Meeting them, a note, an email, a follow-up done or an introduction "
                "restarts the rhythm."
            )
        self.note = plain_label(note, wrap=True)
        theme.colour(self.note, theme.muted)

        every_row = QHBoxLayout()
        every_row.addWidget(self.every_button)
        every_row.addWidget(self.every_spin)
        every_row.addWidget(self.unit_combo)
        every_row.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(every_row)
        layout.addWidget(self.none_button)
        layout.addWidget(self.note)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        (self.every_spin if own else self.every_button).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.every_spin and (
            event.type() == QEvent.Type.MouseButtonPress
            or (
                isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() not in PASSING_KEYS  # moving on, or leaving, is no choice
            )
        ):
            self.every_button.setChecked(True)
        return super().eventFilter(watched, event)

    def _every_changed(self, _value: int) -> None:
        self.every_button.setChecked(True)
        self._name_units()

    def _name_units(self) -> None:
        """ "1 month", "3 months": the unit follows the number."""
        every = self.every_spin.value()
        for index, unit in enumerate(UNITS):
            self.unit_combo.setItemText(index, unit_word(unit, every))

    def set_value(self, every: int | None, unit: RhythmUnit = RhythmUnit.MONTHS) -> None:
        if every is None:
            self.none_button.setChecked(True)
            return
        self.every_spin.setValue(every)
        self.unit_combo.setCurrentIndex(UNITS.index(unit))
        self.every_button.setChecked(True)

    def value(self) -> tuple[int | None, RhythmUnit]:
        unit = RhythmUnit(self.unit_combo.currentData())
        return (self.every_spin.value() if self.every_button.isChecked() else None), unit
