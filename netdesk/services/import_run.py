"""One file's import inside its transaction: match, add in bulk, merge, attach to an event.

New people wait in a batch and go in with Core bulk inserts (with RETURNING for their ids);
merges into people already in the database go through the ORM one by one. Matching also sees
the people added earlier in the same file, so a file that lists someone twice adds them once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from netdesk.formats.records import AttendeeInfo, ContactRecord
from netdesk.models import (
    Attendance,
    Contact,
    ContactCardImage,
    Event,
    RegistrationStatus,
    Role,
    Tag,
    contact_tags,
    utcnow,
)
from netdesk.services.bulk import CHUNK, chunks, table_of
from netdesk.services.card_images import add_card_images, not_kept_yet
from netdesk.services.contact_cleaning import phone_key
from netdesk.services.contact_merging import merge_into, merge_records, merge_target_options
from netdesk.services.contact_rows import TagIds, child_rows, contact_row
from netdesk.services.errors import NotFoundError
from netdesk.services.event_import import event_named, import_events
from netdesk.services.import_plan import (
    Action,
    ImportCancelled,
    ImportPlan,
    ImportReport,
    OnDuplicate,
    PlanItem,
    Progress,
)
from netdesk.services.matching import Keys, Matcher
from netdesk.services.validation import default_region
from netdesk.store import mark_changed, refresh_search

BATCH = CHUNK
PROGRESS_EVERY = 200
_ROLES = {r.value for r in Role}
_STATUSES = {s.value for s in RegistrationStatus}


def keys_of(record: ContactRecord, region: str | None) -> Keys:
    return Keys(
        uid=record.uid,
        emails=[t.value for t in record.emails],
        e164s=[phone_key(t.value, region) for t in record.phones],
        name=record.formatted_name,
        organization=record.organization,
        phones=[t.value for t in record.phones],
        extensions=[t.extension for t in record.phones],
        source=record.source,
    )


def run_plan(
    session: Session,
    plan: ImportPlan,
    event_id: int | None,
    progress: Progress | None,
    dry_run: bool = False,
) -> ImportReport:
    """A preview's plan (with the user's choices) carried out inside the caller's transaction;
    the people go on `event_id`, or on the plan's new event."""
    report = ImportReport(file=plan.file, problems=list(plan.problems), dry_run=dry_run)
    into = event_id
    if into is None and plan.new_event_name.strip():
        into, report.event_created = event_named(session, plan.new_event_name)
    if plan.events:
        import_events(session, plan.events, report)
    run = ImportRun(session, into, report, progress, len(plan.items) + len(plan.events))
    run.expect_matches({i.match_id for i in plan.items if i.match_id is not None})
    run.late_duplicates = plan.late_duplicates
    for index, entry in enumerate(plan.items):
        run.handle_planned(index, entry)
    run.finish()
    return report


@dataclass
class _Pending:
    record: ContactRecord
    e164s: list[str]


