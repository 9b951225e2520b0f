"""Cards received on a first sync are in step with the contacts made of them: every item's hash
is the hash of its contact as read back from the database, so the next sync sees nothing to
send. Cards as phones write them (photo, item groups, social profiles), and one without a UID
where the server keeps it (netdesk gives the contact a UID of its own)."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from netdesk.formats.vcard.three_way import record_hash
from netdesk.models import SyncItem
from netdesk.services.service_set import Services
from netdesk.services.sync.writing import local_records
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer

NO_UID = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody Uid\r\nN:Uid;Nobody;;;\r\n"
    "EMAIL;TYPE=INTERNET:nobody@example.org\r\nEND:VCARD\r\n"
)


def test_received_items_hash_what_was_stored(services: Services, dav_server: DavTestServer) -> None:
    add_account(services, dav_server)
    with Phone(dav_server) as phone:
        phone.put_card("ada", ios_card("Ada Lovelace", uid="ADA-1", org="Analytical Engines"))
        phone.put_card("grace", ios_card("Grace Hopper", uid="GRACE-1", note="Line one\nTwo"))
        phone.put_card("plain", ios_card("Plain Card", uid="PLAIN-1", photo=False, social=False))
    # Radicale refuses a card without a UID (400); Xandikos keeps it.
    kept = httpx.put(
        f"{dav_server.addressbook_url}nouid.vcf",
        content=NO_UID.encode(),
        headers={"Content-Type": "text/vcard"},
        auth=(dav_server.user, dav_server.password),
    ).status_code in (200, 201, 204)
    first = sync(services, dav_server)
    assert first.failed == []
    with services.db.Session() as session:
        items = list(session.scalars(select(SyncItem)))
        linked = [i for i in items if i.contact_id is not None]
        assert len(linked) == 3 + kept
        records = local_records(session, [i.contact_id for i in linked if i.contact_id])
        for item in linked:
            assert item.contact_id is not None
            assert item.content_hash == record_hash(records[item.contact_id]), item.href
            assert not item.dirty
    again = sync(services, dav_server)
    assert (again.sent, again.received, again.deleted, again.requests) == (0, 0, 0, 1)
