"""Cards new or changed on the server, written here one batch per local transaction.

A card changed only there replaces the contact's card fields; changed on both sides it is
merged field by field against the text both agreed on last time (three_way), conflicts are
kept for the user, and the merged card is marked to be sent back. A new card that is someone
already here (same UID, email or phone, as the importer recognises people) is linked to them,
never added twice; the others are added in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.three_way import FieldConflict, record_hash, three_way
from netdesk.models import Contact, SyncConflict, SyncItem, SyncUnlinked
from netdesk.services.bulk import table_of
from netdesk.services.import_run import keys_of
from netdesk.services.matching import Matcher
from netdesk.services.sync.state import CollectionRef, RunContext, href_of, items_by_href
from netdesk.services.sync.writing import (
    CardUnreadable,
    insert_contacts,
    load_contacts,
    local_records,
    read_card,
    write_into,
)
from netdesk.services.validation import default_region

_ITEMS = table_of(SyncItem)
# Only these make a new card someone already here: a name alone may be a namesake.
SURE_REASONS = ("same UID", "same email", "same phone")
# Cards per local transaction (asked in multigets of the client's batch size): half as many
# commits as batches of 100, 0.3 s of CPU of a first sync of 10,000.
RECEIVE_BATCH = 200


@dataclass
class Card:
    href: str
    etag: str
    text: str
    record: ContactRecord


class ContactsReceiver:
    def __init__(self, ctx: RunContext, coll: CollectionRef, leaving: Iterable[str] = ()) -> None:
        self.ctx = ctx
        self.coll = coll
        # Hrefs gone from the server in this run: a card of the same person under a new name
        # (a card moved: deleted and written again with its UID) takes the person over.
        self.leaving = set(leaving)
        self.matcher: Matcher | None = None
        self.linked: set[int] | None = None
        # How many people there were here, and the newest, when the matcher was last right.
        self.people_seen: tuple[int, int | None] | None = None
        self.region = default_region()

    def receive(self, changed: dict[str, str]) -> None:
        hrefs = sorted(changed)
        batches = [hrefs[i : i + RECEIVE_BATCH] for i in range(0, len(hrefs), RECEIVE_BATCH)]
        # The next batch is asked for while this one is written here, so that the server
        # prepares cards while netdesk reads and stores them: about 2 s of a first sync of
        # 10,000 contacts from Radicale (benchmarks/bench_sync.py). One request at a time still.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="multiget") as pool:
            ahead = pool.submit(self._fetch, batches[0]) if batches else None
            for number, _batch in enumerate(batches):
                self.ctx.tick("contacts: receiving", number * RECEIVE_BATCH, len(hrefs))
                assert ahead is not None
                found = ahead.result()
                if number + 1 < len(batches):
                    ahead = pool.submit(self._fetch, batches[number + 1])
                cards = {href_of(h): v for h, v in found.items()}
                self._apply_batch(cards)

    def _fetch(self, batch: list[str]) -> dict[str, tuple[str, str]]:
        return self.ctx.client.multiget(self.coll.url, batch, "contacts")

    def _apply_batch(self, cards: dict[str, tuple[str, str]]) -> None:
        """One batch in one transaction, serializable on PostgreSQL: an import adding the same
        person at the same time makes one of the two run again (Database.retrying) and then
        find the other's, instead of both adding them. A lost try counts nothing."""
        report = self.ctx.report
        marks = (report.received, len(report.details), len(report.failed))
        tries = 0

        def attempt(session: Session) -> None:
            nonlocal tries
            tries += 1
            if tries > 1:
                report.received = marks[0]
                del report.details[marks[1] :], report.failed[marks[2] :]
                self.matcher = self.linked = None
            # People added or deleted by another process since the last batch: read again.
            if _people_now(session) != self.people_seen:
                self.matcher = self.linked = None
            self.apply(session, cards)
            self.people_seen = _people_now(session)

        self.ctx.db.retrying(attempt)

    def apply(self, session: Session, cards: dict[str, tuple[str, str]]) -> None:
        items = items_by_href(session, self.coll.id, cards)
        parsed: list[Card] = []
        for href, (etag, text) in cards.items():
            try:
                parsed.append(Card(href, etag, text, read_card(text, href)))
            except CardUnreadable as exc:
                self.ctx.report.failed.append(f"{href}: {exc}")
                bad = items.get(href) or self._new_item(session, href)
                bad.etag, bad.ignored = etag, True
        linked_ids = [items[c.href].contact_id for c in parsed if _linked(items.get(c.href))]
        local = local_records(session, [i for i in linked_ids if i is not None])
        contacts = load_contacts(session, list(local))
        settled: dict[int, int] = {}  # item id -> contact id whose hash to store
        to_add: list[Card] = []
        for card in parsed:
            item = items.get(card.href)
            if item is not None and _linked(item) and item.contact_id in local:
                cid = item.contact_id
                assert cid is not None
                if self._merge(session, item, local[cid], card, contacts[cid], known=True):
                    settled[item.id] = cid
            else:
                target = self._match(session, card.record)
                if target is None:
                    to_add.append(card)
                    continue
                self._detach_leaving(session, target)
                item = item or self._new_item(session, card.href)
                item.contact_id, item.ignored = target, False
                # On the server again (the phone added them back): no longer "removed from".
                session.execute(
                    delete(SyncUnlinked).where(
                        SyncUnlinked.contact_id == target,
                        SyncUnlinked.account_name == self.ctx.account_name,
                    )
                )
                session.flush()
                mine = local_records(session, [target])[target]
                contact = load_contacts(session, [target])[target]
                if self._merge(session, item, mine, card, contact, known=False):
                    settled[item.id] = target
            self.ctx.report.received += 1
            self.ctx.report.details.append(f"received: {card.record.formatted_name}")
        if to_add:
            ids = insert_contacts(session, [c.record for c in to_add])
            # A contact stored with the card's own UID holds exactly the card's record, so its
            # hash is the record's: new items go in bulk, in step, without reading 10,000
            # contacts back (1.4 s of CPU of a first sync of 10,000). A UID made or replaced
            # here (none on the card, or one taken) takes the careful way below.
            uids: dict[int, str] = {
                cid: uid
                for cid, uid in session.execute(
                    select(Contact.id, Contact.uid).where(Contact.id.in_(ids))
                )
            }
            fresh: list[dict[str, object]] = []
            added: list[tuple[SyncItem, int]] = []
            for card, cid in zip(to_add, ids, strict=True):
                item = items.get(card.href)
                if item is None and card.record.uid and uids.get(cid) == card.record.uid:
                    fresh.append(
                        {
                            "collection_id": self.coll.id,
                            "href": card.href,
                            "etag": card.etag,
                            "base_text": card.text,
                            "contact_id": cid,
                            "content_hash": record_hash(card.record),
                            "synced_at": clock.now(),
                        }
                    )
                else:
                    item = item or self._new_item(session, card.href)
                    item.contact_id, item.ignored = cid, False
                    item.etag, item.base_text = card.etag, card.text
                    added.append((item, cid))
                self._remember(cid, card.record)
                self.ctx.report.received += 1
                self.ctx.report.details.append(f"received: {card.record.formatted_name}")
            if fresh:
                session.execute(insert(_ITEMS), fresh)
            session.flush()
            settled.update({item.id: cid for item, cid in added})
        session.flush()
        settle(session, settled)

    def _merge(
        self,
        session: Session,
        item: SyncItem,
        mine: ContactRecord,
        card: Card,
        contact: Contact,
        *,
        known: bool,
    ) -> bool:
        """Writes the card (or the merge) here; True when nothing is left to send back."""
        changed_here = not known or record_hash(mine) != item.content_hash
        item.etag, item.synced_at = card.etag, clock.now()
        if not changed_here:
            write_into(session, contact, card.record)
            item.base_text = card.text
            return True
        base = None
        if known and item.base_text:
            try:
                base = read_card(item.base_text, item.href)
            except CardUnreadable:
                base = None
        merged = three_way(base, mine, card.record)
        if merged.local_changed:
            write_into(session, contact, merged.record)
        item.base_text = card.text
        save_conflicts(session, self.ctx.account_id, item.contact_id, merged.conflicts)
        if merged.remote_changed:
            item.content_hash = ""  # sent by the sending half of this run
            session.flush()
            session.execute(update(_ITEMS).where(_ITEMS.c.id == item.id).values(dirty=True))
            return False
        return True

    def _match(self, session: Session, record: ContactRecord) -> int | None:
        """Someone here this card surely is, and who is not linked to another card yet."""
        if self.matcher is None or self.linked is None:
            self.matcher = Matcher.from_database(session.connection())
            self.linked = linked_ids(session, self.coll.id) - self._leaving_ids(session)
        keys = keys_of(record, self.region)
        for found in self.matcher.matches(keys):
            if found.possible or found.target <= 0 or found.target in self.linked:
                continue
            if found.reason.startswith(SURE_REASONS):
                self._remember(found.target, record)
                return found.target
        return None

    def _leaving_ids(self, session: Session) -> set[int]:
        items = items_by_href(session, self.coll.id, self.leaving)
        return {i.contact_id for i in items.values() if i.contact_id is not None}

    def _detach_leaving(self, session: Session, contact_id: int) -> None:
        """The person's old card is gone from the server: its item lets go of them, so that
        the deletion that follows neither deletes them nor marks them removed."""
        if self.leaving:
            session.execute(
                update(SyncItem)
                .where(
                    SyncItem.collection_id == self.coll.id,
                    SyncItem.contact_id == contact_id,
                    SyncItem.href.in_(self.leaving),
                )
                .values(contact_id=None)
            )

    def _remember(self, contact_id: int, record: ContactRecord) -> None:
        if self.matcher is not None:
            self.matcher.add(contact_id, keys_of(record, self.region))
        if self.linked is not None:
            self.linked.add(contact_id)

    def _new_item(self, session: Session, href: str) -> SyncItem:
        item = SyncItem(collection_id=self.coll.id, href=href, etag="", base_text="")
        session.add(item)
        return item


