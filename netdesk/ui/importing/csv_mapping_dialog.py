"""For a CSV file netdesk does not recognise: the user says what each column holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from netdesk.formats.csv.read import IDENTIFYING_FIELDS
from netdesk.ui.importing.choice_delegate import use_choice_cells
from netdesk.ui.importing.mapping_model import ColumnMappingModel
from netdesk.ui.importing.models import short_file_name
from netdesk.ui.importing.table import import_table, size_columns
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label, window_title


def intro_text(name: str, guessed: bool) -> str:
    """What the dialog asks, whether or not netdesk already chose from the headers."""
    if guessed:
        # Thunderbird's export, for one: every column already has a choice to check.
        return (
            f"netdesk chose what each column of {name} holds from its header. Check the "
            "choices before going on; columns set to Ignore are left out."
        )
    return (
        f"netdesk does not know the layout of {name}. Choose what each column holds; "
        "columns set to Ignore are left out."
    )


class CsvMappingDialog(QDialog):
    """One row per column: header, two examples, and a choice of contact field or Ignore.

    `fields` maps field keys to their labels (formats.csv.read.CONTACT_FIELDS); `guessed`
    pre-fills the choices (formats.csv.read.guess_mapping). OK is enabled once a column holds a
    name or an email.
    """

    def __init__(
        self,
        file: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        fields: Mapping[str, str],
        guessed: Mapping[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name = short_file_name(file)
        self.setWindowTitle(window_title(f"Columns of {name}"))
        self.resize(760, 520)
        self.intro_label = plain_label(intro_text(name, bool(guessed)), wrap=True)
        self.model = ColumnMappingModel(headers, rows, fields, guessed, self)
        self.view = import_table()
        self.view.setModel(self.model)
        use_choice_cells(self.view)
        size_columns(self.view, [170, 170, 0, 200])
        self.hint_label = plain_label(
            "Choose at least one column with a name or an email address.", wrap=True
        )
        theme.colour(self.hint_label, theme.muted)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Continue")
        self.ok_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.model.mapping_changed.connect(self._update_ok)
        self._update_ok()
        # Where the choices are made: Down walks the columns, F2, Space or Return opens one.
        self.view.setCurrentIndex(self.model.index(0, ColumnMappingModel.FIELD))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def mapping(self) -> dict[int, str]:
        """Column index -> contact field key, for the columns that are imported."""
        return self.model.mapping()

    def _update_ok(self) -> None:
        ready = not IDENTIFYING_FIELDS.isdisjoint(self.model.mapping().values())
        self.ok_button.setEnabled(ready)
        self.hint_label.setVisible(not ready)
