"""Which of a person's fields may go into a QR code they hand out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from netdesk.cards.payload import display_name
from netdesk.formats.records import ContactRecord

T = TypeVar("T")

# In the order a card lists them. The photo and private notes are never shared: a photo makes
# the code unscannable and notes are what we wrote about the person, not what they gave us.
SHARE_FIELDS: tuple[str, ...] = (
    "name",
    "organization",
    "title",
    "email",
    "phone",
    "url",
    "address",
)

FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "organization": "Organisation",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "url": "Web address",
    "address": "Postal address",
}

# What a badge's code carries unless the attendee agreed to more (Attendance.qr_fields).
BADGE_DEFAULT_FIELDS: tuple[str, ...] = ("name", "organization", "title")
# What one's own card offers by default: enough to get back in touch.
CARD_DEFAULT_FIELDS: tuple[str, ...] = ("name", "organization", "title", "email", "phone", "url")


def parse_fields(text: str) -> tuple[str, ...]:
    """Field names from a comma-separated list ("name,organization,email"), unknown ones dropped."""
    wanted = {part.strip().lower() for part in text.split(",")}
    return tuple(name for name in SHARE_FIELDS if name in wanted)


def fields_text(fields: Iterable[str]) -> str:
    wanted = set(fields)
    return ",".join(name for name in SHARE_FIELDS if name in wanted)


def _first(items: list[T]) -> list[T]:
    """The preferred value, else the first: one of each keeps the code small enough to scan."""
    for item in items:
        if getattr(item, "preferred", False):
            return [item]
    return items[:1]


def shared_record(record: ContactRecord, fields: Iterable[str]) -> ContactRecord:
    """A copy of the record holding only the agreed fields (the name is always kept: a card
    without one is useless), the first of each kind of value, and nothing private."""
    wanted = set(fields) | {"name"}
    return replace(
        record,
        uid="",
        # Named before the organisation goes: someone known only by their company keeps that
        # name on the card even when the organisation is not shared.
        formatted_name=record.formatted_name or display_name(record),
        nickname="",
        organization=record.organization if "organization" in wanted else "",
        department=record.department if "organization" in wanted else "",
        title=record.title if "title" in wanted else "",
        birthday=None,
        emails=_first(record.emails) if "email" in wanted else [],
        phones=_first(record.phones) if "phone" in wanted else [],
        urls=_first(record.urls) if "url" in wanted else [],
        addresses=_first(record.addresses) if "address" in wanted else [],
        photo=None,
        photo_mime="",
        note="",
        categories=[],
        extra_lines=[],
        attendee=None,
    )
