"""The Today page: what a user sees first thing, and ticking off what is due."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.today.view import EMPTY_DUE, EMPTY_MET, EMPTY_UPCOMING, TodayView
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import local, long_day_text
from netdesk.ui.widgets.two_line_delegate import SUBTITLE_COLOR_ROLE, SUBTITLE_ROLE, TRAILING_ROLE
from tests.ui.event_ui_helpers import click_check_box, double_click
from tests.undo_stacks import new_undo_stack


def _view(qtbot: QtBot, services: Services) -> TodayView:
    bridge = ChangeBridge(services.db)
    view = TodayView(services, bridge)
    bridge.setParent(view)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def _person(services: Services, name: str, org: str = "") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization=org))


def test_empty_database_shows_friendly_empty_states(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    view = _view(qtbot, sqlite_services)
    assert long_day_text(frozen_today) in view.greeting_label.text()
    assert view.summary_label.text() == "You are all caught up."
    for card, text in (
        (view.due_card, EMPTY_DUE),
        (view.upcoming_card, EMPTY_UPCOMING),
        (view.met_card, EMPTY_MET),
    ):
        assert card.is_empty()
        assert card.empty_label.isVisible()
        assert card.empty_label.text() == text


def test_overdue_followup_is_red_and_ticking_it_removes_it(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    ana = _person(sqlite_services, "Ana Lopez", "Acme")
    overdue = sqlite_services.followups.add(
        ana, "Send the slides", frozen_today - timedelta(days=3)
    )
    sqlite_services.followups.add(ana, "Call back", frozen_today)
    sqlite_services.followups.add(ana, "Next week", frozen_today + timedelta(days=7))
    view = _view(qtbot, sqlite_services)
    model = view.due_model
    assert model.rowCount() == 2
    assert view.due_card.title_label.text() == "Follow-ups due · 2"
    assert view.summary_label.text() == "You have 1 follow-up due today and 1 overdue."
    first = model.index(0, 0)
    assert first.data() == "Send the slides"
    assert first.data(SUBTITLE_ROLE).startswith("3 days overdue")
    assert first.data(SUBTITLE_COLOR_ROLE) == theme.error(theme.app_palette())
    assert model.index(1, 0).data(SUBTITLE_ROLE).startswith("Due today")

    click_check_box(qtbot, view.due_card.list_view, first)
    assert sqlite_services.followups.get(overdue).done_at is not None
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "Call back"

    click_check_box(qtbot, view.due_card.list_view, model.index(0, 0))
    qtbot.waitUntil(lambda: view.due_card.is_empty())
    assert view.due_card.empty_label.text() == EMPTY_DUE


def test_upcoming_events_open_on_activation(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date, frozen_now: datetime
) -> None:
    sqlite_services.events.create(
        EventInput(name="Last year", starts_at=frozen_now - timedelta(days=365))
    )
    event_id = sqlite_services.events.create(
        EventInput(name="PyCon", starts_at=frozen_now + timedelta(days=3), city="Lisbon")
    )
    view = _view(qtbot, sqlite_services)
    model = view.upcoming_model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "PyCon"
    starts = local(frozen_now + timedelta(days=3))
    assert model.index(0, 0).data(SUBTITLE_ROLE) == f"In 3 days, {starts:%H:%M} · Lisbon"
    with qtbot.waitSignal(view.open_event) as blocker:
        double_click(qtbot, view.upcoming_card.list_view, model.index(0, 0))
    assert blocker.args == [event_id]


def test_people_met_recently_open_on_activation(
    qtbot: QtBot, sqlite_services: Services, frozen_now: datetime
) -> None:
    event_id = sqlite_services.events.create(
        EventInput(name="Django Girls", starts_at=frozen_now - timedelta(days=2))
    )
    ana = _person(sqlite_services, "Ana Lopez", "Acme")
    ben = _person(sqlite_services, "Ben Okafor")
    sqlite_services.events.add_attendee(event_id, ana, met=True)
    sqlite_services.events.add_attendee(event_id, ben, met=False)
    view = _view(qtbot, sqlite_services)
    model = view.met_model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Ana Lopez"
    assert model.index(0, 0).data(SUBTITLE_ROLE) == "Acme · at Django Girls"
    assert model.index(0, 0).data(TRAILING_ROLE) == "2 days ago"
    with qtbot.waitSignal(view.open_contact) as blocker:
        double_click(qtbot, view.met_card.list_view, model.index(0, 0))
    assert blocker.args == [ana]

    # Marking Ben as met elsewhere shows him here after the change notification.
    [ben_row] = [a for a in sqlite_services.events.attendees(event_id) if a.contact_id == ben]
    sqlite_services.events.update_attendance(ben_row.attendance_id, met=True)
    qtbot.waitUntil(lambda: model.rowCount() == 2)


def test_due_followup_opens_the_person(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.followups.add(ana, "Call back", frozen_today)
    view = _view(qtbot, sqlite_services)
    with qtbot.waitSignal(view.open_contact) as blocker:
        double_click(qtbot, view.due_card.list_view, view.due_model.index(0, 0))
    assert blocker.args == [ana]


def test_ticking_off_says_so_and_can_be_undone(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    ana = _person(sqlite_services, "Ana Lopez")
    fid = sqlite_services.followups.add(ana, "Call back", frozen_today)
    stack = new_undo_stack()
    bridge = ChangeBridge(sqlite_services.db)
    view = TodayView(sqlite_services, bridge, undo_stack=stack)
    bridge.setParent(view)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    model = view.due_model

    with qtbot.waitSignal(view.message) as blocker:
        click_check_box(qtbot, view.due_card.list_view, model.index(0, 0))
    assert blocker.args == ["Marked done — Ctrl+Z to undo"]
    assert sqlite_services.followups.get(fid).done_at is not None
    qtbot.waitUntil(view.due_card.is_empty)
    assert stack.undoText() == "Mark done"

    stack.undo()
    assert sqlite_services.followups.get(fid).done_at is None
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "Call back"


def test_space_works_down_the_list_and_undo_selects_the_restored_item(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    ana = _person(sqlite_services, "Ana Lopez")
    add = sqlite_services.followups.add
    ids = [add(ana, f"Item {i}", frozen_today - timedelta(days=3 - i)) for i in range(3)]
    stack = new_undo_stack()
    bridge = ChangeBridge(sqlite_services.db)
    view = TodayView(sqlite_services, bridge, undo_stack=stack)
    bridge.setParent(view)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    model, list_view = view.due_model, view.due_card.list_view
    assert [model.row_at(i).id for i in range(3)] == ids  # type: ignore[union-attr]
    list_view.setFocus()
    list_view.setCurrentIndex(model.index(0, 0))

    qtbot.keyClick(list_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    # The place moved on to the next item, so a second Space ticks that one off too.
    assert model.row_at(list_view.currentIndex().row()).id == ids[1]  # type: ignore[union-attr]
    qtbot.keyClick(list_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert sqlite_services.followups.get(ids[1]).done_at is not None
    assert model.row_at(list_view.currentIndex().row()).id == ids[2]  # type: ignore[union-attr]

    stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.row_at(list_view.currentIndex().row()).id == ids[1]  # type: ignore[union-attr]
    assert list_view.selectionModel().isSelected(list_view.currentIndex())


def test_ticking_the_last_item_keeps_the_place_on_the_one_above(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    ana = _person(sqlite_services, "Ana Lopez")
    sqlite_services.followups.add(ana, "First", frozen_today - timedelta(days=2))
    middle = sqlite_services.followups.add(ana, "Middle", frozen_today - timedelta(days=1))
    last = sqlite_services.followups.add(ana, "Last", frozen_today)
    view = _view(qtbot, sqlite_services)
    model, list_view = view.due_model, view.due_card.list_view
    click_check_box(qtbot, list_view, model.index(2, 0))
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert sqlite_services.followups.get(last).done_at is not None
    assert model.row_at(list_view.currentIndex().row()).id == middle  # type: ignore[union-attr]
