"""Events > Review people met…: opens the after-event review for the event in hand. The event
page's button and Today's suggestion open it through here too, so that every review's "write
now" reaches the window by one signal. Cheap to import: the dialog loads on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from netdesk import clock
from netdesk.ui.badges.actions import EVENTS_MENU
from netdesk.ui.shell import EVENTS
from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from netdesk.ui.events.review_dialog import ReviewDialog
    from netdesk.ui.shell import Shell

NO_EVENT_TEXT = "Select an event first, then review the people you met there."


class ReviewActions(QObject):
    """`write_requested(contact_id, event_id, template_key)`: "write now" in any review it
    opened."""

    write_requested = Signal(int, int, str)

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.act_review = shell.make_action(
            "&Review people met…",
            self.review_current,
            None,
            None,
            "Go through the people you met at the event, one at a time: write, plan a "
            "follow-up, or nothing needed",
        )
        menu = self._events_menu()
        menu.addAction(self.act_review)
        menu.aboutToShow.connect(self._update_enabled)

    def _events_menu(self) -> QMenu:
        window = self.shell.widget()
        existing = top_menu(window, "Events")
        return existing if existing is not None else window.menuBar().addMenu(EVENTS_MENU)

    def _ready(self) -> bool:
        return hasattr(self.shell, "services") and not self.shell.damaged

    def _update_enabled(self) -> None:
        self.act_review.setEnabled(self._ready())

    def current_event(self) -> int | None:
        """The event selected on the Events page, else the one that ended last with people
        left to review, else the one on now."""
        events = self.shell.built_view(EVENTS)
        if events is not None:
            selected = events.selected_event_id()
            if selected is not None:
                return int(selected)
        services = self.shell.services
        ended = services.review.events_to_review(clock.today())
        return ended[0].event_id if ended else services.events.current()

    def review_current(self) -> ReviewDialog | None:
        if not self._ready():
            return None
        event_id = self.current_event()
        if event_id is None:
            self.shell.say(NO_EVENT_TEXT, 6000)
            return None
        return self.open_dialog(event_id)

    def open_dialog(self, event_id: int) -> ReviewDialog | None:
        # Loaded on first use: the window appears before the services are imported.
        from netdesk.ui.events.review_dialog import open_review

        dialog = open_review(self.shell.services, event_id, self.shell.widget())
        if dialog is not None:
            dialog.write_requested.connect(self.write_requested)
            # A person deleted or given a follow-up elsewhere leaves the walk at once.
            self.shell.bridge.changed.connect(dialog.on_changed)
        return dialog
