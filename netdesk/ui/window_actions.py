"""The main window's own actions (new items, undo and redo, delete, find, the pages, tags):
made here, placed in the menus and toolbar by menu_bar.py and toolbar.py."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QStatusBar, QWidget

from netdesk.ui.shell import PAGES
from netdesk.ui.undo.feedback import UndoFeedback
from netdesk.ui.widgets.icons import icon

if TYPE_CHECKING:
    from netdesk.ui.shell import Shortcut
    from netdesk.ui.window_commands import WindowCommands


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    icon_name: str | None = None,
    tip: str = "",
) -> QAction:
    """An action of `owner` whose key works wherever the application has the focus."""
    action = QAction(text, owner)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    if tip:
        # No status tip: hovering a button would wipe the message an action just left.
        action.setToolTip(
            f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            if shortcut is not None
            else tip
        )
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


class WindowActions:
    def __init__(
        self, owner: QWidget, do: WindowCommands, undo_stack: QUndoStack, status_bar: QStatusBar
    ) -> None:
        a = partial(make_action, owner)
        self.capture = a(
            "&Quick capture…",
            do.quick_capture,
            "Ctrl+Shift+N",
            "quick-capture",
            "Note whom you just met, what you talked about and what you promised",
        )
        self.new_contact = a(
            "New &contact…",
            do.new_contact,
            QKeySequence.StandardKey.New,
            "new-contact",
            "Add a person",
        )
        self.new_event = a("New &event…", do.new_event, "Ctrl+E", "new-event", "Add an event")
        self.new_followup = a(
            "New &follow-up…",
            do.new_followup,
            "Ctrl+Shift+F",
            "followup-new",
            "Add something to follow up on",
        )
        self.quit = a("&Quit", owner.close, QKeySequence.StandardKey.Quit, "quit", "Quit netdesk")
        self.undo = undo_stack.createUndoAction(owner, "&Undo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setIcon(icon("undo"))
        self.redo = undo_stack.createRedoAction(owner, "&Redo")
        self.redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo.setIcon(icon("redo"))
        for act in (self.undo, self.redo):
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            owner.addAction(act)
        self.undo_feedback = UndoFeedback(undo_stack, self.undo, self.redo, status_bar)
        self.delete = a(
            "&Delete",
            do.delete_selected,
            QKeySequence.StandardKey.Delete,
            "delete",
            "Delete the selection (Ctrl+Z brings it back)",
        )
        # Delete must not steal the key from text fields: only the window's own context.
        self.delete.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find = a(
            "&Find people…",
            do.find_people,
            QKeySequence.StandardKey.Find,
            "search",
            "Search people",
        )
        self.go = [
            a(title, partial(do.shell.go_to, key), f"Ctrl+{i}", key)
            for i, (key, title) in enumerate(PAGES, start=1)
        ]
        self.tags = a("&Tags…", do.manage_tags, None, "settings", "Rename or delete tags")

    def new_items(self) -> tuple[QAction, ...]:
        """Quick capture and the three New… actions, first in the File menu and the toolbar."""
        return (self.capture, self.new_contact, self.new_event, self.new_followup)

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        """The actions that need an open database (going to a page builds its view, which
        reads it); undo, redo and quit work without one."""
        return (*self.new_items(), self.delete, self.find, self.tags, *self.go)
