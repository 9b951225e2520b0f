"""Sync in the window against a real Radicale: the run at start and Sync now bring the phone's
cards into the People table, the status bar says how it went, a conflict is settled with a
click, a mass delete asks first and can be undone, a refused password is asked for again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync import passwords
from netdesk.ui.main_window import PEOPLE, MainWindow
from netdesk.ui.people.table_model import NAME
from netdesk.ui.sync.conflicts_dialog import ConflictsDialog
from netdesk.ui.sync.history_dialog import HistoryDialog
from netdesk.ui.sync.password_prompt import PasswordDialog
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer
from tests.ui.main_window_helpers import (
    ModalDriver,
    answer_message_box,
    click,
    open_window,
    settings_at,
)

pytestmark = pytest.mark.usefixtures("file_keyring")

WAIT_MS = 30_000
ACCOUNT = "Phone book"


@pytest.fixture
def account(sqlite_services: Services, radicale_server: DavTestServer) -> str:
    info = sqlite_services.accounts.add(
        radicale_server.url, radicale_server.user, radicale_server.password, name=ACCOUNT
    )
    return info.name


def wait_for_run(qtbot: QtBot, window: MainWindow) -> str:
    """The status bar's words once the run going on (or about to start) is over."""
    qtbot.waitUntil(
        lambda: (
            not window.sync.runner.busy()
            and window.sync.status.text().startswith(("Synced", "Sync failed"))
        ),
        timeout=WAIT_MS,
    )
    return window.sync.status.text()


def people_names(window: MainWindow) -> list[str]:
    people = window.go_to(PEOPLE)
    people.flush_search()
    model = people.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def test_the_run_at_start_and_sync_now_bring_the_phones_cards(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    with Phone(radicale_server) as phone:
        phone.put_card("ana", ios_card("Ana Sousa", emails=("ana@lisboalabs.example",)))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    assert "Ana Sousa" in people_names(window)

    with Phone(radicale_server) as phone:
        phone.put_card("lars", ios_card("Lars Eriksen", emails=("lars@fjord.example",)))
    window.sync.act_sync.trigger()
    assert window.sync.runner.busy()
    assert window.sync.status.text().startswith("Syncing")
    assert window.sync.status.bar.isVisibleTo(window)
    assert wait_for_run(qtbot, window).startswith("Synced")
    # The People table follows the change without being asked.
    qtbot.waitUntil(lambda: "Lars Eriksen" in people_names(window), timeout=WAIT_MS)


def test_the_status_bar_says_when_it_synced(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services, account: str
) -> None:
    clock.stop_at(datetime(2026, 12, 5, 14, 2, tzinfo=UTC))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window) == "Synced 14:02"
    assert f"{ACCOUNT}: sent 0, received 0, deleted 0, conflicts 0" in (
        window.sync.status.label.toolTip()
    )
    assert window.sync.status.label.parent() is window.statusBar()
    # The timer is set for the next run, every 15 minutes unless set otherwise.
    assert window.sync.schedule.timer.isActive()
    assert window.sync.schedule.timer.interval() == 15 * 60_000


