"""Help > Keyboard shortcuts: every key the window answers to, read from its actions.

Nothing is listed by hand: the menus give the actions in the order the user knows them, and
any other action of the window with a key (a page's own keys, such as Space on Follow-ups) is
found among its children, so that the list cannot fall behind the program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.shell import PAGE_KEYS, PAGES
from netdesk.ui.widgets.plain_text import plain_label


class KeyedWindow(Protocol):
    """The window whose keys are listed: its menus, its pages (in `stack`) and their actions."""

    act_undo: QAction
    act_redo: QAction
    stack: QStackedWidget

    def widget(self) -> QMainWindow: ...

    def view(self, key: str) -> Any: ...


@dataclass(frozen=True)
class ShortcutRow:
    group: str
    name: str
    keys: str


def keys_text(action: QAction) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if s
    )


def action_name(action: QAction) -> str:
    """The action's menu text without its mnemonic "&" and trailing "…"."""
    text = re.sub(r"&(.)", r"\1", action.text()).rstrip("…").rstrip(".").strip()
    return text or action.toolTip() or action.objectName() or "(unnamed)"


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found.extend(_menu_actions(sub))
        elif not action.isSeparator():
            found.append(action)
    return found


def _page_of(window: KeyedWindow, action: QAction) -> str:
    """'On the Follow-ups page' for an action that lives in a page's widgets."""
    widget = action.parent()
    while isinstance(widget, QWidget):
        parent = widget.parentWidget()
        if parent is window.stack:
            return f"On the {PAGES[window.stack.indexOf(widget)][1]} page"
        widget = parent
    return "Elsewhere"


def _in_dialog(window: KeyedWindow, action: QAction) -> bool:
    widget = action.parent()
    while isinstance(widget, QWidget) and widget is not window.widget():
        if isinstance(widget, QDialog):
            return True
        widget = widget.parentWidget()
    return False


def shortcut_rows(window: KeyedWindow) -> list[ShortcutRow]:
    """Every action of the window with a key: the menus' first, in their order, then the
    pages' own. An action under two keys is one row; two actions of one name are one row."""
    # Undo and redo carry the step in their text ("Undo Delete Ann Lee"): just the verb.
    fixed = {id(window.act_undo): "Undo", id(window.act_redo): "Redo"}
    ordered: list[tuple[str, QAction]] = []
    seen: set[int] = set()
    for menu_action in window.widget().menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        group = action_name(menu_action)
        for action in _menu_actions(menu):
            if id(action) not in seen:
                seen.add(id(action))
                ordered.append((group, action))
    for action in window.widget().findChildren(QAction):
        if _in_dialog(window, action):
            continue  # a dialog's own keys (its Ctrl+Z) work only in it, while it is open
        if id(action) not in seen:
            seen.add(id(action))
            ordered.append((_page_of(window, action), action))
    rows: dict[tuple[str, str], list[str]] = {}
    for group, action in ordered:
        keys = keys_text(action)
        if not keys:
            continue
        name = fixed.get(id(action)) or action_name(action)
        listed = rows.setdefault((group, name), [])
        listed.extend(k for k in keys.split(", ") if k not in listed)
    return [ShortcutRow(group, name, ", ".join(keys)) for (group, name), keys in rows.items()]


def build_all_pages(window: KeyedWindow) -> None:
    """The pages are built on first visit; their own keys exist only once they are."""
    if hasattr(window, "services"):
        for key in PAGE_KEYS:
            window.view(key)


class ShortcutsDialog(QDialog):
    def __init__(self, window: KeyedWindow) -> None:
        super().__init__(window.widget())
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        build_all_pages(window)
        self.rows = shortcut_rows(window)
        intro = plain_label(
            "Every key netdesk answers to. The menus show them beside each command too.",
            wrap=True,
        )
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            parent = groups.get(row.group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [row.group])
                font = QFont(parent.font(0))
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                groups[row.group] = parent
            QTreeWidgetItem(parent, [row.name, row.keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) as the dialog shows them."""
        shown = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            for i in range(group.childCount()):
                item = group.child(i)
                assert item is not None
                shown.append((group.text(0), item.text(0), item.text(1)))
        return shown
