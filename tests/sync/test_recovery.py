"""A run killed between its PUT and writing it down, and a card changed between our read and
our write (412): nothing lost, nothing doubled."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select, update

from netdesk.formats.vcard.write import vcard_text
from netdesk.models import SyncCollection, SyncItem
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync.naming import item_href
from netdesk.services.sync.report import SyncProgress
from netdesk.services.sync.writing import local_records
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def test_a_card_put_by_a_run_that_was_killed_is_found_and_linked(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    grace = services.contacts.create(ContactInput(formatted_name="Grace Hopper", title="RADM"))
    with services.db.Session() as session:
        record = local_records(session, [grace])[grace]
    # What the killed run sent: the card, under the name made from the UID.
    href = item_href(dav_server.addressbook_url, record.uid, ".vcf", dav_server.url)
    with httpx.Client(auth=(dav_server.user, dav_server.password)) as http:
        response = http.put(
            httpx.URL(dav_server.url).join(href),
            content=vcard_text(record).encode(),
            headers={"Content-Type": "text/vcard", "If-None-Match": "*"},
        )
        assert response.status_code in (201, 204)
    sync(services, dav_server)
    assert services.contacts.count() == 1
    with Phone(dav_server) as phone:
        assert list(phone.cards()) == [href]
    again = sync(services, dav_server)
    assert (again.sent, again.received) == (0, 0)


def test_a_card_changed_between_our_read_and_our_write_is_merged(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    with Phone(dav_server) as phone:
        card = ios_card("Ada Lovelace", uid="ADA-1", org="Analytical", title="Countess")
        href = phone.put_card("ada", card)
        sync(services, dav_server)
        ada = services.contacts.find_by_name("Ada Lovelace")
        assert ada is not None
        data = services.contacts.get(ada).as_input()
        data.title = "Mathematician"
        services.contacts.update(ada, data)

        def phone_edits_meanwhile(progress: SyncProgress) -> None:
            if progress.stage == "contacts: sending changes":
                phone.edit_card(
                    href, ios_card("Ada Lovelace", uid="ADA-1", org="Babbage", title="Countess")
                )

        report = sync(services, dav_server, progress=phone_edits_meanwhile)
        assert report.failed == [] and report.conflicts == 0
        detail = services.contacts.get(ada)
        assert (detail.organization, detail.title) == ("Babbage", "Mathematician")
        (text,) = phone.cards().values()
        assert "Babbage" in text and "TITLE:Mathematician" in text
        assert services.contacts.count() == 1


def test_a_run_killed_before_it_saved_the_sync_token_doubles_nothing(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    with Phone(dav_server) as phone:
        for n in range(3):
            phone.put_card(f"p{n}", ios_card(f"Person {n}", uid=f"P-{n}", photo=False))
        sync(services, dav_server)
        # What a run killed after its batches but before its last step leaves: the token of
        # the run before (here: none).
        with services.db.transaction() as session:
            session.execute(update(SyncCollection).values(sync_token=""))
        again = sync(services, dav_server)
        assert (again.sent, again.received, again.deleted) == (0, 0, 0)
        assert services.contacts.count() == 3 and len(phone.cards()) == 3


def test_a_run_killed_after_its_delete_finishes_at_the_next_run(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    with Phone(dav_server) as phone:
        hrefs = [
            phone.put_card(f"p{n}", ios_card(f"Person {n}", uid=f"P-{n}", photo=False))
            for n in range(4)
        ]
        sync(services, dav_server)
        gone = services.contacts.find_by_name("Person 0")
        assert gone is not None
        services.contacts.delete([gone])
        phone.delete_card(hrefs[0])  # the killed run's DELETE went through
        report = sync(services, dav_server)
        assert report.failed == [] and services.contacts.count() == 3
        assert len(phone.cards()) == 3
        with services.db.Session() as session:
            assert session.scalar(select(func.count(SyncItem.id))) == 3
