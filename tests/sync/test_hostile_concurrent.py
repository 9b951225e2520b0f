"""`netdesk sync` and `netdesk import` at the same time on one database (SQLite and PostgreSQL):
both finish, everyone imported and everyone from the phone is here once, a person in both (the
same email) is one person, and the next sync sends the imported people on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.reliability.kill_harness import vcards
from tests.sync import hostile_world
from tests.sync.hostile_world import add_account, assert_each_once, local_people, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import RadicaleServer

sync_env = hostile_world.sync_env

IMPORTED = 300
PHONE = 150  # two batches to receive: the import may land between them
BOTH = (3, 7, 11)  # imported people whose card is on the phone too


def test_a_sync_while_another_process_imports(
    db_url: str, tmp_path: Path, radicale_server: RadicaleServer, sync_env: dict[str, str]
) -> None:
    # Closed before the commands run: a second open of an SQLite file in this process would
    # read its header with open() and close(), dropping this process's locks on it.
    db = open_database(db_url)
    try:
        Services(db).contacts.create(ContactInput("Ann Lee", emails=["ann@example.org"]))
    finally:
        db.close()
    add_account(db_url, radicale_server.url)
    with Phone(radicale_server) as phone:
        for i in range(PHONE):
            phone.put_card(f"p{i}", ios_card(f"Phone Person{i}", emails=(f"p{i}@p.example",)))
        for i in BOTH:
            card = ios_card(f"Kim Import{i}", emails=(f"import{i}@kill.example",))
            phone.put_card(f"zz-both{i}", card)  # in the last batch
    cards = tmp_path / "import.vcf"
    cards.write_text(vcards(IMPORTED, "import"), "utf-8")

    command = [sys.executable, "-m", "netdesk", "--db", db_url]
    importing = subprocess.Popen(
        [*command, "import", str(cards)],
        env=sync_env,
        stdout=subprocess.PIPE,
        text=True,
        stderr=subprocess.PIPE,
    )
    syncing = subprocess.Popen(
        [*command, "sync"],
        env=sync_env,
        stdout=subprocess.PIPE,
        text=True,
        stderr=subprocess.PIPE,
    )
    _, import_err = importing.communicate(timeout=180)
    _, sync_err = syncing.communicate(timeout=180)
    assert importing.returncode == 0, import_err
    assert syncing.returncode == 0, sync_err

    again = sync(db_url)
    assert again.status == 0, again.err
    people, cards_there = assert_each_once(db_url, radicale_server)
    names = {p.name for p in people}
    assert {f"Kim Import{i}" for i in range(IMPORTED)} <= names
    assert {f"Phone Person{i}" for i in range(PHONE)} <= names
    assert "Ann Lee" in names
    assert len(people) == 1 + PHONE + IMPORTED
    assert len(cards_there) == len(people)
    assert "sent 0, received 0, deleted 0" in sync(db_url).out
    assert len(local_people(db_url)) == len(people)
