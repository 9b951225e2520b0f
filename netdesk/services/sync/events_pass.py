"""Events as VEVENTs in a calendar: netdesk's events shown on the phone, one way.

Events are netdesk's: a change made to one on the server does not come back, and the next
change here is written over it (keeping the lines netdesk does not own, such as the phone's
alarms). An event deleted on the server is put there again; one deleted here is deleted there.
"""

from __future__ import annotations

from dataclasses import astuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dav.errors import ItemRefused, NotFound, PreconditionFailed
from netdesk.formats.ics.single_event import event_text
from netdesk.formats.records import EventRecord
from netdesk.models import Event, SyncItem
from netdesk.services.event_record import event_record
from netdesk.services.sync.calendar_items import (
    CALENDAR,
    ITEMS,
    digest,
    send_deletions,
    settle_items,
    start_pass,
)
from netdesk.services.sync.contacts_pass import save_token
from netdesk.services.sync.naming import item_href
from netdesk.services.sync.state import BATCH, CollectionRef, RunContext, items_by_href


def event_records(session: Session, event_ids: list[int]) -> dict[int, EventRecord]:
    return {
        e.id: event_record(e) for e in session.scalars(select(Event).where(Event.id.in_(event_ids)))
    }


def event_hash(record: EventRecord) -> str:
    return digest(*astuple(record))


def sync_events(ctx: RunContext, coll: CollectionRef) -> None:
    sent_before = ctx.report.sent
    delta, _ns = start_pass(ctx, coll, "event_id")
    if delta.removed:
        with ctx.db.transaction() as session:
            for item in items_by_href(session, coll.id, delta.removed).values():
                session.delete(item)  # put there again below, as a new event
    with ctx.db.Session() as session:
        dirty = [
            (i.id, i.event_id, i.href, i.etag, i.base_text, i.content_hash)
            for i in session.scalars(
                select(SyncItem).where(
                    SyncItem.collection_id == coll.id,
                    SyncItem.dirty.is_(True),
                    SyncItem.event_id.is_not(None),
                )
            )
        ]
        linked = select(SyncItem.event_id).where(
            SyncItem.collection_id == coll.id, SyncItem.event_id.is_not(None)
        )
        new = list(
            session.scalars(select(Event.id).where(Event.id.not_in(linked)).order_by(Event.id))
        )
    for start in range(0, len(dirty), BATCH):
        ctx.tick("events: sending changes", start, len(dirty))
        _send(ctx, coll, [(i, e, h, t, b, c) for i, e, h, t, b, c in dirty[start : start + BATCH]])
    for start in range(0, len(new), BATCH):
        ctx.tick("events: sending new", start, len(new))
        _send(ctx, coll, [(None, e, "", None, "", "") for e in new[start : start + BATCH]])
    send_deletions(ctx, coll, "event_id", "events: deleting")
    save_token(ctx, coll, delta, wrote=ctx.report.sent > sent_before)


Pending = tuple[int | None, int | None, str, str | None, str, str]


def _send(ctx: RunContext, coll: CollectionRef, batch: list[Pending]) -> None:
    with ctx.db.Session() as session:
        records = event_records(session, [e for _, e, *_ in batch if e is not None])
    done: dict[str, tuple[int, str, str, str]] = {}  # href -> (event id, etag, text, hash)
    unchanged: dict[int, str] = {}
    for item_id, event_id, href, etag, base_text, content_hash in batch:
        record = records.get(event_id or 0)
        if record is None or event_id is None:
            continue
        basis = event_hash(record)
        if item_id is not None and basis == content_hash:
            unchanged[item_id] = basis
            continue
        href = href or item_href(coll.url, record.uid, ".ics", ctx.client.server_url)
        try:
            result = _put(ctx, href, record, etag, base_text)
        except ItemRefused as exc:  # this event fails; the others go on
            ctx.report.failed.append(str(exc))
            continue
        if result is not None:
            done[href] = (event_id, result[0], result[1], basis)
            ctx.report.sent += 1
            ctx.report.details.append(f"sent event: {record.name}")
    with ctx.db.transaction() as session:
        items = items_by_href(session, coll.id, done)
        for href, (event_id, etag, text, _basis) in done.items():
            item = items.get(href)
            if item is None:
                item = SyncItem(collection_id=coll.id, href=href)
                session.add(item)
                items[href] = item
            item.event_id, item.ignored = event_id, False
            item.etag, item.base_text, item.synced_at = etag, text, clock.now()
        session.flush()
        settle_items(session, unchanged | {items[h].id: v[3] for h, v in done.items()})
        now = event_records(session, [v[0] for v in done.values()])
        behind = [
            items[h].id
            for h, (event_id, _e, _t, basis) in done.items()
            if event_id in now and event_hash(now[event_id]) != basis
        ]
        if behind:  # changed here while it was on the way: sent at the next run
            session.execute(update(ITEMS).where(ITEMS.c.id.in_(behind)).values(dirty=True))


def _put(
    ctx: RunContext, href: str, record: EventRecord, etag: str | None, base_text: str
) -> tuple[str, str] | None:
    text = event_text(record, base_text)
    try:
        return ctx.client.put(href, text, CALENDAR, etag=etag), text
    except (PreconditionFailed, NotFound):
        pass
    # Changed on the server (or there already from a run that was killed): netdesk's version
    # goes over it, keeping what the server's text has that netdesk does not own.
    try:
        their_etag, their_text = ctx.client.get(href)
    except NotFound:
        their_etag, their_text = None, ""
    text = event_text(record, their_text)
    try:
        return ctx.client.put(href, text, CALENDAR, etag=their_etag), text
    except (PreconditionFailed, NotFound):
        ctx.report.failed.append(f"{href}: changed on the server during the sync")
        return None
