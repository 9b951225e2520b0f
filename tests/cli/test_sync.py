"""`netdesk sync` against a real Radicale and Xandikos: the summary line, the exit codes and
where the password comes from."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.sync import passwords
from tests.cli.helpers import run, services_at
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer, RadicaleServer

pytestmark = pytest.mark.usefixtures("file_keyring")


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a pipe (a script, cron): nobody is there to type a password."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def _account(db_path: Path, server: DavTestServer, name: str = "Home", *more: str) -> None:
    """An account added through the command line, its password in the (test's) keyring."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETDESK_PASSWORD", server.password)
        assert (
            run(
                db_path, "accounts", "add", server.url, "--user", server.user, "--name", name, *more
            )
            == 0
        )


def _card(name: str, email: str, title: str = "") -> str:
    return ios_card(name, emails=(email,), title=title, photo=False)


def test_a_sync_prints_one_summary_line_per_account_and_exits_0(
    db_path: Path, dav_server: DavTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _account(db_path, dav_server)
    with Phone(dav_server) as phone:
        phone.put_card("grace", _card("Grace Hopper", "grace@navy.mil"))
        phone.put_card("alan", _card("Alan Turing", "alan@bletchley.uk"))
    with services_at(db_path) as services:
        services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    capsys.readouterr()

    assert run(db_path, "sync") == 0

    captured = capsys.readouterr()
    assert captured.out == "Home: sent 1, received 2, deleted 0, conflicts 0\n"
    assert captured.err == ""
    with Phone(dav_server) as phone:
        assert len(phone.cards()) == 3
    assert run(db_path, "sync", "--account", "home") == 0
    assert capsys.readouterr().out == "Home: sent 0, received 0, deleted 0, conflicts 0\n"


def test_netdesk_password_is_used_when_the_keyring_keeps_none(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _account(db_path, radicale_server)
    passwords.forget("Home", "ada")
    monkeypatch.setenv("NETDESK_PASSWORD", radicale_server.password)

    assert run(db_path, "sync") == 0
    assert capsys.readouterr().out.endswith("Home: sent 0, received 0, deleted 0, conflicts 0\n")


@pytest.mark.usefixtures("no_terminal")
def test_no_password_and_no_terminal_is_an_error_and_the_other_accounts_still_sync(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _account(db_path, radicale_server, "Home")
    _account(db_path, radicale_server, "Work")
    passwords.forget("Home", "ada")
    monkeypatch.delenv("NETDESK_PASSWORD", raising=False)
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    captured = capsys.readouterr()
    assert captured.out == "Work: sent 0, received 0, deleted 0, conflicts 0\n"
    assert captured.err == (
        "netdesk: Home: no password: the system keyring keeps none for ada; set "
        "NETDESK_PASSWORD, or run the command in a terminal to type it.\n"
    )


def test_a_wrong_password_fails_that_account_in_words(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _account(db_path, radicale_server)
    monkeypatch.setenv("NETDESK_PASSWORD", "not-the-password")
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("netdesk: Home: The server refused the user name or password")
    assert "Traceback" not in captured.err


def test_a_mass_delete_asks_for_allow_mass_delete(
    db_path: Path, dav_server: DavTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _account(db_path, dav_server)
    with Phone(dav_server) as phone:
        hrefs = [
            phone.put_card(f"p{n}", _card(f"Person {n}", f"p{n}@example.org")) for n in range(30)
        ]
    assert run(db_path, "sync") == 0
    with Phone(dav_server) as phone:
        for href in hrefs[:22]:
            phone.delete_card(href)
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--allow-mass-delete" in captured.err
    assert captured.err.startswith("netdesk: Home: ")
    with services_at(db_path) as services:
        assert services.contacts.count() == 30  # nothing was changed

    assert run(db_path, "sync", "--allow-mass-delete") == 0
    assert capsys.readouterr().out == "Home: sent 0, received 0, deleted 22, conflicts 0\n"
    with services_at(db_path) as services:
        assert services.contacts.count() == 8


def test_a_conflict_waiting_exits_1(
    db_path: Path, dav_server: DavTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _account(db_path, dav_server)
    with Phone(dav_server) as phone:
        href = phone.put_card("grace", _card("Grace Hopper", "grace@navy.mil", "Captain"))
    assert run(db_path, "sync") == 0
    with Phone(dav_server) as phone:
        text = phone.cards()[href]
        phone.edit_card(href, text.replace("TITLE:Captain", "TITLE:Commodore"))
    with services_at(db_path) as services:
        (grace,) = [c.id for c in services.contacts.list()]
        services.contacts.update(grace, title="Rear Admiral")
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    captured = capsys.readouterr()
    assert captured.out.endswith(", conflicts 1\n")
    assert "1 conflicting change waits for a choice" in captured.err
    assert run(db_path, "sync") == 1  # it still waits
    capsys.readouterr()


def test_an_account_that_is_not_there_and_no_accounts_are_usage_errors(
    db_path: Path, radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path):
        pass
    assert run(db_path, "sync") == 2
    assert "there are no accounts to sync with" in capsys.readouterr().err

    _account(db_path, radicale_server)
    assert run(db_path, "sync", "--account", "Work") == 2
    assert "There is no account named 'Work'; the accounts are: Home." in capsys.readouterr().err


def test_a_stopped_server_fails_its_account_in_words(
    db_path: Path, radicale_server: RadicaleServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _account(db_path, radicale_server)
    radicale_server.stop()
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    err = capsys.readouterr().err
    assert err.startswith("netdesk: Home: ")
    assert "Traceback" not in err
