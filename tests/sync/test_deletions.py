"""Deletions on each side, what netdesk keeps, and the guards against deleting too much."""

from __future__ import annotations

import pytest

from netdesk import clock
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync.errors import EmptySideStop, MassDeleteBlocked
from netdesk.services.sync.service import Removal
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def _people(services: Services, server: DavTestServer, phone: Phone, count: int) -> dict[str, str]:
    """COUNT people on the phone, synced here; their hrefs by name."""
    add_account(services, server)
    hrefs = {}
    for n in range(count):
        name = f"Person {n}"
        hrefs[name] = phone.put_card(
            f"p{n}", ios_card(name, uid=f"P-{n}", emails=(f"p{n}@example.org",), photo=False)
        )
    sync(services, server)
    assert services.contacts.count() == count
    return hrefs


def _names(phone: Phone) -> list[str]:
    return sorted(
        line.removeprefix("FN:")
        for text in phone.cards().values()
        for line in text.splitlines()
        if line.startswith("FN:")
    )


def _id(services: Services, name: str) -> int:
    found = services.contacts.find_by_name(name)
    assert found is not None
    return found


def test_deleted_here_is_deleted_on_the_server(
    services: Services, dav_server: DavTestServer
) -> None:
    with Phone(dav_server) as phone:
        _people(services, dav_server, phone, 4)
        services.contacts.delete([_id(services, "Person 1")])
        report = sync(services, dav_server)
        assert report.deleted == 1
        assert _names(phone) == ["Person 0", "Person 2", "Person 3"]
        assert sync(services, dav_server).deleted == 0


def test_deleted_on_the_phone_is_deleted_here_undoably_unless_netdesk_knows_more(
    services: Services, dav_server: DavTestServer
) -> None:
    with Phone(dav_server) as phone:
        hrefs = _people(services, dav_server, phone, 5)
        kept = _id(services, "Person 2")
        services.notes.add(kept, "Talked about compilers")
        phone.delete_card(hrefs["Person 1"])
        phone.delete_card(hrefs["Person 2"])
        report = sync(services, dav_server)
        assert report.deleted == 1
        assert services.contacts.find_by_name("Person 1") is None
        # The one with a note stays, unlinked and marked, and is not sent back.
        assert services.contacts.get(kept).notes[0].body == "Talked about compilers"
        removed = services.sync.removed_from(kept)
        assert removed == Removal("Phone", clock.today())
        assert len(phone.cards()) == 3
        assert sync(services, dav_server).sent == 0
        assert len(phone.cards()) == 3
        # Undo brings the deleted one back, and the next sync puts it on the phone again.
        assert report.deleted_here is not None
        services.contacts.restore(report.deleted_here)
        assert services.contacts.find_by_name("Person 1") is not None
        assert sync(services, dav_server).sent == 1
        assert len(phone.cards()) == 4


def test_deleting_more_than_half_asks_first(services: Services, dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone:
        hrefs = _people(services, dav_server, phone, 5)
        for name in ("Person 0", "Person 1", "Person 2"):
            phone.delete_card(hrefs[name])
        with pytest.raises(MassDeleteBlocked) as blocked:
            sync(services, dav_server)
        assert (blocked.value.count, blocked.value.side) == (3, "here")
        assert services.contacts.count() == 5
        history = services.sync.history("Phone")
        assert history[0].outcome == "stopped"
        report = sync(services, dav_server, allow_mass_delete=True)
        assert report.deleted == 3
        assert services.contacts.count() == 2


def test_deleting_many_here_asks_before_deleting_on_the_server(
    services: Services, dav_server: DavTestServer
) -> None:
    with Phone(dav_server) as phone:
        _people(services, dav_server, phone, 4)
        services.contacts.delete([_id(services, f"Person {n}") for n in range(3)])
        with pytest.raises(MassDeleteBlocked) as blocked:
            sync(services, dav_server)
        assert (blocked.value.count, blocked.value.side) == (3, "on the server")
        assert len(phone.cards()) == 4


def test_a_server_that_suddenly_reads_empty_stops_the_sync(
    services: Services, dav_server: DavTestServer
) -> None:
    with Phone(dav_server) as phone:
        hrefs = _people(services, dav_server, phone, 3)
        services.contacts.create(ContactInput(formatted_name="New Here"))
        for href in hrefs.values():
            phone.delete_card(href)
        with pytest.raises(EmptySideStop, match="reads empty on the server"):
            sync(services, dav_server)
        assert services.contacts.count() == 4
        assert phone.cards() == {}
