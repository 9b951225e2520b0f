"""Edits on each side reach the other side; a sync with nothing changed asks once."""

from __future__ import annotations

from sqlalchemy import update

from netdesk.models import SyncCollection
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def test_contacts_go_both_ways_and_edits_follow(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    here = services.contacts.create(
        ContactInput(
            formatted_name="Grace Hopper", emails=["grace@navy.example"], title="Rear Admiral"
        )
    )
    with Phone(dav_server) as phone:
        href = phone.put_card(
            "ada",
            ios_card("Ada Lovelace", uid="ADA-1", emails=("ada@example.org",), org="Analytical"),
        )
        report = sync(services, dav_server)
        assert (report.sent, report.received, report.deleted) == (1, 1, 0)
        cards = phone.cards()
        assert len(cards) == 2
        assert any("Grace Hopper" in text for text in cards.values())
        ada = services.contacts.find_by_name("Ada Lovelace")
        assert ada is not None
        assert services.contacts.get(ada).emails == ("ada@example.org",)

        # Nothing changed: nothing moves.
        again = sync(services, dav_server)
        assert (again.sent, again.received, again.deleted) == (0, 0, 0)

        # Edit on the phone -> here.
        phone.edit_card(
            href,
            ios_card("Ada Lovelace", uid="ADA-1", emails=("ada@example.org",), org="Babbage & Co"),
        )
        report = sync(services, dav_server)
        assert report.received == 1 and report.sent == 0
        assert services.contacts.get(ada).organization == "Babbage & Co"

        # Edit here -> phone.
        detail = services.contacts.get(here).as_input()
        detail.title = "Commodore"
        services.contacts.update(here, detail)
        report = sync(services, dav_server)
        assert report.sent == 1 and report.received == 0
        grace = [t for t in phone.cards().values() if "Grace Hopper" in t]
        assert len(grace) == 1 and "TITLE:Commodore" in grace[0]

        final = sync(services, dav_server)
        assert (final.sent, final.received) == (0, 0)


def test_cards_are_written_as_vcard_3_unless_the_collection_asks_for_4(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    sync(services, dav_server)
    with Phone(dav_server) as phone:
        (text,) = phone.cards().values()
        assert "VERSION:3.0" in text
        with services.db.transaction() as session:
            session.execute(update(SyncCollection).values(vcard_version="4.0"))
        services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
        sync(services, dav_server)
        (ada,) = [t for t in phone.cards().values() if "Ada Lovelace" in t]
        assert "VERSION:4.0" in ada
