"""The groups of people who look like one person, as a two-level tree: a header row per group
(who and why), the people under it, each with a radio button for the one to keep."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QFont

from netdesk.services.duplicates import DuplicateGroup
from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import plural
from netdesk.ui.widgets.grouped_tree_model import GroupedTreeModel, Index
from netdesk.ui.widgets.plain_text import tooltip_text

NAME, ORGANIZATION, EMAIL, PHONE, HISTORY = range(5)
HEADERS = ("Person", "Organisation", "Email", "Phone", "History")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # a group row: DuplicateGroup; a person row: Person
KEPT_TIP = "Kept: the others in this group are merged into this person"
KEEP_TIP = "Click the round button to keep this person instead"
POSSIBLE_TIP = (
    "Only the name matches: they may be namesakes. Merge this group only if they are one "
    "person; Merge all leaves it alone."
)


@dataclass(frozen=True)
class Person:
    """What helps to choose whom to keep: where they work, how to reach them, what netdesk
    holds about them."""

    id: int
    name: str
    organization: str = ""
    email: str = ""
    phone: str = ""
    history: str = ""


def names_text(names: tuple[str, ...]) -> str:
    """ "Ann and Bo", "Ann, Bo and Cy", "Ann and 4 others"."""
    shown = [name or "(no name)" for name in names]
    if len(shown) <= 3:
        return " and ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)
    return f"{shown[0]} and {len(shown) - 1} others"


def group_text(group: DuplicateGroup) -> str:
    """ "Ada Lovelace and A. Lovelace — same email ada@example.org"; "John Smith and John
    Smith — possible duplicate: same name, but different email addresses"."""
    if group.possible:
        return f"{names_text(group.names)} — possible duplicate: {group.reason}"
    return f"{names_text(group.names)} — {group.reason}"


class DuplicatesModel(GroupedTreeModel):
    """The groups, each with its people under it. Column 0 of a person is checkable: checked
    is the one kept, one per group."""

    HEADERS = HEADERS

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._groups: list[DuplicateGroup] = []
        self._keep: list[int] = []
        # Whom the user chose to keep: still chosen when the groups are read again.
        self._chosen: set[int] = set()
        self._people: dict[int, Person] = {}

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Look for duplicates again (after a merge, an undo or a change elsewhere)."""
        groups = self._services.duplicates.find()
        self.beginResetModel()
        self._groups = list(groups)
        self._keep = [
            next((cid for cid in g.contact_ids if cid in self._chosen), g.contact_ids[0])
            for g in self._groups
        ]
        self._chosen &= set(self._keep)
        self._people = {}  # merges change what people hold: read them again
        self.endResetModel()

    # -- lookups ------------------------------------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def group(self, row: int) -> DuplicateGroup:
        return self._groups[row]

    def sure_rows(self) -> list[int]:
        """The groups to merge at once: not the possible duplicates, reviewed one by one."""
        return [row for row, group in enumerate(self._groups) if not group.possible]

    def group_index(self, row: int) -> QModelIndex:
        return self.index(row, 0) if 0 <= row < len(self._groups) else QModelIndex()

    def person_index(self, group_row: int, contact_id: int, column: int = NAME) -> QModelIndex:
        ids = self._groups[group_row].contact_ids
        if contact_id not in ids:
            return QModelIndex()
        return self.createIndex(ids.index(contact_id), column, group_row + 1)

    def keep_id(self, group_row: int) -> int:
        return self._keep[group_row]

    def other_ids(self, group_row: int) -> list[int]:
        keep = self._keep[group_row]
        return [cid for cid in self._groups[group_row].contact_ids if cid != keep]

    def keep_name(self, group_row: int) -> str:
        group = self._groups[group_row]
        return group.names[group.contact_ids.index(self._keep[group_row])]

    def set_keep(self, group_row: int, contact_id: int) -> bool:
        """Keep this person in their group (the others are merged into them)."""
        group = self._groups[group_row]
        if contact_id not in group.contact_ids:
            return False
        if self._keep[group_row] == contact_id:
            return True
        self._chosen.discard(self._keep[group_row])
        self._keep[group_row] = contact_id
        self._chosen.add(contact_id)
        parent = self.index(group_row, 0)
        last = len(group.contact_ids) - 1
        self.dataChanged.emit(
            self.index(0, NAME, parent),
            self.index(last, NAME, parent),
            [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.FontRole],
        )
        return True

    def person(self, group_row: int, position: int) -> Person:
        group = self._groups[group_row]
        contact_id = group.contact_ids[position]
        found = self._people.get(contact_id)
        if found is None:
            found = self._read_person(contact_id, group.names[position])
            self._people[contact_id] = found
        return found

    def _read_person(self, contact_id: int, name: str) -> Person:
        # Read when first shown: a big address book may have hundreds of groups.
        try:
            detail = self._services.contacts.get(contact_id)
        except ServiceError:  # deleted meanwhile: the next reload drops them
            return Person(contact_id, name)
        history = [
            plural(len(detail.meetings), "event") if detail.meetings else "",
            plural(len(detail.notes), "note") if detail.notes else "",
            plural(len(detail.followups), "follow-up") if detail.followups else "",
        ]
        extra_emails = len(detail.emails) - 1
        email = detail.emails[0] if detail.emails else ""
        return Person(
            id=contact_id,
            name=detail.formatted_name or name,
            organization=detail.organization,
            email=f"{email} (+{extra_emails})" if extra_emails > 0 else email,
            phone=detail.phones[0].shown if detail.phones else "",
            history=" · ".join(part for part in history if part),
        )

    # -- GroupedTreeModel ---------------------------------------------------------------------

    def _group_total(self) -> int:
        return len(self._groups)

    def _child_total(self, group_row: int) -> int:
        return len(self._groups[group_row].contact_ids)

    # -- QAbstractItemModel -------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0 and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        group_row = index.internalId() - 1
        person = self.person(group_row, index.row())
        column = index.column()
        if role == ROW_ROLE:
            return person
        cells = (person.name, person.organization, person.email, person.phone, person.history)
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[column]
        kept = person.id == self._keep[group_row]
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text of a cell cut short; escaped, since Qt reads tooltips as HTML.
            if column != NAME:
                return tooltip_text(cells[column]) or None
            return tooltip_text(person.name, KEPT_TIP if kept else KEEP_TIP)
        if column != NAME:
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and kept:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.internalId() == 0
            or index.column() != NAME
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        # Checking someone keeps them; the kept one cannot be unchecked, only another checked.
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            return False
        group_row = index.internalId() - 1
        return self.set_keep(group_row, self._groups[group_row].contact_ids[index.row()])

    def _group_data(self, index: Index, role: int) -> Any:
        group = self._groups[index.row()]
        if role == ROW_ROLE:
            return group
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return group_text(group)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and group.possible:
            return tooltip_text(group_text(group), POSSIBLE_TIP)
        if role == Qt.ItemDataRole.ForegroundRole and group.possible:
            # A group to review stands out from those Merge all takes: in the colour the
            # import preview gives its duplicates.
            return QBrush(theme.warning(theme.app_palette()))
        return None
