"""What the draft service hands out: a composed email, a pending one, what sending logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Draft:
    """One email, composed from a template: to one person, or to the two of an introduction."""

    contact_ids: tuple[int, ...]
    to: list[tuple[str, str]]  # (name, email) of each person who has an address
    subject: str
    body: str
    template_key: str
    followup_id: int | None = None
    event_id: int | None = None
    attach_card: bytes | None = None  # my vCard 3.0, when the template attaches it
    card_filename: str = ""
    missing_email: list[str] = field(default_factory=list)  # names without an address
    introduction: tuple[int, int, str] | None = None  # (first_id, second_id, reason)
    sender: tuple[str, str] | None = None  # (my name, my email) when I have an address


@dataclass(frozen=True)
class PendingDraft:
    id: int
    contact_id: int
    contact_name: str
    subject: str
    created_at: datetime
    followup_id: int | None
    event_id: int | None


@dataclass(frozen=True)
class SentResult:
    note_ids: list[int]
    introduction_ids: list[int]
