"""The phone writes between netdesk's read and netdesk's write: the server answers 412 to the
write (If-Match no longer holds). Both edits must survive: netdesk re-reads, merges and writes
again; a deletion here does not wipe out the phone's newer edit.

The timing is made exact by a man-in-the-middle in front of the real server: just before
netdesk's PUT (or DELETE) goes on, the phone's own edit is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.sync import hostile_world
from tests.sync.hostile_server import HostileServer
from tests.sync.hostile_world import (
    Card,
    add_account,
    assert_each_once,
    local_people,
    properties,
    server_cards,
    sync,
)
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer

sync_env = hostile_world.sync_env

ADA_EMAIL = "ada@example.org"
OTHERS = ("Grace Hopper", "Alan Turing", "Hedy Lamarr")


@pytest.fixture
def liar(dav_server: DavTestServer) -> Iterator[HostileServer]:
    with HostileServer(dav_server.url) as server:
        yield server


@pytest.fixture
def synced(
    tmp_path: Path, dav_server: DavTestServer, liar: HostileServer, sync_env: dict[str, str]
) -> Path:
    """Ada here and on the server after one sync through the man-in-the-middle."""
    db_path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        services.contacts.create(
            ContactInput("Ada Lovelace", emails=[ADA_EMAIL], organization="Analytical Engines")
        )
        # Others beside her: a deletion of one of four is no mass deletion.
        for name in OTHERS:
            services.contacts.create(ContactInput(name))
    finally:
        db.close()
    add_account(db_path, liar.url)
    first = sync(db_path)
    assert first.status == 0, first.err
    assert sorted(c.name for c in server_cards(dav_server)) == sorted(["Ada Lovelace", *OTHERS])
    return db_path


def _edit_here(db_path: Path, **changes: str) -> None:
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        ada = services.contacts.find_by_name("Ada Lovelace")
        assert ada is not None
        form = services.contacts.get(ada).as_input()
        for name, value in changes.items():
            setattr(form, name, value)
        services.contacts.update(ada, form)
    finally:
        db.close()


def _phone_edits(server: DavTestServer, **changes: str) -> None:
    """The phone rewrites Ada's card as iOS does, with CHANGES (title, org, note)."""
    with Phone(server) as phone:
        [(href, text)] = [(h, t) for h, t in phone.cards().items() if "FN:Ada Lovelace" in t]
        props = properties(text)
        card = ios_card(
            "Ada Lovelace",
            uid=props["UID"],
            emails=(ADA_EMAIL,),
            org=changes.get("org", props.get("ORG", "").split(";")[0]),
            title=changes.get("title", props.get("TITLE", "")),
            note=changes.get("note", ""),
            phones=("+44 20 7946 0000",),
        )
        phone.edit_card(href, card)


def _ada_there(server: DavTestServer) -> list[Card]:
    return [c for c in server_cards(server) if c.name == "Ada Lovelace"]


def test_a_412_merges_the_phones_edit_with_ours(
    synced: Path, dav_server: DavTestServer, liar: HostileServer
) -> None:
    _edit_here(synced, title="Countess")
    liar.before("PUT", lambda path, headers: _phone_edits(dav_server, note="Call on Tuesday"))
    done = sync(synced)
    assert ("PUT", 412) in [(r.split()[0], s) for r, s in liar.statuses], "no 412 happened"
    assert done.status == 0, done.err
    [card] = _ada_there(dav_server)
    assert card.props.get("TITLE") == "Countess", "our edit was lost on the server"
    assert "Call on Tuesday" in card.props.get("NOTE", ""), "the phone's edit was overwritten"
    assert "+44 20 7946 0000" in card.props.get("TEL", ""), "the phone's number was overwritten"
    [ada] = [p for p in local_people(synced) if p.name == "Ada Lovelace"]
    assert ada.title == "Countess"
    db = open_database(f"sqlite:///{synced}")
    try:
        detail = Services(db).contacts.get(Services(db).contacts.find_by_name("Ada Lovelace") or 0)
        assert "Call on Tuesday" in detail.note
    finally:
        db.close()
    assert "sent 0, received 0, deleted 0" in sync(synced).out


def test_a_412_on_the_same_field_keeps_both_values(
    synced: Path, dav_server: DavTestServer, liar: HostileServer
) -> None:
    _edit_here(synced, title="Countess")
    liar.before("PUT", lambda path, headers: _phone_edits(dav_server, title="Mathematician"))
    done = sync(synced)
    assert ("PUT", 412) in [(r.split()[0], s) for r, s in liar.statuses]
    assert done.status == 1, "a conflict waits for the user: exit 1"
    db = open_database(f"sqlite:///{synced}")
    try:
        conflicts = Services(db).sync.conflicts()  # type: ignore[attr-defined]
    finally:
        db.close()
    assert [(c.local, c.remote) for c in conflicts if c.field == "title"] == [
        ("Countess", "Mathematician")
    ]
    [ada] = [p for p in local_people(synced) if p.name == "Ada Lovelace"]
    assert ada.title == "Countess"


def test_two_412s_in_a_row_lose_nothing(
    synced: Path, dav_server: DavTestServer, liar: HostileServer
) -> None:
    """The phone writes again between the re-read and the second try."""
    _edit_here(synced, organization="Babbage & Co")
    liar.before("PUT", lambda path, headers: _phone_edits(dav_server, note="First"))
    liar.before("PUT", lambda path, headers: _phone_edits(dav_server, note="Second"))
    first = sync(synced)
    assert "Traceback" not in first.err
    second = sync(synced)
    assert second.status == 0, second.err
    [card] = _ada_there(dav_server)
    assert card.props.get("ORG", "").split(";")[0] == "Babbage & Co"
    assert "Second" in card.props.get("NOTE", "")
    assert_each_once(synced, dav_server)


def test_a_deletion_here_does_not_wipe_a_newer_edit_on_the_phone(
    synced: Path, dav_server: DavTestServer, liar: HostileServer
) -> None:
    db = open_database(f"sqlite:///{synced}")
    try:
        services = Services(db)
        services.contacts.delete([services.contacts.find_by_name("Ada Lovelace") or 0])
    finally:
        db.close()
    liar.before("DELETE", lambda path, headers: _phone_edits(dav_server, note="Still needed"))
    sync(synced)
    assert ("DELETE", 412) in [(r.split()[0], s) for r, s in liar.statuses]
    cards = _ada_there(dav_server)
    assert len(cards) == 1, "the phone's newer edit was deleted"
    assert "Still needed" in cards[0].props.get("NOTE", "")
    # The edited card comes back here rather than the two sides staying different.
    sync(synced)
    assert_each_once(synced, dav_server)
