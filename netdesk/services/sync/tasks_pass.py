"""Follow-ups as VTODOs in a task list: ticked done on the phone is done here, and back.

Open follow-ups go to the task list; once there, changes go both ways (summary = action, due
date, done and when). A task made on the phone without netdesk's id is left alone: netdesk
cannot tell whom it is about. A task deleted on the phone deletes nothing here (follow-ups and
their links are netdesk's): the follow-up stays, and is not sent again.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.dav.errors import ItemRefused, NotFound, PreconditionFailed
from netdesk.formats.ics.todo import NotATask, TaskRecord, read_task, task_text
from netdesk.models import FollowUp, SyncItem
from netdesk.services.sync.calendar_items import (
    CALENDAR,
    mark_to_send,
    send_deletions,
    settle_items,
    start_pass,
)
from netdesk.services.sync.contacts_pass import save_token
from netdesk.services.sync.naming import item_href
from netdesk.services.sync.state import BATCH, CollectionRef, RunContext, href_of, items_by_href
from netdesk.services.sync.tasks_local import (
    apply_task,
    followup_of,
    local_tasks,
    merge_task,
    netdesk_id,
    same_task,
    task_hash,
    task_uid,
)


def sync_tasks(ctx: RunContext, coll: CollectionRef) -> None:
    delta, ns = start_pass(ctx, coll, "followup_id")
    hrefs = sorted(delta.changed)
    for start in range(0, len(hrefs), BATCH):
        ctx.tick("tasks: receiving", start, len(hrefs))
        found = ctx.client.multiget(coll.url, hrefs[start : start + BATCH], "calendar")
        with ctx.db.transaction() as session:
            _receive(ctx, session, coll, ns, {href_of(h): v for h, v in found.items()})
    if delta.removed:
        with ctx.db.transaction() as session:
            for item in items_by_href(session, coll.id, delta.removed).values():
                if item.followup_id is None:
                    session.delete(item)
                else:
                    item.ignored = True  # the follow-up stays here and is not sent again
    TaskSender(ctx, coll, ns).send()
    send_deletions(ctx, coll, "followup_id", "tasks: deleting")
    save_token(ctx, coll, delta)


def _receive(
    ctx: RunContext,
    session: Session,
    coll: CollectionRef,
    ns: str,
    found: dict[str, tuple[str, str]],
) -> None:
    items = items_by_href(session, coll.id, found)
    linked = {i.followup_id for i in items.values() if i.followup_id and not i.ignored}
    mine = local_tasks(session, [i for i in linked if i is not None])
    settled: dict[int, int] = {}
    to_send: list[int] = []
    for href, (etag, text) in found.items():
        item = items.get(href)
        try:
            theirs = read_task(text)
        except (NotATask, ValueError):
            theirs = None
        if item is None:
            item = SyncItem(collection_id=coll.id, href=href, base_text="")
            session.add(item)
        fid = item.followup_id if not item.ignored else None
        if fid is None and theirs is not None and not item.ignored:
            fid = _ours_unlinked(session, coll, followup_of(theirs, ns))
            if fid is not None:
                mine.update(local_tasks(session, [fid]))
        if theirs is None or fid is None or fid not in mine:
            # Not a task, another's task, or one whose follow-up was deleted here: left alone.
            item.etag, item.ignored = etag, True
            continue
        item.followup_id, item.ignored = fid, False
        changed_here = item.base_text == "" or task_hash(mine[fid]) != item.content_hash
        base = _read(item.base_text)
        merged = merge_task(base, mine[fid], theirs, changed_here)
        followup = session.get(FollowUp, fid)
        if followup is not None:
            apply_task(followup, merged)
        item.etag, item.base_text, item.synced_at = etag, text, clock.now()
        session.flush()
        ctx.report.received += 1
        ctx.report.details.append(f"received task: {merged.summary}")
        if same_task(merged, theirs):
            settled[item.id] = fid
        else:
            to_send.append(item.id)
    session.flush()
    now = local_tasks(session, sorted(set(settled.values())))
    settle_items(session, {i: task_hash(now[f]) for i, f in settled.items() if f in now})
    mark_to_send(session, to_send)


def _ours_unlinked(session: Session, coll: CollectionRef, fid: int | None) -> int | None:
    if fid is None or session.get(FollowUp, fid) is None:
        return None
    taken = session.scalar(
        select(SyncItem.id).where(SyncItem.collection_id == coll.id, SyncItem.followup_id == fid)
    )
    return None if taken is not None else fid


def _read(text: str) -> TaskRecord | None:
    if not text:
        return None
    try:
        return read_task(text)
    except (NotATask, ValueError):
        return None


class TaskSender:
    def __init__(self, ctx: RunContext, coll: CollectionRef, ns: str) -> None:
        self.ctx, self.coll, self.ns = ctx, coll, ns

    def send(self) -> None:
        with self.ctx.db.Session() as session:
            dirty = [
                (i.id, i.followup_id, i.href, i.etag, i.base_text, i.content_hash)
                for i in session.scalars(
                    select(SyncItem).where(
                        SyncItem.collection_id == self.coll.id,
                        SyncItem.dirty.is_(True),
                        SyncItem.ignored.is_(False),
                        SyncItem.followup_id.is_not(None),
                    )
                )
            ]
            linked = select(SyncItem.followup_id).where(
                SyncItem.collection_id == self.coll.id, SyncItem.followup_id.is_not(None)
            )
            new = list(
                session.scalars(
                    select(FollowUp.id)
                    .where(FollowUp.id.not_in(linked), FollowUp.done_at.is_(None))
                    .order_by(FollowUp.id)
                )
            )
        for start in range(0, len(dirty), BATCH):
            self.ctx.tick("tasks: sending changes", start, len(dirty))
            self._send_changed(dirty[start : start + BATCH])
        for start in range(0, len(new), BATCH):
            self.ctx.tick("tasks: sending new", start, len(new))
            self._send_new(new[start : start + BATCH])

    def _send_changed(self, batch: list[tuple[int, int | None, str, str, str, str]]) -> None:
        with self.ctx.db.Session() as session:
            mine = local_tasks(session, [fid for _, fid, *_ in batch if fid is not None])
        done: dict[int, tuple[int, str, str, TaskRecord, TaskRecord | None]] = {}
        for item_id, fid, href, etag, base_text, content_hash in batch:
            task = mine.get(fid or 0)
            if task is None or fid is None:
                continue
            if task_hash(task) == content_hash:
                done[item_id] = (fid, etag, base_text, task, None)
                continue
            outgoing = self._outgoing(task, fid, base_text)
            try:
                text = task_text(outgoing, base_text)
                new_etag = self.ctx.client.put(href, text, CALENDAR, etag=etag)
                done[item_id] = (fid, new_etag, text, task, None)
            except (PreconditionFailed, NotFound):
                result = self._merge_again(href, fid, task, _read(base_text))
                if result is None:
                    continue
                done[item_id] = result
            except ItemRefused as exc:  # this task fails; the others go on
                self.ctx.report.failed.append(str(exc))
                continue
            self.ctx.report.sent += 1
            self.ctx.report.details.append(f"sent task: {task.summary}")
        self._write_down(done)

    def _merge_again(
        self, href: str, fid: int, task: TaskRecord, base: TaskRecord | None
    ) -> tuple[int, str, str, TaskRecord, TaskRecord | None] | None:
        """412: the task changed there meanwhile. Read it, merge, send the merge once."""
        try:
            etag, text = self.ctx.client.get(href)
            theirs = read_task(text)
        except (NotFound, NotATask, ValueError):
            return None
        merged = merge_task(base, task, theirs, True)
        if not same_task(merged, theirs):
            outgoing = self._outgoing(merged, fid, text)
            text = task_text(outgoing, text)
            try:
                etag = self.ctx.client.put(href, text, CALENDAR, etag=etag)
            except (PreconditionFailed, NotFound, ItemRefused):
                self.ctx.report.failed.append(f"{href}: changed on the server during the sync")
                return None
        return fid, etag, text, task, merged

    def _outgoing(self, task: TaskRecord, fid: int, base_text: str) -> TaskRecord:
        base = _read(base_text)
        uid = base.uid if base is not None and base.uid else task_uid(self.ns, fid)
        task.uid, task.netdesk_id = uid, netdesk_id(self.ns, fid)
        return task

    def _send_new(self, ids: list[int]) -> None:
        with self.ctx.db.Session() as session:
            mine = local_tasks(session, ids)
        done: dict[str, tuple[int, str, str, TaskRecord, TaskRecord | None]] = {}
        for fid, task in mine.items():
            uid = task_uid(self.ns, fid)
            href = item_href(self.coll.url, uid, ".ics", self.ctx.client.server_url)
            text = task_text(self._outgoing(task, fid, ""), "")
            try:
                etag = self.ctx.client.put(href, text, CALENDAR, etag=None)
                done[href] = (fid, etag, text, task, None)
            except PreconditionFailed:
                # Ours from a run killed after its PUT: link it, merged.
                result = self._merge_again(href, fid, task, None)
                if result is None:
                    continue
                done[href] = result
            except ItemRefused as exc:  # this task fails; the others go on
                self.ctx.report.failed.append(str(exc))
                continue
            self.ctx.report.sent += 1
            self.ctx.report.details.append(f"sent task: {task.summary}")
        with self.ctx.db.transaction() as session:
            items = items_by_href(session, self.coll.id, done)
            for href, (fid, etag, text, _task, _merged) in done.items():
                item = items.get(href)
                if item is None:
                    item = SyncItem(collection_id=self.coll.id, href=href)
                    session.add(item)
                    items[href] = item
                item.followup_id, item.ignored = fid, False
                item.etag, item.base_text, item.synced_at = etag, text, clock.now()
            self._apply_merges(session, list(done.values()))
            session.flush()
            self._settle(session, {items[h].id: v for h, v in done.items()})

    def _write_down(
        self, done: dict[int, tuple[int, str, str, TaskRecord, TaskRecord | None]]
    ) -> None:
        with self.ctx.db.transaction() as session:
            for item_id, (_fid, etag, text, _task, _merged) in done.items():
                item = session.get(SyncItem, item_id)
                if item is not None:
                    item.etag, item.base_text, item.synced_at = etag, text, clock.now()
            self._apply_merges(session, list(done.values()))
            session.flush()
            self._settle(session, done)

    def _apply_merges(
        self, session: Session, done: list[tuple[int, str, str, TaskRecord, TaskRecord | None]]
    ) -> None:
        for fid, _etag, _text, _task, merged in done:
            followup = session.get(FollowUp, fid) if merged is not None else None
            if followup is not None and merged is not None:
                apply_task(followup, merged)

    def _settle(
        self, session: Session, done: dict[int, tuple[int, str, str, TaskRecord, TaskRecord | None]]
    ) -> None:
        now = local_tasks(session, [v[0] for v in done.values()])
        hashes = {}
        for item_id, (fid, _etag, _text, task, merged) in done.items():
            current = now.get(fid)
            if current is None:
                continue
            # Changed here while it was on the way: sent at the next run.
            behind = merged is None and task_hash(current) != task_hash(task)
            hashes[item_id] = task_hash(task) if behind else task_hash(current)
        settle_items(session, hashes)
        behind_ids = [
            i
            for i, (fid, *_rest, task, merged) in done.items()
            if merged is None and fid in now and task_hash(now[fid]) != task_hash(task)
        ]
        if behind_ids:
            from sqlalchemy import update

            from netdesk.services.sync.calendar_items import ITEMS

            session.execute(update(ITEMS).where(ITEMS.c.id.in_(behind_ids)).values(dirty=True))
