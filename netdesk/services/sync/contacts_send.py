"""Contacts changed, added or deleted here, sent to the server.

Changed: If-Match the etag last seen; a 412 (the card changed there meanwhile) re-reads it,
merges and tries once more. New: PUT under a name made from the UID with If-None-Match: *;
a 412 means the card is there already (our own from a run that was killed, or the phone's):
it is read, merged and linked. Deleted: DELETE with If-Match. The local state of each batch
is written in one transaction after its requests, so a run that dies half-way leaves the
items as they were and the next run finds its way from there.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dav.errors import ItemRefused, NotFound, PreconditionFailed
from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard.three_way import Merged, record_hash, three_way
from netdesk.formats.vcard.write import vcard_text
from netdesk.models import SyncItem
from netdesk.services.bulk import table_of
from netdesk.services.sync.contacts_receive import save_conflicts, settle
from netdesk.services.sync.local_changes import deleted_here, dirty_contact_items, new_contact_ids
from netdesk.services.sync.naming import item_href
from netdesk.services.sync.state import BATCH, CollectionRef, RunContext, items_by_href
from netdesk.services.sync.writing import (
    CardUnreadable,
    insert_contacts,
    load_contacts,
    local_records,
    read_card,
    write_into,
)

VCARD = "text/vcard"
PARALLEL_PUTS = 4
_ITEMS = table_of(SyncItem)


@dataclass
class Sent:
    """One card sent (or found there already): what to write down for it."""

    contact_id: int
    href: str
    etag: str
    text: str
    basis: str  # hash of the contact's record the text was made from
    merged: Merged | None = None  # a merge with the server's card to write here first
    item_id: int | None = None


class ContactsSender:
    def __init__(self, ctx: RunContext, coll: CollectionRef) -> None:
        self.ctx = ctx
        self.coll = coll

    def send(self) -> None:
        self._send_changed()
        self._send_new()
        self._send_deletions()

    # --- changed here ------------------------------------------------------------------
    def _send_changed(self) -> None:
        with self.ctx.db.Session() as session:
            pending = [
                (i.id, i.contact_id, i.href, i.etag, i.content_hash, i.base_text)
                for i in dirty_contact_items(session, self.coll.id)
            ]
        for start in range(0, len(pending), BATCH):
            self.ctx.tick("contacts: sending changes", start, len(pending))
            batch = pending[start : start + BATCH]
            with self.ctx.db.Session() as session:
                records = local_records(session, [cid for _, cid, *_ in batch if cid])
            sent: list[Sent] = []
            unchanged: dict[int, int] = {}
            for item_id, cid, href, etag, content_hash, base_text in batch:
                record = records.get(cid or 0)
                if record is None or cid is None:
                    continue
                basis = record_hash(record)
                if basis == content_hash:
                    unchanged[item_id] = cid
                    continue
                try:
                    result = self._put_changed(cid, href, etag, base_text, record, basis)
                except ItemRefused as exc:  # this card fails; the others go on
                    self.ctx.report.failed.append(str(exc))
                    continue
                if result is not None:
                    result.item_id = item_id
                    sent.append(result)
                    self.ctx.report.sent += 1
                    self.ctx.report.details.append(f"sent: {record.formatted_name}")
            with self.ctx.db.transaction() as session:
                self._write_down(session, sent)
                settle(session, unchanged)

    def _card_uid(self, base_text: str, href: str, fallback: str) -> str:
        try:
            return read_card(base_text, href).uid or fallback
        except CardUnreadable:
            return fallback

    def _put_changed(
        self, cid: int, href: str, etag: str, base_text: str, record: ContactRecord, basis: str
    ) -> Sent | None:
        outgoing = replace(record, uid=self._card_uid(base_text, href, record.uid))
        text = vcard_text(outgoing, self.coll.vcard_version)
        try:
            new_etag = self.ctx.client.put(href, text, VCARD, etag=etag)
            return Sent(cid, href, new_etag, text, basis)
        except (PreconditionFailed, NotFound):
            pass
        base = None
        if base_text:
            try:
                base = read_card(base_text, href)
            except CardUnreadable:
                base = None
        return self._merge_and_put(cid, href, record, basis, base)

    def _merge_and_put(
        self, cid: int, href: str, record: ContactRecord, basis: str, base: ContactRecord | None
    ) -> Sent | None:
        """The card there changed (or already exists): read it, merge, send the merge."""
        try:
            their_etag, their_text = self.ctx.client.get(href)
        except NotFound:
            text = vcard_text(record, self.coll.vcard_version)
            try:
                etag = self.ctx.client.put(href, text, VCARD, etag=None)
            except PreconditionFailed:
                self.ctx.report.failed.append(f"{href}: changed on the server during the sync")
                return None
            return Sent(cid, href, etag, text, basis)
        try:
            theirs = read_card(their_text, href)
        except CardUnreadable as exc:
            self.ctx.report.failed.append(f"{href}: {exc}")
            return None
        merged = three_way(base, record, theirs)
        if not merged.remote_changed:
            return Sent(cid, href, their_etag, their_text, basis, merged)
        text = vcard_text(merged.record, self.coll.vcard_version)
        try:
            etag = self.ctx.client.put(href, text, VCARD, etag=their_etag)
        except PreconditionFailed:
            self.ctx.report.failed.append(f"{href}: changed on the server during the sync")
            return None
        return Sent(cid, href, etag, text, basis, merged)

    # --- new here ----------------------------------------------------------------------
    def _send_new(self) -> None:
        with self.ctx.db.Session() as session:
            ids = new_contact_ids(session, self.coll.id, self.ctx.account_name)
        for start in range(0, len(ids), BATCH):
            self.ctx.tick("contacts: sending new", start, len(ids))
            with self.ctx.db.Session() as session:
                records = local_records(session, list(ids[start : start + BATCH]))
            # A few requests at a time: a server far away answers each PUT after a round
            # trip, and one at a time a thousand new contacts would wait for a thousand.
            with ThreadPoolExecutor(max_workers=PARALLEL_PUTS) as pool:
                results = list(pool.map(lambda pair: self._put_new(*pair), records.items()))
            sent = [s for s in results if s is not None]
            for s in sent:
                self.ctx.report.sent += 1
                self.ctx.report.details.append(f"sent: {records[s.contact_id].formatted_name}")
            with self.ctx.db.transaction() as session:
                self._write_down(session, sent)

    def _put_new(self, cid: int, record: ContactRecord) -> Sent | None:
        href = item_href(self.coll.url, record.uid, ".vcf", self.ctx.client.server_url)
        text = vcard_text(record, self.coll.vcard_version)
        basis = record_hash(record)
        try:
            etag = self.ctx.client.put(href, text, VCARD, etag=None)
            return Sent(cid, href, etag, text, basis)
        except PreconditionFailed:
            # There already: our own card from a run killed after its PUT, or the phone's.
            try:
                return self._merge_and_put(cid, href, record, basis, None)
            except ItemRefused as exc:
                self.ctx.report.failed.append(str(exc))
                return None
        except ItemRefused as exc:  # this card fails; the others go on
            self.ctx.report.failed.append(str(exc))
            return None

    # --- writing down ------------------------------------------------------------------
    def _write_down(self, session: Session, sent: list[Sent]) -> None:
        """Items in step with what was sent; a merge from the server is written here first.
        A contact edited here while its card was on the way stays dirty for the next run."""
        if not sent:
            return
        existing = items_by_href(session, self.coll.id, [s.href for s in sent])
        merges = [s for s in sent if s.merged is not None and s.merged.local_changed]
        contacts = load_contacts(session, [s.contact_id for s in merges])
        for s in merges:
            contact = contacts.get(s.contact_id)
            if contact is not None and s.merged is not None:
                write_into(session, contact, s.merged.record)
        for s in sent:
            if s.merged is not None:
                save_conflicts(session, self.ctx.account_id, s.contact_id, s.merged.conflicts)
            item = existing.get(s.href)
            if item is None:
                item = SyncItem(collection_id=self.coll.id, href=s.href)
                session.add(item)
                existing[s.href] = item
            item.contact_id, item.ignored = s.contact_id, False
            item.etag, item.base_text, item.synced_at = s.etag, s.text, clock.now()
        session.flush()
        now = local_records(session, sorted({s.contact_id for s in sent}))
        rows = []
        for s in sent:
            record = now.get(s.contact_id)
            if record is None:
                continue
            current = record_hash(record)
            # Edited here while its card was on the way: that edit goes at the next run.
            behind = s.merged is None and current != s.basis
            rows.append(
                {
                    "item_id": existing[s.href].id,
                    "hash": s.basis if behind else current,
                    "dirty": behind,
                }
            )
        if rows:
            session.execute(
                update(_ITEMS)
                .where(_ITEMS.c.id == bindparam("item_id"))
                .values(content_hash=bindparam("hash"), dirty=bindparam("dirty")),
                rows,
            )

    # --- deleted here ------------------------------------------------------------------
    def _send_deletions(self) -> None:
        with self.ctx.db.Session() as session:
            gone = [(i.id, i.href, i.etag) for i in deleted_here(session, self.coll.id)]
        for start in range(0, len(gone), BATCH):
            self.ctx.tick("contacts: deleting", start, len(gone))
            done: list[int] = []
            back: list[tuple[int, str, str, ContactRecord]] = []
            for item_id, href, etag in gone[start : start + BATCH]:
                try:
                    self.ctx.client.delete(href, etag)
                    done.append(item_id)
                except PreconditionFailed:
                    # Changed on the phone after it was deleted here: the change wins, the
                    # card comes back here rather than losing what was typed there.
                    back.append(self._reread(item_id, href))
            with self.ctx.db.transaction() as session:
                session.execute(delete(SyncItem).where(SyncItem.id.in_(done)))
                self.ctx.report.deleted += len(done)
                self.ctx.report.details.extend(
                    f"deleted on the server: {href}" for i, href, _ in gone if i in set(done)
                )
                self._bring_back(session, back)

    def _reread(self, item_id: int, href: str) -> tuple[int, str, str, ContactRecord]:
        etag, text = self.ctx.client.get(href)
        return item_id, etag, text, read_card(text, href)

    def _bring_back(
        self, session: Session, back: list[tuple[int, str, str, ContactRecord]]
    ) -> None:
        if not back:
            return
        ids = insert_contacts(session, [r for *_, r in back])
        settled = {}
        for (item_id, etag, text, _), cid in zip(back, ids, strict=True):
            session.execute(
                update(_ITEMS)
                .where(_ITEMS.c.id == item_id)
                .values(contact_id=cid, etag=etag, base_text=text)
            )
            settled[item_id] = cid
            self.ctx.report.received += 1
        settle(session, settled)
