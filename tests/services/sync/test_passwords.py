"""Sync account passwords in the system keyring: kept, found, forgotten; and words, not a
traceback, where the machine has no keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail, null

from netdesk.services.sync import passwords
from netdesk.services.sync.passwords import KeyringUnavailable


def test_a_password_kept_is_found_under_netdesk_and_account_and_user(file_keyring: Any) -> None:
    passwords.store("Work", "ada", "app-pw-1")
    passwords.store("Home", "ada", "app-pw-2")

    assert passwords.lookup("Work", "ada") == "app-pw-1"
    assert passwords.lookup("Home", "ada") == "app-pw-2"
    assert passwords.lookup("Work", "bob") is None
    assert keyring.get_password("netdesk", "Work:ada") == "app-pw-1"
    assert Path(file_keyring.file_path).is_file()
    assert passwords.available()


def test_a_password_stored_again_replaces_the_old_one(file_keyring: Any) -> None:
    passwords.store("Work", "ada", "old")
    passwords.store("Work", "ada", "new")

    assert passwords.lookup("Work", "ada") == "new"


def test_forgetting_removes_only_that_accounts_password(file_keyring: Any) -> None:
    passwords.store("Work", "ada", "app-pw-1")
    passwords.store("Home", "ada", "app-pw-2")

    passwords.forget("Work", "ada")
    passwords.forget("Work", "ada")  # none left: still quiet

    assert passwords.lookup("Work", "ada") is None
    assert passwords.lookup("Home", "ada") == "app-pw-2"


@pytest.fixture(params=["fail", "null"])
def no_keyring(request: pytest.FixtureRequest) -> Iterator[None]:
    """keyring's stand-ins when the machine has no keyring: one raises, one forgets."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring() if request.param == "fail" else null.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_storing_says_so_in_words() -> None:
    with pytest.raises(KeyringUnavailable, match="No system keyring is available"):
        passwords.store("Work", "ada", "app-pw")
    with pytest.raises(KeyringUnavailable, match="No system keyring is available"):
        passwords.lookup("Work", "ada")
    assert not passwords.available()
    passwords.forget("Work", "ada")  # nothing was kept, nothing to fail over


class _RefusingKeyring(keyring.backend.KeyringBackend):
    """A keyring that is there but says no (locked, or the user pressed Cancel)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the keyring is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the user refused")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("D-Bus said no")


def test_a_keyring_that_refuses_gives_words_naming_the_account() -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(_RefusingKeyring())
    try:
        with pytest.raises(KeyringUnavailable, match="did not save the password for Work: the"):
            passwords.store("Work", "ada", "app-pw")
        with pytest.raises(KeyringUnavailable, match="did not give the password for Work"):
            passwords.lookup("Work", "ada")
        with pytest.raises(KeyringUnavailable, match="did not remove the password for Work"):
            passwords.forget("Work", "ada")
    finally:
        keyring.set_keyring(before)


def test_the_tests_never_reach_the_testers_own_keyring() -> None:
    assert isinstance(keyring.get_keyring(), fail.Keyring)
