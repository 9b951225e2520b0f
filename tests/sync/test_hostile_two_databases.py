"""Two netdesk databases (a laptop and a desktop) syncing through one server: what one adds,
edits and deletes reaches the other, edits of different fields on both meet, and neither's
follow-ups are taken for the other's (each numbers its own from 1: an id is not a name).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.sync import hostile_world
from tests.sync.hostile_world import (
    add_account,
    assert_each_once,
    local_followups,
    local_people,
    server_tasks,
    sync,
)
from tests.sync.servers import DavTestServer

sync_env = hostile_world.sync_env


def _with(db_path: Path, work: Callable[[Services], None]) -> None:
    db = open_database(f"sqlite:///{db_path}")
    try:
        work(Services(db))
    finally:
        db.close()


def _edit(services: Services, name: str, **changes: str) -> None:
    contact = services.contacts.find_by_name(name)
    assert contact is not None, name
    form = services.contacts.get(contact).as_input()
    for field, value in changes.items():
        setattr(form, field, value)
    services.contacts.update(contact, form)


def _delete(services: Services, name: str) -> None:
    contact = services.contacts.find_by_name(name)
    assert contact is not None, name
    services.contacts.delete([contact])


def _synced(db_path: Path) -> str:
    done = sync(db_path)
    assert done.status == 0, f"{db_path.name}: {done.err}"
    return done.out


def _names(db_path: Path) -> set[str]:
    return {p.name for p in local_people(db_path)}


def test_two_databases_through_one_server(
    dav_server: DavTestServer, tmp_path: Path, sync_env: dict[str, str]
) -> None:
    laptop, desktop = tmp_path / "laptop.sqlite", tmp_path / "desktop.sqlite"

    def start_laptop(services: Services) -> None:
        services.contacts.create(ContactInput("Ada Lovelace", emails=["ada@example.org"]))
        services.contacts.create(ContactInput("Grace Hopper", emails=["grace@example.org"]))

    _with(laptop, start_laptop)
    _with(desktop, lambda s: None)
    add_account(laptop, dav_server.url)
    add_account(desktop, dav_server.url)

    _synced(laptop)
    _synced(desktop)
    assert _names(desktop) == {"Ada Lovelace", "Grace Hopper"}

    # The desktop edits and adds; the laptop receives.
    def desktop_work(services: Services) -> None:
        _edit(services, "Ada Lovelace", title="Countess")
        services.contacts.create(ContactInput("Alan Turing", emails=["alan@example.org"]))

    _with(desktop, desktop_work)
    _synced(desktop)
    _synced(laptop)
    by_name = {p.name: p for p in local_people(laptop)}
    assert set(by_name) == {"Ada Lovelace", "Grace Hopper", "Alan Turing"}
    assert by_name["Ada Lovelace"].title == "Countess"

    # Both edit Ada at once, different fields: both edits end up on both.
    _with(laptop, lambda s: _edit(s, "Ada Lovelace", organization="Analytical Engines"))
    _with(desktop, lambda s: _edit(s, "Ada Lovelace", note="Wrote the first program"))
    _synced(laptop)
    _synced(desktop)
    _synced(laptop)
    for db_path in (laptop, desktop):
        [ada] = [p for p in local_people(db_path) if p.name == "Ada Lovelace"]
        assert (ada.title, ada.organization) == ("Countess", "Analytical Engines"), db_path.name

    # Deletions travel both ways.
    _with(laptop, lambda s: _delete(s, "Grace Hopper"))
    _synced(laptop)
    _synced(desktop)
    assert _names(desktop) == {"Ada Lovelace", "Alan Turing"}
    _with(desktop, lambda s: _delete(s, "Alan Turing"))
    _synced(desktop)
    _synced(laptop)
    assert _names(laptop) == {"Ada Lovelace"}

    for db_path in (laptop, desktop):
        assert_each_once(db_path, dav_server)
        assert "sent 0, received 0, deleted 0" in _synced(db_path)


def test_two_databases_do_not_take_each_others_follow_ups(
    dav_server: DavTestServer, tmp_path: Path, sync_env: dict[str, str]
) -> None:
    laptop, desktop = tmp_path / "laptop.sqlite", tmp_path / "desktop.sqlite"

    def ada_with_slides(services: Services) -> None:
        ada = services.contacts.create(ContactInput("Ada Lovelace", emails=["ada@example.org"]))
        services.followups.add(ada, "Send Ada the slides", date(2026, 12, 20))

    def bob_with_call(services: Services) -> None:
        bob = services.contacts.create(ContactInput("Bob Kahn", emails=["bob@example.org"]))
        services.followups.add(bob, "Call Bob about TCP", date(2026, 12, 21))

    # Each database's first follow-up has id 1.
    _with(laptop, ada_with_slides)
    _with(desktop, bob_with_call)
    add_account(laptop, dav_server.url, tasks=True)
    add_account(desktop, dav_server.url, tasks=True)
    _synced(laptop)
    _synced(desktop)
    _synced(laptop)

    # Each database's follow-up is a task on the server once; neither database takes the
    # other's task (same X-NETDESK-FOLLOWUP-ID:1) for its own follow-up 1.
    summaries = sorted(t.get("SUMMARY", "") for t in server_tasks(dav_server))
    assert summaries == ["Call Bob about TCP", "Send Ada the slides"]
    assert _followups(laptop) == {("Ada Lovelace", "Send Ada the slides"): False}
    assert _followups(desktop) == {("Bob Kahn", "Call Bob about TCP"): False}

    # Done on the desktop: its own task is done on the server; the laptop's stays open.
    def tick_call(services: Services) -> None:
        for rows in services.followups.queue().values():
            for row in rows:
                if row.action == "Call Bob about TCP":
                    services.followups.set_done(row.id)

    _with(desktop, tick_call)
    _synced(desktop)
    _synced(laptop)
    _synced(desktop)
    done_there = {t.get("SUMMARY"): t.get("STATUS") for t in server_tasks(dav_server)}
    assert done_there == {"Call Bob about TCP": "COMPLETED", "Send Ada the slides": "NEEDS-ACTION"}
    assert _followups(laptop) == {("Ada Lovelace", "Send Ada the slides"): False}
    assert _followups(desktop) == {("Bob Kahn", "Call Bob about TCP"): True}
    for db_path in (laptop, desktop):
        assert_each_once(db_path, dav_server)


def _followups(db_path: Path) -> dict[tuple[str, str], bool]:
    found = local_followups(db_path)
    assert len(found) == len({(name, action) for name, action, _ in found}), "doubled"
    return {(name, action): done for name, action, done in found}


def test_two_copies_of_one_database_meet_on_the_server(
    dav_server: DavTestServer, tmp_path: Path, sync_env: dict[str, str]
) -> None:
    """The desktop's database is a copy of the laptop's (a restored backup): the same people
    with the same UIDs, so the same card names. Each person ends up on the server once, and
    an edit on either reaches the other."""
    laptop, desktop = tmp_path / "laptop.sqlite", tmp_path / "desktop.sqlite"

    def start(services: Services) -> None:
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
            services.contacts.create(ContactInput(name, emails=[f"{name[:3].lower()}@x.org"]))

    _with(laptop, start)
    shutil.copyfile(laptop, desktop)
    add_account(laptop, dav_server.url)
    add_account(desktop, dav_server.url)
    _synced(laptop)
    _synced(desktop)  # every card it would send is there already, under the same name
    _with(desktop, lambda s: _edit(s, "Grace Hopper", title="Rear Admiral"))
    _synced(desktop)
    _with(laptop, lambda s: _edit(s, "Ada Lovelace", title="Countess"))
    _synced(laptop)
    _synced(desktop)
    _synced(laptop)
    for db_path in (laptop, desktop):
        titles = {p.name: p.title for p in local_people(db_path)}
        assert titles == {
            "Ada Lovelace": "Countess",
            "Grace Hopper": "Rear Admiral",
            "Alan Turing": "",
        }, db_path.name
        assert_each_once(db_path, dav_server)
        assert "sent 0, received 0, deleted 0" in _synced(db_path)
