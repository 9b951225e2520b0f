"""The contact dialog, driven as a user would: typing into its fields and clicking OK."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.people.contact_dialog import ContactDialog


def _dialog(qtbot: QtBot, services: Services, contact_id: int | None = None) -> ContactDialog:
    dialog = ContactDialog(services, contact_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ok(qtbot: QtBot, dialog: ContactDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_new_contact_is_saved_from_typed_fields(qtbot: QtBot, sqlite_services: Services) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Someone", tags=["Investor"]))
    dialog = _dialog(qtbot, sqlite_services)
    assert dialog.windowTitle() == "New contact"
    qtbot.keyClicks(dialog.name_edit, "Ann Lee")
    qtbot.keyClicks(dialog.given_edit, "Ann")
    qtbot.keyClicks(dialog.family_edit, "Lee")
    qtbot.keyClicks(dialog.organization_edit, "Acme Robotics")
    qtbot.keyClicks(dialog.title_edit, "CTO")
    qtbot.keyClicks(dialog.emails_edit, "ann@acme.org")
    qtbot.keyClick(dialog.emails_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.emails_edit, "ann.lee@example.com")
    qtbot.keyClicks(dialog.phones_edit, "+44 20 7946 0958")
    qtbot.keyClicks(dialog.tags_edit, "investor, Berlin")
    qtbot.keyClicks(dialog.note_edit, "Met at PyCon")
    _ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.contact_id is not None
    saved = sqlite_services.contacts.get(dialog.contact_id)
    assert saved.formatted_name == "Ann Lee"
    assert (saved.given_name, saved.family_name) == ("Ann", "Lee")
    assert saved.organization == "Acme Robotics"
    assert saved.emails == ("ann@acme.org", "ann.lee@example.com")
    assert saved.phones[0].e164 == "+442079460958"
    # "investor" is the existing tag "Investor", not a second one.
    assert sorted(saved.tags) == ["Berlin", "Investor"]
    assert saved.note == "Met at PyCon"


def test_bad_email_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Ann Lee")
    qtbot.keyClicks(dialog.emails_edit, "ann-at-acme")
    _ok(qtbot, dialog)

    error = dialog.findChild(QLabel, "error_emails")
    assert error is not None and error.isVisible()
    assert "ann-at-acme" in error.text() and "email address" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.contact_id is None
    assert sqlite_services.contacts.count() == 0

    # Fixing it and pressing OK again saves, and the message goes away.
    dialog.emails_edit.clear()
    qtbot.keyClicks(dialog.emails_edit, "ann@acme.org")
    _ok(qtbot, dialog)
    assert not error.isVisible()
    assert sqlite_services.contacts.count() == 1


def test_missing_name_and_bad_phone_are_both_reported(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.phones_edit, "call me")
    _ok(qtbot, dialog)
    assert dialog.errors.label("name").isVisible()
    assert dialog.errors.label("name").text() == "A contact needs a name."
    assert dialog.errors.label("phones").isVisible()
    assert "call me" in dialog.errors.label("phones").text()
    assert dialog.focusWidget() is dialog.name_edit
    assert sqlite_services.contacts.count() == 0


def test_given_and_family_name_are_enough(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.given_edit, "Ann")
    qtbot.keyClicks(dialog.family_edit, "Lee")
    _ok(qtbot, dialog)
    assert dialog.contact_id is not None
    assert sqlite_services.contacts.get(dialog.contact_id).formatted_name == "Ann Lee"


def test_edit_shows_current_values_and_saves_changes(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    contact_id = sqlite_services.contacts.create(
        ContactInput(
            formatted_name="Ann Lee",
            organization="Acme",
            emails=["ann@acme.org"],
            birthday=date(1988, 3, 14),
            tags=["AI"],
        )
    )
    dialog = _dialog(qtbot, sqlite_services, contact_id)
    assert dialog.windowTitle() == "Edit Ann Lee"
    assert dialog.organization_edit.text() == "Acme"
    assert dialog.emails_edit.toPlainText() == "ann@acme.org"
    assert dialog.birthday_check.isChecked()
    assert dialog.birthday_edit.date() == QDate(1988, 3, 14)
    assert dialog.tags_edit.text() == "AI"

    dialog.organization_edit.clear()
    qtbot.keyClicks(dialog.organization_edit, "Globex")
    qtbot.mouseClick(dialog.is_me_check, Qt.MouseButton.LeftButton)
    _ok(qtbot, dialog)
    saved = sqlite_services.contacts.get(contact_id)
    assert dialog.contact_id == contact_id
    assert saved.organization == "Globex"
    assert saved.is_me
    assert saved.birthday == date(1988, 3, 14)


def test_birthday_is_optional(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Ann")
    assert not dialog.birthday_edit.isEnabled()
    qtbot.mouseClick(dialog.birthday_check, Qt.MouseButton.LeftButton)
    assert dialog.birthday_edit.isEnabled()
    dialog.birthday_edit.setDate(QDate(1990, 7, 2))
    _ok(qtbot, dialog)
    assert dialog.contact_id is not None
    assert sqlite_services.contacts.get(dialog.contact_id).birthday == date(1990, 7, 2)


def test_tags_complete_the_word_after_the_last_comma(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="X", tags=["Berlin", "Investor"]))
    dialog = _dialog(qtbot, sqlite_services)
    # The line edit hands completions over only while it has the keyboard focus.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tags_edit.setFocus()
    assert dialog.tags_edit.hasFocus()
    completer = dialog.tags_edit.completer()
    qtbot.keyClicks(dialog.tags_edit, "Investor, be")
    assert completer.splitPath(completer.completionPrefix()) == ["be"]
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Investor, Berlin, "
    # Choosing it from the popup keeps the tags typed before the comma.
    popup = completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert dialog.tags_edit.text() == "Investor, Berlin, "
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.tags_edit.text() == "Investor, Berlin, "


def test_cancel_saves_nothing(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Ann")
    dialog.reject()
    assert sqlite_services.contacts.count() == 0


def _error(dialog: ContactDialog, field: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label


def test_bad_web_addresses_are_shown_beside_the_web_field(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Ann Lee")
    qtbot.keyClicks(dialog.urls_edit, "javascript:alert(1)")
    qtbot.keyClick(dialog.urls_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.urls_edit, "not a url")
    _ok(qtbot, dialog)
    assert dialog.contact_id is None and dialog.isVisible()
    message = _error(dialog, "urls")
    assert message.isVisible()
    assert "javascript:alert(1)" in message.text() and "not a url" in message.text()
    assert not _error(dialog, "form").isVisible()
    assert dialog.focusWidget() is dialog.urls_edit
    assert sqlite_services.contacts.count() == 0


def test_every_bad_email_is_reported_at_once(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.name_edit, "Ann Lee")
    for line in ("first-bad", "ann@acme.org", "second-bad"):
        qtbot.keyClicks(dialog.emails_edit, line)
        qtbot.keyClick(dialog.emails_edit, Qt.Key.Key_Return)
    _ok(qtbot, dialog)
    text = _error(dialog, "emails").text()
    assert "first-bad" in text and "second-bad" in text and "ann@acme.org" not in text
    assert len(text.splitlines()) == 2


def test_an_error_goes_away_when_its_field_is_edited(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.keyClicks(dialog.emails_edit, "nope")
    _ok(qtbot, dialog)
    assert _error(dialog, "name").isVisible() and _error(dialog, "emails").isVisible()
    qtbot.keyClicks(dialog.emails_edit, "@acme.org")
    assert not _error(dialog, "emails").isVisible()
    assert _error(dialog, "name").isVisible()
    qtbot.keyClicks(dialog.name_edit, "Ann")
    assert not _error(dialog, "name").isVisible()
    _ok(qtbot, dialog)
    assert dialog.contact_id is not None


def test_buttons_and_title_say_what_happens(qtbot: QtBot, sqlite_services: Services) -> None:
    new = _dialog(qtbot, sqlite_services)
    assert new.ok_button.text() == "Add contact"
    ann = sqlite_services.contacts.create(ContactInput(formatted_name="Ann [*] Lee"))
    edit = _dialog(qtbot, sqlite_services, ann)
    qtbot.waitExposed(edit)
    assert edit.ok_button.text() == "Save"
    handle = edit.windowHandle()
    assert handle is not None and handle.title() == "Edit Ann [*] Lee"


def test_tab_leaves_the_birthday_in_one_press(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = _dialog(qtbot, sqlite_services)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.birthday_check, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    dialog.birthday_edit.setFocus()
    qtbot.keyClick(dialog.birthday_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.tags_edit


def test_a_nul_pasted_into_the_name_is_saved_without_it(qtbot: QtBot, services: Services) -> None:
    """Pasted from a terminal or a PDF: PostgreSQL refused the NUL, SQLite kept it unseen."""
    dialog = _dialog(qtbot, services)
    clipboard = QApplication.clipboard()
    clipboard.setText("Ada\x00 Lovelace")
    try:
        dialog.name_edit.setFocus()
        dialog.name_edit.paste()
        assert "\x00" in dialog.name_edit.text()  # the field holds what was pasted
        _ok(qtbot, dialog)
    finally:
        clipboard.clear()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.contact_id is not None
    assert services.contacts.get(dialog.contact_id).formatted_name == "Ada Lovelace"
