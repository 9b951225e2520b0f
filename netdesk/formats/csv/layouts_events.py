"""Attendee lists from event sites as CSV: Eventbrite attendee reports and Meetup lists."""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.formats.csv.layout_columns import AddressColumns, Columns, RowConverter
from netdesk.formats.csv.values import cell, set_birthday, url_kind
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


def prepare_eventbrite(columns: Columns) -> RowConverter:
    get = columns.get
    check_ins = [
        columns.use(i) for i, name in enumerate(columns.names) if _is_check_in_column(name)
    ]
    for index, name in enumerate(columns.names):
        if name in _EVENTBRITE_KNOWN or _is_address_column(name):
            columns.use(index)  # order details netdesk has no place for are left out
    given, family, email = get("first name"), get("last name"), get("email")
    name_prefix, suffix = get("prefix"), get("suffix")
    company, title, birth = get("company"), get("job title"), get("birth date")
    phones = [(at, kind) for h, kind in _EVENTBRITE_PHONES if (at := get(h)) is not None]
    urls = [at for h in ("website", "blog") if (at := get(h)) is not None]
    ticket_type, attendee_status = get("ticket type"), get("attendee status")
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
    questions = columns.others()

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            given_name=cell(cells, given),
            family_name=cell(cells, family),
            prefix=cell(cells, name_prefix),
            suffix=cell(cells, suffix),
            organization=cell(cells, company),
            title=cell(cells, title),
            source="eventbrite",
        )
        if value := cell(cells, email):
            record.emails.append(Typed(value))
        for phone, kind in phones:
            if value := cell(cells, phone):
                record.phones.append(Typed(value, kind=kind))
        for url in urls:
            if value := cell(cells, url):
                record.urls.append(Typed(value, kind=url_kind(value)))
        record.addresses = [a for spot in addresses if (a := spot.read(cells))]
        set_birthday(record, cell(cells, birth))
        ticket = cell(cells, ticket_type)
        checked_in = any(cell(cells, i).lower() not in _NOT_TRUE for i in check_ins)
        notes = [f"Ticket: {ticket}"] if ticket else []
        notes += [_answer(h, value) for i, h in questions if (value := cell(cells, i))]
        record.attendee = AttendeeInfo(
            role=role_from_ticket(ticket),
            status=_eventbrite_status(cell(cells, attendee_status), checked_in),
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


def prepare_meetup(columns: Columns) -> RowConverter:
    get = columns.get
    for index, name in enumerate(columns.names):
        if name in _MEETUP_KNOWN:
            columns.use(index)
    name_at, profile_url = get("name"), get("url of member profile")
    user_id = get("user id", "member id")
    title_at, host_at, rsvp_at = get("title"), get("event host"), get("rsvp")
    attendance_at, guests_at = get("attendance"), get("guests")
    questions = columns.others()

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(formatted_name=cell(cells, name_at), source="meetup")
        profile = cell(cells, profile_url) or meetup_profile(cell(cells, user_id))
        if profile:
            record.urls.append(Typed(profile, kind="meetup"))
        title = cell(cells, title_at)
        host = cell(cells, host_at).lower() in {"yes", "y", "true", "1"}
        rsvp = cell(cells, rsvp_at).lower()
        attendance = cell(cells, attendance_at).lower().replace("-", "").replace(" ", "")
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
        guests = cell(cells, guests_at)
        if guests and guests != "0":
            notes.append(f"Guests: {guests}")
        notes += [_answer(h, value) for i, h in questions if (value := cell(cells, i))]
        info.note = "; ".join(notes)
        record.attendee = info
        return record

    return convert
