"""Recognising the same person twice: whom a card or a contact points at, and how sure that is.

Matching goes from the surest sign to the weakest: the same vCard UID, the same email, the same
phone number (E.164), then a name that is the same or nearly so (rapidfuzz) with a compatible
organisation. Equal names are found by a dictionary; nearly equal ones only within a block (the
initials of the first and last word of the folded, sorted name, and the first letters of the
organisation), so matching stays linear however many people there are.

A UID, an email or a phone number shared is the same person. A name alone is only as good as
what else the two sides say: when something contradicts it, the match is only *possible* (a
conference's attendee list has several Maria Müllers at Acme, each with her own address):
- both sides have email addresses and none is shared, or
- both sides have phone numbers and none is shared, or
- both have a UID from the same kind of source (two vCards) and they differ.
A nearly equal name that such details contradict is not even a possible match. A side that
says nothing (no email, a LinkedIn row without one) contradicts nothing: the same name (and
organisation) is the same person then, so re-importing such a file merges again.
A UID netdesk made up itself (for a card that had none) says nothing either.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import Connection, select

from netdesk.models import Contact, ContactEmail, ContactPhone
from netdesk.text import fold

# A typo-level difference in a name ("Jon Smith" / "John Smith"), with the same organisation.
NAME_SIMILARITY = 90.0
ORGANISATION_SIMILARITY = 85.0
# Below this, two names with no word in common that share an email or phone are different
# people ("Bob Brown" and "Alice Smith" at info@acme.example).
SHARED_ADDRESS_NAME_SIMILARITY = 60.0
# Where netdesk makes the UID up itself (models.contact.new_uid): such a UID tells nothing about
# the person, so it is never evidence that two namesakes differ.
UNSOURCED = frozenset({"", "manual", "capture", "import"})
_MADE_UP_UID = re.compile(
    r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)


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
    # Where the person comes from ("vcard", "linkedin", "manual"...): UIDs of the same kind
    # of source that differ are two people.
    source: str = ""

    def phone_keys(self) -> list[str]:
        values = self.phones or [""] * len(self.e164s)
        extensions = self.extensions or [""] * len(self.e164s)
        return [
            phone_match_key(e, v, x) for e, v, x in zip(self.e164s, values, extensions, strict=True)
        ]

    def uid_kind(self) -> str:
        """The kind of source whose UID this is, or "" when the UID says nothing."""
        if not self.uid or self.source in UNSOURCED or _MADE_UP_UID.fullmatch(self.uid):
            return ""
        return self.source


def phone_match_key(e164: str, value: str, extension: str = "") -> str:
    """Two people on one switchboard differ by their extensions: those are part of the key."""
    if e164:
        key = e164
    else:
        digits = "".join(ch for ch in value if ch.isdigit())
        key = digits if len(digits) >= 7 else ""
    return f"{key};ext={extension}" if key and extension else key


def stored_phone_keys(conn: Connection) -> Iterator[tuple[int, str]]:
    """(contact id, `phone_match_key`) for every stored phone number; "" for a number too
    short to tell anyone by."""
    for cid, e164, value, extension in conn.execute(
        select(
            ContactPhone.contact_id,
            ContactPhone.e164,
            ContactPhone.value,
            ContactPhone.extension,
        )
    ):
        yield cid, phone_match_key(e164, value, extension)


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
    # A name that matches while other details differ: perhaps the same person, perhaps not.
    # Never merged without someone saying so.
    possible: bool = False
    # Found by the name alone (not a UID, an email or a phone number).
    by_name: bool = False


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
        # Everyone by name key, with their organisation: namesakes told apart by their emails
        # or UIDs are several people, and a card that says only the name may be any of them.
        self.named: dict[str, dict[int, str]] = defaultdict(dict)
        # People known to be someone earlier (Find duplicates links them surely): no namesake
        # of their own.
        self.joined: set[int] = set()
        self.name_of: dict[int, str] = {}
        # What each person is known by, to tell a namesake from the same person.
        self.emails_of: dict[int, set[str]] = defaultdict(set)
        self.phones_of: dict[int, set[str]] = defaultdict(set)
        self.uid_kinds_of: dict[int, set[str]] = defaultdict(set)

    @classmethod
    def from_database(cls, conn: Connection) -> Matcher:
        matcher = cls()
        for cid, uid, name, org, source in conn.execute(
            select(
                Contact.id,
                Contact.uid,
                Contact.formatted_name,
                Contact.organization,
                Contact.source,
            ).order_by(Contact.id)
        ):
            matcher.uids.setdefault(uid, cid)
            matcher._add_name(cid, name, org)
            kind = Keys(uid, [], [], "", "", source=source).uid_kind()
            if kind:
                matcher.uid_kinds_of[cid].add(kind)
        for cid, email in conn.execute(select(ContactEmail.contact_id, ContactEmail.value)):
            matcher.emails.setdefault(email.casefold(), cid)
            matcher.emails_of[cid].add(email.casefold())
        for cid, key in stored_phone_keys(conn):
            if key:
                matcher.phones.setdefault(key, cid)
                matcher.phones_of[cid].add(key)
        return matcher

    def _add_name(self, target: int, name: str, organization: str) -> None:
        key = name_key(name)
        self.name_of.setdefault(target, key)
        if key:
            org = fold(organization).strip()
            self.named[key].setdefault(target, org)
            same = self.names[key]
            if org not in same:
                same[org] = target
                if org:
                    self.similar[_block(key, org)].append((target, key, org))

    def add(self, target: int, keys: Keys) -> None:
        """Remember these keys as `target`'s (a new person, or more of someone merged)."""
        if keys.uid:
            self.uids.setdefault(keys.uid, target)
        kind = keys.uid_kind()
        if kind:
            self.uid_kinds_of[target].add(kind)
        for email in keys.emails:
            self.emails.setdefault(email.casefold(), target)
            self.emails_of[target].add(email.casefold())
        for key in keys.phone_keys():
            if key:
                self.phones.setdefault(key, target)
                self.phones_of[target].add(key)
        self._add_name(target, keys.name, keys.organization)

    def matches(self, keys: Keys) -> list[Match]:
        """Every earlier person these keys point at: the sure matches first (surest first),
        then the possible ones."""
        found: dict[int, str] = {}
        doubtful: dict[int, str] = {}
        by_name: list[int] = []
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
            same = self.names.get(key, {})
            # The namesake at the same organisation first: the one an import merges into.
            candidates = [(same[org], key, org)] if org in same else []
            candidates += [(t, key, o) for o, t in same.items() if o != org]
            if org:
                candidates += self.similar.get(_block(key, org), ())
            for target, other_key, other_org in candidates:
                if target in found or target in doubtful:
                    continue
                reason = _name_reason(key, org, other_key, other_org)
                if not reason:
                    continue
                differs = self._differences(keys, target)
                if differs:
                    # Only an equal name makes a possible duplicate: a nearly equal one that
                    # other details contradict is someone else ("Jon Smith" at Initech).
                    if other_key == key:
                        doubtful[target] = f"{reason}, but different {differs}"
                else:
                    found[target] = reason
                    by_name.append(target)
        tied = self._namesakes(keys, key, found) if len(by_name) == len(found) else []
        if len(tied) > 1:
            # Nothing but the name points at them, and it points as well at several people:
            # merging into the first would be a guess that joins two people's details. Only
            # one known by nothing but this name is as sure as before: a card that says no
            # more is that person (a file of names alone, imported again, merges again).
            bare = [t for t in tied if self._known_by_name_only(t)]
            if len(bare) == 1:
                reason = found.get(bare[0]) or next(iter(found.values()))
                found = {bare[0]: reason, **{t: r for t, r in found.items() if t != bare[0]}}
                by_name = list(found)
            else:
                for target in by_name:
                    doubtful[target] = f"{found.pop(target)}, as another person here has"
                by_name = []
        named = len(found) - len(by_name)
        return [Match(t, r, by_name=i >= named) for i, (t, r) in enumerate(found.items())] + [
            Match(t, r, possible=True, by_name=True) for t, r in doubtful.items()
        ]

    def _namesakes(self, keys: Keys, key: str, found: dict[int, str]) -> list[int]:
        """Everyone the name matches as well as the first found does (the same organisation
        too, or neither side has one) with nothing that contradicts these keys: looked for
        only once the name alone has matched."""
        if not found:
            return []
        org = fold(keys.organization).strip()
        best = next(iter(found.values()))
        tied = [t for t, reason in found.items() if reason == best]
        for target, other_org in self.named.get(key, {}).items():
            if target in found or target in self.joined:
                continue
            if _name_reason(key, org, key, other_org) == best and not self._differences(
                keys, target
            ):
                tied.append(target)
        return tied

    def _known_by_name_only(self, target: int) -> bool:
        return not (
            self.emails_of.get(target)
            or self.phones_of.get(target)
            or self.uid_kinds_of.get(target)
        )

    def _differences(self, keys: Keys, target: int) -> str:
        """What says that a namesake is someone else ("email addresses and phone numbers"),
        or "" when nothing does."""
        said = []
        kind = keys.uid_kind()
        if kind and kind in self.uid_kinds_of.get(target, ()) and self.uids.get(keys.uid) != target:
            said.append("UIDs")
        emails = {e.casefold() for e in keys.emails}
        theirs = self.emails_of.get(target)
        if emails and theirs and not emails & theirs:
            said.append("email addresses")
        phones = {p for p in keys.phone_keys() if p}
        their_phones = self.phones_of.get(target)
        if phones and their_phones and not phones & their_phones:
            said.append("phone numbers")
        if len(said) < 3:
            return " and ".join(said)
        return f"{said[0]}, {said[1]} and {said[2]}"

    def _other_person(self, key: str, target: int) -> bool:
        """Two full names that have nothing in common sharing an address (info@, a front
        desk's phone) are two people, not one to merge."""
        other = self.name_of.get(target, "")
        if not (_full_name(key) and _full_name(other)) or set(key.split()) & set(other.split()):
            return False  # one word, or a word in common ("Bob Brown", "Robert Brown")
        return fuzz.token_sort_ratio(key, other) < SHARED_ADDRESS_NAME_SIMILARITY

    def match(self, keys: Keys) -> Match | None:
        """The person these keys are surely, else the one they possibly are, else None."""
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
