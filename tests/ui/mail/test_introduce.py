"""People > Introduce…: two people picked, one email to both, and once it is marked sent
"Introduced to X by me on DATE" on both people's pages."""

from __future__ import annotations

import email
from datetime import date
from email.policy import default
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.mail.introduce_dialog import PICK_BOTH, IntroduceDialog
from netdesk.ui.mail.sent_dialog import SENT
from netdesk.ui.main_window import PEOPLE, MainWindow
from netdesk.ui.widgets.dates import day_text
from netdesk.ui.widgets.menus import top_menu
from tests.ui.mail.helpers import MailProgram, SavePath, add_person, choice
from tests.ui.main_window_helpers import click, open_window, settings_at


def _open(qtbot: QtBot, window: MainWindow) -> IntroduceDialog:
    people = top_menu(window, "People")
    assert people is not None
    [act] = [a for a in people.actions() if a.text() == "&Introduce…"]
    act.trigger()
    dialog = window.mail.introduce_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _pick(qtbot: QtBot, picker: object, name: str) -> None:
    """Type the whole name, as a user may without taking a suggestion."""
    from netdesk.ui.widgets.person_picker import ContactPicker

    assert isinstance(picker, ContactPicker)
    picker.setFocus()
    qtbot.keyClicks(picker, name)


def test_an_introduction_is_one_email_to_both_and_shows_on_both_pages(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
    frozen_today: date,
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org", "Lisboa Labs")
    bea = add_person(sqlite_services, "Bea Souza", "bea@example.org", "Harbour AI")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.show_contact(ana)  # the person shown is the first one to introduce
    dialog = _open(qtbot, window)
    assert dialog.first_picker.text() == "Ana Lima"
    assert dialog.problem_label.text() == PICK_BOTH
    assert not dialog.write_button.isEnabled()
    _pick(qtbot, dialog.second_picker, "Bea Souza")
    dialog.reason_edit.setFocus()
    qtbot.keyClicks(dialog.reason_edit, "you both model heat waves")
    qtbot.waitUntil(lambda: "heat waves" in dialog.body_view.toPlainText())
    assert dialog.write_button.isEnabled()
    click(qtbot, dialog.write_button)

    [(to, subject, body)] = mail_program.emails()  # ONE email
    assert to == ["ana@example.org", "bea@example.org"]
    assert "Ana" in subject and "Bea" in subject
    assert "you both model heat waves" in body
    assert sqlite_services.introductions.for_contact(ana) == []  # not until it is sent

    box = choice()
    assert box.message_label.text() == "Did you send the email to Ana Lima and Bea Souza?"
    click(qtbot, box.button(SENT))
    on = day_text(frozen_today)
    for person, other in ((ana, "Bea Souza"), (bea, "Ana Lima")):
        window.show_contact(person)
        section = window.view(PEOPLE).detail.mail_section
        assert section.texts() == [f"Introduced to {other} by me on {on}"]
        assert section.isVisibleTo(window)
        notes = sqlite_services.contacts.get(person).notes
        assert [n.body for n in notes if n.topic == "emailed"] == ["Emailed: " + subject]


def test_introduce_prefills_the_two_people_selected_and_saves_one_draft(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    bea = add_person(sqlite_services, "Bea Souza", "bea@example.org")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    people = window.go_to(PEOPLE)
    people.table.selectAll()
    dialog = _open(qtbot, window)
    assert {dialog.first_picker.contact_id(), dialog.second_picker.contact_id()} == {ana, bea}
    window.mail.ask_path = SavePath(tmp_path / "intro.eml")
    click(qtbot, dialog.save_button)
    message = email.message_from_bytes((tmp_path / "intro.eml").read_bytes(), policy=default)
    assert {a.addr_spec for a in message["To"].addresses} == {
        "ana@example.org",
        "bea@example.org",
    }
    assert mail_program.urls == []
    # Pending on both pages; Sent on one of them records the introduction for both.
    window.show_contact(ana)
    section = window.view(PEOPLE).detail.mail_section
    click(qtbot, section.sent_buttons[0])
    assert [r.other_id for r in sqlite_services.introductions.for_contact(bea)] == [ana]
    assert sqlite_services.drafts.pending() == []


def test_the_same_person_twice_or_one_without_an_address_is_refused(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    caio = add_person(sqlite_services, "Caio Reis")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    dialog = window.mail.introduce(ana, ana)
    assert dialog is not None
    assert dialog.problem_label.text() == "Pick two different people."
    dialog.second_picker.set_contact(caio, "Caio Reis")
    assert dialog.problem_label.text() == (
        "No email address for Caio Reis: an introduction needs both."
    )
    assert not dialog.write_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    dialog.reject()
    assert mail_program.urls == []
