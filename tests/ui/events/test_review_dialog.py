"""Review people met…: one person at a time, one key each, checked in the database after each
key; and how the dialog is reached (the event page's button, Events > Review people met…)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.models import NoteTopic
from netdesk.services.errors import NotFoundError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.events.review_dialog import ReviewDialog
from netdesk.ui.main_window import EVENTS
from netdesk.ui.widgets.menus import top_menu
from tests.ui.main_window_helpers import click, open_window, settings_at

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
TODAY = date(2026, 12, 5)


@pytest.fixture(autouse=True)
def stopped() -> Iterator[None]:
    clock.stop_at(NOW)
    yield
    clock.stop_at(None)


def _pycon(services: Services) -> tuple[int, dict[str, int]]:
    """PyCon DE, ended yesterday: Ana, Bo and Carl met there (Bo noted); Dora there, not met."""
    event_id = services.events.create(
        EventInput(
            name="PyCon DE", starts_at=NOW - timedelta(days=3), ends_at=NOW - timedelta(days=1)
        )
    )
    people = {}
    for given, family, org, title, met in (
        ("Ana", "Alba", "Acme", "CTO", True),
        ("Bo", "Berg", "Bolt", "", True),
        ("Carl", "Cruz", "", "", True),
        ("Dora", "Dahl", "", "", False),
    ):
        contact_id = services.contacts.create(
            ContactInput(given_name=given, family_name=family, organization=org, title=title)
        )
        people[given] = services.events.add_attendee(event_id, contact_id, met=met)
    bo = _contact(services, event_id, people["Bo"])
    services.notes.add(bo, "Wants the slides on Rust", NoteTopic.TALKED_ABOUT.value, event_id)
    return event_id, people


def _contact(services: Services, event_id: int, attendance_id: int) -> int:
    rows = services.events.attendees(event_id)
    return next(r.contact_id for r in rows if r.attendance_id == attendance_id)


def _dialog(qtbot: QtBot, services: Services, event_id: int) -> ReviewDialog:
    dialog = ReviewDialog(services, event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _press(qtbot: QtBot, dialog: ReviewDialog, key: Qt.Key) -> None:
    """A key typed where the keyboard is in the dialog."""
    qtbot.keyClick(dialog.focusWidget() or dialog, key)


def _reviewed(services: Services, event_id: int) -> set[str]:
    waiting = {p.name for p in services.review.people_to_review(event_id)}
    return {"Ana Alba", "Bo Berg", "Carl Cruz"} - waiting


def _open_followups(services: Services) -> list[tuple[str, str, date | None, int | None]]:
    rows = [r for rows in services.followups.queue().values() for r in rows if not r.done_at]
    return [(r.contact_name, r.action, r.due_date, r.event_id) for r in rows]


def test_one_key_each_and_the_database_after_each(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    event_id, people = _pycon(s)
    dialog = _dialog(qtbot, s, event_id)
    writes: list[tuple[int, str]] = []
    dialog.write_requested.connect(lambda c, _e, t: writes.append((c, t)))
    assert dialog.progress_label.text() == "1 of 3"
    assert dialog.name_label.text() == "Ana Alba"
    assert dialog.work_label.text() == "CTO · Acme"
    assert dialog.noted_label.text() == "Nothing noted there."

    # W: write now, through the mail part; Ana is reviewed, nothing planned.
    _press(qtbot, dialog, Qt.Key.Key_W)
    assert writes == [(_contact(s, event_id, people["Ana"]), "nice-to-meet")]
    assert _reviewed(s, event_id) == {"Ana Alba"}
    assert _open_followups(s) == []
    assert dialog.progress_label.text() == "2 of 3"
    assert dialog.name_label.text() == "Bo Berg"
    assert dialog.noted_label.text() == "Talked about: Wants the slides on Rust"

    # F: follow up in the default 2 days.
    assert dialog.days_box.value() == 2
    _press(qtbot, dialog, Qt.Key.Key_F)
    assert _open_followups(s) == [
        ("Bo Berg", "Follow up after PyCon DE", TODAY + timedelta(days=2), event_id)
    ]
    assert _reviewed(s, event_id) == {"Ana Alba", "Bo Berg"}
    assert dialog.progress_label.text() == "3 of 3"

    # N: nothing needed; the end.
    _press(qtbot, dialog, Qt.Key.Key_N)
    assert _reviewed(s, event_id) == {"Ana Alba", "Bo Berg", "Carl Cruz"}
    assert len(_open_followups(s)) == 1
    assert dialog.is_finished()
    assert dialog.end_label.text() == "Everyone met at PyCon DE is reviewed"
    assert dialog.close_button.isVisible()
    assert len(writes) == 1
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_backspace_goes_back_and_undoes_that_persons_choice(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    s = sqlite_services
    event_id, _people = _pycon(s)
    dialog = _dialog(qtbot, s, event_id)
    _press(qtbot, dialog, Qt.Key.Key_N)  # Ana: nothing needed
    _press(qtbot, dialog, Qt.Key.Key_F)  # Bo: follow up
    assert len(_open_followups(s)) == 1
    assert dialog.progress_label.text() == "3 of 3"

    _press(qtbot, dialog, Qt.Key.Key_Backspace)  # back to Bo: his follow-up goes again
    assert dialog.progress_label.text() == "2 of 3"
    assert dialog.name_label.text() == "Bo Berg"
    assert _open_followups(s) == []
    assert _reviewed(s, event_id) == {"Ana Alba"}

    _press(qtbot, dialog, Qt.Key.Key_Backspace)  # back to Ana: she waits again
    assert dialog.name_label.text() == "Ana Alba"
    assert _reviewed(s, event_id) == set()
    _press(qtbot, dialog, Qt.Key.Key_Backspace)  # nothing before the first
    assert dialog.progress_label.text() == "1 of 3"

    # From the end too: Backspace takes back the last choice.
    for key in (Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_F):
        _press(qtbot, dialog, key)
    assert dialog.is_finished() and len(_open_followups(s)) == 1
    _press(qtbot, dialog, Qt.Key.Key_Backspace)
    assert dialog.name_label.text() == "Carl Cruz"
    assert _open_followups(s) == []


def test_esc_stops_and_what_was_decided_stays(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    event_id, _people = _pycon(s)
    dialog = _dialog(qtbot, s, event_id)
    _press(qtbot, dialog, Qt.Key.Key_F)
    _press(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _reviewed(s, event_id) == {"Ana Alba"}
    assert [f[0] for f in _open_followups(s)] == ["Ana Alba"]
    # The next review starts with the people left.
    again = _dialog(qtbot, s, event_id)
    assert again.progress_label.text() == "1 of 2"
    assert again.name_label.text() == "Bo Berg"


def test_days_typed_into_the_box_and_f_from_there(qtbot: QtBot, sqlite_services: Services) -> None:
    s = sqlite_services
    event_id, _people = _pycon(s)
    dialog = _dialog(qtbot, s, event_id)
    box = dialog.days_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "10")
    assert box.value() == 10
    qtbot.keyClick(box, Qt.Key.Key_F)  # a letter in the number field still acts
    assert _open_followups(s) == [
        ("Ana Alba", "Follow up after PyCon DE", TODAY + timedelta(days=10), event_id)
    ]
    assert dialog.name_label.text() == "Bo Berg"
    assert box.value() == 10  # kept for the next person
    # The keyboard is back with the dialog: Backspace goes back rather than editing the box.
    _press(qtbot, dialog, Qt.Key.Key_Backspace)
    assert dialog.name_label.text() == "Ana Alba"
    assert box.value() == 10
    assert _open_followups(s) == []


def test_someone_taken_off_the_event_meanwhile_is_skipped(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    s = sqlite_services
    event_id, people = _pycon(s)
    dialog = _dialog(qtbot, s, event_id)
    s.events.remove_attendee(people["Ana"])
    _press(qtbot, dialog, Qt.Key.Key_F)
    assert _open_followups(s) == []
    assert dialog.name_label.text() == "Bo Berg"
    assert dialog.progress_label.text() == "1 of 2"
    with pytest.raises(NotFoundError):
        s.review.written(people["Ana"])


def test_an_event_with_no_one_met_says_so(qtbot: QtBot, sqlite_services: Services) -> None:
    event_id = sqlite_services.events.create(EventInput(name="Meetup", starts_at=NOW))
    dialog = _dialog(qtbot, sqlite_services, event_id)
    assert dialog.is_finished()
    assert dialog.end_label.text().startswith("No one is marked met at Meetup yet.")


def _review_dialog() -> ReviewDialog:
    found = [w for w in _visible() if isinstance(w, ReviewDialog)]
    assert len(found) == 1
    return found[0]


def test_the_event_pages_button_opens_the_review_and_is_off_when_all_are_reviewed(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    s = sqlite_services
    event_id, _people = _pycon(s)
    other = s.events.create(EventInput(name="Nobody met", starts_at=NOW))
    window = open_window(qtbot, s, settings_at(tmp_path))
    writes: list[tuple[int, str]] = []
    window.review.write_requested.connect(lambda c, _e, t: writes.append((c, t)))
    events = window.go_to(EVENTS)
    events.show_event(other)
    button = events.page.findChild(QPushButton, "review_button")
    assert button is not None and not button.isEnabled()
    events.show_event(event_id)
    assert button.isEnabled()

    click(qtbot, button)
    dialog = _review_dialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Review people met at PyCon DE"
    for key in (Qt.Key.Key_W, Qt.Key.Key_N, Qt.Key.Key_N):
        _press(qtbot, dialog, key)
    assert writes == [(_contact(s, event_id, _people["Ana"]), "nice-to-meet")]
    # Everyone is reviewed: the button goes off once the page has heard of it.
    qtbot.waitUntil(lambda: not button.isEnabled())
    click(qtbot, dialog.close_button)


def test_the_button_follows_follow_ups_made_elsewhere(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    s = sqlite_services
    event_id = s.events.create(EventInput(name="Meetup", starts_at=NOW - timedelta(days=1)))
    ana = s.contacts.create(ContactInput(formatted_name="Ana Alba"))
    s.events.add_attendee(event_id, ana, met=True)
    window = open_window(qtbot, s, settings_at(tmp_path))
    events = window.go_to(EVENTS)
    events.show_event(event_id)
    button: QWidget = events.page.review_button
    assert button.isEnabled()
    s.followups.add(ana, "Send the slides", TODAY)  # she has something open now
    qtbot.waitUntil(lambda: not button.isEnabled())


def test_events_menu_reviews_the_selected_event(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    s = sqlite_services
    event_id, _people = _pycon(s)
    window = open_window(qtbot, s, settings_at(tmp_path))
    menu = top_menu(window, "Events")
    assert menu is not None and window.review.act_review in menu.actions()
    assert window.review.act_review.text() == "&Review people met…"
    # Nothing selected: the event that ended last with people left to review.
    window.review.act_review.trigger()
    dialog = _review_dialog()
    qtbot.addWidget(dialog)
    assert dialog.event_id == event_id
    _press(qtbot, dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not any(isinstance(w, ReviewDialog) for w in _visible()))


def _visible() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_a_person_deleted_in_another_process_leaves_the_open_review(
    qtbot: QtBot, sqlite_services: Services, db_path: Path, tmp_path: Path
) -> None:
    from netdesk.store import open_database

    s = sqlite_services
    event_id, people = _pycon(s)
    window = open_window(qtbot, s, settings_at(tmp_path))
    dialog = window.review.open_dialog(event_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert (dialog.name_label.text(), dialog.progress_label.text()) == ("Ana Alba", "1 of 3")
    bo = _contact(s, event_id, people["Bo"])

    other = open_database(f"sqlite:///{db_path}")  # another netdesk on the same file
    try:
        Services(other).contacts.delete([_contact(s, event_id, people["Ana"])])
        Services(other).followups.add(bo, "Send the Rust slides", TODAY)
    finally:
        other.close()
    # Without a key pressed: the one on screen is gone, and Bo has his follow-up now.
    qtbot.waitUntil(lambda: dialog.name_label.text() == "Carl Cruz", timeout=3000)
    assert dialog.progress_label.text() == "1 of 1"

    _press(qtbot, dialog, Qt.Key.Key_N)  # the walk's own change does not skip anyone
    assert dialog.is_finished()
    _press(qtbot, dialog, Qt.Key.Key_Backspace)
    assert (dialog.name_label.text(), dialog.progress_label.text()) == ("Carl Cruz", "1 of 1")
    dialog.reject()


def test_many_long_notes_scroll_and_the_keys_buttons_stay_in_view(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    s = sqlite_services
    event_id, people = _pycon(s)
    ana = _contact(s, event_id, people["Ana"])
    for n in range(12):
        text = f"Note {n}: " + "about heat pumps and grids " * 30
        s.notes.add(ana, text, NoteTopic.TALKED_ABOUT.value, event_id)
    dialog = _dialog(qtbot, s, event_id)
    dialog.resize(700, 420)  # a small laptop's dialog
    qtbot.waitUntil(lambda: dialog.noted_scroll.verticalScrollBar().maximum() > 0)
    bar = dialog.noted_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # the last note can be read
    for button in (dialog.write_button, dialog.follow_button, dialog.nothing_button):
        assert dialog.rect().contains(QRect(button.mapTo(dialog, QPoint(0, 0)), button.size()))
    assert dialog.height() <= 420
    _press(qtbot, dialog, Qt.Key.Key_N)  # the keys still work with the notes scrolled
    assert dialog.name_label.text() == "Bo Berg"
