"""The window finds an account's password in the system keyring; without a keyring it asks
once per session, says why, and keeps the answer in memory only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk.services.sync import passwords
from netdesk.ui.sync.password_prompt import (
    NO_KEYRING_WHY,
    NOT_STORED_WHY,
    REFUSED_WHY,
    PasswordBook,
    PasswordDialog,
)
from tests.ui.main_window_helpers import ModalDriver


def answer(password: str, said: list[str]) -> ModalDriver[PasswordDialog]:
    def fill(dialog: PasswordDialog) -> None:
        said.append(dialog.why.text())
        dialog.edit.setText(password)
        dialog.accept()

    return ModalDriver(PasswordDialog, fill)


def test_without_a_keyring_it_asks_once_per_session_and_says_why(qtbot: QtBot) -> None:
    assert not passwords.available()  # the tests' system has none (tests/conftest.py)
    book = PasswordBook(None)
    said: list[str] = []
    driver = answer("app-pw-1", said)
    assert book.get("Home", "ada") == "app-pw-1"
    driver.check()
    assert said == [NO_KEYRING_WHY]
    assert "no keyring" in NO_KEYRING_WHY
    # The second time: from memory, no question.
    assert book.get("Home", "ada") == "app-pw-1"
    assert book.known("Home", "ada") == "app-pw-1"
    assert QApplication.activeModalWidget() is None
    # A new session (a new window) knows nothing of it: nothing was written anywhere.
    assert PasswordBook(None).known("Home", "ada") is None


@pytest.mark.usefixtures("file_keyring")
def test_with_a_keyring_the_password_comes_from_it_and_goes_into_it(qtbot: QtBot) -> None:
    passwords.store("Work", "ada", "kept")
    book = PasswordBook(None)
    assert book.get("Work", "ada") == "kept"

    said: list[str] = []
    driver = answer("typed", said)
    assert book.get("Home", "bob") == "typed"
    driver.check()
    assert said == [NOT_STORED_WHY]
    assert passwords.lookup("Home", "bob") == "typed"


@pytest.mark.usefixtures("file_keyring")
def test_a_refused_password_is_asked_again_and_replaces_the_kept_one(qtbot: QtBot) -> None:
    passwords.store("Work", "ada", "old")
    book = PasswordBook(None)
    said: list[str] = []
    driver = answer("new", said)
    assert book.get("Work", "ada", refused=True) == "new"
    driver.check()
    assert said == [REFUSED_WHY]
    assert passwords.lookup("Work", "ada") == "new"


def test_cancel_gives_no_password(qtbot: QtBot) -> None:
    book = PasswordBook(None)
    driver = ModalDriver(PasswordDialog, lambda dialog: dialog.reject())
    assert book.get("Home", "ada") is None
    driver.check()
