"""The passwords of sync accounts, kept in the system keyring (GNOME Keyring, KWallet, macOS
Keychain, Windows Credential Locker), never in the database or the settings file.

Entries are under the service name "netdesk" with the key "ACCOUNT:USER", so that two accounts
on one server with the same user name keep two passwords. `keyring` is imported on first use:
`netdesk --help` does not pay for its backend search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdesk.errors import ServiceError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "netdesk"

NO_BACKEND = (
    "No system keyring is available to keep the password (no keyring service such as GNOME "
    "Keyring, KWallet or the macOS Keychain was found), so it is not saved"
)


class KeyringUnavailable(ServiceError):
    """There is no keyring to keep a password in, or it refused; the message says which."""


def key(account: str, username: str) -> str:
    return f"{account}:{username}"


def _backend() -> KeyringBackend:
    import keyring
    from keyring.backends import fail, null

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration file, a backend that fails to load
        raise KeyringUnavailable(f"{NO_BACKEND}: {_reason(exc)}.") from exc
    # keyring falls back to these when it finds nothing: one raises on every call, the other
    # forgets silently, which would look like a stored password that is never there.
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        raise KeyringUnavailable(f"{NO_BACKEND}.")
    return backend


def available() -> bool:
    """Whether a keyring backend is there to keep passwords (the window asks once per session
    when not)."""
    try:
        _backend()
    except KeyringUnavailable:
        return False
    return True


def store(account: str, username: str, password: str) -> None:
    """Keeps the password of `account`; KeyringUnavailable when there is no keyring or it
    refused (locked, or the user said no)."""
    backend = _backend()
    try:
        backend.set_password(SERVICE, key(account, username), password)
    except Exception as exc:  # every backend has its own errors (D-Bus, Keychain, Win32)
        raise KeyringUnavailable(
            f"The system keyring did not save the password for {account}: {_reason(exc)}."
        ) from exc


def lookup(account: str, username: str) -> str | None:
    """The kept password of `account`, None when there is none; KeyringUnavailable when there
    is no keyring to ask or it refused."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, key(account, username))
    except Exception as exc:  # every backend has its own errors (D-Bus, Keychain, Win32)
        raise KeyringUnavailable(
            f"The system keyring did not give the password for {account}: {_reason(exc)}."
        ) from exc


def forget(account: str, username: str) -> None:
    """Removes the kept password of `account`. Quiet when there is none, or no keyring (then
    nothing was kept there): removing an account must not fail over its password."""
    from keyring.errors import PasswordDeleteError

    try:
        backend = _backend()
    except KeyringUnavailable:
        return
    try:
        backend.delete_password(SERVICE, key(account, username))
    except PasswordDeleteError:
        return  # there was none
    except Exception as exc:  # every backend has its own errors (D-Bus, Keychain, Win32)
        raise KeyringUnavailable(
            f"The system keyring did not remove the password for {account}: {_reason(exc)}."
        ) from exc


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0].rstrip(".") if lines else exc.__class__.__name__
