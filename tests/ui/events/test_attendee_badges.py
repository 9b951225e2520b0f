"""On the event page: whether each attendee's badge is printed, and what its QR code shares."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.events.attendees_model import BADGE, AttendeesModel
from netdesk.ui.events.attendees_table import AttendeesTable
from tests.ui.event_ui_helpers import click_check_box


def _event_with_ana(services: Services) -> tuple[int, int]:
    event_id = services.events.create(EventInput(name="Meetup", starts_at=clock.now()))
    ana = services.contacts.create(
        ContactInput(
            formatted_name="Ana Lopez", organization="Acme", title="CTO", emails=["ana@acme.test"]
        )
    )
    services.events.add_attendee(event_id, ana)
    return event_id, ana


def _table(qtbot: QtBot, services: Services, event_id: int) -> AttendeesTable:
    model = AttendeesModel(services)
    model.set_rows(services.events.attendees(event_id))
    table = AttendeesTable()
    qtbot.addWidget(table)
    table.setModel(model)
    model.setParent(table)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_ticking_badge_marks_it_printed(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id, _ana = _event_with_ana(sqlite_services)
    table = _table(qtbot, sqlite_services, event_id)
    model = table.model()
    index = model.index(0, BADGE)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "not printed" in index.data(Qt.ItemDataRole.ToolTipRole)

    click_check_box(qtbot, table, index)

    [row] = sqlite_services.events.attendees(event_id)
    assert row.badge_printed
    [badge] = sqlite_services.cards.badges(event_id)
    assert badge.printed
    assert model.index(0, BADGE).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_sharing_email_puts_it_in_the_badge_code(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id, _ana = _event_with_ana(sqlite_services)
    [badge] = sqlite_services.cards.badges(event_id)
    assert "ana@acme.test" not in badge.payload  # only name, organisation and title by default
    table = _table(qtbot, sqlite_services, event_id)

    menu = table.shares_menu(0)
    assert menu is not None
    actions = {a.text(): a for a in menu.actions()}
    assert actions["Name"].isChecked() and not actions["Name"].isEnabled()
    assert actions["Organisation"].isChecked() and not actions["Email"].isChecked()
    actions["Email"].trigger()

    [row] = sqlite_services.events.attendees(event_id)
    assert row.qr_fields == "name,organization,title,email"
    [badge] = sqlite_services.cards.badges(event_id)
    assert "EMAIL;TYPE=WORK:ana@acme.test" in badge.payload
    tooltip = table.model().index(0, BADGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Name, organisation, job title, email" in tooltip

    # Taking the title back out is saved too; the name cannot be taken out.
    table.shares_menu(0).actions()[2].trigger()  # type: ignore[union-attr]
    [badge] = sqlite_services.cards.badges(event_id)
    assert "TITLE:" not in badge.payload and "FN:Ana Lopez" in badge.payload


def test_model_with_badge_column_passes_the_model_tester(
    qtmodeltester: ModelTester, sqlite_services: Services
) -> None:
    event_id, _ana = _event_with_ana(sqlite_services)
    model = AttendeesModel(sqlite_services)
    model.set_rows(sqlite_services.events.attendees(event_id))
    qtmodeltester.check(model)
