"""The main window: wires the views, menus, toolbar and shortcuts; the views do the work."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.backups.actions import BackupActions
from netdesk.ui.badges.actions import BadgeActions
from netdesk.ui.cards.actions import CardActions
from netdesk.ui.help.menu import HelpMenu
from netdesk.ui.importing.actions import ExchangeActions
from netdesk.ui.undo.feedback import UndoFeedback
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label
from netdesk.ui.widgets.screen_fit import WINDOW_SIZE, fit_to_screen
from netdesk.ui.widgets.theme import follow, sidebar_sheet

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.ui.change_bridge import ChangeBridge

TODAY, EVENTS, PEOPLE, FOLLOWUPS = "today", "events", "people", "followups"
PAGES = ((TODAY, "Today"), (EVENTS, "Events"), (PEOPLE, "People"), (FOLLOWUPS, "Follow-ups"))


class MainWindow(QMainWindow):
    """Give it the services at once, or None and `attach()` them once the database is open:
    the window can then be on screen before the database layer is even imported."""

    def __init__(
        self, services: Services | None, settings: QSettings, parent: QWidget | None = None
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

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.cards = CardActions(self)
        self.badges = BadgeActions(self)
        self.backup_actions = BackupActions(self)
        self.database_label = plain_label("Opening the database…")
        self.statusBar().addPermanentWidget(self.database_label)
        self.sidebar.currentRowChanged.connect(self._page_changed)
        self._restore_settings()
        self._set_data_actions_enabled(False)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        from netdesk.ui.change_bridge import ChangeBridge, follow_outside_changes

        self.services = services
        self.bridge: ChangeBridge = ChangeBridge(services.db, self)
        self.outside_changes = follow_outside_changes(self)
        self.database_label.setText(f"Database: {services.db.display_name}")
        self.database_label.setToolTip(services.db.url)
        self._set_data_actions_enabled(True)
        if services.today.is_empty():  # the welcome, wherever the last session ended
            self.sidebar.setCurrentRow(0)
        if self.isVisible():
            self.load_current_view()

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for act in (
            self.act_capture,
            self.act_new_contact,
            self.act_new_event,
            self.act_new_followup,
            self.act_delete,
            self.act_find,
            self.act_tags,
            *self.exchange.data_actions,
            *self.act_go,  # going to a page builds its view, which needs the services
        ):
            act.setEnabled(enabled)
        self.sidebar.setEnabled(enabled)

    # -- views, built on first use so that the window appears before any data is read --------

    def view(self, key: str) -> Any:
        existing = self._views.get(key)
        if existing is not None:
            return existing
        view = self._make_view(key)
        self._views[key] = view
        message = getattr(view, "message", None)  # "Marked done — Ctrl+Z to undo" and such
        if message is not None:
            message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        layout = self._containers[key].layout()
        assert layout is not None
        layout.addWidget(view)
        return view

    def _make_view(self, key: str) -> QWidget:
        s, b, u = self.services, self.bridge, self.undo_stack
        if key == TODAY:
            from netdesk.ui.help.welcome import show_welcome
            from netdesk.ui.today.view import TodayView

            today = TodayView(s, b, self, undo_stack=u)
            today.open_event.connect(self.show_event)
            today.open_contact.connect(self.show_contact)
            self.welcome = show_welcome(self, today)
            return today
        if key == EVENTS:
            from netdesk.ui.events.view import EventsView

            events = EventsView(s, b, u, self)
            events.open_contact.connect(self.show_contact)
            events.import_people.connect(self.exchange.import_for_event)
            events.export_people.connect(self.exchange.export_event_people)
            return events
        if key == PEOPLE:
            from netdesk.ui.people.view import PeopleView

            people = PeopleView(s, b, u, self, settings=self.settings)
            people.open_event.connect(self.show_event)
            people.qr_card.connect(self.cards.open_card)
            widths = self.settings.value("people/columns")
            if isinstance(widths, QByteArray):
                people.header().restoreState(widths)
            return people
        from netdesk.ui.followups.view import FollowUpsView

        followups = FollowUpsView(s, b, u, self)
        followups.open_contact.connect(self.show_contact)
        state = self.settings.value("followups/columns")
        if isinstance(state, QByteArray):
            followups.header().restoreState(state)
        return followups

    def current_key(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else TODAY

    def go_to(self, key: str) -> Any:
        """Show a page and put the keyboard in its main list (the sidebar's own arrow keys
        change pages without this, so that the focus stays where the user is)."""
        self.sidebar.setCurrentRow([k for k, _ in PAGES].index(key))
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

    # -- actions ----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
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
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_capture = a(
            "&Quick capture…",
            self.quick_capture,
            "Ctrl+Shift+N",
            "quick-capture",
            "Note whom you just met, what you talked about and what you promised",
        )
        self.act_new_contact = a(
            "New &contact…",
            self.new_contact,
            QKeySequence.StandardKey.New,
            "new-contact",
            "Add a person",
        )
        self.act_new_event = a("New &event…", self.new_event, "Ctrl+E", "new-event", "Add an event")
        self.act_new_followup = a(
            "New &follow-up…",
            self.new_followup,
            "Ctrl+Shift+F",
            "followup-new",
            "Add something to follow up on",
        )
        self.act_quit = a(
            "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit", "Quit netdesk"
        )
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.act_redo.setIcon(icon("redo"))
        for act in (self.act_undo, self.act_redo):
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.addAction(act)
        self.undo_feedback = UndoFeedback(
            self.undo_stack, self.act_undo, self.act_redo, self.statusBar()
        )
        self.act_delete = a(
            "&Delete",
            self.delete_selected,
            QKeySequence.StandardKey.Delete,
            "delete",
            "Delete the selection (Ctrl+Z brings it back)",
        )
        # Delete must not steal the key from text fields: only the window's own context.
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_find = a(
            "&Find people…",
            self.find_people,
            QKeySequence.StandardKey.Find,
            "search",
            "Search people",
        )
        self.act_go = [
            a(title, partial(self.go_to, key), f"Ctrl+{i}", key)
            for i, (key, title) in enumerate(PAGES, start=1)
        ]
        self.act_tags = a("&Tags…", self.manage_tags, None, "settings", "Rename or delete tags")
        self.exchange = ExchangeActions(self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (
            self.act_capture,
            self.act_new_contact,
            self.act_new_event,
            self.act_new_followup,
        ):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.exchange.act_import)
        export_menu = file_menu.addMenu(icon("export"), "&Export")
        export_menu.setObjectName("export_menu")
        for act in self.exchange.export_actions():
            export_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        for act in (self.act_undo, self.act_redo):
            edit.addAction(act)
        edit.addSeparator()
        edit.addAction(self.act_delete)
        edit.addAction(self.act_find)
        edit.addSeparator()
        edit.addAction(self.act_tags)
        people = bar.addMenu("&People")
        people.addAction(self.exchange.act_duplicates)
        go = bar.addMenu("&Go")
        for act in self.act_go:
            go.addAction(act)
        self.help = HelpMenu(self, bar.addMenu("&Help"))

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main toolbar")
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(22, 22))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (
            self.act_capture,
            self.act_new_contact,
            self.act_new_event,
            self.act_new_followup,
        ):
            tb.addAction(act)
        tb.addSeparator()
        # Undo and redo show just their icon: their text names the step ("Undo Delete Ann
        # Lee"), which would make the toolbar jump about; the tooltip and menu carry it.
        for act in (self.act_undo, self.act_redo):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
            tb.addWidget(button)
        tb.addAction(self.act_delete)
        tb.addSeparator()
        tb.addAction(self.act_find)
        self.addToolBar(tb)

    # -- slots: each hands over to a view or a dialog ---------------------------------------

    def quick_capture(self) -> Any:
        from netdesk.ui.today.quick_capture import QuickCaptureDialog

        dialog = QuickCaptureDialog(self.services, self.capture_event_id(), self)
        dialog.accepted.connect(lambda: self._captured(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _captured(self, dialog: Any) -> None:
        result = dialog.result
        if result is None:
            return
        name = self.services.contacts.get(result.contact_id).formatted_name
        what = "Added" if result.created else "Updated"
        extra = " with a follow-up" if result.followup_id else ""
        self.statusBar().showMessage(f"{what} {name}{extra}. Find them under People.", 8000)

    def capture_event_id(self) -> int | None:
        """The event selected in Events, else the one happening now (or just ended)."""
        events = self._views.get(EVENTS)
        selected = events.selected_event_id() if events is not None else None
        return selected if selected is not None else self.services.events.current()

    # New items are asked for over the current page; only a saved one takes the user to its
    # page, so that Escape leaves them where they were.

    def new_contact(self) -> None:
        contact_id = self.view(PEOPLE).new_item()
        if contact_id is not None:
            self.go_to(PEOPLE)
            name = self.services.contacts.get(contact_id).formatted_name
            self.statusBar().showMessage(f"Added {name}.", 5000)

    def new_event(self) -> None:
        events = self.view(EVENTS)
        before = events.selected_event_id()
        events.new_item()
        event_id = events.selected_event_id()
        if event_id not in (None, before):
            self.go_to(EVENTS)
            name = self.services.events.get(event_id).name
            self.statusBar().showMessage(f"Added the event {name}.", 5000)

    def new_followup(self) -> None:
        dialog = self.view(FOLLOWUPS).new_item()
        dialog.accepted.connect(self._followup_added)

    def _followup_added(self) -> None:
        self.go_to(FOLLOWUPS)
        self.statusBar().showMessage("Added the follow-up.", 5000)

    def delete_selected(self) -> bool:
        view = self._views.get(self.current_key())
        deleter = getattr(view, "delete_selected", None)
        has_selection = getattr(view, "has_selection", None)
        if deleter is None or (has_selection is not None and not has_selection()):
            self.statusBar().showMessage("Select something to delete first.", 3000)
            return False
        self.statusBar().clearMessage()
        if not deleter():  # nothing selected, or the user cancelled the confirmation
            return False
        if not self.statusBar().currentMessage():  # the view may have said it better
            self.statusBar().showMessage("Deleted. Press Ctrl+Z to undo.", 5000)
        return True

    def find_people(self) -> None:
        self.go_to(PEOPLE).focus_search()

    def manage_tags(self) -> Any:
        from netdesk.ui.people.tags_dialog import TagsDialog

        dialog = TagsDialog(self.services, self.undo_stack, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- settings ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, WINDOW_SIZE)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        page = str(self.settings.value("window/page", TODAY))
        keys = [k for k, _ in PAGES]
        self.sidebar.setCurrentRow(keys.index(page) if page in keys else 0)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", self.current_key())
        people = self._views.get(PEOPLE)
        if people is not None:
            self.settings.setValue("people/columns", people.header().saveState())
        followups = self._views.get(FOLLOWUPS)
        if followups is not None:
            self.settings.setValue("followups/columns", followups.header().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
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
