"""`netdesk sync` against a real Radicale and Xandikos: the summary line, the exit codes and
where the password comes from."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
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
        grace = services.contacts.find_by_name("Grace Hopper")
        assert grace is not None
        detail = services.contacts.get(grace).as_input()
        services.contacts.update(grace, replace(detail, title="Rear Admiral"))
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


@pytest.mark.usefixtures("no_terminal")
def test_without_a_keyring_and_without_netdesk_password_it_says_so(
    db_path: Path,
    radicale_server: RadicaleServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    _account(db_path, radicale_server)
    keyring.set_keyring(fail.Keyring())  # file_keyring puts the one before back
    monkeypatch.delenv("NETDESK_PASSWORD", raising=False)
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    assert capsys.readouterr().err == (
        "netdesk: Home: no password: there is no system keyring to keep it; set "
        "NETDESK_PASSWORD, or run the command in a terminal to type it.\n"
    )


def test_an_item_that_cannot_be_synced_exits_1_and_is_named(
    db_path: Path, dav_server: DavTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _account(db_path, dav_server)
    nameless = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:nameless-1\r\nN:;;;;\r\nFN:\r\nEND:VCARD\r\n"
    with Phone(dav_server) as phone:
        phone.put_card("grace", _card("Grace Hopper", "grace@navy.mil"))
        bad = phone.put_card("nameless", nameless)
    capsys.readouterr()

    assert run(db_path, "sync") == 1

    captured = capsys.readouterr()
    assert captured.out == "Home: sent 0, received 1, deleted 0, conflicts 0\n"
    assert captured.err.startswith(f"netdesk: Home: {bad}")
    assert "card has no name" in captured.err
    assert "Traceback" not in captured.err


def _in_a_terminal(args: list[str], typed: str) -> tuple[int, str]:
    """`python -m netdesk ARGS` with a terminal of its own (a pty as its controlling
    terminal, where getpass asks), `typed` entered at the password prompt."""
    import fcntl
    import select
    import subprocess
    import termios

    master, slave = os.openpty()

    def take_the_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {k: v for k, v in os.environ.items() if k != "NETDESK_PASSWORD"}
    child = subprocess.Popen(
        [sys.executable, "-m", "netdesk", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=take_the_terminal,
        env=env,
    )
    os.close(slave)
    seen = b""
    answered = False
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if not answered and b"Password" in seen:
                os.write(master, typed.encode() + b"\n")
                answered = True
    finally:
        os.close(master)
    return child.wait(timeout=60), seen.decode(errors="replace")


def test_the_password_is_asked_on_the_terminal_when_nothing_keeps_it(
    db_path: Path, radicale_server: RadicaleServer
) -> None:
    _account(db_path, radicale_server)  # the test's keyring; the child process has none

    status, shown = _in_a_terminal(["--db", str(db_path), "sync"], radicale_server.password)

    assert f"Password (an app password) for ada at {radicale_server.url}: " in shown
    assert radicale_server.password not in shown  # not echoed
    assert "Home: sent 0, received 0, deleted 0, conflicts 0" in shown
    assert status == 0
