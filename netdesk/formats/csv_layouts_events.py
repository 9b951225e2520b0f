"""Attendee lists from event sites as CSV: Eventbrite attendee reports and Meetup lists."""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.formats.csv_layout_columns import AddressColumns, Columns, RowConverter
from netdesk.formats.csv_values import cell, set_birthday, url_kind
from netdesk.formats.records import AttendeeInfo, ContactRecord, Typed

# --- Event sites: roles and statuses ---------------------------------------------------------

_ROLE_PATTERNS = (
    ("organiser", re.compile(r"\b(?:co-?)?organi[sz](?:er|ers|ator|ation team)\b|\bhost", re.I)),
    ("speaker", re.compile(r"\b(?:speaker|presenter|panel+ist|keynote|referent)", re.I)),
    ("sponsor", re.compile(r"\bsponsor", re.I)),
    ("exhibitor", re.compile(r"\b(?:exhibitor|aussteller|booth)", re.I)),
    ("staff", re.compile(r"\b(?:staff|volunteer|crew|helper|helfer)", re.I)),
)
_NOT_TRUE = {"", "no", "n", "false", "0", "not checked in", "-"}


def role_from_ticket(ticket: str) -> str:
    """The attendance role a ticket type names ("Speaker pass" -> "speaker"), else attendee."""
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(ticket):
            return role
    return "attendee"


def _answer(header: str, value: str) -> str:
    header = header.strip()
    return f"{header} {value}" if header.endswith(("?", ":")) else f"{header}: {value}"


# --- Eventbrite attendee report --------------------------------------------------------------

_EVENTBRITE_KNOWN = {
    "order #",
    "order date",
    "first name",
    "last name",
    "email",
    "quantity",
    "price tier",
    "ticket type",
    "attendee #",
    "group",
    "order type",
    "currency",
    "total paid",
    "fees paid",
    "eventbrite fees",
    "eventbrite payment processing",
    "attendee status",
    "prefix",
    "suffix",
    "cell phone",
    "home phone",
    "work phone",
    "birth date",
    "gender",
    "age",
    "job title",
    "company",
    "website",
    "blog",
    "discount",
    "access code",
    "barcode",
    "barcode #",
    "device name",
    "event name",
    "event id",
    "order id",
    "ticket price",
    "tax",
    "gross",
    "net",
    "buyer first name",
    "buyer last name",
    "buyer email",
    "buyer name",
}
_EVENTBRITE_PHONES = (("cell phone", "cell"), ("work phone", "work"), ("home phone", "home"))
_EVENTBRITE_ADDRESS_PREFIXES = ("home", "work", "shipping", "billing")
_CANCELLED = ("cancel", "refund", "delete", "not attending", "transferred", "declined")


def eventbrite_matches(columns: Columns) -> bool:
    if not all(name in columns for name in ("order #", "first name", "last name", "email")):
        return False
    return any(name in columns for name in ("ticket type", "attendee #", "attendee status"))


def _is_address_column(name: str) -> bool:
    return name.startswith(_EVENTBRITE_ADDRESS_PREFIXES) and name.split(" ", 1)[-1] in {
        "address 1",
        "address 2",
        "city",
        "state",
        "zip",
        "country",
    }


def _is_check_in_column(name: str) -> bool:
    return name.replace("-", " ").startswith(("checked in", "check in"))


def _eventbrite_status(attendee_status: str, checked_in: bool) -> str:
    status = attendee_status.lower()
    if any(word in status for word in _CANCELLED):
        return "cancelled"
    if checked_in or status.startswith("checked in"):
        return "checked in"
    return "registered"


