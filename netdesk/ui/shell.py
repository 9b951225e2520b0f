"""What the window's parts see of the main window: its pages and a small protocol.

The action objects, the Help menu, the welcome and the outside-change watch are made by
main_window.py and type what they use of it against `Shell`, never against `MainWindow`: none
of them imports the window, so no import (not even a type-only one) leads back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction, QKeySequence, QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from netdesk.services.service_set import Services
    from netdesk.ui.change_bridge import ChangeBridge

    # What an action's key may be given as: a sequence, a standard key, text, or no key.
    Shortcut: TypeAlias = QKeySequence | QKeySequence.StandardKey | str | None

TODAY, EVENTS, PEOPLE, FOLLOWUPS = "today", "events", "people", "followups"
GOALS = "goals"
PAGES = (
    (TODAY, "Today"),
    (EVENTS, "Events"),
    (PEOPLE, "People"),
    (FOLLOWUPS, "Follow-ups"),
    (GOALS, "Goals"),
)
PAGE_KEYS = tuple(key for key, _title in PAGES)


class Shell(Protocol):
    """The main window as the parts it makes use it.

    `services` and `bridge` exist once a database is attached (before, `getattr(shell,
    "services", None)` is None); `act_new_contact` is enabled exactly while one is, and the
    parts whose actions need a database follow its `changed` signal."""

    settings: QSettings
    undo_stack: QUndoStack
    damaged: bool
    services: Services
    bridge: ChangeBridge
    act_new_contact: QAction
    act_quit: QAction

    def make_action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        """One of the window's actions; its key works in all of netdesk's windows."""
        ...

    def widget(self) -> QMainWindow:
        """The window as a plain Qt main window: the parent of dialogs, the menus' owner."""
        ...

    def say(self, text: str, timeout: int = 0) -> None:
        """A line in the status bar."""
        ...

    def current_key(self) -> str: ...

    def view(self, key: str) -> Any:
        """The page's view, built on first use."""
        ...

    def go_to(self, key: str) -> Any:
        """Shows the page (its keyboard in its main list) and returns its view."""
        ...

    def built_view(self, key: str) -> Any | None:
        """The page's view if it has been built, else None (nothing is read for it)."""
        ...

    def capture_event_id(self) -> int | None: ...
