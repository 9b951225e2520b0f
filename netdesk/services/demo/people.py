"""The demo's people: the user's own card and invented contacts with emails, phones, URLs, tags."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

import phonenumbers

from netdesk.models import NoteTopic
from netdesk.services.demo import names_notes, names_orgs, names_people
from netdesk.services.demo.context import DemoContext
from netdesk.services.demo.meetings import Meetings
from netdesk.services.demo.phones import Phones
from netdesk.services.demo.templates import fill
from netdesk.text import fold, sort_key_for_name

SOURCE = "demo"

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def email_part(name: str, umlauts: bool, cache: dict[tuple[str, bool], str]) -> str:
    key = (name, umlauts)
    part = cache.get(key)
    if part is None:
        source = name.translate(_UMLAUTS) if umlauts else name
        part = "".join(ch for ch in fold(source) if ch.isascii() and ch.isalnum())
        cache[key] = part
    return part


class People:
    """Queues contacts with their details; `meetings` adds where and how we met them."""

    def __init__(self, ctx: DemoContext, meetings: Meetings) -> None:
        self.ctx = ctx
        self.meetings = meetings
        self.phones = Phones(ctx.rng)
        self.used_emails: set[str] = set()
        self.email_parts: dict[tuple[str, bool], str] = {}
        self.culture_weights = tuple(accumulate(c.weight for c in names_people.CULTURES))

    def make_me(self) -> int:
        contact_id = self.ctx.ids.take("contacts")
        given, family = "Alex", "Schröder"
        formatted = f"{given} {family}"
        self.ctx.rows.contacts.append(
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
                created_at=self.ctx.now - timedelta(days=400),
            )
        )
        for position, address in enumerate(("alex@schroeder-data.de", "alex.schroeder@posteo.de")):
            self._email(contact_id, address, position, "work" if position == 0 else "home")
        value, e164 = self.phones.make("DE")
        self._phone(contact_id, value, e164, 0, "cell")
        self._url(contact_id, "https://schroeder-data.de", 0, "home")
        for tag in names_orgs.ME_TAGS:
            self.ctx.rows.contact_tags.append(
                {"contact_id": contact_id, "tag_id": self.ctx.tag_id(tag)}
            )
        self.ctx.counts["contacts"] += 1
        return contact_id

    def make_person(self) -> int:
        rng = self.ctx.rng
        contact_id = self.ctx.ids.take("contacts")
        culture = rng.choices(names_people.CULTURES, cum_weights=self.culture_weights)[0]
        female = rng.random() < 0.5
        given = rng.choice(culture.female if female else culture.male)
        family_forms = rng.choice(culture.family).split("/")
        family = family_forms[-1] if female else family_forms[0]
        formatted = f"{given} {family}"
        nickname = names_people.NICKNAMES.get(given, "") if rng.random() < 0.5 else ""
        org = rng.choice(names_orgs.ORGANISATIONS) if rng.random() < 0.88 else names_orgs.FREELANCE
        title = rng.choice(names_orgs.TITLES[org.kind])
        department = (
            rng.choice(names_orgs.DEPARTMENTS)
            if org.kind == "company" and rng.random() < 0.2
            else ""
        )
        birthday = (
            date(rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.08
            else None
        )
        note = fill(rng, rng.choice(names_notes.CONTACT_NOTES)) if rng.random() < 0.1 else ""

        tags = set(org.tags)
        for needle, tag in names_orgs.TITLE_TAGS:
            if needle in title:
                tags.add(tag)
        for tag, percent in names_orgs.RANDOM_TAGS:
            if rng.randrange(100) < percent:
                tags.add(tag)

        first_met = self.meetings.attend(contact_id, tags)
        created_at = first_met or self.ctx.now - timedelta(days=rng.randint(1, 30), hours=3)
        self.ctx.rows.contacts.append(
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
            self.ctx.rows.contact_tags.append(
                {"contact_id": contact_id, "tag_id": self.ctx.tag_id(tag)}
            )
        if rng.random() < 0.1:
            self.meetings.note(
                contact_id,
                None,
                NoteTopic.GENERAL.value,
                fill(rng, rng.choice(names_notes.GENERAL_NOTES)),
                self.ctx.now - timedelta(days=rng.randint(1, 200), minutes=rng.randint(0, 1439)),
            )
        self.ctx.counts["contacts"] += 1
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
        culture: names_people.Culture,
        given: str,
        family: str,
        org: names_orgs.Organisation,
    ) -> None:
        rng = self.ctx.rng
        first = email_part(given, culture.umlaut_emails, self.email_parts)
        last = email_part(family, culture.umlaut_emails, self.email_parts)
        addresses: list[tuple[str, str]] = []
        if org.domain and rng.random() < 0.92:
            local = rng.choice((f"{first}.{last}", f"{first[:1]}{last}", first, f"{first}{last}"))
            addresses.append((f"{local}@{org.domain}", "work"))
        if not addresses or rng.random() < 0.25:
            local = rng.choice((f"{first}.{last}", f"{first}{last}{rng.randint(70, 99)}"))
            addresses.append((f"{local}@{rng.choice(names_people.PERSONAL_EMAIL_DOMAINS)}", "home"))
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
        self.ctx.rows.emails.append(
            {
                "id": self.ctx.ids.take("contact_emails"),
                "contact_id": contact_id,
                "value": address,
                "position": position,
                "kind": kind,
                "label": "",
                "preferred": position == 0,
            }
        )

    def _phone(self, contact_id: int, value: str, e164: str, position: int, kind: str) -> None:
        self.ctx.rows.phones.append(
            {
                "id": self.ctx.ids.take("contact_phones"),
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
        self.ctx.rows.urls.append(
            {
                "id": self.ctx.ids.take("contact_urls"),
                "contact_id": contact_id,
                "value": value,
                "position": position,
                "kind": kind,
                "label": "",
                "preferred": position == 0,
            }
        )
