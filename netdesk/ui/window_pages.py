"""The pages of the main window, built on first use and wired to the window's action objects
(mail, review, exchange, cards) and to its navigation (show_contact, show_event, show_goal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from netdesk.ui.shell import EVENTS, FOLLOWUPS, GOALS, PEOPLE, TODAY
from netdesk.ui.window_state import restore_columns

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow, QWidget

    from netdesk.services.service_set import Services
    from netdesk.ui.cards.actions import CardActions
    from netdesk.ui.change_bridge import ChangeBridge
    from netdesk.ui.events.review_actions import ReviewActions
    from netdesk.ui.importing.actions import ExchangeActions
    from netdesk.ui.mail.actions import MailActions


class PageHost(Protocol):
    """What the pages are wired to: the main window, seen without importing it."""

    services: Services
    bridge: ChangeBridge
    undo_stack: QUndoStack
    settings: QSettings
    review: ReviewActions
    mail: MailActions
    exchange: ExchangeActions
    cards: CardActions

    def widget(self) -> QMainWindow: ...
    def show_contact(self, contact_id: int) -> None: ...
    def show_event(self, event_id: int) -> None: ...
    def show_goal(self, goal_id: int) -> None: ...
    def link_to_goal(self, kind: str, item_id: int) -> bool: ...


def build_page(window: PageHost, key: str) -> QWidget:
    """The page `key`, wired to the window's actions and navigation."""
    s, b, u = window.services, window.bridge, window.undo_stack
    if key == TODAY:
        from netdesk.ui.today.view import TodayView

        today = TodayView(s, b, window.widget(), undo_stack=u)
        today.open_event.connect(window.show_event)
        today.open_contact.connect(window.show_contact)
        today.review_requested.connect(window.review.open_dialog)
        today.open_goal.connect(window.show_goal)
        today.write_requested.connect(window.mail.write_to)
        today.write_followup_requested.connect(window.mail.write_followup)
        return today
    if key == EVENTS:
        from netdesk.ui.events.view import EventsView

        events = EventsView(s, b, u, window.widget())
        events.open_contact.connect(window.show_contact)
        events.open_goal.connect(window.show_goal)
        events.import_people.connect(window.exchange.import_for_event)
        events.export_people.connect(window.exchange.export_event_people)
        events.review_requested.connect(window.review.open_dialog)
        events.email_people.connect(window.mail.email_people)
        return events
    if key == PEOPLE:
        from netdesk.ui.people.view import PeopleView

        people = PeopleView(s, b, u, window.widget(), settings=window.settings)
        people.open_event.connect(window.show_event)
        people.open_goal.connect(window.show_goal)
        people.qr_card.connect(window.cards.open_card)
        people.write_requested.connect(window.mail.write_to)
        restore_columns(window.settings, PEOPLE, people)
        return people
    if key == GOALS:
        from netdesk.ui.goals.view import GoalsView

        goals = GoalsView(s, b, u, window.widget())
        goals.open_contact.connect(window.show_contact)
        goals.open_event.connect(window.show_event)
        return goals
    from netdesk.ui.followups.view import FollowUpsView

    followups = FollowUpsView(s, b, u, window.widget())
    followups.open_contact.connect(window.show_contact)
    followups.link_goal_requested.connect(window.link_to_goal)
    followups.write_followup_requested.connect(window.mail.write_followup)
    restore_columns(window.settings, FOLLOWUPS, followups)
    return followups
