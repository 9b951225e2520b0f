"""A contact changed on both sides: fields merge; a field changed differently on both sides
keeps both values, is listed, and the user's pick goes both ways."""

from __future__ import annotations

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from tests.sync.accounts import ACCOUNT, add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def _ada(org: str = "Analytical", title: str = "Countess", note: str = "") -> str:
    return ios_card(
        "Ada Lovelace",
        uid="ADA-1",
        emails=("ada@example.org",),
        org=org,
        title=title,
        note=note,
        photo=False,
    )


def _edit_here(services: Services, contact_id: int, **changes: str) -> None:
    data = services.contacts.get(contact_id).as_input()
    for name, value in changes.items():
        setattr(data, name, value)
    services.contacts.update(contact_id, data)


def _start(services: Services, server: DavTestServer, phone: Phone) -> tuple[int, str]:
    add_account(services, server)
    href = phone.put_card("ada", _ada())
    sync(services, server)
    ada = services.contacts.find_by_name("Ada Lovelace")
    assert ada is not None
    return ada, href


def test_fields_changed_on_different_sides_merge(
    services: Services, dav_server: DavTestServer
) -> None:
    with Phone(dav_server) as phone:
        ada, href = _start(services, dav_server, phone)
        phone.edit_card(href, _ada(org="Babbage & Co"))
        _edit_here(services, ada, title="Mathematician")
        report = sync(services, dav_server)
        assert report.conflicts == 0
        detail = services.contacts.get(ada)
        assert (detail.organization, detail.title) == ("Babbage & Co", "Mathematician")
        (card,) = phone.cards().values()
        assert "Babbage & Co" in card and "TITLE:Mathematician" in card
        assert services.sync.conflicts() == []


@pytest.mark.parametrize("keep", ["local", "remote"])
def test_a_field_changed_differently_on_both_sides_is_listed_and_resolved(
    services: Services, dav_server: DavTestServer, keep: str
) -> None:
    with Phone(dav_server) as phone:
        ada, href = _start(services, dav_server, phone)
        phone.edit_card(href, _ada(title="Enchantress of Numbers"))
        _edit_here(services, ada, title="Mathematician")
        report = sync(services, dav_server)
        assert report.conflicts == 1
        (conflict,) = services.sync.conflicts(ACCOUNT)
        assert (conflict.contact_id, conflict.field) == (ada, "title")
        assert (conflict.local, conflict.remote) == ("Mathematician", "Enchantress of Numbers")
        assert conflict.contact_name == "Ada Lovelace" and conflict.label == "Job title"
        # Until the user picks, the value here stays on both sides.
        assert services.contacts.get(ada).title == "Mathematician"

        services.sync.resolve(conflict.id, keep)  # type: ignore[arg-type]
        assert services.sync.conflicts() == []
        sync(services, dav_server)
        wanted = "Mathematician" if keep == "local" else "Enchantress of Numbers"
        assert services.contacts.get(ada).title == wanted
        (card,) = phone.cards().values()
        assert f"TITLE:{wanted}" in card


def test_a_first_sync_links_the_same_person_instead_of_adding_them_twice(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    here = services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ADA@example.org"], title="Countess")
    )
    with Phone(dav_server) as phone:
        phone.put_card("ada", _ada(org="Analytical Engines"))
        sync(services, dav_server)
        assert services.contacts.count() == 1
        assert services.contacts.get(here).organization == "Analytical Engines"
        assert len(phone.cards()) == 1
