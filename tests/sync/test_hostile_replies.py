"""A server that lies: netdesk says what went wrong in one line of words, changes nothing here,
reads no local file, and neither hangs nor swells.

The account is added through a man-in-the-middle in front of a real Radicale (discovery passes
cleanly), a first sync is done, and then what the sync asks of the address book (PROPFIND,
REPORT) gets an entity bomb, an external entity naming a local file, a 50 MB multistatus, an
endless redirect, a captive portal's HTML, a 207 that is not XML, or a 500.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.reliability.kill_harness import Snapshot, snapshot
from tests.sync import hostile_world
from tests.sync.hostile_server import (
    Hostile,
    HostileServer,
    billion_laughs,
    captive_portal,
    external_entity,
    html_multistatus,
    huge_multistatus,
    redirect_loop,
    server_error,
)
from tests.sync.hostile_world import add_account, cli, local_people, server_cards, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import RadicaleServer

sync_env = hostile_world.sync_env

SECRET = "TOP-SECRET-4711"
# The sync's own bookkeeping of a failed run (its message, the retry time) may change.
BOOKKEEPING = {"sync_runs", "sync_accounts", "sqlite_sequence"}
# A Python name of an exception in what the user reads means a traceback leaked.
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception)\b|Traceback|lxml|httpx")
MEMORY_LIMIT_KB = 300 * 1024
measures_memory = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)"
)


@pytest.fixture
def liar(radicale_server: RadicaleServer) -> Iterator[HostileServer]:
    with HostileServer(radicale_server.url) as server:
        yield server


@pytest.fixture
def synced(
    tmp_path: Path, radicale_server: RadicaleServer, liar: HostileServer, sync_env: dict[str, str]
) -> Path:
    """A database with an account through the liar and one good sync done both ways."""
    db_path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{db_path}")
    try:
        Services(db).contacts.create(ContactInput("Ada Lovelace", emails=["ada@example.org"]))
    finally:
        db.close()
    with Phone(radicale_server) as phone:
        phone.put_card("grace", ios_card("Grace Hopper", emails=("grace@example.org",)))
    add_account(db_path, liar.url)
    first = sync(db_path)
    assert first.status == 0, first.err
    assert {p.name for p in local_people(db_path)} == {"Ada Lovelace", "Grace Hopper"}
    # Something to send and something to receive, which a lying reply must not half do.
    db = open_database(f"sqlite:///{db_path}")
    try:
        Services(db).contacts.create(ContactInput("Alan Turing", emails=["alan@example.org"]))
    finally:
        db.close()
    with Phone(radicale_server) as phone:
        phone.put_card("hedy", ios_card("Hedy Lamarr", emails=("hedy@example.org",)))
    return db_path


def _user_data(db_path: Path) -> dict[str, object]:
    shot: Snapshot = snapshot(db_path)
    return {t: rows for t, rows in shot.stable().items() if t not in BOOKKEEPING}


def _addressbook(server: RadicaleServer) -> str:
    return httpx.URL(server.addressbook_url).path


# `netdesk sync` that says its own peak memory at exit. Measured in the process itself
# (/proc/self/status VmHWM, reset at exec): a child's ru_maxrss from wait4 also counts the
# forked copy of this test process before the exec, hundreds of MB late in a test run.
_MEASURED = """
import atexit, sys
def _peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("peak-kb " + line.split()[1] + "\\n")
atexit.register(_peak)
from netdesk.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def _sync_process(db_path: Path, env: dict[str, str], timeout: float = 90) -> tuple[int, str, int]:
    """`netdesk sync` as a process: (exit status, what it printed on stderr, peak RSS in kB)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "--db", str(db_path), "sync"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = done.stderr.splitlines()
    peaks = [int(line.split()[1]) for line in lines if line.startswith("peak-kb ")]
    assert peaks, done.stderr
    err = "".join(line + "\n" for line in lines if not line.startswith("peak-kb "))
    return done.returncode, err, peaks[0]


def _one_line_in_words(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    problems = [line for line in lines if not line.startswith(("Syncing", "syncing"))]
    assert len(problems) == 1, f"not one line: {err!r}"
    assert not EXCEPTION_NAME.search(err), f"not words: {err!r}"
    assert SECRET not in err
    return problems[0]


REPLIES: dict[str, Callable[[str], Hostile]] = {
    "entity-bomb": billion_laughs,
    "redirect-loop": redirect_loop,
    "captive-portal": captive_portal,
    "html-as-xml": html_multistatus,
    "server-error": server_error,
}


@pytest.mark.parametrize("kind", sorted(REPLIES))
def test_a_lying_reply_to_the_sync_changes_nothing_here(
    synced: Path,
    liar: HostileServer,
    radicale_server: RadicaleServer,
    sync_env: dict[str, str],
    kind: str,
) -> None:
    before = _user_data(synced)
    on_server = {c.name for c in server_cards(radicale_server)}
    liar.poison(REPLIES[kind], path_contains=_addressbook(radicale_server))
    started = time.monotonic()
    done = sync(synced)
    assert time.monotonic() - started < 30, "it hung on the reply"
    assert liar.poisoned, "the lie was never asked for"
    assert done.status == 1
    _one_line_in_words(done.err)
    assert _user_data(synced) == before
    # What the server had is still all there (nothing deleted on the strength of a lie).
    assert on_server <= {c.name for c in server_cards(radicale_server)}
    # Once the server tells the truth again, the next run does what was waiting.
    liar.heal()
    again = sync(synced)
    assert again.status == 0, again.err
    names = {p.name for p in local_people(synced)}
    assert names == {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr"}


def test_an_external_entity_reads_no_local_file(
    synced: Path, liar: HostileServer, radicale_server: RadicaleServer, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    before = _user_data(synced)
    liar.poison(external_entity(str(secret)), path_contains=_addressbook(radicale_server))
    done = sync(synced)
    assert liar.poisoned
    assert SECRET not in done.out + done.err
    assert _user_data(synced) == before
    assert SECRET not in synced.read_bytes().decode("latin-1")
    with Phone(radicale_server) as phone:
        assert not any(SECRET in card for card in phone.cards().values())


@measures_memory
def test_a_50_mb_reply_neither_hangs_nor_swells(
    synced: Path, liar: HostileServer, radicale_server: RadicaleServer, sync_env: dict[str, str]
) -> None:
    before = _user_data(synced)
    liar.poison(huge_multistatus(50), path_contains=_addressbook(radicale_server))
    status, err, peak_kb = _sync_process(synced, sync_env)
    assert liar.poisoned
    assert peak_kb < MEMORY_LIMIT_KB, f"{peak_kb // 1024} MB at its peak"
    # 250,000 cards that do not exist: none may arrive here as people, and the ones here stay.
    assert status == 1
    assert "larger than" in _one_line_in_words(err)
    assert _user_data(synced) == before


@measures_memory
def test_a_50_mb_answer_to_a_multiget_neither_hangs_nor_swells(
    synced: Path, liar: HostileServer, radicale_server: RadicaleServer, sync_env: dict[str, str]
) -> None:
    """The listing is true (Hedy is new on the phone), the cards asked for come back as a
    quarter million that were not asked for."""
    before = _user_data(synced)
    liar.poison(
        huge_multistatus(50),
        methods=("REPORT",),
        path_contains=_addressbook(radicale_server),
        body_contains=b"addressbook-multiget",
    )
    status, err, peak_kb = _sync_process(synced, sync_env)
    assert liar.poisoned
    assert peak_kb < MEMORY_LIMIT_KB, f"{peak_kb // 1024} MB at its peak"
    assert status == 1
    _one_line_in_words(err)
    assert _user_data(synced)["contacts"] == before["contacts"]


@pytest.mark.parametrize(
    "reply",
    [billion_laughs, captive_portal, html_multistatus, server_error, redirect_loop],
    ids=["entity-bomb", "captive-portal", "html-as-xml", "server-error", "redirect-loop"],
)
def test_adding_an_account_on_a_lying_server_says_why(
    tmp_path: Path,
    liar: HostileServer,
    sync_env: dict[str, str],
    reply: Callable[[str], Hostile],
) -> None:
    db_path = tmp_path / "netdesk.sqlite"
    liar.poison(reply, methods=("PROPFIND", "REPORT", "GET", "OPTIONS"))
    started = time.monotonic()
    done = cli(db_path, "accounts", "add", liar.url, "--user", "ada", "--name", "liar")
    assert time.monotonic() - started < 30
    assert done.status == 1, done.out
    _one_line_in_words(done.err)
    listed = cli(db_path, "accounts", "list")
    assert "liar" not in listed.out


def test_adding_an_account_reads_no_local_file(
    tmp_path: Path, liar: HostileServer, sync_env: dict[str, str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    db_path = tmp_path / "netdesk.sqlite"
    liar.poison(external_entity(str(secret)), methods=("PROPFIND", "REPORT"))
    done = cli(db_path, "accounts", "add", liar.url, "--user", "ada", "--name", "liar")
    assert SECRET not in done.out + done.err
    if db_path.exists():
        assert SECRET not in db_path.read_bytes().decode("latin-1")


def _token_gone(path: str) -> Hostile:
    """What Nextcloud answers once it has cleaned up old sync tokens."""
    body = b'<?xml version="1.0"?>\n<D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>'
    return Hostile(status=403, body=body)


def test_a_sync_token_the_server_forgot_loses_nothing(
    synced: Path, liar: HostileServer, radicale_server: RadicaleServer
) -> None:
    """The server no longer knows our token: the whole collection is listed again, and what
    changed on each side (Alan here, Hedy and an edit of Ada there) still goes across once."""
    with Phone(radicale_server) as phone:
        [(href, _)] = [(h, t) for h, t in phone.cards().items() if "FN:Ada Lovelace" in t]
        uid = next(c.uid for c in server_cards(radicale_server) if c.name == "Ada Lovelace")
        phone.edit_card(
            href, ios_card("Ada Lovelace", uid=uid, emails=("ada@example.org",), title="Countess")
        )
    liar.poison(
        _token_gone,
        methods=("REPORT",),
        path_contains=_addressbook(radicale_server),
        body_contains=b"sync-collection",
    )
    done = sync(synced)
    assert liar.poisoned
    assert done.status == 0, done.err
    people = {p.name: p for p in local_people(synced)}
    assert set(people) == {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Hedy Lamarr"}
    assert people["Ada Lovelace"].title == "Countess"
    hostile_world.assert_each_once(synced, radicale_server)
    liar.heal()
    assert "sent 0, received 0, deleted 0" in sync(synced).out
