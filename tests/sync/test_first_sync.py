"""The first sync of an account: a thousand contacts each way, none lost, none doubled."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from netdesk.formats.records import ContactRecord, Typed
from netdesk.models import Contact, SyncItem
from netdesk.services.service_set import Services
from netdesk.services.sync.writing import insert_contacts
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer

COUNT = 1000


def _local_people(services: Services, count: int) -> None:
    with services.db.transaction() as session:
        insert_contacts(
            session,
            [
                ContactRecord(
                    uid=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
                    formatted_name=f"Local Person {n}",
                    given_name="Local",
                    family_name=f"Person {n}",
                    emails=[Typed(f"local{n}@example.org", "work")],
                    source="manual",
                )
                for n in range(count)
            ],
        )


def _phone_people(server: DavTestServer, count: int) -> None:
    """Cards as a phone puts them: straight into Radicale's folder where the server allows
    it, else a few PUTs at a time (the servers take most of the time)."""
    seed = getattr(server, "seed_cards", None)
    if seed is not None:
        seed({f"phone-{n}": _phone_card(n) for n in range(count)})
        return

    def put(n: int) -> int:
        return http.put(
            f"{server.addressbook_url}phone-{n}.vcf",
            content=_phone_card(n).encode(),
            headers={"Content-Type": "text/vcard", "If-None-Match": "*"},
        ).status_code

    with (
        httpx.Client(auth=(server.user, server.password), timeout=60) as http,
        ThreadPoolExecutor(max_workers=4) as pool,
    ):
        assert set(pool.map(put, range(count))) <= {201, 204}


def _phone_card(n: int) -> str:
    return ios_card(
        f"Phone Person {n}", uid=f"PHONE-{n}", emails=(f"phone{n}@example.org",), photo=False
    )


def test_a_thousand_contacts_each_way(sqlite_services: Services, dav_server: DavTestServer) -> None:
    """On SQLite only: the time goes to the servers (about 100 s each here), and PostgreSQL
    runs the same code in every other sync test."""
    services = sqlite_services
    add_account(services, dav_server)
    _local_people(services, COUNT)
    _phone_people(dav_server, COUNT)
    report = sync(services, dav_server)
    assert (report.sent, report.received, report.deleted, report.failed) == (COUNT, COUNT, 0, [])
    with services.db.Session() as session:
        assert session.scalar(select(func.count(Contact.id))) == 2 * COUNT
        assert session.scalar(select(func.count(SyncItem.id))) == 2 * COUNT
    with Phone(dav_server) as phone:
        cards = phone.cards()
    assert len(cards) == 2 * COUNT
    assert sum("Local Person" in text for text in cards.values()) == COUNT
    # Nothing changed since: one request for the address book, nothing moves.
    again = sync(services, dav_server)
    assert (again.sent, again.received, again.deleted, again.requests) == (0, 0, 0, 1)
