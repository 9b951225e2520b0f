"""Recognising the same person twice, and merging two contacts into one (undoably).

Matching goes from the surest sign to the weakest: the same vCard UID, the same email, the same
phone number (E.164), then a name that is the same or nearly so (rapidfuzz) with a compatible
organisation. Equal names are found by a dictionary; nearly equal ones only within a block (the
initials of the first and last word of the folded, sorted name, and the first letters of the
organisation), so matching stays linear however many people there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from netdesk.db import Database
from netdesk.models import (
    Attendance,
    Contact,
    ContactEmail,
    ContactPhone,
    FollowUp,
    Note,
    RegistrationStatus,
)
from netdesk.services import undo
from netdesk.services.change_tracking import mark_changed, refresh_search
from netdesk.services.contact_records import records_for
from netdesk.services.contact_rows import merge_into, merge_target_options, merged_note
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.text import fold

# A typo-level difference in a name ("Jon Smith" / "John Smith"), with the same organisation.
NAME_SIMILARITY = 90.0
ORGANISATION_SIMILARITY = 85.0
# Below this, two names with no word in common that share an email or phone are different
# people ("Bob Brown" and "Alice Smith" at info@acme.example).
SHARED_ADDRESS_NAME_SIMILARITY = 60.0


@dataclass(frozen=True)
class Keys:
    """What a person is recognised by."""

    uid: str
    emails: list[str]
    e164s: list[str]
    name: str
    organization: str
    # The numbers as written, beside e164s: a national number that cannot be put in E.164
    # form (no country known) still matches itself.
    phones: list[str] = field(default_factory=list)
    # Beside phones: the extension of each number, if any.
    extensions: list[str] = field(default_factory=list)

    def phone_keys(self) -> list[str]:
        values = self.phones or [""] * len(self.e164s)
        extensions = self.extensions or [""] * len(self.e164s)
        return [
            phone_match_key(e, v, x) for e, v, x in zip(self.e164s, values, extensions, strict=True)
        ]


def phone_match_key(e164: str, value: str, extension: str = "") -> str:
    """Two people on one switchboard differ by their extensions: those are part of the key."""
    if e164:
        key = e164
    else:
        digits = "".join(ch for ch in value if ch.isdigit())
        key = digits if len(digits) >= 7 else ""
    return f"{key};ext={extension}" if key and extension else key


def _cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def _full_name(key: str) -> bool:
    """More than one word, or a name written without spaces (Chinese, Japanese, Korean)."""
    return " " in key or (len(key) >= 2 and any(_cjk(ch) for ch in key))


@dataclass(frozen=True)
class Match:
    # A contact id (> 0), or -(n + 1) for the n-th person earlier in the same file.
    target: int
    reason: str


def name_key(name: str) -> str:
    return " ".join(sorted(fold(name).split()))


def _block(key: str, org: str) -> tuple[str, str]:
    """Where a nearly-equal name is looked for: the same initials of the first and last word
    and the same start of the organisation (a near match needs both organisations)."""
    words = key.split()
    return (f"{words[0][:1]}{words[-1][:1]}" if words else "", org[:3])


class Matcher:
    def __init__(self) -> None:
        self.uids: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        # Equal names by their key, the first person of each organisation (the others of that
        # name and organisation are that person again); nearly equal names by block.
        self.names: dict[str, dict[str, int]] = defaultdict(dict)
        self.similar: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
        self.with_email: set[int] = set()
        self.name_of: dict[int, str] = {}

    @classmethod
    def from_database(cls, conn: Connection) -> Matcher:
        matcher = cls()
        for cid, uid, name, org in conn.execute(
            select(Contact.id, Contact.uid, Contact.formatted_name, Contact.organization)
        ):
            matcher.uids.setdefault(uid, cid)
            matcher._add_name(cid, name, org)
        for cid, email in conn.execute(select(ContactEmail.contact_id, ContactEmail.value)):
            matcher.emails.setdefault(email.casefold(), cid)
            matcher.with_email.add(cid)
        for cid, e164, value, extension in conn.execute(
            select(
                ContactPhone.contact_id,
                ContactPhone.e164,
                ContactPhone.value,
                ContactPhone.extension,
            )
        ):
            key = phone_match_key(e164, value, extension)
            if key:
                matcher.phones.setdefault(key, cid)
        return matcher

    def _add_name(self, target: int, name: str, organization: str) -> None:
        key = name_key(name)
        self.name_of.setdefault(target, key)
        if key:
            org = fold(organization).strip()
            same = self.names[key]
            if org not in same:
                same[org] = target
                if org:
                    self.similar[_block(key, org)].append((target, key, org))

    def add(self, target: int, keys: Keys) -> None:
        if keys.uid:
            self.uids.setdefault(keys.uid, target)
        for email in keys.emails:
            self.emails.setdefault(email.casefold(), target)
        if keys.emails:
            self.with_email.add(target)
        for key in keys.phone_keys():
            if key:
                self.phones.setdefault(key, target)
        self._add_name(target, keys.name, keys.organization)

    def matches(self, keys: Keys) -> list[Match]:
        """Every earlier person these keys point at, surest first."""
        found: dict[int, str] = {}
        key = name_key(keys.name)
        if keys.uid and keys.uid in self.uids:
            found.setdefault(self.uids[keys.uid], "same UID")
        for email in keys.emails:
            target = self.emails.get(email.casefold())
            if target is not None and not self._other_person(key, target):
                found.setdefault(target, f"same email {email}")
        for phone in keys.phone_keys():
            target = self.phones.get(phone) if phone else None
            if target is not None and not self._other_person(key, target):
                found.setdefault(target, f"same phone {phone}")
        if key:
            org = fold(keys.organization).strip()
            candidates = [(t, key, o) for o, t in self.names.get(key, {}).items()]
            if org:
                candidates += self.similar.get(_block(key, org), ())
            for target, other_key, other_org in candidates:
                if target not in found:
                    reason = _name_reason(key, org, other_key, other_org)
                    # Namesakes who both have email addresses, none of them shared, are
                    # two people unless their organisation says otherwise.
                    weak = reason != "same name and organisation"
                    if reason and not (weak and keys.emails and target in self.with_email):
                        found[target] = reason
        return [Match(t, r) for t, r in found.items()]

    def _other_person(self, key: str, target: int) -> bool:
        """Two full names that have nothing in common sharing an address (info@, a front
        desk's phone) are two people, not one to merge."""
        other = self.name_of.get(target, "")
        if not (_full_name(key) and _full_name(other)) or set(key.split()) & set(other.split()):
            return False  # one word, or a word in common ("Bob Brown", "Robert Brown")
        return fuzz.token_sort_ratio(key, other) < SHARED_ADDRESS_NAME_SIMILARITY

    def match(self, keys: Keys) -> Match | None:
        found = self.matches(keys)
        return found[0] if found else None


def _name_reason(key: str, org: str, other_key: str, other_org: str) -> str:
    both_orgs = bool(org and other_org)
    if both_orgs and org != other_org and fuzz.ratio(org, other_org) < ORGANISATION_SIMILARITY:
        return ""  # namesakes at different organisations are different people
    if key == other_key:
        if both_orgs:
            return "same name and organisation"
        # One word is not enough to call two people one ("Ana").
        return "same name" if _full_name(key) else ""
    if both_orgs and fuzz.ratio(key, other_key) >= NAME_SIMILARITY:
        return "similar name, same organisation"
    return ""


@dataclass(frozen=True)
class DuplicateGroup:
    """People who look like one person; the first is the most complete, suggested to keep."""

    contact_ids: tuple[int, ...]
    names: tuple[str, ...]
    reason: str


_STATUS_RANK = {
    RegistrationStatus.CANCELLED.value: 0,
    RegistrationStatus.REGISTERED.value: 1,
    RegistrationStatus.CHECKED_IN.value: 2,
}


class DuplicateService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self) -> list[DuplicateGroup]:
        with self.db.Session() as session:
            conn = session.connection()
            emails: dict[int, list[str]] = defaultdict(list)
            for cid, value in conn.execute(select(ContactEmail.contact_id, ContactEmail.value)):
                emails[cid].append(value)
            phones: dict[int, list[str]] = defaultdict(list)
            for cid, e164, value, extension in conn.execute(
                select(
                    ContactPhone.contact_id,
                    ContactPhone.e164,
                    ContactPhone.value,
                    ContactPhone.extension,
                )
            ):
                phones[cid].append(phone_match_key(e164, value, extension))
            rows = conn.execute(
                select(
                    Contact.id,
                    Contact.formatted_name,
                    Contact.organization,
                    Contact.title,
                    Contact.note,
                    Contact.birthday,
                ).order_by(Contact.id)
            ).all()
        matcher = Matcher()
        parent: dict[int, int] = {}
        reasons: dict[int, str] = {}

        def root(i: int) -> int:
            while parent.get(i, i) != i:
                i = parent[i]
            return i

        for cid, name, org, *_ in rows:
            keys = Keys("", emails.get(cid, []), phones.get(cid, []), name, org)
            for m in matcher.matches(keys):
                a, b = root(m.target), root(cid)
                if a != b:
                    parent[b] = a
                    reasons.setdefault(a, m.reason)
            matcher.add(cid, keys)
        groups: dict[int, list[int]] = defaultdict(list)
        for cid, *_ in rows:
            groups[root(cid)].append(cid)
        info = {r[0]: r for r in rows}

        def completeness(cid: int) -> tuple[int, int]:
            _, _name, org, title, note, birthday = info[cid]
            filled = sum(1 for v in (org, title, note, birthday) if v)
            return (filled + len(emails.get(cid, [])) + len(phones.get(cid, [])), -cid)

        result = []
        for group_root, members in groups.items():
            if len(members) > 1:
                ordered = sorted(members, key=completeness, reverse=True)
                result.append(
                    DuplicateGroup(
                        tuple(ordered),
                        tuple(info[c][1] for c in ordered),
                        reasons.get(group_root, "same person"),
                    )
                )
        return sorted(result, key=lambda g: fold(g.names[0]))

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
        for model in (Note, FollowUp):
            session.execute(
                update(model).where(model.contact_id == other.id).values(contact_id=keep_id)
            )
        session.delete(other)
    session.flush()
    return snapshot
