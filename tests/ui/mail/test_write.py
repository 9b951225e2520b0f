"""Write email… in the window: the dialog, the mailto: link the mail program gets (decoded
back), "Sent?" and the Emailed note, and the follow-up done or snoozed with Ctrl+Z to undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from netdesk.models.note import NoteTopic
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.mail.sent_dialog import DONE, NOT_PENDING, SENT, SNOOZE
from netdesk.ui.mail.write_dialog import WriteDialog
from netdesk.ui.main_window import FOLLOWUPS, PEOPLE, TODAY, MainWindow
from tests.ui.mail.helpers import (
    MailProgram,
    add_event,
    add_person,
    answer_box,
    choice,
)
from tests.ui.main_window_helpers import activate, click, ctrl, open_window, settings_at


def _window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, services, settings_at(tmp_path))


def _emailed(services: Services, contact_id: int) -> list[str]:
    notes = services.contacts.get(contact_id).notes
    return [n.body for n in notes if n.topic == NoteTopic.EMAILED.value]


def _press_enter(qtbot: QtBot, dialog: WriteDialog) -> None:
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)


def test_write_from_the_person_page_opens_the_mail_program_and_logs_it_sent(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org", "Lisboa Labs")
    event = add_event(sqlite_services, "PyCon Lisboa & Friends")
    sqlite_services.events.add_attendee(event, ana, met=True)
    sqlite_services.notes.add(ana, "climate models in Python", "talked about", event)
    window = _window(qtbot, sqlite_services, tmp_path)
    window.show_contact(ana)
    people = window.view(PEOPLE)
    click(qtbot, people.detail.write_button)
    dialog = window.mail.write_dialog
    assert dialog is not None
    assert dialog.key() == "nice-to-meet"  # met at an event: the usual first email
    _press_enter(qtbot, dialog)

    [(to, subject, body)] = mail_program.emails()
    assert to == ["ana@example.org"]
    assert subject == "Nice to meet you at PyCon Lisboa & Friends"
    assert body.startswith("Hi Ana,\n")
    assert "climate models in Python" in body
    box = choice()
    assert box.message_label.text() == "Did you send the email to Ana Lima?"
    click(qtbot, box.button(SENT))
    assert _emailed(sqlite_services, ana) == ["Emailed: " + subject]
    assert sqlite_services.drafts.pending(ana) == []


def test_not_yet_keeps_the_email_pending_on_the_person_page(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    window = _window(qtbot, sqlite_services, tmp_path)
    window.show_contact(ana)
    detail = window.view(PEOPLE).detail
    assert detail.mail_section.is_empty()
    click(qtbot, detail.write_button)
    dialog = window.mail.write_dialog
    assert dialog is not None
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("reconnect"))
    _press_enter(qtbot, dialog)
    click(qtbot, choice().button("not-yet"))
    assert _emailed(sqlite_services, ana) == []
    # The page on screen shows it at once.
    qtbot.waitUntil(lambda: not detail.mail_section.is_empty())
    section = detail.mail_section
    qtbot.waitUntil(lambda: section.isVisibleTo(window))
    assert section.texts()[0].startswith("Email of ")
    assert section.texts()[0].endswith(" not marked sent")

    click(qtbot, section.sent_buttons[0])  # later, from the person page
    assert _emailed(sqlite_services, ana) == ["Emailed: It has been a while"]
    qtbot.waitUntil(lambda: window.view(PEOPLE).detail.mail_section.is_empty())


def test_write_about_a_follow_up_then_mark_it_done_and_undo(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
    frozen_today: date,
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    fid = sqlite_services.followups.add(ana, "send the slides", frozen_today)
    window = _window(qtbot, sqlite_services, tmp_path)
    followups = window.go_to(FOLLOWUPS)
    followups.select_ids([fid])
    menu = followups.context_menu()
    [write] = [a for a in menu.actions() if a.text() == "Write email…"]
    write.trigger()
    dialog = window.mail.write_dialog
    assert dialog is not None and dialog.key() == "promised"
    _press_enter(qtbot, dialog)
    [(_to, subject, body)] = mail_program.emails()
    assert subject == "What I promised: send the slides"
    assert "send the slides" in body
    click(qtbot, choice().button(SENT))
    offer = choice()
    assert "send the slides" in offer.message_label.text()
    click(qtbot, offer.button(DONE))
    assert sqlite_services.followups.get(fid).done_at is not None
    assert window.statusBar().currentMessage() == "Marked done — Ctrl+Z to undo"

    activate(qtbot, window)
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert sqlite_services.followups.get(fid).done_at is None
    assert _emailed(sqlite_services, ana) == ["Emailed: " + subject]  # the email stays logged


def test_snooze_a_week_from_the_offer(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
    frozen_today: date,
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    fid = sqlite_services.followups.add(ana, "intro to Bea", frozen_today)
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = window.mail.write_followup(fid)
    assert dialog is not None
    _press_enter(qtbot, dialog)
    click(qtbot, choice().button(SENT))
    click(qtbot, choice().button(SNOOZE))
    assert sqlite_services.followups.get(fid).due_date == frozen_today + timedelta(days=7)


def test_today_due_list_writes_about_the_follow_up(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
    frozen_today: date,
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    sqlite_services.followups.add(ana, "share the reading list", frozen_today)
    window = _window(qtbot, sqlite_services, tmp_path)
    today = window.go_to(TODAY)
    menu = today.due_menu(0)
    [write] = [a for a in menu.actions() if a.text() == "Write email…"]
    write.trigger()
    dialog = window.mail.write_dialog
    assert dialog is not None and dialog.key() == "promised"
    assert dialog.subject_label.text() == "What I promised: share the reading list"


def test_the_menu_shortcut_writes_to_the_selected_person(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    sqlite_services.events.add_attendee(add_event(sqlite_services, "Data Summit"), ana)
    window = _window(qtbot, sqlite_services, tmp_path)
    window.show_contact(ana)
    activate(qtbot, window)
    qtbot.keyClick(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.mail.write_dialog
    assert dialog is not None and dialog.key() == "nice-to-meet"
    # Another template, chosen in the dialog, is the one sent.
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("thanks-talk"))
    _press_enter(qtbot, dialog)
    [(_to, subject, _body)] = mail_program.emails()
    assert subject == "Thanks for your talk at Data Summit"


def test_nobody_with_an_email_opens_nothing(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    bea = add_person(sqlite_services, "Bea Souza")
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = window.mail.write_to(bea, "")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.missing_label.text() == "Bea Souza has no email address: no email for them."
    assert not dialog.open_button.isEnabled()
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)
    assert mail_program.urls == []
    assert sqlite_services.drafts.pending() == []


def test_a_long_email_is_shortened_for_the_link_and_the_status_bar_says_so(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    from netdesk.formats.mail.mailto import SHORTENED_NOTE
    from netdesk.services.mail.templates import TemplateRecord

    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    long_body = "Hi {first_name},\n\n" + "Olá, ação e coração. " * 200
    sqlite_services.templates.save(TemplateRecord("long", "Long", "A long one", long_body))
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = window.mail.write_to(ana, "long")
    assert dialog is not None
    assert dialog.body_view.toPlainText().count("coração") == 200  # the dialog shows it all
    _press_enter(qtbot, dialog)
    [url] = mail_program.urls
    [(_to, _subject, body)] = mail_program.emails()
    assert len(url.partition("body=")[2]) < 1800
    assert body.endswith(SHORTENED_NOTE)
    assert window.statusBar().currentMessage() == (
        "The email was shortened for your mail program: Save draft… keeps the whole text."
    )


def test_write_email_with_nothing_selected_says_what_to_select(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    window = _window(qtbot, sqlite_services, tmp_path)
    window.go_to(FOLLOWUPS)
    window.mail.act_write.trigger()
    assert window.mail.write_dialog is None
    assert window.statusBar().currentMessage() == (
        "Select a person, a follow-up or people at an event first."
    )


def test_names_in_the_questions_are_plain_text(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    odd = add_person(sqlite_services, "Ana <b>Lima</b> & Co", "ana@example.org")
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = window.mail.write_to(odd, "reconnect")
    assert dialog is not None
    assert dialog.to_label.text() == "Ana <b>Lima</b> & Co <ana@example.org>"
    _press_enter(qtbot, dialog)
    box = choice()
    assert box.message_label.textFormat() == Qt.TextFormat.PlainText
    assert box.message_label.text() == "Did you send the email to Ana <b>Lima</b> & Co?"


def test_sent_after_the_person_was_deleted_elsewhere_says_nothing_was_logged(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
) -> None:
    # The Sent? question waits while the user writes; meanwhile another netdesk (the command
    # line, a second window) deletes the person. Sent used to say "Noted: Emailed." though no
    # note could be written.
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = window.mail.write_to(ana, "reconnect")
    assert dialog is not None
    _press_enter(qtbot, dialog)
    box = choice()
    other = open_database(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    try:
        Services(other).contacts.delete([ana])
    finally:
        other.close()
    seen: list[str] = []
    answer_box(seen, "OK")
    click(qtbot, box.button(SENT))
    assert seen == [NOT_PENDING]
    assert "Noted" not in window.statusBar().currentMessage()


def test_sent_on_the_person_page_for_an_email_marked_sent_elsewhere_says_so_and_clears(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    drafts = sqlite_services.drafts.compose("reconnect", [ana])
    [draft_id] = sqlite_services.drafts.record(drafts)
    window = _window(qtbot, sqlite_services, tmp_path)
    window.show_contact(ana)
    section = window.view(PEOPLE).detail.mail_section
    qtbot.waitUntil(lambda: not section.is_empty())
    other = open_database(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    try:  # another netdesk marks it sent; this page has not heard of it
        Services(other).drafts.mark_sent([draft_id])
    finally:
        other.close()
    seen: list[str] = []
    answer_box(seen, "OK")
    click(qtbot, section.sent_buttons[0])
    assert seen == [NOT_PENDING]
    assert _emailed(sqlite_services, ana) == ["Emailed: It has been a while"]  # one note only
    qtbot.waitUntil(lambda: window.view(PEOPLE).detail.mail_section.is_empty())
