"""What the hostile sync tests share: a netdesk database with an account on a real server (the
password from NETDESK_PASSWORD, the keyring a plain file under tmp_path, for subprocesses too),
`netdesk sync` in-process or as a process, and both sides read back plainly (SQL here, the
phone's HTTP there) to check that every person is on each side exactly once.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from netdesk.config import sqlite_url
from tests.cli.helpers import run
from tests.sync.phone import Phone
from tests.sync.servers import DavTestServer

ACCOUNT = "phone"


@pytest.fixture
def sync_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The environment of every netdesk here and in subprocesses: the password given, and a
    keyring that is a file under tmp_path (never the user's)."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    # keyring picks its backend from the environment once, on first use: made here first, it
    # comes from the run's setting, and the one set for this test is put back afterwards.
    # (Set by the variable below instead, it stayed for every later test of the run.)
    before = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "xdg-data" / "python_keyring" / "keyring_pass.cfg")
    keyring.set_keyring(ring)
    values = {
        "NETDESK_PASSWORD": "secret-app-pw",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    # The netdesk under test, also when PYTHONPATH points at another copy of it.
    here = str(Path(__file__).parents[2])
    path = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH", ""), here) if p)
    yield {**os.environ, **values, "PYTHONPATH": path}
    keyring.set_keyring(before)


def url_of(db: str | Path) -> str:
    return db if isinstance(db, str) and "://" in db else sqlite_url(Path(db))


@dataclass(frozen=True)
class Outcome:
    status: int
    out: str
    err: str


def cli(db: str | Path, *args: str) -> Outcome:
    """`netdesk --db DB ARGS` in this process, with what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = run(db, *args)  # type: ignore[arg-type]
        except SystemExit as exc:
            status = int(exc.code or 0)
    return Outcome(status, out.getvalue(), err.getvalue())


def add_account(
    db: str | Path, url: str, *, tasks: bool = False, name: str = ACCOUNT, user: str = "ada"
) -> None:
    args = ["accounts", "add", url, "--user", user, "--name", name]
    if tasks:
        args += ["--tasks", "Tasks"]
    done = cli(db, *args)
    assert done.status == 0, done.err


def sync(db: str | Path, *args: str) -> Outcome:
    return cli(db, "sync", *args)


def start_sync(db: str | Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """`netdesk --db DB sync` as its own process (to be killed, or to run beside another)."""
    return subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", str(db), "sync", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# ---- the two sides, read plainly ------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    href: str
    uid: str
    name: str
    props: dict[str, str]  # first value of each property, group prefix dropped


def unfold(text_: str) -> list[str]:
    lines: list[str] = []
    for line in text_.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def properties(text_: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in unfold(text_):
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].rsplit(".", 1)[-1].upper()
        found.setdefault(name, value)
    return found


def server_cards(server: DavTestServer) -> list[Card]:
    with Phone(server) as phone:
        cards = phone.cards()
    result = []
    for href, card in cards.items():
        props = properties(card)
        result.append(Card(href, props.get("UID", ""), props.get("FN", ""), props))
    return result


def server_tasks(server: DavTestServer) -> list[dict[str, str]]:
    with Phone(server) as phone:
        return [properties(task) | {"HREF": href} for href, task in phone.tasks().items()]


@contextlib.contextmanager
def sql(db: str | Path) -> Iterator[object]:
    engine = create_engine(url_of(db))
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Person:
    uid: str
    name: str
    organization: str
    title: str


def local_people(db: str | Path) -> list[Person]:
    with sql(db) as conn:
        rows = conn.execute(  # type: ignore[attr-defined]
            text("SELECT uid, formatted_name, organization, title FROM contacts")
        ).all()
    return [Person(*row) for row in rows]


def local_followups(db: str | Path) -> list[tuple[str, str, bool]]:
    """(person, action, done) of every follow-up."""
    with sql(db) as conn:
        rows = conn.execute(  # type: ignore[attr-defined]
            text(
                "SELECT c.formatted_name, f.action, f.done_at IS NOT NULL FROM followups f "
                "JOIN contacts c ON c.id = f.contact_id"
            )
        ).all()
    return [(name, action, bool(done)) for name, action, done in rows]


def doubled(values: list[str]) -> dict[str, int]:
    return {value: n for value, n in Counter(values).items() if n > 1}


def assert_each_once(db: str | Path, server: DavTestServer) -> tuple[list[Person], list[Card]]:
    """Every person on both sides exactly once, by name and by UID, and the same people."""
    people = local_people(db)
    cards = server_cards(server)
    twice_here = doubled([p.name for p in people])
    assert not twice_here, f"doubled here: {twice_here}"
    twice_there = doubled([c.name for c in cards])
    assert not twice_there, f"doubled on the server: {twice_there}"
    assert not doubled([c.uid for c in cards]), "one UID on two cards on the server"
    here = {p.name for p in people}
    there = {c.name for c in cards}
    assert here - there == set(), "here but not on the server"
    assert there - here == set(), "on the server but not here"
    # A card linked to someone already here (same email) keeps its own UID; but a UID never
    # names one person here and another there.
    name_of_uid = {p.uid: p.name for p in people}
    mixed = {
        c.uid: (c.name, name_of_uid[c.uid])
        for c in cards
        if name_of_uid.get(c.uid, c.name) != c.name
    }
    assert not mixed, f"one UID, two people: {mixed}"
    return people, cards
