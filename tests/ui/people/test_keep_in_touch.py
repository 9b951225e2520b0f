"""Keep in touch on the person page (the line and its Change… dialog) and per tag in the tag
manager, through the real widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from netdesk import clock
from netdesk.models import Contact
from netdesk.services.keep_in_touch import RhythmUnit
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.people.detail import ContactDetail
from netdesk.ui.people.keep_in_touch_line import status_text
from netdesk.ui.people.rhythm_dialog import RhythmDialog
from netdesk.ui.people.tags_dialog import NAME_ROLE, TagsDialog
from tests.ui.main_window_helpers import ModalDriver, click
from tests.undo_stacks import new_undo_stack

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _first_of_october() -> None:
    clock.stop_at(NOW)  # the conftest's frozen_now puts the real time back afterwards


def _met_at_pycon(services: Services, name: str = "Ana Lima", tags: list[str] | None = None) -> int:
    ana = services.contacts.create(ContactInput(formatted_name=name, tags=tags or []))
    pycon = services.events.create(
        EventInput(name="PyCon DE", starts_at=datetime(2026, 9, 2, 10, 0, tzinfo=UTC))
    )
    services.events.add_attendee(pycon, ana, met=True)
    return ana


def _pane(qtbot: QtBot, services: Services, contact_id: int) -> ContactDetail:
    pane = ContactDetail(services, undo_stack=new_undo_stack())
    qtbot.addWidget(pane)
    pane.resize(460, 800)
    pane.show()
    pane.set_contact(contact_id)
    qtbot.waitExposed(pane)
    return pane


def _every_3_months(dialog: RhythmDialog) -> None:
    assert dialog.none_button.isChecked()
    dialog.every_spin.setFocus()
    dialog.every_spin.selectAll()
    QtBot.keyClicks(dialog.every_spin, "3")
    assert dialog.every_button.isChecked()  # typing a number picks "Every"
    assert dialog.unit_combo.currentText() == "months"
    QtBot.keyClick(dialog.buttons, Qt.Key.Key_Return)


def test_set_a_rhythm_in_the_dialog_and_see_the_line(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ana = _met_at_pycon(sqlite_services)
    pane = _pane(qtbot, sqlite_services, ana)
    line = pane.keep_in_touch
    assert line.isVisible()
    assert line.label.text() == "Keep in touch: no rhythm set"
    messages: list[str] = []
    pane.message.connect(messages.append)

    driver = ModalDriver(RhythmDialog, _every_3_months)
    click(qtbot, line.change_button)
    driver.check()

    qtbot.waitUntil(lambda: pane.keep_in_touch is not line)
    assert pane.keep_in_touch.label.text() == (
        "Keep in touch: every 3 months · last: Met at PyCon DE, 2\u00a0Sep · next: 2\u00a0Dec"
    )
    assert messages == ["Keep in touch with Ana Lima: every 3 months — Ctrl+Z to undo"]
    rhythm = sqlite_services.keep_in_touch.rhythm_for(ana)
    assert rhythm is not None and (rhythm.every, rhythm.unit) == (3, RhythmUnit.MONTHS)

    stack = pane._undo_stack
    assert stack is not None
    stack.undo()
    assert sqlite_services.keep_in_touch.rhythm_for(ana) is None
    stack.redo()
    assert sqlite_services.keep_in_touch.rhythm_for(ana) == rhythm


def test_the_dialog_changes_and_removes_a_persons_own_rhythm(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ana = _met_at_pycon(sqlite_services)
    sqlite_services.keep_in_touch.set_rhythm(contact_id=ana, every=1, unit="months")
    pane = _pane(qtbot, sqlite_services, ana)

    def to_none(dialog: RhythmDialog) -> None:
        assert dialog.every_button.isChecked()
        assert (dialog.every_spin.value(), dialog.unit_combo.currentText()) == (1, "month")
        # On its round button: the rest of the row, right of the words, is no click target.
        middle = dialog.none_button.rect().center()
        qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton, pos=QPoint(8, middle.y()))
        assert dialog.value() == (None, RhythmUnit.MONTHS)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    driver = ModalDriver(RhythmDialog, to_none)
    click(qtbot, pane.keep_in_touch.change_button)
    driver.check()
    qtbot.waitUntil(lambda: "no rhythm set" in pane.keep_in_touch.label.text())
    assert sqlite_services.keep_in_touch.rhythm_for(ana) is None


def test_a_tag_rhythm_shows_on_the_line_and_in_the_dialog(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ana = _met_at_pycon(sqlite_services, tags=["Mentors"])
    kit = sqlite_services.keep_in_touch
    kit.set_rhythm(tag_id=kit.tag_rhythms()["Mentors"].tag_id, every=2, unit="weeks")
    pane = _pane(qtbot, sqlite_services, ana)
    assert pane.keep_in_touch.label.text() == (
        "Keep in touch: every 2 weeks (tag Mentors) · last: Met at PyCon DE, 2\u00a0Sep · "
        "due since 16\u00a0Sep"
    )
    dialog = pane.keep_in_touch.make_dialog()
    qtbot.addWidget(dialog)
    assert dialog.none_button.isChecked()
    assert dialog.note.text() == (
        "Without one of their own, they follow the tag “Mentors”: every 2 weeks."
    )


def test_the_line_says_a_snooze_and_a_person_never_met(sqlite_services: Services) -> None:
    kit = sqlite_services.keep_in_touch
    bo = sqlite_services.contacts.create(ContactInput(formatted_name="Bo Lind"))
    with sqlite_services.db.transaction() as session:
        session.execute(update(Contact).where(Contact.id == bo).values(created_at=NOW))
    kit.set_rhythm(contact_id=bo, every=1, unit="years")
    today = clock.today()
    assert status_text(kit.status(bo), today) == (
        "Keep in touch: every year · not in touch yet · next: 1\u00a0Oct\u00a02027"
    )
    kit.snooze(bo, date(2026, 10, 15))
    assert status_text(kit.status(bo), today).endswith("· snoozed until 15\u00a0Oct")


def _tags_dialog(qtbot: QtBot, services: Services) -> TagsDialog:
    dialog = TagsDialog(services, new_undo_stack())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _item_text(dialog: TagsDialog, name: str) -> str:
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        if item.data(NAME_ROLE) == name:
            return item.text()
    raise AssertionError(name)


def test_a_rhythm_per_tag_in_the_tag_manager(qtbot: QtBot, sqlite_services: Services) -> None:
    ana = _met_at_pycon(sqlite_services, tags=["Mentors", "Berlin"])
    dialog = _tags_dialog(qtbot, sqlite_services)
    assert not dialog.rhythm_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert dialog.selected_name() == "Mentors"
    assert dialog.rhythm_button.isEnabled()

    def every_2_weeks(rhythm: RhythmDialog) -> None:
        assert rhythm.prompt.text() == (
            "How often do you want to be in touch with everyone tagged “Mentors”?"
        )
        rhythm.every_spin.setValue(2)
        rhythm.unit_combo.setCurrentIndex(1)
        assert rhythm.unit_combo.currentText() == "weeks"
        rhythm.accept()

    driver = ModalDriver(RhythmDialog, every_2_weeks)
    click(qtbot, dialog.rhythm_button)
    driver.check()
    assert _item_text(dialog, "Mentors") == "Mentors — 1 person · every 2 weeks"
    assert _item_text(dialog, "Berlin") == "Berlin — 1 person"
    assert dialog.selected_name() == "Mentors"
    rhythm = sqlite_services.keep_in_touch.rhythm_for(ana)
    assert rhythm is not None and (rhythm.source, rhythm.text) == ("Mentors", "every 2 weeks")

    dialog.undo_button.click()
    assert _item_text(dialog, "Mentors") == "Mentors — 1 person"
    assert sqlite_services.keep_in_touch.rhythm_for(ana) is None


def test_moving_through_the_number_with_the_keyboard_keeps_no_rhythm_chosen(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lima"))
    kit = sqlite_services.keep_in_touch
    kit.set_rhythm(contact_id=ana, every=3, unit=RhythmUnit.MONTHS)
    dialog = RhythmDialog(None, "Ana Lima", kit.rhythm_for(ana))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.none_button.setFocus()
    qtbot.keyClick(dialog.none_button, Qt.Key.Key_Space)  # "No rhythm", by keyboard
    assert dialog.value()[0] is None
    # Back through the number and the unit and on again, to reach OK: only passing by.
    dialog.every_spin.setFocus()
    qtbot.keyClick(dialog.every_spin, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.every_spin, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.value()[0] is None
    qtbot.keyClick(dialog.every_spin, Qt.Key.Key_Up)  # a number changed: "Every" it is
    assert dialog.value() == (4, RhythmUnit.MONTHS)
