"""Local change detection: every kind of write to a contact, its lists or its tags marks its
item, so that a sync finds it without reading every contact."""

from __future__ import annotations

from sqlalchemy import select, update

from netdesk.models import SyncAccount, SyncCollection, SyncItem
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync.local_changes import dirty_contact_items, new_contact_ids


def _linked(services: Services, contact_id: int) -> int:
    """An item that mirrors the contact, as a sync leaves it: in step, not dirty."""
    with services.db.transaction() as session:
        account = SyncAccount(name="Phone", server_url="http://127.0.0.1/", username="ada")
        session.add(account)
        session.flush()
        collection = SyncCollection(account_id=account.id, kind="contacts", url="http://x/c/")
        session.add(collection)
        session.flush()
        session.add(SyncItem(collection_id=collection.id, href="/c/a.vcf", contact_id=contact_id))
        return collection.id


def _dirty(services: Services, collection_id: int) -> bool:
    with services.db.Session() as session:
        return bool(dirty_contact_items(session, collection_id))


def _clean(services: Services) -> None:
    with services.db.transaction() as session:
        session.execute(update(SyncItem).values(dirty=False))


def test_each_kind_of_change_marks_the_item(services: Services) -> None:
    ada = services.contacts.create(
        ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"], tags=["Math"])
    )
    other = services.contacts.create(ContactInput(formatted_name="Someone Else"))
    coll = _linked(services, ada)
    assert not _dirty(services, coll)
    with services.db.Session() as session:
        assert new_contact_ids(session, coll, "Phone") == [other]

    data = services.contacts.get(ada).as_input()
    data.emails = ["ada@example.org", "countess@example.org"]  # a child row only
    services.contacts.update(ada, data)
    assert _dirty(services, coll)

    _clean(services)
    data = services.contacts.get(other).as_input()
    data.title = "Engineer"
    services.contacts.update(other, data)  # someone else's change marks nothing
    assert not _dirty(services, coll)

    _clean(services)
    services.tags.rename("Math", "Mathematics")  # a tag is a CATEGORIES value on the card
    assert _dirty(services, coll)

    services.contacts.delete([ada])
    with services.db.Session() as session:
        item = session.scalars(select(SyncItem)).one()
        assert item.contact_id is None  # a deletion here, sent at the next sync
