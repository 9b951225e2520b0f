"""The fields recognised on one business card (one contact), before it becomes a ContactRecord."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Field keys, in the order the review shows them; `low_confidence` holds these keys, and for
# the lists "emails:0", "phones:1", "urls:0" (the item at that index).
FIELD_KEYS = ("name", "title", "organization", "department", "emails", "phones", "urls", "address")


@dataclass
class CardPhone:
    # As printed when the card gives the country code ("+49 151 2345 6789"), else in the
    # international form of the card's country ("+33 1 51 88 52 82" for "01 51 88 52 82").
    number: str
    # "mobile", "work", "fax", "home"; a number without a label gets one from its own form
    # (marked low confidence), "" only when not even that can tell.
    kind: str = ""


@dataclass
class CardFields:
    name: str = ""  # the full name as printed ("Dr. Ana Lima")
    given: str = ""
    family: str = ""
    title: str = ""  # job title
    organization: str = ""
    department: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[CardPhone] = field(default_factory=list)
    # Web pages and social profiles, as full URLs ("https://www.linkedin.com/in/ana",
    # "https://x.com/ana", "https://mastodon.social/@ana").
    urls: list[str] = field(default_factory=list)
    address: str = ""  # the postal address, its lines joined by ", "
    # Text read on the card that went into no field (slogans, tax ids, registry numbers).
    unplaced: list[str] = field(default_factory=list)
    # Keys (FIELD_KEYS, or "emails:0"-style items) read with low confidence: the review marks them.
    low_confidence: set[str] = field(default_factory=set)

    def is_empty(self) -> bool:
        """Nothing that makes a contact: no name, organisation, email or phone."""
        return not (self.name or self.organization or self.emails or self.phones)

    def to_json(self) -> dict[str, Any]:
        """The shape `netdesk scan --json` prints for a card."""
        return {
            "name": self.name,
            "given": self.given,
            "family": self.family,
            "title": self.title,
            "organization": self.organization,
            "department": self.department,
            "emails": list(self.emails),
            "phones": [{"number": p.number, "kind": p.kind} for p in self.phones],
            "urls": list(self.urls),
            "address": self.address,
            "unplaced": list(self.unplaced),
        }
