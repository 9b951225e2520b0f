"""The table of people at an event, with columns that share its width sensibly.

Role, status and met hold a few known words, so they get just the width those need. Name and
organisation get what their content needs when it fits beside the notes, which keep what theirs
needs up to NOTES_MIN_WIDTH (or NOTES_SHARE of the room) and take whatever is left; otherwise
name and organisation share the room between sensible bounds. When the table is too narrow
even for those bounds, notes and then organisation give way, then name, so that every column,
Met above all, shows without scrolling sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from netdesk.cards.share import FIELD_LABELS, SHARE_FIELDS, parse_fields
from netdesk.ui.events.attendees_model import (
    BADGE,
    HEADERS,
    MET,
    NAME,
    NOTES,
    ORGANIZATION,
    ROLE,
    ROLE_CHOICES,
    ROW_ROLE,
    STATUS,
    STATUS_CHOICES,
    AttendeesModel,
)
from netdesk.ui.widgets.column_fit import content_widths

NOTES_MIN_WIDTH = 180
NOTES_SHARE = 0.4
# Where name and organisation cannot both be whole, the name's share (and least width).
NAME_SHARE = 0.6
NAME_MIN = 120
# How far each gives way in a narrow table, in this order: notes, organisation, name.
NOTES_FLOOR = 36
ORGANIZATION_FLOOR = 44
NAME_FLOOR = 60
# Cell padding plus room for the combo box arrow while a role or status is being edited.
CHOICE_PADDING = 28
MET_PADDING = 24


class AttendeesTable(QTableView):
    focused = Signal()
    # An in-place edit ended (saved or not): a reload held back for it may happen now.
    editing_done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several at once: badges for the selected people, or taking them off the event.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(36)
        # What the page offers for the selected people (Write email…, Save draft…).
        self.selection_actions: list[QAction] = []

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        # What name, organisation and notes hold, measured again only when the rows change.
        self._needs: tuple[int, int, int] | None = None
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self._content_changed)
            model.dataChanged.connect(self._content_changed)
        header = self.horizontalHeader()
        for column in (ROLE, STATUS, MET, BADGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        for column in (NAME, ORGANIZATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()

    def _content_changed(self, *_args: object) -> None:
        self._needs = None
        self.fit_columns()

    def _content_needs(self) -> tuple[int, int, int]:
        if self._needs is None:
            name, organization, notes = content_widths(self, columns=(NAME, ORGANIZATION, NOTES))
            self._needs = (name, organization, notes)
        return self._needs

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editing_done.emit()

    def _column_width(self, column: int, words: list[str], padding: int) -> int:
        """Wide enough for the column's title and for each of the words it can hold."""
        cell = max((self.fontMetrics().horizontalAdvance(w) for w in words), default=0)
        title = self.horizontalHeader().fontMetrics().horizontalAdvance(HEADERS[column])
        return max(cell + padding, title + 20)

    def fit_columns(self) -> None:
        """Share the visible width out: called on every resize of the table."""
        if self.model() is None:
            return
        header = self.horizontalHeader()
        role = self._column_width(ROLE, [label for _, label in ROLE_CHOICES], CHOICE_PADDING)
        status = self._column_width(STATUS, [label for _, label in STATUS_CHOICES], CHOICE_PADDING)
        met = self._column_width(MET, [], MET_PADDING)
        # A check box under a short title: the title's width is enough.
        badge = self.horizontalHeader().fontMetrics().horizontalAdvance(HEADERS[BADGE]) + 12
        for column, width in ((ROLE, role), (STATUS, status), (MET, met), (BADGE, badge)):
            header.resizeSection(column, width)
        rest = self.viewport().width() - role - status - met - badge
        name_need, organization_need, notes_need = self._content_needs()
        # Notes keep what they hold, up to a fair share; the stretch hands them whatever
        # name and organisation do not take.
        notes_keep = min(max(notes_need, NOTES_FLOOR), max(NOTES_MIN_WIDTH, rest * NOTES_SHARE))
        if name_need + organization_need + notes_keep <= rest:
            name, organization = name_need, organization_need  # both whole
        else:
            # The name whole up to most of the room, the organisation the rest.
            free = max(int(rest - notes_keep), 0)
            name = min(name_need, max(int(free * NAME_SHARE), NAME_MIN))
            name, organization = max(name, NAME_FLOOR), max(free - name, ORGANIZATION_FLOOR)
        # Too narrow for those bounds: notes (the stretch) have given way down to their floor,
        # then organisation gives way, then name, so that nothing needs a sideways scroll.
        short = name + organization + NOTES_FLOOR - int(rest)
        if short > 0:
            give = min(short, organization - ORGANIZATION_FLOOR)
            organization -= give
            name = max(name - (short - give), NAME_FLOOR)
        header.resizeSection(NAME, name)
        header.resizeSection(ORGANIZATION, organization)

    def shares_menu(self, row_number: int) -> QMenu | None:
        """What the attendee's badge QR code may share, ticked on and off; saved at once."""
        model = self.model()
        if not isinstance(model, AttendeesModel) or model.row_at(row_number) is None:
            return None
        row = model.index(row_number, 0).data(ROW_ROLE)
        shared = set(parse_fields(row.qr_fields)) | {"name"}
        menu = QMenu("Badge QR code shares", self)
        for field in SHARE_FIELDS:
            action = menu.addAction(FIELD_LABELS[field])
            action.setCheckable(True)
            action.setChecked(field in shared)
            # A card without a name is useless to whoever scans it.
            action.setEnabled(field != "name")
            action.toggled.connect(
                lambda on, f=field: model.set_shared_fields(
                    row_number, tuple((shared | {f}) if on else (shared - {f}))
                )
            )
        return menu

    def context_menu(self, row_number: int) -> QMenu | None:
        """The right-click menu on a row: the selection's actions and the badge's shares."""
        menu = self.shares_menu(row_number) if row_number >= 0 else None
        if menu is None:
            return None
        outer = QMenu(self)
        for action in self.selection_actions:
            outer.addAction(action)
        if self.selection_actions:
            outer.addSeparator()
        outer.addMenu(menu)
        return outer

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        menu = self.context_menu(index.row() if index.isValid() else -1)
        if menu is not None:
            menu.exec(event.globalPos())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport also narrows without the table resizing, when a vertical scroll bar
        # comes with more rows.
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().viewportEvent(event)
