"""Finding people listed twice, and merging two contacts into one (undoably).

Who looks like whom is services/matching.py's; here the matches among the contacts become
groups: the sure ones to merge, the possible ones (a name shared while other details differ) to
review one by one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netdesk.models import (
    Attendance,
    Contact,
    ContactEmail,
    EmailDraft,
    FollowUp,
    Note,
    RegistrationStatus,
)
from netdesk.services import undo
from netdesk.services.contact_merging import merge_into, merge_target_options, merged_note
from netdesk.services.contact_records import records_for
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.matching import Keys, Matcher, stored_phone_keys
from netdesk.services.merge_links import move_followthrough
from netdesk.store import Database, mark_changed, refresh_search
from netdesk.text import fold


@dataclass(frozen=True)
class DuplicateGroup:
    """People who look like one person; the first is the most complete, suggested to keep."""

    contact_ids: tuple[int, ...]
    names: tuple[str, ...]
    reason: str
    # Only a name in common while emails, phones or UIDs differ: perhaps one person, perhaps
    # namesakes. Listed for review, merged only group by group on request.
    possible: bool = False


class _Links:
    """Sure links make the groups to merge. Possible links join those groups (and people on
    their own) into larger groups to review, listed besides: someone surely listed twice is
    merged by Merge all even when a namesake of theirs is in doubt."""

    def __init__(self) -> None:
        self.sure: dict[int, int] = {}
        self.loose: dict[int, int] = {}
        self.reasons: dict[int, str] = {}
        self.doubts: list[tuple[int, int, str]] = []

    @staticmethod
    def _root(parent: dict[int, int], i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    def link(self, a: int, b: int, reason: str, possible: bool) -> None:
        if possible:
            self.doubts.append((a, b, reason))
            return
        ra, rb = self._root(self.sure, a), self._root(self.sure, b)
        if ra != rb:
            self.sure[rb] = ra
            self.reasons.setdefault(ra, reason)

    def groups(self, ids: list[int]) -> list[tuple[list[int], str, bool]]:
        """(members, reason, possible) of every group of two people or more."""
        doubt_reason: dict[int, str] = {}
        for a, b, reason in self.doubts:
            ra = self._root(self.loose, self._root(self.sure, a))
            rb = self._root(self.loose, self._root(self.sure, b))
            if ra != rb:
                self.loose[rb] = ra
                doubt_reason.setdefault(ra, doubt_reason.pop(rb, reason))
        sure: dict[int, list[int]] = defaultdict(list)
        loose: dict[int, list[int]] = defaultdict(list)
        for cid in ids:
            root = self._root(self.sure, cid)
            sure[root].append(cid)
            loose[self._root(self.loose, root)].append(cid)
        found = [
            (group, self.reasons.get(root, "same person"), False)
            for root, group in sure.items()
            if len(group) > 1
        ]
        found += [
            (group, doubt_reason[top], True) for top, group in loose.items() if top in doubt_reason
        ]
        return found


_STATUS_RANK = {
    RegistrationStatus.CANCELLED.value: 0,
    RegistrationStatus.REGISTERED.value: 1,
    RegistrationStatus.CHECKED_IN.value: 2,
}


class DuplicateService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self) -> list[DuplicateGroup]:
        """The groups of people who look like one person: the sure ones first, then the
        possible ones (to review; never merged all at once)."""
        with self.db.Session() as session:
            conn = session.connection()
            emails: dict[int, list[str]] = defaultdict(list)
            for cid, value in conn.execute(select(ContactEmail.contact_id, ContactEmail.value)):
                emails[cid].append(value)
            phones: dict[int, list[str]] = defaultdict(list)
            for cid, key in stored_phone_keys(conn):
                phones[cid].append(key)
            rows = conn.execute(
                select(
                    Contact.id,
                    Contact.formatted_name,
                    Contact.organization,
                    Contact.title,
                    Contact.note,
                    Contact.birthday,
                    Contact.uid,
                    Contact.source,
                ).order_by(Contact.id)
            ).all()
        links = _Links()
        matcher = Matcher()
        for cid, name, org, _title, _note, _birthday, uid, source in rows:
            keys = Keys(uid, emails.get(cid, []), phones.get(cid, []), name, org, source=source)
            found = matcher.matches(keys)
            for m in found:
                # Like an import, a name alone joins one person only (the surest): a John
                # Smith without an email does not make all the John Smiths one.
                doubt = m.possible or (m.by_name and m is not found[0])
                links.link(m.target, cid, m.reason, doubt)
                if not doubt:
                    # As an import would merge them: what this one holds counts as that
                    # person's when a later namesake is compared with them.
                    matcher.add(m.target, keys)
                    matcher.joined.add(cid)
            matcher.add(cid, keys)
        info = {r[0]: r for r in rows}

        def completeness(cid: int) -> tuple[int, int]:
            _, _name, org, title, note, birthday, *_ = info[cid]
            filled = sum(1 for v in (org, title, note, birthday) if v)
            return (filled + len(emails.get(cid, [])) + len(phones.get(cid, [])), -cid)

        result = []
        for members, reason, possible in links.groups([r[0] for r in rows]):
            ordered = sorted(members, key=completeness, reverse=True)
            names = tuple(info[c][1] for c in ordered)
            result.append(DuplicateGroup(tuple(ordered), names, reason, possible))
        return sorted(result, key=lambda g: (g.possible, fold(g.names[0])))

    def merge(self, keep_id: int, other_ids: list[int]) -> undo.Snapshot:
        """Fold the others into the kept contact and delete them, in one transaction."""
        others = _others_of(keep_id, other_ids)
        self.db.backup_before("merge", 1 + len(others))
        with self.db.transaction() as session:
            snapshot = _merge_group(session, keep_id, others, capture=True)
            assert snapshot is not None
            mark_changed(session, "contacts", "notes", "followups", "attendances")
            refresh_search(session, {keep_id})
            session.flush()
            snapshot.rows.insert(
                0,
                (
                    "delete:contacts",
                    [{"id": keep_id, "fingerprint": undo.fingerprint(session, keep_id)}],
                ),
            )
            return snapshot

    def merge_groups(self, groups: Sequence[Sequence[int]]) -> int:
        """Merge every group into its first contact, all groups in ONE transaction: an
        interruption (a crash, a kill, a full disk) leaves either none or all of them merged.

        Not undoable (no snapshot is taken: the command line has no undo); returns how many
        contacts were merged away.
        """
        plan = [(group[0], _others_of(group[0], list(group[1:]))) for group in groups if group]
        seen: set[int] = set()
        for keep_id, others in plan:
            members = {keep_id, *others}
            if members & seen:
                raise ValidationError(
                    {"contacts": "A person can be merged in one group only; the groups overlap."}
                )
            seen |= members
        if not plan:
            return 0
        self.db.backup_before("merge", len(seen))
        with self.db.transaction() as session:
            for keep_id, others in plan:
                _merge_group(session, keep_id, others, capture=False)
            mark_changed(session, "contacts", "notes", "followups", "attendances")
            refresh_search(session, {keep_id for keep_id, _ in plan})
            session.flush()
        return sum(len(others) for _, others in plan)

    def restore(self, snapshot: undo.Snapshot) -> None:
        with self.db.transaction() as session:
            undo.restore(session, snapshot)


def _move_attendances(session: Session, keep_id: int, other_id: int) -> None:
    kept = {
        a.event_id: a
        for a in session.scalars(select(Attendance).where(Attendance.contact_id == keep_id))
    }
    for a in session.scalars(select(Attendance).where(Attendance.contact_id == other_id)):
        mine = kept.get(a.event_id)
        if mine is None:
            a.contact_id = keep_id
            continue
        mine.met = mine.met or a.met
        mine.badge_printed = mine.badge_printed or a.badge_printed
        mine.notes = merged_note(mine.notes, a.notes)
        if _STATUS_RANK.get(a.status, 0) > _STATUS_RANK.get(mine.status, 0):
            mine.status = a.status
        if mine.role == "attendee":
            mine.role = a.role
        session.delete(a)
    session.flush()


def _others_of(keep_id: int, other_ids: list[int]) -> list[int]:
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise ValidationError({"contacts": "Choose at least two people to merge."})
    return others


def _merge_group(
    session: Session, keep_id: int, others: list[int], capture: bool
) -> undo.Snapshot | None:
    """Fold `others` into `keep_id` inside the caller's transaction; the snapshot of every row
    touched when `capture` (for undo)."""
    keep = session.get(Contact, keep_id, options=merge_target_options())
    people = session.scalars(select(Contact).where(Contact.id.in_(others))).all()
    if keep is None or len(people) != len(others):
        raise NotFoundError("Some of those people no longer exist.")
    snapshot = None
    if capture:
        label = f"Merge {len(others) + 1} people into {keep.formatted_name}"
        snapshot = undo.capture_contact(session, [keep_id, *others], label)
    conn = session.connection()
    for other, record in zip(people, records_for(conn, [p.id for p in people]), strict=True):
        merge_into(session, keep, record, [p.e164 for p in other.phones], list(other.tags))
        keep.is_me = keep.is_me or other.is_me
        _move_attendances(session, keep_id, other.id)
        for model in (Note, FollowUp, EmailDraft):
            session.execute(
                update(model).where(model.contact_id == other.id).values(contact_id=keep_id)
            )
        move_followthrough(session, keep_id, other.id)
        session.delete(other)
    session.flush()
    return snapshot
