"""The plain values every reader yields and every writer takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Problem:
    """Something in a file that could not be read; the rest of the file still is.

    `kept` marks a warning rather than a loss: what the line names went in, but was guessed
    at or changed on the way (a card cut off before END:VCARD, text read in a guessed
    character set, an event named for want of a title), so the user should check it.
    """

    file: str
    line: int  # 1-based line in the file (0 when the problem is the whole file)
    reason: str
    kept: bool = False

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.reason}"
            if self.line
            else f"{self.file}: {self.reason}"
        )


@dataclass
class Typed:
    """An email, phone or web address with what the file said about it.

    `kind` is the lower-case vCard TYPE list without "pref", joined by commas ("work", "cell",
    "home,fax"; for web addresses also the social network: "linkedin"); `label` is a custom label
    such as Apple's grouped X-ABLabel.
    """

    value: str
    kind: str = ""
    label: str = ""
    preferred: bool = False
    # Phones only: an extension dialled after the number ("102"), never glued into `value`.
    extension: str = ""


@dataclass
class PostalAddress:
    po_box: str = ""
    extended: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    kind: str = ""
    label: str = ""
    preferred: bool = False


# The parts of a postal address, in vCard ADR order (after PO box and extended address).
ADDRESS_PARTS = ("po_box", "extended", "street", "locality", "region", "postal_code", "country")


@dataclass
class CardImage:
    """A picture of one side of a paper business card, cut out of the photo and upright."""

    data: bytes
    mime: str = "image/jpeg"
    source: str = ""  # the photo's file name


@dataclass
class AttendeeInfo:
    """What an event site's attendee list says about the person at that event."""

    role: str = "attendee"  # a netdesk.models.Role value
    status: str = "registered"  # a netdesk.models.RegistrationStatus value
    note: str = ""  # e.g. the ticket type or answers to custom questions


@dataclass
class ContactRecord:
    """One person read from a file, or to be written to one."""

    uid: str = ""
    formatted_name: str = ""
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    birthday: date | None = None
    emails: list[Typed] = field(default_factory=list)
    phones: list[Typed] = field(default_factory=list)
    urls: list[Typed] = field(default_factory=list)
    addresses: list[PostalAddress] = field(default_factory=list)
    photo: bytes | None = None
    photo_mime: str = ""  # "image/jpeg", ...
    note: str = ""
    categories: list[str] = field(default_factory=list)  # become tags
    # Unfolded vCard content lines netdesk does not map, kept verbatim for export
    # (e.g. "item2.X-ABLabel:_$!<Anniversary>!$_", "X-SKYPE:joe").
    extra_lines: list[str] = field(default_factory=list)
    source: str = ""  # "vcard", "linkedin", "google", "outlook", "eventbrite", "meetup", "csv"
    attendee: AttendeeInfo | None = None
    # Scanned paper cards (front, then back): kept with the person, never exported.
    card_images: list[CardImage] = field(default_factory=list)
    line: int = 0  # where the record starts in its file, for reports


@dataclass
class EventRecord:
    """One event read from, or written to, an iCalendar file. Datetimes are timezone-aware."""

    uid: str = ""
    name: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str = ""  # IANA name ("Europe/Berlin"), empty when the file gave none
    all_day: bool = False
    venue: str = ""
    city: str = ""
    url: str = ""
    organiser: str = ""
    description: str = ""
    categories: list[str] = field(default_factory=list)
    # RRULE, RDATE and EXDATE content lines as the file had them (unfolded), for export.
    recurrence: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class TodoRecord:
    """An open follow-up as an iCalendar VTODO."""

    uid: str
    summary: str  # "Follow up with Ada Lovelace: send the slides"
    due: date | None = None
    description: str = ""
    related_event_uid: str = ""