def _people_now(session: Session) -> tuple[int, int | None]:
    count, newest = session.execute(select(func.count(Contact.id), func.max(Contact.id))).one()
    return int(count), newest


def _linked(item: SyncItem | None) -> bool:
    return item is not None and item.contact_id is not None and not item.ignored


def settle(session: Session, settled: dict[int, int]) -> None:
    """Items in step with their contact: the hash of the contact as stored now, not dirty.

    A Core update after the flush: the triggers marked these items dirty while the contacts
    were written, behind the ORM's back."""
    if not settled:
        return
    records = local_records(session, sorted(set(settled.values())))
    rows = [
        {"item_id": item_id, "hash": record_hash(records[cid])}
        for item_id, cid in settled.items()
        if cid in records
    ]
    if rows:
        session.execute(
            update(_ITEMS)
            .where(_ITEMS.c.id == bindparam("item_id"))
            .values(content_hash=bindparam("hash"), dirty=False),
            rows,
        )


def save_conflicts(
    session: Session, account_id: int, contact_id: int | None, conflicts: list[FieldConflict]
) -> None:
    if contact_id is None:
        return
    for c in conflicts:
        session.execute(
            delete(SyncConflict).where(
                SyncConflict.contact_id == contact_id,
                SyncConflict.account_id == account_id,
                SyncConflict.field == c.field,
            )
        )
        session.add(
            SyncConflict(
                account_id=account_id,
                contact_id=contact_id,
                field=c.field,
                local_value=c.local,
                remote_value=c.remote,
                found_at=clock.now(),
            )
        )


def linked_ids(session: Session, collection_id: int) -> set[int]:
    return set(
        session.scalars(
            select(SyncItem.contact_id).where(
                SyncItem.collection_id == collection_id, SyncItem.contact_id.is_not(None)
            )
        )
    )
