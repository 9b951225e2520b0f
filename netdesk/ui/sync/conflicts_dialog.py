"""Sync > Conflicts…: the fields a sync found changed differently here and on a server. Each
shows the person, the field, the value here (mine) and the server's (theirs); Keep mine or
Take theirs settles it, and the next sync sends the choice on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netdesk.errors import ServiceError
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label, show_error

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.services.sync.report import ConflictInfo

NO_CONFLICTS = "No conflicts: every change made here and on your servers fitted together."
INTRO = (
    "These fields were changed both here and on a server since the last sync, to different "
    "values. netdesk keeps its own value until you choose; the next sync sends your choice."
)


def shown_value(text: str) -> str:
    return text if text.strip() else "(empty)"


class ConflictRow(QFrame):
    """One conflict: who, which field, both values, and the two buttons."""

    def __init__(self, conflict: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("conflict_row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.person = plain_label(conflict.contact_name)
        self.person.setObjectName("conflict_person")
        bold = QFont(self.person.font())
        bold.setBold(True)
        self.person.setFont(bold)
        self.field = plain_label(f"{conflict.label} · {conflict.account}")
        self.field.setObjectName("conflict_field")
        theme.colour(self.field, theme.muted)
        heading = QHBoxLayout()
        heading.addWidget(self.person)
        heading.addWidget(self.field, 1)
        grid.addLayout(heading, 0, 0, 1, 2)
        mine_title = plain_label("Here (mine)")
        theirs_title = plain_label(f"On {conflict.account} (theirs)")
        for title in (mine_title, theirs_title):
            theme.colour(title, theme.muted)
        grid.addWidget(mine_title, 1, 0)
        grid.addWidget(theirs_title, 1, 1)
        self.mine = plain_label(shown_value(conflict.local), wrap=True)
        self.mine.setObjectName("conflict_mine")
        self.theirs = plain_label(shown_value(conflict.remote), wrap=True)
        self.theirs.setObjectName("conflict_theirs")
        for value in (self.mine, self.theirs):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.mine, 2, 0)
        grid.addWidget(self.theirs, 2, 1)
        self.keep_mine = QPushButton("Keep mine")
        self.keep_mine.setObjectName("keep_mine")
        self.keep_mine.setToolTip("Keep the value here and send it to the server")
        self.take_theirs = QPushButton("Take theirs")
        self.take_theirs.setObjectName("take_theirs")
        self.take_theirs.setToolTip("Use the server's value here")
        grid.addWidget(self.keep_mine, 3, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.take_theirs, 3, 1, Qt.AlignmentFlag.AlignLeft)


class ConflictsDialog(QDialog):
    """`resolved(count_left)` after each choice."""

    resolved = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle("Sync conflicts")
        layout = QVBoxLayout(self)
        self.intro = plain_label(INTRO, wrap=True)
        layout.addWidget(self.intro)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.area, 1)
        self.empty_label = plain_label(NO_CONFLICTS, wrap=True)
        self.empty_label.setObjectName("no_conflicts")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.rows: list[ConflictRow] = []
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def reload(self) -> None:
        try:
            conflicts = self.services.sync.conflicts()
        except ServiceError as exc:
            show_error(self, "Cannot list the conflicts", str(exc))
            conflicts = []
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.rows = []
        for conflict in conflicts:
            row = ConflictRow(conflict)
            row.keep_mine.clicked.connect(lambda _=False, c=conflict.id: self.resolve(c, "local"))
            row.take_theirs.clicked.connect(
                lambda _=False, c=conflict.id: self.resolve(c, "remote")
            )
            column.addWidget(row)
            self.rows.append(row)
        column.addStretch(1)
        old = self.area.takeWidget()
        self.area.setWidget(holder)
        if old is not None:
            old.deleteLater()  # later: the click that led here came from one of its buttons
        self.area.setVisible(bool(conflicts))
        self.intro.setVisible(bool(conflicts))
        self.empty_label.setVisible(not conflicts)

    def resolve(self, conflict_id: int, keep: str) -> None:
        try:
            self.services.sync.resolve(conflict_id, keep)  # type: ignore[arg-type]
        except ServiceError as exc:
            show_error(self, "The conflict was not settled", str(exc))
        self.reload()
        self.resolved.emit(len(self.rows))
