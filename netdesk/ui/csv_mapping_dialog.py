"""For a CSV file netdesk does not recognise: the user says what each column holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.import_choice_delegate import use_choice_cells
from netdesk.ui.import_models import ColumnMappingModel
from netdesk.ui.plain_text import plain_label, window_title

MUTED_STYLE = "color: #6b7280;"


# Contact fields that are enough to tell who a row is: a name or an email address.
IDENTIFYING_FIELDS = frozenset({"formatted_name", "given_name", "family_name", "email"})


def identifies_a_person(key: str) -> bool:
    return key in IDENTIFYING_FIELDS


class CsvMappingDialog(QDialog):
    """One row per column: header, two examples, and a choice of contact field or Ignore.

    `fields` maps field keys to their labels (csv_read.CONTACT_FIELDS); `guessed` pre-fills
    the choices (csv_read.guess_mapping). OK is enabled once a column holds a name or an email.
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
        name = Path(file).name or file
        self.setWindowTitle(window_title(f"Columns of {name}"))
        self.resize(760, 520)
        self.intro_label = plain_label(
            f"netdesk does not know the layout of {name}. Choose what each column holds; "
            "columns set to Ignore are left out.",
            wrap=True,
        )
        self.model = ColumnMappingModel(headers, rows, fields, guessed, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        # Tab leaves the table for the buttons; arrows move between columns' rows.
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        use_choice_cells(self.view)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in ((0, 170), (1, 170), (2, 170), (3, 200)):
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(ColumnMappingModel.SAMPLE_2, QHeaderView.ResizeMode.Stretch)
        rows_header = self.view.verticalHeader()
        rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows_header.setDefaultSectionSize(max(QComboBox().sizeHint().height() + 6, 28))
        self.hint_label = plain_label(
            "Choose at least one column with a name or an email address.", wrap=True
        )
        self.hint_label.setStyleSheet(MUTED_STYLE)

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
        ready = any(identifies_a_person(key) for key in self.model.mapping().values())
        self.ok_button.setEnabled(ready)
        self.hint_label.setVisible(not ready)