class ImportRun:
    def __init__(
        self,
        session: Session,
        event_id: int | None,
        report: ImportReport,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.session = session
        self.conn = session.connection()
        self.report = report
        self.progress = progress
        self.total = total
        self.done = 0
        self.region = default_region()
        self.matcher = Matcher.from_database(self.conn)
        self.tags = TagIds(session)
        self.pending: dict[int, _Pending] = {}  # by pending number, waiting for the next insert
        self.next_pending = 0
        self.written: dict[int, int] = {}  # pending number -> contact id, once inserted
        self.event_id = event_id
        if event_id is not None:
            event = session.get(Event, event_id)
            if event is None:
                raise NotFoundError("The event to add people to no longer exists.")
            report.event_name = event.name
        self.attendees: dict[int, AttendeeInfo | None] = {}  # existing contact id -> info
        self.merges: list[tuple[int, ContactRecord, list[str]]] = []
        self.known_ids: set[int] | None = None  # of a plan's matches that still exist
        self.outcome: list[int | None] = []  # per plan item: where it went (see _target)
        self.late_duplicates: OnDuplicate | None = None  # see ImportPlan
        self._report_progress()

    # --- the two ways in -----------------------------------------------------------------

    def handle(self, record: ContactRecord, on_duplicate: OnDuplicate) -> None:
        """A person streamed from a file, with one rule for every duplicate."""
        keys = keys_of(record, self.region)
        found = self.matcher.match(keys)
        if found is None or on_duplicate is OnDuplicate.NEW:
            self._add(record, keys)
        elif found.possible and on_duplicate is not OnDuplicate.MERGE_LIKELY:
            # Only the name matches and other details differ: most likely a namesake.
            self._add(record, keys)
            self.report.possible_added += 1
        elif on_duplicate is OnDuplicate.SKIP:
            self.report.skipped += 1
            self._attend_existing(found.target, record)
        else:
            self._merge(found.target, record, keys)
        self._tick()

    def handle_planned(self, index: int, entry: PlanItem) -> None:
        """A person from a preview, with the action the user chose for them."""
        # A copy: merging later people of the file into this one must not change the plan,
        # which the user may apply again after cancelling.
        record = replace(
            entry.record,
            emails=list(entry.record.emails),
            phones=list(entry.record.phones),
            urls=list(entry.record.urls),
            addresses=list(entry.record.addresses),
            categories=list(entry.record.categories),
            extra_lines=list(entry.record.extra_lines),
            card_images=list(entry.record.card_images),
        )
        keys = keys_of(record, self.region)
        target = self._planned_target(entry)
        if entry.action is Action.SKIP:
            self.report.skipped += 1
            if target is not None:
                self._attend_existing(target, record)
            self.outcome.append(target)
        elif not entry.is_duplicate and self._late_duplicate(index, record, keys):
            pass
        elif entry.action is Action.ADD or target is None:
            self.outcome.append(self._add(record, keys))
            if entry.possible and entry.is_duplicate:
                self.report.possible_added += 1
        else:
            self._merge(target, record, keys)
            self.outcome.append(target)
        self._tick()

    def _late_duplicate(self, index: int, record: ContactRecord, keys: Keys) -> bool:
        """Whether someone the plan found new was saved since (the matcher reads this
        transaction's database): then merged or skipped by the plan's rule, not added twice."""
        rule = self.late_duplicates
        if rule is None or rule is OnDuplicate.NEW:
            return False
        found = self.matcher.match(keys)
        if found is None or (found.possible and rule is not OnDuplicate.MERGE_LIKELY):
            return False
        if rule is OnDuplicate.SKIP:
            self.report.skipped += 1
            self._attend_existing(found.target, record)
        else:
            self._merge(found.target, record, keys)
        self.outcome.append(found.target)
        name = self.session.scalar(select(Contact.formatted_name).where(Contact.id == found.target))
        action = Action.SKIP if rule is OnDuplicate.SKIP else Action.MERGE
        self.report.late[index] = (action, name or "")
        return True

    def expect_matches(self, contact_ids: set[int]) -> None:
        """Check at once which of a plan's matched contacts still exist."""
        self.known_ids = set()
        for chunk in chunks(sorted(contact_ids)):
            self.known_ids.update(
                self.conn.execute(select(Contact.id).where(Contact.id.in_(chunk))).scalars()
            )

    def _planned_target(self, entry: PlanItem) -> int | None:
        if entry.match_id is not None:
            if self.known_ids is None:
                self.expect_matches({entry.match_id})
            assert self.known_ids is not None
            return entry.match_id if entry.match_id in self.known_ids else None
        if entry.earlier is not None and entry.earlier < len(self.outcome):
            return self.outcome[entry.earlier]
        return None

    # --- adding, merging, attending --------------------------------------------------------

    def _add(self, record: ContactRecord, keys: Keys) -> int:
        if record.uid and record.uid in self.matcher.uids:
            # Added as another person on purpose: a UID names one contact only.
            record = replace(record, uid="")
            keys = replace(keys, uid="")
        number = self.next_pending
        self.next_pending += 1
        self.pending[number] = _Pending(record, list(keys.e164s))
        target = -(number + 1)
        self.matcher.add(target, keys)
        self.report.added += 1
        if len(self.pending) >= BATCH:
            self._flush()
        return target

    def _merge(self, target: int, record: ContactRecord, keys: Keys) -> None:
        """Into a contact already in the database, or into someone earlier in this file."""
        self.report.merged += 1
        self.matcher.add(target, keys)
        if target < 0:
            number = -target - 1
            waiting = self.pending.get(number)
            if waiting is not None:
                merge_records(waiting.record, waiting.e164s, record, list(keys.e164s))
                return
            target = self.written[number]
        # Merges wait for a batch: loading contacts one at a time made re-importing a file of
        # ten thousand people take a minute.
        self.merges.append((target, record, list(keys.e164s)))
        self._attend_existing(target, record)
        if len(self.merges) >= BATCH:
            self._apply_merges()

    def _apply_merges(self) -> None:
        if not self.merges:
            return
        merges, self.merges = self.merges, []
        ids = {target for target, _, _ in merges}
        contacts = {
            c.id: c
            for c in self.session.scalars(
                select(Contact).where(Contact.id.in_(ids)).options(*merge_target_options())
            )
        }
        tag_ids = {id(r): self.tags.ids_for(r.categories) for _, r, _ in merges}
        wanted = {i for ids_ in tag_ids.values() for i in ids_}
        tags = {t.id: t for t in self.session.scalars(select(Tag).where(Tag.id.in_(wanted)))}
        for target, record, e164s in merges:
            contact = contacts.get(target)
            if contact is None:  # deleted meanwhile by someone else on a shared database
                self.report.merged -= 1
                self._add(record, keys_of(record, self.region))
                continue
            merge_into(self.session, contact, record, e164s, [tags[i] for i in tag_ids[id(record)]])
            # A second card (a new job): kept beside the earlier ones; the same photo scanned
            # again gives the very same picture, kept once.
            fresh = not_kept_yet(self.session, target, record.card_images)
            add_card_images(self.session, target, fresh)
        self.session.flush()

    def _attend_existing(self, target: int, record: ContactRecord) -> None:
        if self.event_id is None:
            return
        if target < 0:
            number = -target - 1
            if number in self.pending:
                return  # attends through its own (first) record when it is inserted
            target = self.written[number]
        self.attendees[target] = record.attendee or self.attendees.get(target)

    # --- writing ---------------------------------------------------------------------------

    def _flush(self) -> None:
        if not self.pending:
            return
        numbers = list(self.pending)
        waiting = [self.pending[n] for n in numbers]
        contacts = table_of(Contact)
        ids = list(
            self.session.execute(
                insert(contacts).returning(contacts.c.id, sort_by_parameter_order=True),
                [contact_row(p.record) for p in waiting],
            ).scalars()
        )
        rows: dict[Any, list[dict[str, Any]]] = {}
        links: list[dict[str, Any]] = []
        attendances: list[dict[str, Any]] = []
        for number, contact_id, p in zip(numbers, ids, waiting, strict=True):
            self.written[number] = contact_id
            for model, child in child_rows(contact_id, p.record, p.e164s).items():
                rows.setdefault(model, []).extend(child)
            rows.setdefault(ContactCardImage, []).extend(_card_image_rows(contact_id, p.record))
            links.extend(
                {"contact_id": contact_id, "tag_id": tag_id}
                for tag_id in self.tags.ids_for(p.record.categories)
            )
            if self.event_id is not None:
                attendances.append(
                    {"event_id": self.event_id, "contact_id": contact_id, **_attendance(p)}
                )
        for model, child in rows.items():
            if child:
                self.session.execute(insert(table_of(model)), child)
        if links:
            self.session.execute(insert(contact_tags), links)
        if attendances:
            self.session.execute(insert(table_of(Attendance)), attendances)
            self.report.attached += len(attendances)
        refresh_search(self.session, set(ids))
        mark_changed(self.session, "contacts", "tags", "attendances")
        self.pending.clear()

    def finish(self) -> None:
        self._flush()
        self._apply_merges()
        self._flush()  # people a merge found deleted meanwhile were added instead
        if self.event_id is not None and self.attendees:
            existing = {
                a.contact_id: a
                for a in self.session.scalars(
                    select(Attendance).where(
                        Attendance.event_id == self.event_id,
                        Attendance.contact_id.in_(list(self.attendees)),
                    )
                )
            }
            for contact_id, info in self.attendees.items():
                a = existing.get(contact_id)
                if a is None:
                    a = Attendance(event_id=self.event_id, contact_id=contact_id)
                    self.session.add(a)
                    self.report.attached += 1
                if info is not None:
                    a.role = info.role if info.role in _ROLES else a.role or Role.ATTENDEE.value
                    if info.status in _STATUSES:
                        a.status = info.status
                    if info.note and info.note not in (a.notes or ""):
                        a.notes = f"{a.notes}\n{info.note}".strip()
            self.session.flush()
        if self.progress is not None and not self.progress(self.total, self.total):
            raise ImportCancelled

    def _tick(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self._report_progress()

    def _report_progress(self) -> None:
        if self.progress is not None:
            self.total = max(self.total, self.done)
            if not self.progress(self.done, self.total):
                raise ImportCancelled


def _card_image_rows(contact_id: int, record: ContactRecord) -> list[dict[str, Any]]:
    now = utcnow()  # one time for the sides of one card (see card_images.add_card_images)
    return [
        {
            "contact_id": contact_id,
            "created_at": now,
            "position": i,
            "image": image.data,
            "mime": image.mime or "image/jpeg",
            "source": image.source[:255],
        }
        for i, image in enumerate(record.card_images)
    ]


def _attendance(p: _Pending) -> dict[str, Any]:
    info = p.record.attendee
    if info is None:
        return {"role": Role.ATTENDEE.value, "status": RegistrationStatus.REGISTERED.value}
    return {
        "role": info.role if info.role in _ROLES else Role.ATTENDEE.value,
        "status": info.status if info.status in _STATUSES else RegistrationStatus.REGISTERED.value,
        "notes": info.note,
    }
