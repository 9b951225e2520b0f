"""Settings > Accounts > Add…: a real Radicale found from its address, the collections to
choose, and everything that goes wrong said in words inside the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.services.sync import passwords
from netdesk.ui.sync.accounts_dialog import AccountsDialog
from netdesk.ui.sync.add_account_dialog import AddAccountDialog
from tests.sync.servers import DavTestServer
from tests.ui.main_window_helpers import (
    ModalDriver,
    answer_message_box,
    click,
    open_window,
    settings_at,
)

pytestmark = pytest.mark.usefixtures("file_keyring")

WAIT_MS = 20_000


def make_dialog(qtbot: QtBot, services: Services) -> AddAccountDialog:
    dialog = AddAccountDialog(services.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog: AddAccountDialog, url: str, user: str, password: str, name: str = "") -> None:
    dialog.url_edit.setText(url)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)
    dialog.name_edit.setText(name)


def discover(qtbot: QtBot, dialog: AddAccountDialog) -> None:
    click(qtbot, dialog.discover_button)
    qtbot.waitUntil(lambda: not dialog.runner.busy(), timeout=WAIT_MS)


def test_discover_lists_the_collections_and_add_keeps_the_choice(
    qtbot: QtBot, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    dialog = make_dialog(qtbot, sqlite_services)
    assert not dialog.add_button.isEnabled()  # nothing found yet
    fill(dialog, radicale_server.url, radicale_server.user, radicale_server.password, "Home")
    discover(qtbot, dialog)

    combo_texts = {
        name: [combo.itemText(i) for i in range(combo.count())]
        for name, combo in (
            ("books", dialog.addressbook_combo),
            ("tasks", dialog.tasks_combo),
            ("calendars", dialog.calendar_combo),
        )
    }
    assert combo_texts["books"] == ["Contacts"]
    assert "Tasks" in combo_texts["tasks"] and combo_texts["tasks"][0].startswith("None")
    assert "Calendar" in combo_texts["calendars"]
    assert dialog.message.text().startswith("Found 1 address book")
    # By default the first address book and no task list, no calendar.
    assert dialog.chosen() == (radicale_server.addressbook_url, None, None)
    dialog.tasks_combo.setCurrentIndex(combo_texts["tasks"].index("Tasks"))

    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.added is not None and dialog.added.name == "Home"
    [account] = sqlite_services.accounts.list()
    assert {c.kind: c.display_name for c in account.collections} == {
        "contacts": "Contacts",
        "tasks": "Tasks",
    }
    assert passwords.lookup("Home", radicale_server.user) == radicale_server.password


def test_a_wrong_password_is_said_in_words(
    qtbot: QtBot, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    dialog = make_dialog(qtbot, sqlite_services)
    fill(dialog, radicale_server.url, radicale_server.user, "not-the-password")
    discover(qtbot, dialog)

    assert dialog.message.isVisible()
    assert "refused the user name or password" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert not dialog.add_button.isEnabled()
    assert sqlite_services.accounts.list() == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://www.google.com/", "OAuth"),
        ("http://dav.example.com/", "https"),
    ],
)
def test_addresses_netdesk_cannot_use_are_said_in_words(
    qtbot: QtBot, sqlite_services: Services, url: str, words: str
) -> None:
    dialog = make_dialog(qtbot, sqlite_services)
    fill(dialog, url, "ada", "pw")
    discover(qtbot, dialog)
    assert words.lower() in dialog.message.text().lower()


def test_discover_asks_for_what_is_missing(qtbot: QtBot, sqlite_services: Services) -> None:
    dialog = make_dialog(qtbot, sqlite_services)
    click(qtbot, dialog.discover_button)
    assert dialog.message.text() == "Enter the server's address."
    dialog.url_edit.setText("example.com")
    click(qtbot, dialog.discover_button)
    assert dialog.message.text() == "Enter your user name."
    assert not dialog.runner.busy()


def test_changing_the_details_forgets_what_was_found(
    qtbot: QtBot, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    dialog = make_dialog(qtbot, sqlite_services)
    fill(dialog, radicale_server.url, radicale_server.user, radicale_server.password)
    discover(qtbot, dialog)
    assert dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.user_edit, "x")
    assert not dialog.add_button.isEnabled()
    assert not dialog.choices.isEnabled()


def test_the_accounts_dialog_adds_lists_and_removes(
    qtbot: QtBot, tmp_path: Path, sqlite_services: Services, radicale_server: DavTestServer
) -> None:
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))
    window.sync.act_accounts.trigger()
    accounts = window.sync.accounts_dialog
    assert isinstance(accounts, AccountsDialog)
    assert accounts.empty_label.isVisibleTo(accounts)

    def add(dialog: AddAccountDialog) -> None:
        fill(dialog, radicale_server.url, radicale_server.user, radicale_server.password, "Work")
        dialog.discover()
        qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=WAIT_MS)
        dialog.add()

    driver = ModalDriver(AddAccountDialog, add)
    click(qtbot, accounts.add_button)
    driver.check()
    top = accounts.tree.topLevelItem(0)
    assert top is not None and top.text(0) == "Work"
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["Address book: Contacts"]
    # Adding an account syncs it at once.
    qtbot.waitUntil(lambda: window.sync.status.text().startswith("Synced"), timeout=WAIT_MS)

    seen: list[str] = []
    answer_message_box(seen, "Remove")
    click(qtbot, accounts.remove_button)
    assert "Stop syncing with Work?" in seen[0]
    assert sqlite_services.accounts.list() == []
    assert accounts.tree.topLevelItemCount() == 0


def test_a_certificate_that_does_not_verify_is_trusted_by_its_fingerprint(
    qtbot: QtBot, sqlite_services: Services, tls_radicale_server: DavTestServer
) -> None:
    fingerprint = tls_radicale_server.fingerprint  # type: ignore[attr-defined]
    dialog = make_dialog(qtbot, sqlite_services)
    fill(dialog, tls_radicale_server.url, "ada", tls_radicale_server.password, "Own server")
    seen: list[str] = []
    answer_message_box(seen, "Trust")
    click(qtbot, dialog.discover_button)
    qtbot.waitUntil(lambda: dialog.discovery is not None, timeout=WAIT_MS)

    [question] = seen
    assert f"SHA-256 {fingerprint}" in question
    assert dialog.fingerprint == fingerprint
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=WAIT_MS)
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: dialog.added is not None, timeout=WAIT_MS)
    assert sqlite_services.accounts.get("Own server").trusted_fingerprint == fingerprint


def test_a_certificate_not_trusted_stays_refused_in_words(
    qtbot: QtBot, sqlite_services: Services, tls_radicale_server: DavTestServer
) -> None:
    fingerprint = tls_radicale_server.fingerprint  # type: ignore[attr-defined]
    dialog = make_dialog(qtbot, sqlite_services)
    fill(dialog, tls_radicale_server.url, "ada", tls_radicale_server.password)
    seen: list[str] = []
    answer_message_box(seen, "Cancel")
    click(qtbot, dialog.discover_button)
    qtbot.waitUntil(lambda: bool(seen) and not dialog.runner.busy(), timeout=WAIT_MS)

    assert dialog.discovery is None and not dialog.add_button.isEnabled()
    assert "not trusted" in dialog.message.text() and fingerprint in dialog.message.text()
    assert dialog.fingerprint == ""
