"""Save draft… (a real .eml file that Python's email package reads back, pending on the person
page until marked sent or discarded) and the event page's selected people: one personal email
each, asked first, or one .eml each into a folder."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.mail.saving import unique_path
from netdesk.ui.mail.write_dialog import WriteDialog
from netdesk.ui.main_window import EVENTS, PEOPLE, MainWindow
from tests.ui.mail.helpers import MailProgram, SavePath, add_event, add_person, answer_box
from tests.ui.main_window_helpers import click, open_window, settings_at
from tests.ui.polling import poll


def _window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, services, settings_at(tmp_path))


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def _shown(qtbot: QtBot, dialog: WriteDialog | None) -> WriteDialog:
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_save_draft_writes_an_eml_with_my_card_and_keeps_it_pending(
    qtbot: QtBot,
    sqlite_services: Services,
    tmp_path: Path,
    mail_program: MailProgram,
) -> None:
    sqlite_services.contacts.create(
        ContactInput(
            formatted_name="Zoe Meyer",
            given_name="Zoe",
            family_name="Meyer",
            emails=["zoe@example.net"],
            is_me=True,
        )
    )
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    event = add_event(sqlite_services, "Data Summit")
    sqlite_services.events.add_attendee(event, ana, met=True)
    window = _window(qtbot, sqlite_services, tmp_path)
    target = tmp_path / "out" / "nice"
    target.parent.mkdir()
    window.mail.ask_path = ask = SavePath(target)
    dialog = _shown(qtbot, window.mail.save_draft([ana]))
    assert dialog.save_button.isDefault()
    assert "(Zoe-Meyer.vcf)" in dialog.attachment_label.text()
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)

    assert Path(ask.offered[0]).name == "Nice to meet you at Data Summit.eml"
    saved = tmp_path / "out" / "nice.eml"  # the extension added to the name typed
    message = _read(saved)
    assert message["To"] == "Ana Lima <ana@example.org>"
    assert message["From"] == "Zoe Meyer <zoe@example.net>"
    assert message["Subject"] == "Nice to meet you at Data Summit"
    assert message["X-Unsent"] == "1"
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().startswith("Hi Ana,")
    [card] = list(message.iter_attachments())
    assert card.get_filename() == "Zoe-Meyer.vcf"
    assert "FN:Zoe Meyer" in card.get_content()
    assert mail_program.urls == []  # a draft file, not the mail program

    window.show_contact(ana)
    detail = window.view(PEOPLE).detail
    assert detail.mail_section.texts()[0].endswith("not marked sent")
    click(qtbot, detail.mail_section.discard_buttons[0])
    assert sqlite_services.drafts.pending() == []
    assert [n for n in sqlite_services.contacts.get(ana).notes if n.topic == "emailed"] == []


def test_save_draft_refuses_to_write_over_the_database(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    ana = add_person(sqlite_services, "Ana Lima", "ana@example.org")
    window = _window(qtbot, sqlite_services, tmp_path)
    database = Path(sqlite_services.db.engine.url.database or "")
    before = database.read_bytes()
    window.mail.ask_path = SavePath(database)
    seen: list[str] = []
    answer_box(seen, "OK")
    dialog = _shown(qtbot, window.mail.save_draft([ana], template_key="reconnect"))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(f"Could not save “{database.name}”")
    assert database.read_bytes() == before
    assert sqlite_services.drafts.pending() == []


def _event_with_people(services: Services) -> tuple[int, list[int]]:
    event = add_event(services, "Climate Tech Night")
    people = [
        add_person(services, "Ana Lima", "ana@example.org"),
        add_person(services, "Bea Souza", "bea@example.org"),
        add_person(services, "Caio Reis"),  # no address: named, and skipped
    ]
    for contact_id in people:
        services.events.add_attendee(event, contact_id, met=True)
    return event, people


def _select_all_attendees(qtbot: QtBot, window: MainWindow, event: int) -> WriteDialog:
    events = window.go_to(EVENTS)
    window.show_event(event)
    table = events.page.table
    table.selectAll()
    offered: list[str] = []

    def choose() -> bool:  # in the menu the right-click opens, as a user would
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return False
        offered.extend(a.text() for a in menu.actions() if a.text())
        [write] = [a for a in menu.actions() if a.text() == "Write email…"]
        menu.close()
        write.trigger()
        return True

    poll(choose)
    where = table.visualRect(table.model().index(0, 0)).center()
    QApplication.sendEvent(
        table.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, table.viewport().mapToGlobal(where)
        ),
    )
    assert offered[:2] == ["Write email…", "Save email draft…"]
    return _shown(qtbot, window.mail.write_dialog)


def test_people_picked_on_an_event_page_get_one_personal_email_each(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    event, _people = _event_with_people(sqlite_services)
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = _select_all_attendees(qtbot, window, event)
    assert dialog.key() == "nice-to-meet"
    assert dialog.to_label.text() == "2 people, each their own email"
    assert dialog.missing_label.text() == "Caio Reis has no email address: no email for them."
    seen: list[str] = []
    answer_box(seen, "Open 2 emails")
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(mail_program.urls) == 2)
    assert seen == ["Open 2 emails in your mail program?\n\nEach person gets their own email."]
    emails = mail_program.emails()
    assert [to for to, _s, _b in emails] == [["ana@example.org"], ["bea@example.org"]]
    assert emails[0][2].startswith("Hi Ana,") and emails[1][2].startswith("Hi Bea,")
    assert all(s == "Nice to meet you at Climate Tech Night" for _t, s, _b in emails)
    assert len(sqlite_services.drafts.pending()) == 2


def test_cancelling_the_question_opens_nothing(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    event, _people = _event_with_people(sqlite_services)
    window = _window(qtbot, sqlite_services, tmp_path)
    dialog = _select_all_attendees(qtbot, window, event)
    seen: list[str] = []
    answer_box(seen, "Cancel")
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert mail_program.urls == []
    assert sqlite_services.drafts.pending() == []


def test_save_draft_for_several_writes_one_eml_each_into_a_folder(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path, mail_program: MailProgram
) -> None:
    event, people = _event_with_people(sqlite_services)
    window = _window(qtbot, sqlite_services, tmp_path)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "Ana Lima.eml").write_text("an older file")  # kept: the new one gets a number
    window.mail.ask_folder = lambda _parent, _caption, _start: str(folder)
    events = window.go_to(EVENTS)
    window.show_event(event)
    events.page.table.selectAll()
    events.page.draft_action.trigger()
    dialog = _shown(qtbot, window.mail.write_dialog)
    qtbot.keyClick(dialog.template_combo, Qt.Key.Key_Return)  # Save is the default here

    assert sorted(p.name for p in folder.iterdir()) == [
        "Ana Lima 2.eml",
        "Ana Lima.eml",
        "Bea Souza.eml",
    ]
    assert (folder / "Ana Lima.eml").read_text() == "an older file"
    assert _read(folder / "Ana Lima 2.eml")["To"] == "Ana Lima <ana@example.org>"
    assert _read(folder / "Bea Souza.eml")["To"] == "Bea Souza <bea@example.org>"
    pending = {d.contact_id for d in sqlite_services.drafts.pending()}
    assert pending == set(people[:2])


def test_drafts_saved_into_a_folder_never_follow_a_dangling_symlink(tmp_path: Path) -> None:
    # A link named like the draft, pointing at a file that does not exist yet: writing
    # "Ana Lima.eml" would have created the file it points to, outside the folder picked.
    folder, elsewhere = tmp_path / "drafts", tmp_path / "elsewhere.txt"
    folder.mkdir()
    (folder / "Ana Lima.eml").symlink_to(elsewhere)
    assert unique_path(folder, "Ana Lima.eml", set()) == folder / "Ana Lima 2.eml"