def test_sync_now_without_accounts_says_where_to_add_one(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert not window.sync.sync_now()
    assert "Settings > Accounts" in window.statusBar().currentMessage()


def test_a_conflict_is_listed_and_settled_with_a_click(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    contacts = sqlite_services.contacts
    ana = contacts.create(
        # Markup in user data is shown as typed, never as rich text.
        ContactInput(
            formatted_name="Ana <b>Sousa</b>", title="CTO", emails=["ana@lisboalabs.example"]
        )
    )
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    with Phone(radicale_server) as phone:
        [(href, text)] = phone.cards().items()
        phone.edit_card(href, text.replace("TITLE:CTO", "TITLE:Chief Technology Officer"))
    contacts.update(ana, replace(contacts.get(ana).as_input(), title="<i>Founder</i>"))

    window.sync.act_sync.trigger()
    assert "1 conflict" in wait_for_run(qtbot, window)
    assert window.sync.act_conflicts.text() == "&Conflicts (1)…"
    window.sync.act_conflicts.trigger()
    dialog = window.sync.conflicts_dialog
    assert isinstance(dialog, ConflictsDialog)
    [row] = dialog.rows
    assert row.person.text() == "Ana <b>Sousa</b>"
    assert row.mine.text() == "<i>Founder</i>"
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert row.theirs.text() == "Chief Technology Officer"
    assert ACCOUNT in row.field.text()

    click(qtbot, row.take_theirs)
    assert contacts.get(ana).title == "Chief Technology Officer"
    assert dialog.rows == []
    assert dialog.empty_label.isVisibleTo(dialog)
    assert window.sync.act_conflicts.text() == "&Conflicts…"


def test_a_mass_delete_asks_first_and_can_be_undone(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    names = ["Ana Sousa", "Lars Eriksen", "Mei Lin", "Kwame Mensah"]
    for name in names:
        sqlite_services.contacts.create(ContactInput(formatted_name=name))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    with Phone(radicale_server) as phone:
        cards = phone.cards()
        gone = [href for href, text in cards.items() if "Kwame" not in text]
        for href in gone:
            phone.delete_card(href)

    seen: list[str] = []
    answer_message_box(seen, "Delete")
    window.sync.act_sync.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen[0].startswith("Delete 3 contacts here?")
    assert wait_for_run(qtbot, window).startswith("Synced")
    qtbot.waitUntil(lambda: people_names(window) == ["Kwame Mensah"], timeout=WAIT_MS)

    assert window.undo_stack.undoText() == "sync deletions"
    assert window.act_undo.text().replace("&", "") == "Undo sync deletions"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: sorted(people_names(window)) == sorted(names), timeout=WAIT_MS)


def test_a_mass_delete_refused_changes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    for name in ["Ana Sousa", "Lars Eriksen", "Mei Lin", "Kwame Mensah"]:
        sqlite_services.contacts.create(ContactInput(formatted_name=name))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    wait_for_run(qtbot, window)
    with Phone(radicale_server) as phone:
        for href, text in phone.cards().items():
            if "Kwame" not in text:
                phone.delete_card(href)
    seen: list[str] = []
    answer_message_box(seen, "Don't delete")
    window.sync.act_sync.trigger()
    assert wait_for_run(qtbot, window).startswith("Sync failed")
    assert len(people_names(window)) == 4


def test_a_refused_password_is_asked_for_again(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    passwords.store(ACCOUNT, radicale_server.user, "changed-on-the-server")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    # The run at start says so and asks nothing: the timer's and the start's runs never
    # pop a prompt up on their own.
    text = wait_for_run(qtbot, window)
    assert text.startswith("Sync failed: The server refused the user name or password")
    assert QApplication.activeModalWidget() is None
    # It tries again in a minute, then later and later.
    assert window.sync.schedule.timer.interval() == 60_000

    def type_password(dialog: PasswordDialog) -> None:
        assert "refused" in dialog.why.text()
        dialog.edit.setText(radicale_server.password)
        dialog.accept()

    driver = ModalDriver(PasswordDialog, type_password)
    window.sync.act_sync.trigger()
    qtbot.waitUntil(lambda: driver.ran, timeout=WAIT_MS)
    driver.check()
    assert wait_for_run(qtbot, window).startswith("Synced")
    assert passwords.lookup(ACCOUNT, radicale_server.user) == radicale_server.password


def test_a_person_the_server_removed_but_netdesk_kept_says_so(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    names = ["Ana Sousa", "Lars Eriksen", "Mei Lin"]
    ids = [sqlite_services.contacts.create(ContactInput(formatted_name=n)) for n in names]
    sqlite_services.notes.add(ids[0], "Met at PyCon: wants the slides")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    with Phone(radicale_server) as phone:
        [href] = [h for h, text in phone.cards().items() if "Ana Sousa" in text]
        phone.delete_card(href)
    window.sync.act_sync.trigger()
    assert wait_for_run(qtbot, window).startswith("Synced")

    people = window.go_to(PEOPLE)
    window.show_contact(ids[0])
    note = people.detail.sync_note
    assert note.isVisibleTo(people.detail)
    today = clock.today()
    assert note.text() == f"Removed from {ACCOUNT} on {today.day} {today:%b} {today.year}"
    window.show_contact(ids[1])
    assert not people.detail.sync_note.isVisibleTo(people.detail)


def test_history_lists_the_runs_with_what_they_did(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ana Sousa"))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    accounts = window.sync.show_accounts()
    assert accounts is not None
    qtbot.waitUntil(lambda: accounts.tree.topLevelItemCount() == 1)
    history = accounts.show_history()
    assert isinstance(history, HistoryDialog)
    first = history.table.topLevelItem(0)
    assert first is not None
    assert [first.text(c) for c in range(1, 6)] == ["synced", "1", "0", "0", "0"]
    assert "Ana Sousa" in history.details.toPlainText()
    history.close()
    accounts.reject()


def test_the_interval_set_in_the_accounts_dialog_sets_the_timer(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services
) -> None:
    settings = settings_at(tmp_path)
    window = open_window(qtbot, sqlite_services, settings)
    accounts = window.sync.show_accounts()
    assert accounts is not None
    assert accounts.interval.value() == 15
    accounts.interval.setValue(5)
    assert settings.value("sync/interval_minutes") in (5, "5")
    assert window.sync.schedule.timer.interval() == 5 * 60_000
    accounts.interval.setValue(0)
    assert accounts.interval.text() == "never (only Sync now)"
    assert not window.sync.schedule.timer.isActive()
    accounts.reject()


@pytest.mark.parametrize("answer", ["Delete", "Don't delete"])
def test_an_address_book_emptied_on_the_server_asks_before_emptying_this_one(
    qtbot: QtBot,
    tmp_path: Path,
    sqlite_services: Services,
    radicale_server: DavTestServer,
    account: str,
    answer: str,
) -> None:
    """The window asks, as for a mass delete, instead of pointing to a command-line option."""
    names = ["Ana Sousa", "Lars Eriksen", "Mei Lin"]
    for name in names:
        sqlite_services.contacts.create(ContactInput(formatted_name=name))
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    assert wait_for_run(qtbot, window).startswith("Synced")
    with Phone(radicale_server) as phone:
        for href in phone.cards():
            phone.delete_card(href)

    seen: list[str] = []
    answer_message_box(seen, answer)
    window.sync.act_sync.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen[0].startswith(f"The address book of {ACCOUNT} suddenly reads empty on the server")
    if answer == "Delete":
        assert wait_for_run(qtbot, window).startswith("Synced")
        qtbot.waitUntil(lambda: people_names(window) == [], timeout=WAIT_MS)
    else:
        assert wait_for_run(qtbot, window).startswith("Sync failed")
        assert sorted(people_names(window)) == sorted(names)
