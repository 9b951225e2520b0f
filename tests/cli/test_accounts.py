"""`netdesk accounts add | list | remove` against a real Radicale and Xandikos."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.services.sync import passwords
from tests.cli.helpers import run, services_at
from tests.network_guard import no_network
from tests.sync.servers import DavTestServer, RadicaleServer

pytestmark = pytest.mark.usefixtures("file_keyring")


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a pipe (a script, cron): nobody is there to type a password."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def password_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETDESK_PASSWORD", "secret-app-pw")


@pytest.mark.usefixtures("password_env")
def test_add_list_remove_on_a_new_database(
    db_path: Path, dav_server: DavTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = dav_server
    assert not db_path.exists()

    assert run(db_path, "accounts", "add", server.url, "--user", "ada", "--tasks", "Tasks") == 0
    added = capsys.readouterr()
    assert added.out.splitlines() == [
        f"Added the account 127.0.0.1 (ada at {server.url}).",
        f"  address book: Contacts ({server.addressbook_url})",
        f"  task list: Tasks ({server.tasks_url})",
    ]
    assert added.err == ""
    assert passwords.lookup("127.0.0.1", "ada") == "secret-app-pw"

    assert run(db_path, "accounts", "list") == 0
    assert capsys.readouterr().out == (
        f"127.0.0.1\tada at {server.url}\taddress book: Contacts ({server.addressbook_url}); "
        f"task list: Tasks ({server.tasks_url})\tlast sync: never\n"
    )

    assert run(db_path, "accounts", "remove", "127.0.0.1") == 0
    assert "Removed the account 127.0.0.1" in capsys.readouterr().out
    assert passwords.lookup("127.0.0.1", "ada") is None
    assert run(db_path, "accounts", "list") == 0
    listed = capsys.readouterr()
    assert listed.out == ""
    assert "No accounts yet" in listed.err


@pytest.mark.usefixtures("password_env")
def test_add_with_a_name_an_address_book_and_a_calendar(
    db_path: Path, radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = radicale_server
    status = run(
        db_path,
        *("accounts", "add", server.principal_url, "--user", "ada"),
        *("--addressbook", server.addressbook_url, "--calendar", "Calendar", "--name", "Home"),
    )

    assert status == 0, capsys.readouterr().err
    with services_at(db_path) as services:
        account = services.accounts.get("Home")
    assert [(c.kind, c.url) for c in account.collections] == [
        ("contacts", server.addressbook_url),
        ("events", server.calendar_url),
    ]


@pytest.mark.usefixtures("password_env")
def test_a_collection_that_is_not_there_is_a_usage_error_listing_the_ones_there(
    db_path: Path, radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(
        db_path, "accounts", "add", radicale_server.url, "--user", "ada", "--calendar", "Work"
    )

    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("netdesk: There is no calendar named 'Work' on ")
    assert err.endswith("; the calendars there: 'Calendar'.\n")


def test_a_wrong_password_is_said_in_words(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETDESK_PASSWORD", "wrong")

    assert run(db_path, "accounts", "add", radicale_server.url, "--user", "ada") == 1

    err = capsys.readouterr().err
    assert "refused the user name or password" in err
    assert "Traceback" not in err
    assert passwords.lookup("127.0.0.1", "ada") is None


@pytest.mark.usefixtures("password_env")
def test_google_and_plain_http_are_refused_before_any_request(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with no_network() as tried:
        google = run(db_path, "accounts", "add", "google.com", "--user", "ada@gmail.com")
        google_err = capsys.readouterr().err
        plain = run(db_path, "accounts", "add", "http://dav.example.com", "--user", "ada")
        plain_err = capsys.readouterr().err

    assert tried == []
    assert google == 1
    assert "Google's CardDAV needs OAuth" in google_err and "File > Import" in google_err
    assert plain == 1
    assert "http://dav.example.com/ is not encrypted" in plain_err


@pytest.mark.usefixtures("no_terminal")
def test_no_password_and_no_terminal_is_an_error_naming_netdesk_password(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NETDESK_PASSWORD", raising=False)

    assert run(db_path, "accounts", "add", radicale_server.url, "--user", "ada") == 1

    err = capsys.readouterr().err
    assert err == (
        f"netdesk: no password for the account at {radicale_server.url}: set NETDESK_PASSWORD, "
        "or run the command in a terminal to type it.\n"
    )


def test_removing_an_account_that_is_not_there_is_a_usage_error(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path):
        pass  # an empty netdesk database

    assert run(db_path, "accounts", "remove", "Work") == 2
    assert "There is no account named 'Work'; there are no accounts yet." in capsys.readouterr().err


def test_listing_on_a_database_that_is_not_there_makes_none(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "accounts", "list") == 2
    assert "no netdesk database at" in capsys.readouterr().err
    assert not db_path.exists()


def test_an_action_is_needed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(db_path, "accounts")

    assert caught.value.code == 2
    assert "ACTION" in capsys.readouterr().err


def test_help_of_the_sync_commands_imports_no_database_or_http_library() -> None:
    code = (
        "import sys\n"
        "from netdesk.cli.main import main\n"
        "for args in (['--help'], ['accounts', 'add', '--help'], ['sync', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('sqlalchemy', 'httpx', 'keyring', 'lxml')\n"
        "print('HEAVY:' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )

    assert "--trust FINGERPRINT" in done.stdout
    assert "--allow-mass-delete" in done.stdout
    assert done.stdout.splitlines()[-1] == "HEAVY:"


@pytest.mark.usefixtures("password_env")
def test_an_untrusted_certificate_shows_its_fingerprint_and_how_to_trust_it(
    db_path: Path, tls_radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = tls_radicale_server

    assert run(db_path, "accounts", "add", server.url, "--user", "ada") == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("netdesk: The certificate of 127.0.0.1 is not trusted")
    assert server.fingerprint in err[0]
    assert err[1].endswith(f"re-run with --trust {server.fingerprint}")

    assert (
        run(db_path, "accounts", "add", server.url, "--user", "ada", "--trust", server.fingerprint)
        == 0
    )
    assert capsys.readouterr().out.startswith(f"Added the account 127.0.0.1 (ada at {server.url})")
    assert run(db_path, "sync") == 0
    assert capsys.readouterr().out == "127.0.0.1: sent 0, received 0, deleted 0, conflicts 0\n"


@pytest.mark.usefixtures("password_env")
def test_without_a_keyring_the_account_is_added_and_it_says_where_sync_finds_the_password(
    db_path: Path, radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # file_keyring puts the one before back

    assert run(db_path, "accounts", "add", radicale_server.url, "--user", "ada") == 0

    captured = capsys.readouterr()
    assert captured.out.startswith("Added the account 127.0.0.1 ")
    assert captured.err.startswith("netdesk: No system keyring is available to keep the password")
    assert captured.err.endswith(
        "so it is not saved. `netdesk sync` reads it from $NETDESK_PASSWORD, or asks for it.\n"
    )
