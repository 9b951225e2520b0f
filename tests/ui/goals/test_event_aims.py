"""Aims on the event page: "talk to 2 speakers" ticks itself as the user marks people met in
the event's table; Link to goal… links the event."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.events.attendees_model import MET
from netdesk.ui.events.view import EventsView
from netdesk.ui.goals.aim_dialog import AimDialog
from netdesk.ui.goals.link_dialog import LinkGoalDialog
from tests.ui.event_ui_helpers import click_check_box
from tests.ui.main_window_helpers import ModalDriver, click
from tests.undo_stacks import new_undo_stack


def _view(qtbot: QtBot, services: Services) -> EventsView:
    bridge = ChangeBridge(services.db)
    stack = new_undo_stack()
    view = EventsView(services, bridge, stack)
    qtbot.addWidget(view)
    bridge.setParent(view)
    stack.setParent(view)
    view.resize(1200, 760)
    view.show()
    return view


def _aim_texts(view: EventsView) -> list[str]:
    return [label.text() for label in view.page.aims_panel.aim_labels]


def _tick_met(qtbot: QtBot, view: EventsView, name: str) -> None:
    model = view.page.attendees_model
    [row] = [r for r in range(model.rowCount()) if model.row_at(r).name == name]  # type: ignore[union-attr]
    click_check_box(qtbot, view.page.table, model.index(row, MET))


def test_aim_ticks_itself_as_people_are_marked_met(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    goal = s.goals.create("A job in climate tech")
    start = clock.now() - timedelta(hours=2)
    summit = s.events.create(EventInput(name="Climate Summit", starts_at=start))
    for name, role in (("Ana", "speaker"), ("Ben", "attendee"), ("Cleo", "speaker")):
        person = s.contacts.create(ContactInput(formatted_name=name))
        s.events.add_attendee(summit, person, role=role)
    view = _view(qtbot, s)
    view.show_event(summit)
    panel = view.page.aims_panel
    assert not panel.isVisibleTo(view)  # no aims, no goals yet

    def talk_to_two_speakers(dialog: AimDialog) -> None:
        dialog.target.setValue(2)
        dialog.set_role("speaker")
        dialog.set_goal(goal)
        assert dialog.text.placeholderText() == "Talk to 2 speakers"
        click(qtbot, dialog.ok_button)

    driver = ModalDriver(AimDialog, talk_to_two_speakers)
    panel.add_action.trigger()
    driver.check()
    assert _aim_texts(view) == ["○ Talk to 2 speakers — 0 of 2 · for A job in climate tech"]

    _tick_met(qtbot, view, "Ben")  # not a speaker
    _tick_met(qtbot, view, "Ana")
    qtbot.waitUntil(
        lambda: _aim_texts(view) == ["○ Talk to 2 speakers — 1 of 2 · for A job in climate tech"]
    )
    _tick_met(qtbot, view, "Cleo")
    qtbot.waitUntil(
        lambda: _aim_texts(view) == ["✓ Talk to 2 speakers — 2 of 2 · for A job in climate tech"]
    )
    assert panel.heading.text() == "Aims · 1 of 1 reached"
    row = s.goals.get(goal)
    assert (row.progress.aims_reached, row.progress.aims_total) == (1, 1)

    # Link to goal… on the event page shows the goal under the aims.
    def tick_goal(dialog: LinkGoalDialog) -> None:
        dialog.tick(goal)
        click(qtbot, dialog.ok_button)

    driver = ModalDriver(LinkGoalDialog, tick_goal)
    panel.goal_action.trigger()
    driver.check()
    assert [g.id for g in s.goals.goals_for(event_id=summit)] == [goal]

    def links() -> list[str]:
        buttons = panel.findChildren(QPushButton, "goal_link")
        return [b.text() for b in buttons if b.isVisibleTo(panel)]

    qtbot.waitUntil(lambda: links() == ["A job in climate tech"])

    # Remove the aim, and Ctrl+Z brings it back.
    [remove] = [b for b in panel.findChildren(QPushButton, "remove_aim") if b.isVisible()]
    click(qtbot, remove)
    assert s.goals.aims(summit) == []
    view.page._undo_stack.undo()
    qtbot.waitUntil(
        lambda: _aim_texts(view) == ["✓ Talk to 2 speakers — 2 of 2 · for A job in climate tech"]
    )


def test_aim_for_people_with_a_tag(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    start = clock.now() - timedelta(hours=2)
    meetup = s.events.create(EventInput(name="Meetup", starts_at=start))
    for name, tags in (("Ana", ["climate tech"]), ("Ben", [])):
        person = s.contacts.create(ContactInput(formatted_name=name, tags=tags))
        s.events.add_attendee(meetup, person)
    view = _view(qtbot, s)
    view.show_event(meetup)

    def tagged(dialog: AimDialog) -> None:
        dialog.target.setValue(1)
        qtbot.keyClicks(dialog.tag, "Climate Tech")
        click(qtbot, dialog.ok_button)

    driver = ModalDriver(AimDialog, tagged)
    view.page.aims_panel.add_action.trigger()
    driver.check()
    assert _aim_texts(view) == ["○ Meet 1 person tagged climate tech — 0 of 1"]
    _tick_met(qtbot, view, "Ben")
    _tick_met(qtbot, view, "Ana")
    qtbot.waitUntil(lambda: _aim_texts(view) == ["✓ Meet 1 person tagged climate tech — 1 of 1"])
    done = [lb for lb in view.page.aims_panel.findChildren(QLabel, "aim_done")]
    assert done and Qt.TextFormat.PlainText == done[0].textFormat()
