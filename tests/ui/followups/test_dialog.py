"""The follow-up dialog: adding for a known person, picking a person, editing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.followups.dialog import FollowUpDialog


def _person(services: Services, name: str = "Anna Schroeder", org: str = "ACME") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization=org))


def _event(services: Services, name: str = "PyCon") -> int:
    return services.events.create(
        EventInput(name=name, starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    )


def _dialog(qtbot: QtBot, services: Services, **kwargs: int | None) -> FollowUpDialog:
    dialog = FollowUpDialog(services, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_add_for_a_known_person_with_default_due_date_and_event(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    anna, pycon = _person(sqlite_services), _event(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, contact_id=anna, event_id=pycon)
    assert dialog.picker is None
    assert dialog.event_combo.currentText().startswith("PyCon")
    qtbot.keyClicks(dialog.action, "Send the slides")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.followup_id is not None and not dialog.isVisible()
    row = sqlite_services.followups.get(dialog.followup_id)
    assert (row.contact_id, row.action, row.event_id) == (anna, "Send the slides", pycon)
    assert row.due_date == clock.today() + timedelta(days=7)


def test_no_due_date_and_a_chosen_date(qtbot: QtBot, sqlite_services: Services) -> None:
    anna = _person(sqlite_services)
    undated = _dialog(qtbot, sqlite_services, contact_id=anna)
    qtbot.keyClicks(undated.action, "Someday")
    qtbot.mouseClick(undated.no_due, Qt.MouseButton.LeftButton)
    assert not undated.due.isEnabled()
    qtbot.mouseClick(undated.ok_button, Qt.MouseButton.LeftButton)
    assert undated.followup_id is not None
    assert sqlite_services.followups.get(undated.followup_id).due_date is None

    dated = _dialog(qtbot, sqlite_services, contact_id=anna)
    qtbot.keyClicks(dated.action, "On the date")
    dated.due.setDate(QDate(2031, 5, 17))
    qtbot.mouseClick(dated.ok_button, Qt.MouseButton.LeftButton)
    assert dated.followup_id is not None
    assert sqlite_services.followups.get(dated.followup_id).due_date == date(2031, 5, 17)


def test_empty_action_is_shown_beside_the_field(qtbot: QtBot, sqlite_services: Services) -> None:
    anna = _person(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, contact_id=anna)
    qtbot.keyClicks(dialog.action, "   ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.errors.label("action")
    assert error.isVisible() and error.text() == "Say what to do."
    assert dialog.isVisible() and dialog.followup_id is None
    assert sqlite_services.contacts.get(anna).followups == ()


def test_person_is_picked_by_typing_their_name(qtbot: QtBot, sqlite_services: Services) -> None:
    _person(sqlite_services, "Anna Schroeder", "ACME")
    annika = _person(sqlite_services, "Annika Berg", "Globex")
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.picker is not None
    qtbot.keyClicks(dialog.picker, "ann")
    names = [r.name for r in dialog.picker.suggestions()]
    assert sorted(names) == ["Anna Schroeder", "Annika Berg"]
    assert dialog.picker.contact_id() is None
    # Choose Annika in the completer's popup, as with the arrow keys and Enter.
    popup = dialog.picker.completer().popup()
    assert popup is not None and popup.isVisible()
    popup.setCurrentIndex(popup.model().index(names.index("Annika Berg"), 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.picker.text() == "Annika Berg"
    assert dialog.picker.contact_id() == annika
    qtbot.keyClicks(dialog.action, "Send the job ad")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.followup_id is not None
    assert sqlite_services.followups.get(dialog.followup_id).contact_id == annika


def test_typing_a_full_name_is_enough(qtbot: QtBot, sqlite_services: Services) -> None:
    anna = _person(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.picker is not None
    qtbot.keyClicks(dialog.picker, "anna schroeder")
    qtbot.keyClicks(dialog.action, "Call")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.followup_id is not None
    assert sqlite_services.followups.get(dialog.followup_id).contact_id == anna


def test_unknown_person_is_shown_beside_the_field(qtbot: QtBot, sqlite_services: Services) -> None:
    _person(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.picker is not None
    qtbot.keyClicks(dialog.picker, "Nobody Known")
    qtbot.keyClicks(dialog.action, "Call")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.errors.label("contact")
    assert error.isVisible() and error.text() == "Pick a person from the suggestions."
    assert dialog.followup_id is None and dialog.isVisible()


def test_edit_shows_and_saves_the_followup(qtbot: QtBot, sqlite_services: Services) -> None:
    anna, pycon = _person(sqlite_services), _event(sqlite_services)
    djangocon = _event(sqlite_services, "DjangoCon")
    fid = sqlite_services.followups.add(anna, "Send slides", date(2030, 1, 2), pycon)
    dialog = _dialog(qtbot, sqlite_services, followup_id=fid)
    assert dialog.windowTitle() == "Edit follow-up"
    assert dialog.action.text() == "Send slides"
    assert dialog.due.date() == QDate(2030, 1, 2) and not dialog.no_due.isChecked()
    assert dialog.event_combo.event_id() == pycon
    dialog.action.clear()
    qtbot.keyClicks(dialog.action, "Send the recording")
    dialog.event_combo.set_event_id(djangocon)
    qtbot.mouseClick(dialog.no_due, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    row = sqlite_services.followups.get(fid)
    assert (row.action, row.due_date, row.event_id) == ("Send the recording", None, djangocon)


def test_a_long_name_is_cut_short_without_widening_the_dialog(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    name = "Maximiliane Alexandra von Hohenzollern-Sigmaringen " * 4 + "<b>Jr</b>"
    anna = _person(sqlite_services, name.strip())
    dialog = _dialog(qtbot, sqlite_services, contact_id=anna)
    qtbot.waitExposed(dialog)
    assert dialog.width() < 700
    label = dialog.person_label
    assert label is not None
    assert label.text() == name.strip() and label.textFormat() == Qt.TextFormat.PlainText
    shown = label.shown_text()
    assert shown.endswith("…") and len(shown) < len(name)
    # The full name is one hover away, escaped so that "<b>" is not read as bold.
    assert "&lt;b&gt;Jr&lt;/b&gt;" in label.toolTip()


def test_labels_have_no_colons_and_the_event_date_is_in_english(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    anna, _ = _person(sqlite_services), _event(sqlite_services)
    dialog = _dialog(qtbot, sqlite_services, contact_id=anna)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert labels == ["&Person", "&Action", "&Due", "&Event"]
    assert dialog.event_combo.itemText(1) == "PyCon · 1 Mar 2025"
    assert dialog.ok_button.text() == "Add follow-up"


def test_the_action_error_goes_once_something_is_typed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services, contact_id=_person(sqlite_services))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.label("action").isVisible()
    qtbot.keyClicks(dialog.action, "C")
    assert not dialog.errors.label("action").isVisible()


def test_tab_from_the_due_date_goes_to_no_due_date(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services, contact_id=_person(sqlite_services))
    qtbot.waitExposed(dialog)
    dialog.due.setFocus()
    qtbot.keyClick(dialog.due, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.no_due