def prepare_eventbrite(headers: Sequence[str]) -> RowConverter:
    columns = Columns(headers)
    get = columns.get
    check_ins = [i for i, name in enumerate(columns.names) if _is_check_in_column(name)]
    questions = [
        (i, header)
        for i, header in enumerate(headers)
        if columns.names[i]
        and columns.names[i] not in _EVENTBRITE_KNOWN
        and not _is_address_column(columns.names[i])
        and i not in check_ins
    ]
    addresses = [
        AddressColumns(
            kind=kind,
            streets=(get(f"{prefix} address 1"), get(f"{prefix} address 2")),
            locality=get(f"{prefix} city"),
            region=get(f"{prefix} state"),
            postal_code=get(f"{prefix} zip"),
            country=get(f"{prefix} country"),
        )
        for prefix, kind in (("work", "work"), ("home", "home"))
    ]

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            given_name=cell(cells, get("first name")),
            family_name=cell(cells, get("last name")),
            prefix=cell(cells, get("prefix")),
            suffix=cell(cells, get("suffix")),
            organization=cell(cells, get("company")),
            title=cell(cells, get("job title")),
            source="eventbrite",
        )
        if value := cell(cells, get("email")):
            record.emails.append(Typed(value))
        for header, kind in _EVENTBRITE_PHONES:
            if value := cell(cells, get(header)):
                record.phones.append(Typed(value, kind=kind))
        for header in ("website", "blog"):
            if value := cell(cells, get(header)):
                record.urls.append(Typed(value, kind=url_kind(value)))
        record.addresses = [a for spot in addresses if (a := spot.read(cells))]
        set_birthday(record, cell(cells, get("birth date")))
        ticket = cell(cells, get("ticket type"))
        checked_in = any(cell(cells, i).lower() not in _NOT_TRUE for i in check_ins)
        notes = [f"Ticket: {ticket}"] if ticket else []
        notes += [_answer(h, value) for i, h in questions if (value := cell(cells, i))]
        record.attendee = AttendeeInfo(
            role=role_from_ticket(ticket),
            status=_eventbrite_status(cell(cells, get("attendee status")), checked_in),
            note="; ".join(notes),
        )
        return record

    return convert


# --- Meetup attendee list --------------------------------------------------------------------

_MEETUP_KNOWN = {
    "name",
    "attendance",
    "user id",
    "member id",
    "title",
    "event host",
    "rsvp",
    "guests",
    "rsvped on",
    "joined group on",
    "url of member profile",
}
_MEETUP_ID = re.compile(r"^(?:user|member)?\s*(\d+)$", re.IGNORECASE)


def meetup_matches(columns: Columns) -> bool:
    if "name" not in columns or "user id" not in columns:
        return False
    return any(name in columns for name in ("rsvp", "event host", "attendance"))


def meetup_profile(user_id: str) -> str:
    """The member's profile address: the ID itself when it is one, else built from a number."""
    if user_id.lower().startswith(("http://", "https://", "www.meetup.com", "meetup.com")):
        return user_id if "://" in user_id else f"https://{user_id}"
    if match := _MEETUP_ID.match(user_id):
        return f"https://www.meetup.com/members/{match[1]}/"
    return ""


def prepare_meetup(headers: Sequence[str]) -> RowConverter:
    columns = Columns(headers)
    get = columns.get
    questions = [
        (i, header)
        for i, header in enumerate(headers)
        if columns.names[i] and columns.names[i] not in _MEETUP_KNOWN
    ]

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(formatted_name=cell(cells, get("name")), source="meetup")
        profile = cell(cells, get("url of member profile")) or meetup_profile(
            cell(cells, get("user id", "member id"))
        )
        if profile:
            record.urls.append(Typed(profile, kind="meetup"))
        title = cell(cells, get("title"))
        host = cell(cells, get("event host")).lower() in {"yes", "y", "true", "1"}
        rsvp = cell(cells, get("rsvp")).lower()
        attendance = cell(cells, get("attendance")).lower().replace("-", "").replace(" ", "")
        info = AttendeeInfo(role="organiser" if host else role_from_ticket(title))
        notes = [f"Meetup title: {title}"] if title else []
        if attendance in {"attended", "yes", "present", "checkedin"}:
            info.status = "checked in"
        elif rsvp in {"no", "n", "not going"}:
            info.status = "cancelled"
        if rsvp.startswith("wait"):
            notes.append("On the waitlist")
        if attendance in {"noshow", "absent"}:
            notes.append("No-show")
        elif attendance == "excused":
            notes.append("Excused")
        guests = cell(cells, get("guests"))
        if guests and guests != "0":
            notes.append(f"Guests: {guests}")
        notes += [_answer(h, value) for i, h in questions if (value := cell(cells, i))]
        info.note = "; ".join(notes)
        record.attendee = info
        return record

    return convert
