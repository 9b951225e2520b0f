"""The main window: builds the pages, the action objects, menus and toolbar, and wires them;
the views and the action objects do the work (they see the window through ui.shell.Shell)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.backups.actions import BackupActions
from netdesk.ui.badges.actions import BadgeActions
from netdesk.ui.cards.actions import CardActions
from netdesk.ui.events.review_actions import ReviewActions
from netdesk.ui.help.menu import HelpMenu
from netdesk.ui.importing.actions import ExchangeActions
from netdesk.ui.mail.actions import MailActions
from netdesk.ui.menu_bar import build_menus
from netdesk.ui.reminders.tray import ReminderTray
from netdesk.ui.scanning.actions import ScanActions
from netdesk.ui.shell import EVENTS, FOLLOWUPS, GOALS, PAGE_KEYS, PAGES, PEOPLE, TODAY
from netdesk.ui.sync.sync_actions import SyncActions
from netdesk.ui.toolbar import build_toolbar
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label
from netdesk.ui.widgets.theme import follow, sidebar_sheet
from netdesk.ui.window_actions import WindowActions, make_action
from netdesk.ui.window_commands import WindowCommands
from netdesk.ui.window_pages import build_page
from netdesk.ui.window_state import restore_window, save_window

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.ui.change_bridge import ChangeBridge
    from netdesk.ui.shell import Shortcut

__all__ = ["EVENTS", "FOLLOWUPS", "PAGES", "PEOPLE", "TODAY", "MainWindow"]


class MainWindow(QMainWindow):
    """Give it the services at once, or None and `attach()` them once the database is open:
    the window can then be on screen before the database layer is even imported."""

    def __init__(
        self,
        services: Services | None,
        settings: QSettings,
        parent: QWidget | None = None,
        tray_available: bool | None = None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.damaged = False
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("netdesk")
        self.setMinimumSize(QSize(900, 560))

        self._views: dict[str, Any] = {}
        self._containers: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(170)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        follow(self.sidebar, sidebar_sheet)  # its colours follow the palette, dark or light
        for key, title in PAGES:
            item = QListWidgetItem(icon(key), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            container = QWidget()
            QVBoxLayout(container).setContentsMargins(0, 0, 0, 0)
            self._containers[key] = container
            self.stack.addWidget(container)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.commands = WindowCommands(self)
        acts = WindowActions(self, self.commands, self.undo_stack, self.statusBar())
        self.act_capture, self.act_new_contact = acts.capture, acts.new_contact
        self.act_new_event, self.act_new_followup = acts.new_event, acts.new_followup
        self.act_quit, self.act_undo, self.act_redo = acts.quit, acts.undo, acts.redo
        self.act_delete, self.act_find, self.act_tags = acts.delete, acts.find, acts.tags
        self.act_go = acts.go
        self._data_actions = acts.data_actions
        # Pictures dropped on the window: business cards to scan (QR codes without the scanner).
        self.exchange = ExchangeActions(self, lambda path: self.scanning.add_picture(path))
        self.help = HelpMenu(self, build_menus(self, acts, self.exchange))
        build_toolbar(self, acts)
        self.cards: CardActions = CardActions(self, self.exchange)
        self.scanning: ScanActions = ScanActions(self, lambda: self.cards.adder)  # File > Scan…
        self.badges = BadgeActions(self)
        self.review = ReviewActions(self)  # Events > Review people met…
        self.backup_actions = BackupActions(self)
        self.sync = SyncActions(self)  # Sync now, Sync > Conflicts…, Settings > Accounts…
        self.reminders = ReminderTray(self, tray_available)  # tray icon, or banner; keep running
        self.mail = MailActions(self)  # People > Write email…, Introduce…; Settings > Templates
        self.review.write_requested.connect(
            lambda contact, event, template: self.mail.write([contact], None, event, template)
        )
        self.database_label = plain_label("Opening the database…")
        self.statusBar().addPermanentWidget(self.database_label)
        self.sidebar.currentRowChanged.connect(self._page_changed)
        restore_window(self, self.settings, self.sidebar)
        self._set_data_actions_enabled(False)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        from netdesk.ui.change_bridge import ChangeBridge
        from netdesk.ui.outside_changes import OutsideChanges

        self.services = services
        self.bridge: ChangeBridge = ChangeBridge(services.db, self)
        self.outside_changes = OutsideChanges(self)
        self.database_label.setText(f"Database: {services.db.display_name}")
        self.database_label.setToolTip(services.db.url)
        self._set_data_actions_enabled(True)
        self.sync.attach()
        self.reminders.attach()
        if services.today.is_empty():  # the welcome, wherever the last session ended
            self.sidebar.setCurrentRow(0)
        if self.isVisible():
            self.load_current_view()

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for act in (*self._data_actions, *self.exchange.data_actions):
            act.setEnabled(enabled)
        self.sidebar.setEnabled(enabled)

    def show_database_open(self, is_open: bool, label: str, tip: str) -> None:
        """The database is open again (pages and data actions usable) or not (both frozen)."""
        self.stack.setEnabled(is_open)
        self._set_data_actions_enabled(is_open)
        self.database_label.setText(label)
        self.database_label.setToolTip(tip)

    # -- what the window's parts use of it (ui.shell.Shell) ---------------------------------

    def widget(self) -> QMainWindow:
        return self

    def say(self, text: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(text, timeout)

    def make_action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        return make_action(self, text, slot, shortcut, icon_name, tip)

    def built_view(self, key: str) -> Any | None:
        return self._views.get(key)

    def capture_event_id(self) -> int | None:
        return self.commands.capture_event_id()

    # -- views, built on first use so that the window appears before any data is read --------

    def view(self, key: str) -> Any:
        existing = self._views.get(key)
        if existing is not None:
            return existing
        view = self._make_view(key)
        self._views[key] = view
        message = getattr(view, "message", None)  # "Marked done — Ctrl+Z to undo" and such
        if message is not None:
            message.connect(lambda text: self.say(text, 6000))
        layout = self._containers[key].layout()
        assert layout is not None
        layout.addWidget(view)
        return view

    def _make_view(self, key: str) -> QWidget:
        page = build_page(self, key)
        if key == TODAY:
            from netdesk.ui.help.welcome import show_welcome

            self.welcome = show_welcome(self, page, self._containers[TODAY])
        return page

    def current_key(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else TODAY

    def go_to(self, key: str) -> Any:
        """Show a page and put the keyboard in its main list (the sidebar's own arrow keys
        change pages without this, so that the focus stays where the user is)."""
        self.sidebar.setCurrentRow(PAGE_KEYS.index(key))
        view = self.view(key)
        lists = [w for w in view.findChildren(QAbstractItemView) if w.isVisibleTo(view)]
        if lists and self.isVisible():
            lists[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return view

    def load_current_view(self) -> None:
        if hasattr(self, "services"):
            self.view(self.current_key())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The page on screen is built when first seen (the others wait until visited).
        self.load_current_view()

    def _page_changed(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        self.stack.setCurrentIndex(row)
        if self.isVisible() and hasattr(self, "services"):
            self.view(key)

    def show_contact(self, contact_id: int) -> None:
        self.go_to(PEOPLE).show_contact(contact_id)

    def show_event(self, event_id: int) -> None:
        self.go_to(EVENTS).show_event(event_id)

    def show_goal(self, goal_id: int) -> None:
        self.go_to(GOALS).select_goal(goal_id)

    def link_to_goal(self, kind: str, item_id: int) -> bool:
        """Link to goal… for the parts below the Goals page (the Follow-ups page)."""
        from netdesk.ui.goals.link_dialog import link_to_goal

        return link_to_goal(self.services, kind, item_id, self)

    # Tests and the shortcuts call these on the window; the work is in window_commands.py.

    def quick_capture(self) -> Any:
        return self.commands.quick_capture()

    def manage_tags(self) -> Any:
        return self.commands.manage_tags()

    # -- closing ----------------------------------------------------------------------------

    def save_settings(self) -> None:
        save_window(self, self.settings, self.current_key(), self._views)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.reminders.close_to_tray(event):  # Settings > Keep running in the tray
            return
        self.reminders.stop()
        self.sync.stop()
        self.scanning.stop()
        if hasattr(self, "bridge"):
            self.bridge.detach()
        super().closeEvent(event)

    def database_damaged(self, message: str) -> None:
        """The integrity check found damage: nothing more may be written to the file.

        The window closes (app.py then exits with status 1, as the command line does)."""
        from netdesk.ui.widgets.plain_text import show_error

        self.damaged = True
        self.setEnabled(False)
        show_error(self, "The database is damaged", message)
        self.close()
