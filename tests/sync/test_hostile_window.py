"""The window open on a database while `netdesk sync` runs in a terminal: what the sync brought
(a new person from the phone, a name changed there, a person deleted there) shows in the People
table within the window's usual delay, and what the user is typing is kept.

Everything but the window runs in processes of its own, as from a terminal: a second netdesk
database opened in the window's own process would read the file's header with a plain open()
and close(), which drops the SQLite locks of the window's connections (POSIX locks belong to a
process, and any close of the file releases them all): the terminal's netdesk, closing last as
far as SQLite can tell, would then delete the -wal and -shm under the window."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import Database, open_database
from netdesk.ui.main_window import PEOPLE, MainWindow
from tests.sync import hostile_world
from tests.sync.hostile_world import add_account, server_cards, start_sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import RadicaleServer
from tests.ui.main_window_helpers import open_window, settings_at

sync_env = hostile_world.sync_env

SHOWN_WITHIN_MS = 2500


@pytest.fixture
def prepared(db_path: Path, radicale_server: RadicaleServer, sync_env: dict[str, str]) -> Path:
    """Ann, Bo and Cy here, an account on the Radicale, synced once: all before the window."""
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        for name in ("Ann Lee", "Bo Chen", "Cy Dow"):
            services.contacts.create(ContactInput(name, emails=[f"{name[:2]}@x.example"]))
    finally:
        db.close()
    add_account(db_path, radicale_server.url)
    _terminal_sync(db_path, sync_env)
    return db_path


@pytest.fixture
def window_db(prepared: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{prepared}")
    yield db
    db.close()


def _terminal_sync(db_path: Path, env: dict[str, str]) -> str:
    process = start_sync(db_path, env)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def _table_names(window: MainWindow) -> list[str]:
    model = window.view(PEOPLE).model
    return sorted(str(model.data(model.index(row, 0))) for row in range(int(model.total_count())))


def test_the_window_shows_what_a_command_line_sync_brought(
    qtbot: QtBot,
    window_db: Database,
    db_path: Path,
    tmp_path: Path,
    radicale_server: RadicaleServer,
    sync_env: dict[str, str],
) -> None:
    window = open_window(qtbot, Services(window_db), settings_at(tmp_path))
    window.go_to(PEOPLE)
    assert _table_names(window) == ["Ann Lee", "Bo Chen", "Cy Dow"]
    people = window.view(PEOPLE)
    dialog = people.make_contact_dialog()
    dialog.open()
    dialog.name_edit.setText("Half typed")

    with Phone(radicale_server) as phone:
        phone.put_card("zed", ios_card("Zed Phone", emails=("zed@phone.example",)))
        cards = {c.name: c for c in server_cards(radicale_server)}
        bo = cards["Bo Chen"]
        phone.edit_card(bo.href, ios_card("Bo Chen-Wu", uid=bo.uid, emails=("Bo@x.example",)))
        phone.delete_card(cards["Cy Dow"].href)

    out = _terminal_sync(db_path, sync_env)
    assert "received 2" in out and "deleted 1" in out
    finished = time.perf_counter()
    expected = ["Ann Lee", "Bo Chen-Wu", "Zed Phone"]
    qtbot.waitUntil(lambda: _table_names(window) == expected, timeout=SHOWN_WITHIN_MS)
    print(f"sync shown after {time.perf_counter() - finished:.2f} s")
    assert dialog.isVisible() and dialog.name_edit.text() == "Half typed"
    dialog.reject()


def test_the_window_writing_while_a_sync_runs_loses_nothing(
    qtbot: QtBot,
    window_db: Database,
    db_path: Path,
    tmp_path: Path,
    radicale_server: RadicaleServer,
    sync_env: dict[str, str],
) -> None:
    """The user adds people in the window while the terminal's sync is writing: both the
    window's people and the phone's end up here and on the server."""
    with Phone(radicale_server) as phone:
        for i in range(40):
            phone.put_card(f"p{i}", ios_card(f"Phone Person{i}", emails=(f"p{i}@p.example",)))
    window = open_window(qtbot, Services(window_db), settings_at(tmp_path))
    window.go_to(PEOPLE)
    process: subprocess.Popen[str] = start_sync(db_path, sync_env)
    typed: list[str] = []
    while process.poll() is None:
        typed.append(f"Typed Meanwhile{len(typed)}")
        window.services.contacts.create(ContactInput(typed[-1]))
        qtbot.wait(30)
    _, err = process.communicate()
    assert process.returncode == 0, err
    _terminal_sync(db_path, sync_env)  # sends what was typed after the first run read
    names = {"Ann Lee", "Bo Chen", "Cy Dow", *typed, *(f"Phone Person{i}" for i in range(40))}
    qtbot.waitUntil(lambda: set(_table_names(window)) == names, timeout=SHOWN_WITHIN_MS)
    hostile_world.assert_each_once(db_path, radicale_server)
