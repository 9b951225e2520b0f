"""A session of the window with sync: without a system keyring the password is asked once and
kept in memory; closing the window in the middle of a run stops it cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.services.sync import passwords
from netdesk.ui.main_window import MainWindow
from netdesk.ui.sync.add_account_dialog import AddAccountDialog
from netdesk.ui.sync.password_prompt import NO_KEYRING_WHY, PasswordDialog
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer
from tests.ui.main_window_helpers import ModalDriver, click, open_window, settings_at

WAIT_MS = 30_000


def wait_for_run(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(
        lambda: (
            not window.sync.runner.busy()
            and window.sync.status.text().startswith(("Synced", "Sync failed"))
        ),
        timeout=WAIT_MS,
    )
    return window.sync.status.text()


def test_without_a_keyring_an_added_account_syncs_and_the_next_session_asks_once(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    assert not passwords.available()
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    accounts = window.sync.show_accounts()
    assert accounts is not None

    def add(dialog: AddAccountDialog) -> None:
        dialog.url_edit.setText(radicale_server.url)
        dialog.user_edit.setText(radicale_server.user)
        dialog.password_edit.setText(radicale_server.password)
        dialog.name_edit.setText("Home")
        dialog.discover()
        qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=WAIT_MS)
        dialog.add()

    driver = ModalDriver(AddAccountDialog, add)
    click(qtbot, accounts.add_button)
    driver.check()
    # The password the keyring could not keep serves this session: no prompt, a sync.
    assert wait_for_run(qtbot, window).startswith("Synced")
    assert QApplication.activeModalWidget() is accounts  # no password prompt over it
    accounts.reject()
    window.close()

    # The next start opens no prompt by itself: the status bar says that Sync now asks. Sync
    # now asks once, saying why, and then syncs without asking again.
    said: list[str] = []

    def type_password(dialog: PasswordDialog) -> None:
        said.append(dialog.why.text())
        dialog.edit.setText(radicale_server.password)
        dialog.accept()

    again = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    qtbot.waitUntil(lambda: "password" in again.sync.status.text(), timeout=WAIT_MS)
    assert again.sync.status.text() == ("Not synced: Sync now (F5) asks for the password of Home")
    assert QApplication.activeModalWidget() is None
    prompt = ModalDriver(PasswordDialog, type_password)
    again.sync.act_sync.trigger()
    prompt.check()
    assert said == [NO_KEYRING_WHY]
    assert wait_for_run(qtbot, again).startswith("Synced")
    assert again.sync.sync_now()
    assert QApplication.activeModalWidget() is None
    assert wait_for_run(qtbot, again).startswith("Synced")


@pytest.mark.usefixtures("file_keyring")
def test_closing_the_window_during_a_run_stops_it(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    with Phone(radicale_server) as phone:
        for n in range(60):
            phone.put_card(f"p{n}", ios_card(f"Person {n:02d} Example", photo=False))
    sqlite_services.accounts.add(
        radicale_server.url, radicale_server.user, radicale_server.password, name="Home"
    )
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    qtbot.waitUntil(window.sync.runner.busy, timeout=WAIT_MS)  # the run at start
    window.close()
    assert not window.sync.runner.busy()
    assert not window.sync.schedule.timer.isActive()
    # Whatever the run finished before it stopped is kept; a new session completes it.
    again = open_window(qtbot, sqlite_services, settings_at(tmp_path / "again"))
    assert wait_for_run(qtbot, again).startswith("Synced")
    assert sqlite_services.contacts.count() == 60
