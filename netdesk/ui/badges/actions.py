"""Events > Print badges… and the event page's Badges… button: both open the badge dialog.

Kept out of main_window.py and ui/events/page.py, which only place what this module makes. Cheap to
import: the dialog (and the painting behind it) loads on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPushButton, QWidget

from netdesk.services.errors import NotFoundError
from netdesk.ui.shell import EVENTS
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.services.service_set import Services
    from netdesk.ui.badges.dialog import BadgeDialog
    from netdesk.ui.shell import Shell

EVENTS_MENU = "&Events"
NO_EVENT_TEXT = "Select an event first, then print its badges."


class _AttendeeRow(Protocol):
    @property
    def contact_id(self) -> int: ...


class _AttendeeRows(Protocol):
    def row_at(self, row: int) -> _AttendeeRow | None: ...


class EventPage(Protocol):
    """What the badges use of the event page (events/page.py, which makes their button)."""

    _services: Services

    @property
    def table(self) -> QAbstractItemView: ...

    @property
    def attendees_model(self) -> _AttendeeRows: ...

    def event_id(self) -> int | None: ...

    def window(self) -> QWidget: ...


def open_badge_dialog(
    services: Services,
    event_id: int,
    settings: QSettings,
    parent: QWidget | None,
    contact_ids: Sequence[int] | None = None,
    templates_path: Path | None = None,
) -> BadgeDialog | None:
    """The badge dialog, opened (not modal to the app: the user may look things up meanwhile);
    None when the event has gone."""
    from netdesk.ui.badges.dialog import BadgeDialog
    from netdesk.ui.widgets.plain_text import show_error

    try:
        dialog = BadgeDialog(
            services,
            event_id,
            settings,
            contact_ids=contact_ids,
            templates_path=templates_path,
            parent=parent,
        )
    except NotFoundError as exc:
        show_error(parent, "Cannot print badges", str(exc))
        return None
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def selected_contact_ids(page: EventPage) -> list[int]:
    """The people selected in the event page's table, in table order."""
    ids = []
    for index in sorted(page.table.selectionModel().selectedRows(), key=lambda i: i.row()):
        row = page.attendees_model.row_at(index.row())
        if row is not None:
            ids.append(row.contact_id)
    return ids


def open_for_page(page: EventPage) -> BadgeDialog | None:
    event_id = page.event_id()
    if event_id is None:
        return None
    window = page.window()
    actions = getattr(window, "badges", None)
    if isinstance(actions, BadgeActions):
        return actions.open_dialog(event_id, selected_contact_ids(page))
    # A window without the Events menu entry (or none at all): the page's own services.
    settings = getattr(window, "settings", None)
    return open_badge_dialog(
        page._services,
        event_id,
        settings if isinstance(settings, QSettings) else QSettings(),
        page if isinstance(page, QWidget) else None,
        selected_contact_ids(page),
    )


def badges_button(page: EventPage) -> QPushButton:
    """The event page's Badges… button, beside Import list… and Export."""
    button = QPushButton(icon("qr-card"), "Badges…")
    button.setObjectName("badges_button")
    button.setToolTip(
        "Print name badges with QR codes for this event's people (the selected ones, or all)"
    )
    button.clicked.connect(lambda: open_for_page(page))
    return button


class BadgeActions(QObject):
    """`templates_path`: where custom label templates are kept (the user's file unless given)."""

    def __init__(self, shell: Shell, templates_path: Path | None = None) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.templates_path = templates_path
        self.act_print_badges = shell.make_action(
            "Print &badges…",
            self.print_badges,
            "Ctrl+P",
            None,
            "Print name badges with QR codes for the selected event's people",
        )
        menu = self.events_menu()
        menu.addAction(self.act_print_badges)
        menu.aboutToShow.connect(self._update_enabled)

    def events_menu(self) -> QMenu:
        """The Events menu, made (before Go) if the window has none yet."""
        window = self.shell.widget()
        existing = top_menu(window, "Events")
        if existing is not None:
            return existing
        bar = window.menuBar()
        menu = QMenu(EVENTS_MENU, bar)
        go = top_menu(window, "Go")
        if go is not None:
            bar.insertMenu(go.menuAction(), menu)
        else:
            bar.addMenu(menu)
        return menu

    def _ready(self) -> bool:
        return hasattr(self.shell, "services") and not self.shell.damaged

    def _update_enabled(self) -> None:
        self.act_print_badges.setEnabled(self._ready())

    def current_event(self) -> tuple[int | None, list[int]]:
        """The event selected on the Events page (else the one on now) and the people
        selected on its page."""
        events = self.shell.built_view(EVENTS)
        if events is not None:
            event_id = events.selected_event_id()
            if event_id is not None:
                page = events.page
                picked = selected_contact_ids(page) if page.event_id() == event_id else []
                return event_id, picked
        return self.shell.services.events.current(), []

    def print_badges(self) -> BadgeDialog | None:
        if not self._ready():
            return None
        event_id, picked = self.current_event()
        if event_id is None:
            self.shell.say(NO_EVENT_TEXT, 6000)
            return None
        return self.open_dialog(event_id, picked)

    def open_dialog(self, event_id: int, contact_ids: Sequence[int] = ()) -> BadgeDialog | None:
        dialog = open_badge_dialog(
            self.shell.services,
            event_id,
            self.shell.settings,
            self.shell.widget(),
            list(contact_ids),
            self.templates_path,
        )
        if dialog is not None:
            dialog.message.connect(lambda text: self.shell.say(text, 8000))
        return dialog
