"""A realistic sample address book for `netdesk demo`, newcomers' first look and benchmarks.

Everything is written with Core bulk inserts in one transaction, with ids assigned here (after
the current maximum) so that child rows can point at their parents without a round trip: the
ORM would take about ten times longer for 100,000 people (DESIGN.md, "Measured").
"""

from __future__ import annotations

import gc
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import Any, cast
from zoneinfo import ZoneInfo

import phonenumbers
from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.orm import Session

from netdesk import search_index
from netdesk.db import Database
from netdesk.models import (
    Attendance,
    Base,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactUrl,
    Event,
    EventKind,
    FollowUp,
    Note,
    NoteTopic,
    RegistrationStatus,
    Role,
    Tag,
    contact_tags,
    event_tags,
)
from netdesk.services import demo_names as words
from netdesk.services.change_tracking import mark_changed
from netdesk.text import fold, sort_key_for_name

Progress = Callable[[int, int], None]

# People written per round trip; also how often progress is reported.
BATCH = 2000
SOURCE = "demo"

_ROLES = (Role.ATTENDEE, Role.SPEAKER, Role.ORGANISER, Role.SPONSOR, Role.EXHIBITOR, Role.STAFF)
_ROLE_WEIGHTS = tuple(accumulate((80, 8, 4, 3, 2, 3)))
_EVENTS_PER_PERSON = tuple(accumulate((55, 30, 15)))
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


class _Due:
    """Where a follow-up lands in the queue relative to `today`."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"
    DONE = "done"
    ALL = (OVERDUE, TODAY, THIS_WEEK, LATER, DONE)
    WEIGHTS = tuple(accumulate((25, 8, 22, 20, 25)))


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo added."""

    contacts: int
    events: int
    attendances: int
    notes: int
    followups: int
    # Tags created (existing tags with the same name are reused, not counted).
    tags: int


def generate_demo(
    db: Database,
    people: int = 150,
    events: int = 6,
    seed: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add `people` contacts (one of them the user's own card, unless there is one already)
    and `events` events around `today`, with attendances, notes, follow-ups and tags.

    The same seed gives the same names, events and notes; uids are always fresh so that a second
    run adds to the database instead of clashing with the first.
    """
    if people < 0 or events < 0:
        raise ValueError("people and events must not be negative")
    real_today = date.today()
    today = today or real_today
    # Noon keeps "now" on `today` in every time zone the user may be in.
    now = (
        datetime.now(UTC).replace(microsecond=0)
        if today == real_today
        else datetime.combine(today, time(12), UTC)
    )
    with _collector_paused(), db.transaction() as session:
        builder = _DemoBuilder(session, random.Random(seed), today, now, people + events, progress)
        summary = builder.build(people, events)
        mark_changed(session, "contacts", "events", "attendances", "notes", "followups", "tags")
    return summary


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Millions of short-lived dicts make the cyclic collector cost 30% or more (DESIGN.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _EventInfo:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    local_day: date
    past: bool
    size: int


@dataclass
class _Rows:
    """Rows waiting for the next bulk insert, parents before children."""

    tags: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    emails: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    urls: list[dict[str, Any]] = field(default_factory=list)
    contact_tags: list[dict[str, Any]] = field(default_factory=list)
    attendances: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)

    def in_insert_order(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (_table(Tag), self.tags),
            (_table(Contact), self.contacts),
            (_table(ContactEmail), self.emails),
            (_table(ContactPhone), self.phones),
            (_table(ContactUrl), self.urls),
            (contact_tags, self.contact_tags),
            (_table(Attendance), self.attendances),
            (_table(Note), self.notes),
            (_table(FollowUp), self.followups),
        ]


_ID_TABLES: tuple[Any, ...] = (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactUrl,
    Event,
    Attendance,
    Note,
    FollowUp,
    Tag,
)


class _Ids:
    """Hands out primary keys after the largest one already in each table."""

    def __init__(self, conn: Connection) -> None:
        self._next: dict[str, int] = {}
        self._first: dict[str, int] = {}
        for model in _ID_TABLES:
            table = model.__tablename__
            start = (conn.execute(select(func.max(model.id))).scalar() or 0) + 1
            self._next[table] = self._first[table] = start

    def take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def used(self) -> dict[str, int]:
        """The largest id handed out per table, for tables that got any."""
        return {t: n - 1 for t, n in self._next.items() if n > self._first[t]}


class _Slots(dict[str, str]):
    """Fills `{tech}`, `{city}`, ... in a template with a fresh random pick for each."""

    def __init__(self, rng: random.Random, event_name: str = "") -> None:
        super().__init__()
        self._rng = rng
        self._event_name = event_name

    def __missing__(self, key: str) -> str:
        rng = self._rng
        if key == "tech":
            return rng.choice(words.TECH)
        if key == "city":
            return rng.choice(words.CITIES)
        if key == "domain":
            return rng.choice(words.DOMAINS)
        if key == "problem":
            return rng.choice(words.PROBLEMS)
        if key == "org":
            return rng.choice(words.ORGANISATIONS).name
        if key == "conference":
            return rng.choice(words.CONFERENCES)
        if key == "event":
            return self._event_name
        if key == "name":
            culture = rng.choice(words.CULTURES)
            given = rng.choice(culture.female if rng.random() < 0.5 else culture.male)
            return f"{given} {rng.choice(culture.family).split('/')[0]}"
        raise KeyError(key)


def _fill(rng: random.Random, template: str, event_name: str = "") -> str:
    return template.format_map(_Slots(rng, event_name)) if "{" in template else template


class _Phones:
    """Valid numbers for a region, varied from phonenumbers' example number for it."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._templates: dict[tuple[str, int], phonenumbers.PhoneNumber] = {}

    def make(self, region: str, kind: int = phonenumbers.PhoneNumberType.MOBILE) -> tuple[str, str]:
        """(international form, E.164 form) of a valid number in `region`."""
        template = self._templates.get((region, kind))
        if template is None:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                raise ValueError(f"phonenumbers has no example number for {region}")
            template = self._templates[(region, kind)] = example
        national = str(template.national_number)
        number = template
        # Keeping two leading digits spreads numbers over the region's mobile prefixes; three
        # (nearly) always stays inside a valid range. The example itself is the last resort.
        for attempt in range(12):
            keep = 2 if attempt < 4 else 3
            free = len(national) - keep
            digits = national[:keep] + str(self._rng.randrange(10**free)).zfill(free)
            candidate = phonenumbers.PhoneNumber(
                country_code=template.country_code,
                national_number=int(digits),
                italian_leading_zero=template.italian_leading_zero,
            )
            if phonenumbers.is_valid_number(candidate):
                number = candidate
                break
        return (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        )


def _email_part(name: str, umlauts: bool, cache: dict[tuple[str, bool], str]) -> str:
    key = (name, umlauts)
    part = cache.get(key)
    if part is None:
        source = name.translate(_UMLAUTS) if umlauts else name
        part = "".join(ch for ch in fold(source) if ch.isascii() and ch.isalnum())
        cache[key] = part
    return part


class _DemoBuilder:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        today: date,
        now: datetime,
        total: int,
        progress: Progress | None,
    ) -> None:
        self.session = session
        self.conn = session.connection()
        self.rng = rng
        self.today = today
        self.now = now
        self.total = total
        self.done = 0
        self.progress = progress
        self.ids = _Ids(self.conn)
        self.phones = _Phones(rng)
        self.rows = _Rows()
        self.tag_ids: dict[str, int] = dict(self.conn.execute(select(Tag.key, Tag.id)).all())
        self.tags_created = 0
        self.counts = {"contacts": 0, "attendances": 0, "notes": 0, "followups": 0}
        self.events: list[_EventInfo] = []
        self.event_weights: list[int] = []
        self.used_emails: set[str] = set()
        self.email_parts: dict[tuple[str, bool], str] = {}
        self.culture_weights = tuple(accumulate(c.weight for c in words.CULTURES))
        self.forced_buckets = list(_Due.ALL)
        rng.shuffle(self.forced_buckets)

    # -- the whole run -------------------------------------------------------------------------

    def build(self, people: int, events: int) -> DemoSummary:
        self._report()
        self._make_events(events)
        self.done += events
        self._report()
        has_me = self.conn.execute(select(Contact.id).where(Contact.is_me.is_(True))).first()
        batch_ids: list[int] = []
        for index in range(people):
            if index == 0 and has_me is None:
                batch_ids.append(self._make_me())
            else:
                batch_ids.append(self._make_person())
            if len(batch_ids) >= BATCH:
                self._flush(batch_ids)
                batch_ids = []
        self._flush(batch_ids)
        self._fix_sequences()
        return DemoSummary(
            contacts=self.counts["contacts"],
            events=len(self.events),
            attendances=self.counts["attendances"],
            notes=self.counts["notes"],
            followups=self.counts["followups"],
            tags=self.tags_created,
        )

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _flush(self, contact_ids: list[int]) -> None:
        for table, rows in self.rows.in_insert_order():
            if rows:
                self.session.execute(insert(table), rows)
        self.rows = _Rows()
        if contact_ids:
            search_index.refresh(self.conn, contact_ids)
            self.done += len(contact_ids)
            self._report()

    def _fix_sequences(self) -> None:
        """PostgreSQL's id sequences do not see explicit ids; move them past ours."""
        if self.conn.dialect.name != "postgresql":
            return
        for table, last in self.ids.used().items():
            self.conn.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                {"table": table, "last": last},
            )

    def _tag_id(self, name: str) -> int:
        key = fold(name)
        tag_id = self.tag_ids.get(key)
        if tag_id is None:
            tag_id = self.ids.take("tags")
            self.tag_ids[key] = tag_id
            self.rows.tags.append({"id": tag_id, "name": name, "key": key})
            self.tags_created += 1
        return tag_id

    # -- events --------------------------------------------------------------------------------

    def _make_events(self, count: int) -> None:
        if count == 0:
            return
        rng = self.rng
        upcoming = round(count * rng.uniform(0.34, 0.5)) if count > 1 else 0
        past = count - upcoming
        # The newest past event is recent and the next one soon, so that Today has something.
        past_window = min(3650, max(120, past * 6))
        future_window = min(730, max(60, upcoming * 3))
        offsets = [-rng.randint(2, 14)] + [-rng.randint(3, past_window) for _ in range(past - 1)]
        if upcoming:
            offsets += [rng.randint(2, 10)]
            offsets += [rng.randint(3, future_window) for _ in range(upcoming - 1)]
        offsets = offsets[:count]
        offsets.sort()
        by_kind: dict[EventKind, list[words.EventSeries]] = {}
        for series in words.SERIES:
            by_kind.setdefault(series.kind, []).append(series)
        others = [k for k in by_kind if k not in (EventKind.CONFERENCE, EventKind.MEETUP)]
        rng.shuffle(others)
        kinds = [EventKind.CONFERENCE, EventKind.MEETUP, *others]
        chosen: list[words.EventSeries] = []
        for i in range(count):
            if i < len(kinds):
                chosen.append(rng.choice(by_kind[kinds[i]]))
            else:
                chosen.append(rng.choice(words.SERIES))
        rng.shuffle(chosen)
        numbers = {s.name: rng.randint(40, 120) for s in words.SERIES}
        # Names already in the database count too, so that a second run adds distinct events.
        used_names = set(self.conn.execute(select(Event.name)).scalars())
        event_rows: list[dict[str, Any]] = []
        tag_rows: list[dict[str, Any]] = []
        for offset, series in zip(offsets, chosen, strict=True):
            place = rng.choice(series.places)
            zone = ZoneInfo(place.timezone)
            local_day = self.today + timedelta(days=offset)
            start_local = datetime.combine(local_day, time(series.start_hour), zone)
            end_local = datetime.combine(
                local_day + timedelta(days=series.days - 1),
                time(series.start_hour),
                zone,
            ) + timedelta(hours=series.hours)
            number = numbers[series.name]
            numbers[series.name] = number + 1
            name = series.name.format(year=local_day.year, n=number)
            if name in used_names:
                name = f"{name} ({local_day:%B %Y})"
            suffix = 2
            base = name
            while name in used_names:
                name = f"{base} · {suffix}"
                suffix += 1
            used_names.add(name)
            info = _EventInfo(
                id=self.ids.take("events"),
                name=name,
                kind=series.kind.value,
                starts_at=start_local.astimezone(UTC),
                ends_at=end_local.astimezone(UTC),
                local_day=local_day,
                past=offset < 0,
                size=series.size,
            )
            self.events.append(info)
            event_rows.append(
                {
                    "id": info.id,
                    "uid": f"{uuid.uuid4()}@netdesk",
                    "name": name,
                    "kind": info.kind,
                    "starts_at": info.starts_at,
                    "ends_at": info.ends_at,
                    "timezone": place.timezone,
                    "venue": place.venue,
                    "city": place.city,
                    "url": series.url.format(year=local_day.year, n=number),
                    "organiser": series.organiser,
                    "description": series.description,
                    "created_at": min(self.now, info.starts_at - timedelta(days=30)),
                    "updated_at": min(self.now, info.starts_at - timedelta(days=30)),
                }
            )
            for tag in series.tags:
                tag_rows.append({"event_id": info.id, "tag_id": self._tag_id(tag)})
        if self.rows.tags:
            self.session.execute(insert(_table(Tag)), self.rows.tags)
            self.rows.tags = []
        self.session.execute(insert(_table(Event)), event_rows)
        self.session.execute(insert(event_tags), tag_rows)
        self.event_weights = list(accumulate(e.size for e in self.events))

    # -- people --------------------------------------------------------------------------------

    def _make_me(self) -> int:
        contact_id = self.ids.take("contacts")
        given, family = "Alex", "Schröder"
        formatted = f"{given} {family}"
        self.rows.contacts.append(
            self._contact_row(
                contact_id,
                given=given,
                family=family,
                formatted=formatted,
                nickname="",
                organization="Schröder Data Consulting",
                department="",
                title="Freelance data engineer and meetup organiser",
                birthday=None,
                note="This is your own card: edit it, then share it as a QR code at events.",
                is_me=True,
                created_at=self.now - timedelta(days=400),
            )
        )
        for position, address in enumerate(("alex@schroeder-data.de", "alex.schroeder@posteo.de")):
            self._email(contact_id, address, position, "work" if position == 0 else "home")
        value, e164 = self.phones.make("DE")
        self._phone(contact_id, value, e164, 0, "cell")
        self._url(contact_id, "https://schroeder-data.de", 0, "home")
        for tag in words.ME_TAGS:
            self.rows.contact_tags.append({"contact_id": contact_id, "tag_id": self._tag_id(tag)})
        self.counts["contacts"] += 1
        return contact_id

    def _make_person(self) -> int:
        rng = self.rng
        contact_id = self.ids.take("contacts")
        culture = rng.choices(words.CULTURES, cum_weights=self.culture_weights)[0]
        female = rng.random() < 0.5
        given = rng.choice(culture.female if female else culture.male)
        family_forms = rng.choice(culture.family).split("/")
        family = family_forms[-1] if female else family_forms[0]
        formatted = f"{given} {family}"
        nickname = words.NICKNAMES.get(given, "") if rng.random() < 0.5 else ""
        org = rng.choice(words.ORGANISATIONS) if rng.random() < 0.88 else words.FREELANCE
        title = rng.choice(words.TITLES[org.kind])
        department = (
            rng.choice(words.DEPARTMENTS) if org.kind == "company" and rng.random() < 0.2 else ""
        )
        birthday = (
            date(rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.08
            else None
        )
        note = _fill(rng, rng.choice(words.CONTACT_NOTES)) if rng.random() < 0.1 else ""

        tags = set(org.tags)
        for needle, tag in words.TITLE_TAGS:
            if needle in title:
                tags.add(tag)
        for tag, percent in words.RANDOM_TAGS:
            if rng.randrange(100) < percent:
                tags.add(tag)

        first_met = self._attend(contact_id, tags)
        created_at = first_met or self.now - timedelta(days=rng.randint(1, 30), hours=3)
        self.rows.contacts.append(
            self._contact_row(
                contact_id,
                given=given,
                family=family,
                formatted=formatted,
                nickname=nickname,
                organization=org.name,
                department=department,
                title=title,
                birthday=birthday,
                note=note,
                is_me=False,
                created_at=created_at,
            )
        )
        self._contact_details(contact_id, culture, given, family, org)
        for tag in sorted(tags):
            self.rows.contact_tags.append({"contact_id": contact_id, "tag_id": self._tag_id(tag)})
        if rng.random() < 0.1:
            self._note(
                contact_id,
                None,
                NoteTopic.GENERAL.value,
                _fill(rng, rng.choice(words.GENERAL_NOTES)),
                self.now - timedelta(days=rng.randint(1, 200), minutes=rng.randint(0, 1439)),
            )
        self.counts["contacts"] += 1
        return contact_id

    def _contact_row(
        self,
        contact_id: int,
        *,
        given: str,
        family: str,
        formatted: str,
        nickname: str,
        organization: str,
        department: str,
        title: str,
        birthday: date | None,
        note: str,
        is_me: bool,
        created_at: datetime,
    ) -> dict[str, Any]:
        return {
            "id": contact_id,
            "uid": f"urn:uuid:{uuid.uuid4()}",
            "formatted_name": formatted,
            "sort_name": sort_key_for_name(family, given, formatted),
            "given_name": given,
            "family_name": family,
            "middle_name": "",
            "prefix": "",
            "suffix": "",
            "nickname": nickname,
            "organization": organization,
            "department": department,
            "title": title,
            "birthday": birthday,
            "photo": None,
            "photo_mime": "",
            "note": note,
            "is_me": is_me,
            "source": SOURCE,
            "created_at": created_at,
            "updated_at": created_at,
        }

    def _contact_details(
        self,
        contact_id: int,
        culture: words.Culture,
        given: str,
        family: str,
        org: words.Organisation,
    ) -> None:
        rng = self.rng
        first = _email_part(given, culture.umlaut_emails, self.email_parts)
        last = _email_part(family, culture.umlaut_emails, self.email_parts)
        addresses: list[tuple[str, str]] = []
        if org.domain and rng.random() < 0.92:
            local = rng.choice((f"{first}.{last}", f"{first[:1]}{last}", first, f"{first}{last}"))
            addresses.append((f"{local}@{org.domain}", "work"))
        if not addresses or rng.random() < 0.25:
            local = rng.choice((f"{first}.{last}", f"{first}{last}{rng.randint(70, 99)}"))
            addresses.append((f"{local}@{rng.choice(words.PERSONAL_EMAIL_DOMAINS)}", "home"))
        for position, (address, kind) in enumerate(addresses):
            self._email(contact_id, address, position, kind)

        position = 0
        if rng.random() < 0.85:
            value, e164 = self.phones.make(culture.region)
            self._phone(contact_id, value, e164, position, "cell")
            position += 1
        if org.domain and rng.random() < 0.1:
            value, e164 = self.phones.make(culture.region, phonenumbers.PhoneNumberType.FIXED_LINE)
            self._phone(contact_id, value, e164, position, "work")

        position = 0
        handle = f"{first}{last}"
        if rng.random() < 0.3:
            slug = f"{first}-{last}-{rng.randrange(16**4):04x}"
            self._url(contact_id, f"https://www.linkedin.com/in/{slug}", position, "linkedin")
            position += 1
        if rng.random() < 0.12:
            self._url(contact_id, f"https://github.com/{handle}", position, "github")
            position += 1
        if rng.random() < 0.05:
            self._url(contact_id, f"https://fosstodon.org/@{handle}", position, "mastodon")

    def _email(self, contact_id: int, address: str, position: int, kind: str) -> None:
        if address in self.used_emails:
            local, domain = address.split("@", 1)
            suffix = 2
            while f"{local}{suffix}@{domain}" in self.used_emails:
                suffix += 1
            address = f"{local}{suffix}@{domain}"
        self.used_emails.add(address)
        self.rows.emails.append(
            {
                "id": self.ids.take("contact_emails"),
                "contact_id": contact_id,
                "value": address,
                "position": position,
                "kind": kind,
                "label": "",
                "preferred": position == 0,
            }
        )

    def _phone(self, contact_id: int, value: str, e164: str, position: int, kind: str) -> None:
        self.rows.phones.append(
            {
                "id": self.ids.take("contact_phones"),
                "contact_id": contact_id,
                "value": value,
                "e164": e164,
                "position": position,
                "kind": kind,
                "label": "",
                "preferred": position == 0,
            }
        )

    def _url(self, contact_id: int, value: str, position: int, kind: str) -> None:
        self.rows.urls.append(
            {
                "id": self.ids.take("contact_urls"),
                "contact_id": contact_id,
                "value": value,
                "position": position,
                "kind": kind,
                "label": "",
                "preferred": position == 0,
            }
        )

    # -- attendances, notes, follow-ups --------------------------------------------------------

    def _attend(self, contact_id: int, tags: set[str]) -> datetime | None:
        """Attendances at a few events; returns when we first met, if we did."""
        if not self.events:
            return None
        rng = self.rng
        count = rng.choices((1, 2, 3), cum_weights=_EVENTS_PER_PERSON)[0]
        picked = rng.choices(self.events, cum_weights=self.event_weights, k=count)
        first_met: datetime | None = None
        seen: set[int] = set()
        for event in picked:
            if event.id in seen:
                continue
            seen.add(event.id)
            role = rng.choices(_ROLES, cum_weights=_ROLE_WEIGHTS)[0]
            if role is Role.SPEAKER:
                tags.add("speaker")
            roll = rng.random()
            if event.past:
                status = (
                    RegistrationStatus.CHECKED_IN
                    if roll < 0.85
                    else RegistrationStatus.REGISTERED
                    if roll < 0.93
                    else RegistrationStatus.CANCELLED
                )
            else:
                status = (
                    RegistrationStatus.REGISTERED if roll < 0.9 else RegistrationStatus.CANCELLED
                )
            checked_in = status is RegistrationStatus.CHECKED_IN
            met = checked_in and rng.random() < (0.6 if role is Role.ATTENDEE else 0.85)
            templates = words.ATTENDANCE_NOTES.get(role.value)
            notes = _fill(rng, rng.choice(templates)) if templates and rng.random() < 0.7 else ""
            self.rows.attendances.append(
                {
                    "id": self.ids.take("attendances"),
                    "event_id": event.id,
                    "contact_id": contact_id,
                    "role": role.value,
                    "status": status.value,
                    "met": met,
                    "badge_printed": checked_in,
                    "qr_fields": "name,organization,title"
                    if rng.random() < 0.8
                    else "name,organization,title,email",
                    "notes": notes,
                }
            )
            self.counts["attendances"] += 1
            if met:
                at = self._met(contact_id, event)
                first_met = at if first_met is None else min(first_met, at)
            elif not event.past and status is RegistrationStatus.REGISTERED and rng.random() < 0.06:
                self._upcoming_followup(contact_id, event)
        return first_met

    def _met(self, contact_id: int, event: _EventInfo) -> datetime:
        """Notes from a conversation at a past event, and maybe something promised."""
        rng = self.rng
        span = max(1, int((event.ends_at - event.starts_at).total_seconds() // 60))
        at = min(self.now, event.starts_at + timedelta(minutes=rng.randrange(span)))
        self._note(
            contact_id, event.id, NoteTopic.TALKED_ABOUT.value, _pick(rng, words.TALKED_ABOUT), at
        )
        if rng.random() < 0.45:
            body = _pick(rng, words.COMMON_GROUND)
            self._note(contact_id, event.id, NoteTopic.COMMON_GROUND.value, body, at)
        if rng.random() < 0.35:
            body = _pick(rng, words.CAN_OFFER)
            self._note(contact_id, event.id, NoteTopic.CAN_OFFER.value, body, at)
        if self.forced_buckets or rng.random() < 0.35:
            self._followup(contact_id, event, at)
        return at

    def _note(
        self, contact_id: int, event_id: int | None, topic: str, body: str, at: datetime
    ) -> None:
        self.rows.notes.append(
            {
                "id": self.ids.take("notes"),
                "contact_id": contact_id,
                "event_id": event_id,
                "topic": topic,
                "body": body,
                "created_at": at,
            }
        )
        self.counts["notes"] += 1

    def _followup(self, contact_id: int, event: _EventInfo, at: datetime) -> None:
        rng = self.rng
        today = self.today
        if self.forced_buckets:
            # The first few cover every group of the queue, so that each one shows something.
            bucket = self.forced_buckets.pop()
        else:
            bucket = rng.choices(_Due.ALL, cum_weights=_Due.WEIGHTS)[0]
        since = max(1, (today - event.local_day).days)
        done_at: datetime | None = None
        if bucket == _Due.OVERDUE:
            due = today - timedelta(days=rng.randint(1, max(1, min(21, since - 1))))
        elif bucket == _Due.TODAY:
            due = today
        elif bucket == _Due.THIS_WEEK:
            due = today + timedelta(days=rng.randint(1, 7))
        elif bucket == _Due.LATER:
            due = today + timedelta(days=rng.randint(8, 60))
        else:
            due = event.local_day + timedelta(days=rng.randint(1, 14))
            done_at = min(self.now, at + timedelta(days=rng.randint(1, since), hours=2))
        self.rows.followups.append(
            {
                "id": self.ids.take("followups"),
                "contact_id": contact_id,
                "event_id": event.id,
                "action": _pick(rng, words.FOLLOW_UPS),
                "due_date": due,
                "done_at": done_at,
                "created_at": at,
            }
        )
        self.counts["followups"] += 1

    def _upcoming_followup(self, contact_id: int, event: _EventInfo) -> None:
        rng = self.rng
        due = max(self.today, event.local_day - timedelta(days=rng.randint(0, 3)))
        self.rows.followups.append(
            {
                "id": self.ids.take("followups"),
                "contact_id": contact_id,
                "event_id": event.id,
                "action": _fill(rng, rng.choice(words.UPCOMING_FOLLOW_UPS), event.name),
                "due_date": due,
                "done_at": None,
                "created_at": self.now - timedelta(days=rng.randint(0, 10)),
            }
        )
        self.counts["followups"] += 1


def _pick(rng: random.Random, templates: Sequence[str]) -> str:
    return _fill(rng, rng.choice(templates))
