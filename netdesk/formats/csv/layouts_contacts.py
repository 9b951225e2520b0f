"""Contact exports as CSV: LinkedIn connections, Google Contacts (current and legacy), Outlook."""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.formats.csv.layout_columns import AddressColumns, Columns, RowConverter
from netdesk.formats.csv.values import (
    add_note,
    cell,
    set_birthday,
    split_multi,
    typed_from_label,
    url_kind,
)
from netdesk.formats.records import ContactRecord, PostalAddress, Typed

# --- LinkedIn Connections.csv ----------------------------------------------------------------

_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s,;\]\[\"']+", re.IGNORECASE)


def linkedin_matches(columns: Columns) -> bool:
    return all(name in columns for name in ("first name", "last name", "connected on"))


def prepare_linkedin(columns: Columns) -> RowConverter:
    given, family = columns.get("first name"), columns.get("last name")
    profile, email = columns.get("url"), columns.get("email address", "email")
    company, position = columns.get("company"), columns.get("position")
    connected, address = columns.get("connected on"), columns.get("address")
    websites, messengers = columns.get("websites"), columns.get("instant messengers")
    # Columns LinkedIn added or dropped over the years: kept in the note rather than lost.
    others = columns.others()

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            given_name=cell(cells, given),
            family_name=cell(cells, family),
            organization=cell(cells, company),
            title=cell(cells, position),
            source="linkedin",
        )
        if value := cell(cells, email):
            record.emails.append(Typed(value))
        if value := cell(cells, profile):
            record.urls.append(Typed(value, kind="linkedin"))
        for url in _URL_IN_TEXT.findall(cell(cells, websites)):
            record.urls.append(Typed(url, kind=url_kind(url)))
        if value := cell(cells, address):
            record.addresses.append(PostalAddress(street=value))
        if value := cell(cells, connected):
            add_note(record, f"Connected on LinkedIn on {value}")
        if value := cell(cells, messengers):
            add_note(record, f"Instant messengers: {value}")
        for index, header in others:
            if value := cell(cells, index):
                add_note(record, f"{header.strip()}: {value}")
        return record

    return convert


# --- Google Contacts (current and legacy) ----------------------------------------------------

_NUMBERED = re.compile(r"^(?P<what>.+?) (?P<n>\d+) - (?P<field>.+)$")


def _numbered_groups(columns: Columns) -> dict[str, list[dict[str, int]]]:
    """Google's "E-mail 1 - Label", "E-mail 1 - Value", ... as {"e-mail": [{"label": i, ...}]},
    in the order of their numbers (the columns are not marked used: see _GROUPS_READ)."""
    found: dict[str, dict[int, dict[str, int]]] = {}
    for position, name in enumerate(columns.names):
        if match := _NUMBERED.match(name):
            group = found.setdefault(match["what"], {}).setdefault(int(match["n"]), {})
            group.setdefault(match["field"], position)
    return {what: [groups[n] for n in sorted(groups)] for what, groups in found.items()}


def google_matches(columns: Columns) -> bool:
    if "first name" not in columns or "last name" not in columns:
        return False
    return "labels" in columns or any(
        _NUMBERED.match(name) and name.endswith((" - label", " - value")) for name in columns.names
    )


def google_legacy_matches(columns: Columns) -> bool:
    if "given name" not in columns or "family name" not in columns:
        return False
    return "group membership" in columns or any(name.endswith(" - type") for name in columns.names)


def _google_typed(cells: Sequence[str], group: dict[str, int]) -> list[Typed]:
    labels = split_multi(cell(cells, group.get("label", group.get("type"))))
    result = []
    for position, value in enumerate(split_multi(cell(cells, group.get("value")))):
        if position < len(labels):
            label = labels[position]
        else:  # one label for several values: the same kind, but only the first is preferred
            label = labels[0].lstrip("*").strip() if labels else ""
        result.append(typed_from_label(value, label))
    return result


def _google_address(cells: Sequence[str], group: dict[str, int]) -> PostalAddress | None:
    address = PostalAddress(
        po_box=cell(cells, group.get("po box")),
        extended=cell(cells, group.get("extended address")),
        street=cell(cells, group.get("street")),
        locality=cell(cells, group.get("city")),
        region=cell(cells, group.get("region")),
        postal_code=cell(cells, group.get("postal code")),
        country=cell(cells, group.get("country")),
    )
    if not any(
        (address.po_box, address.extended, address.street, address.locality, address.region)
    ) and not any((address.postal_code, address.country)):
        formatted = cell(cells, group.get("formatted"))
        if not formatted:
            return None
        address.street = ", ".join(line.strip() for line in formatted.splitlines() if line.strip())
    label = typed_from_label("", cell(cells, group.get("label", group.get("type"))))
    address.kind, address.label, address.preferred = label.kind, label.label, label.preferred
    return address


def _google_categories(text: str) -> list[str]:
    # "* myContacts", "* starred" and the old "System Group: My Contacts" are Google's own groups.
    return [
        label
        for label in split_multi(text)
        if not label.startswith("*") and not label.lower().startswith("system group:")
    ]


# The numbered groups prepare_google reads whole (of the first "Organization 1 - ..." group it
# reads the name, title and department; its other columns are recognised one by one).
_GROUPS_READ = ("e-mail", "phone", "website", "address", "relation", "event", "custom field")


def prepare_google(columns: Columns) -> RowConverter:
    groups = _numbered_groups(columns)
    for what in _GROUPS_READ:
        for group in groups.get(what, []):
            for index in group.values():
                columns.use(index)
    full = columns.get("name")
    given = columns.get("first name", "given name")
    middle = columns.get("middle name", "additional name")
    family = columns.get("last name", "family name")
    prefix, suffix = columns.get("name prefix"), columns.get("name suffix")
    nickname, birthday = columns.get("nickname"), columns.get("birthday")
    notes, labels = columns.get("notes"), columns.get("labels", "group membership")
    org = {
        "name": columns.get("organization name"),
        "title": columns.get("organization title"),
        "department": columns.get("organization department"),
    }
    if org["name"] is None and groups.get("organization"):
        first = groups["organization"][0]
        org = {key: first.get(key) for key in org}
        for key in ("name", "title", "department", "type"):
            if key in first:
                columns.use(first[key])

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            formatted_name=cell(cells, full),
            given_name=cell(cells, given),
            middle_name=cell(cells, middle),
            family_name=cell(cells, family),
            prefix=cell(cells, prefix),
            suffix=cell(cells, suffix),
            nickname=cell(cells, nickname),
            organization=cell(cells, org["name"]),
            title=cell(cells, org["title"]),
            department=cell(cells, org["department"]),
            categories=_google_categories(cell(cells, labels)),
            source="google",
        )
        for group in groups.get("e-mail", []):
            record.emails.extend(_google_typed(cells, group))
        for group in groups.get("phone", []):
            record.phones.extend(_google_typed(cells, group))
        for group in groups.get("website", []):
            for url in _google_typed(cells, group):
                url.kind = url_kind(url.value, url.kind)
                record.urls.append(url)
        for group in groups.get("address", []):
            if address := _google_address(cells, group):
                record.addresses.append(address)
        add_note(record, cell(cells, notes))
        set_birthday(record, cell(cells, birthday))
        # Relations, dates and custom fields have no place of their own: kept in the note.
        for what in ("relation", "event", "custom field"):
            for group in groups.get(what, []):
                for item in _google_typed(cells, group):
                    name = item.label or item.kind or what.capitalize()
                    add_note(record, f"{name.capitalize()}: {item.value}")
        return record

    return convert


# --- Outlook ---------------------------------------------------------------------------------

# header -> (kind, label); "primary phone" is the preferred one.
_OUTLOOK_PHONES: dict[str, tuple[str, str]] = {
    "primary phone": ("", ""),
    "mobile phone": ("cell", ""),
    "business phone": ("work", ""),
    "business phone 2": ("work", ""),
    "home phone": ("home", ""),
    "home phone 2": ("home", ""),
    "company main phone": ("work", "Company main"),
    "other phone": ("", ""),
    "car phone": ("car", ""),
    "pager": ("pager", ""),
    "business fax": ("work,fax", ""),
    "home fax": ("home,fax", ""),
    "other fax": ("fax", ""),
    "isdn": ("isdn", ""),
    "tty/tdd phone": ("textphone", ""),
    "assistant's phone": ("", "Assistant"),
    "callback": ("", "Callback"),
    "radio phone": ("", "Radio"),
    "telex": ("", "Telex"),
}
_OUTLOOK_ADDRESSES = (("business", "work"), ("home", "home"), ("other", ""))


def outlook_matches(columns: Columns) -> bool:
    if "first name" not in columns or "last name" not in columns:
        return False
    has_contact = any(name in columns for name in ("e-mail address", "business phone"))
    return has_contact and ("job title" in columns or "company" in columns)


def prepare_outlook(columns: Columns) -> RowConverter:
    names = {
        key: columns.get(header)
        for key, header in (
            ("prefix", "title"),
            ("given", "first name"),
            ("middle", "middle name"),
            ("family", "last name"),
            ("suffix", "suffix"),
            ("nickname", "nickname"),
            ("company", "company"),
            ("department", "department"),
            ("title", "job title"),
            ("birthday", "birthday"),
            ("anniversary", "anniversary"),
            ("notes", "notes"),
            ("categories", "categories"),
        )
    }
    emails = [
        columns.get(header)
        for header in ("e-mail address", "e-mail 2 address", "e-mail 3 address")
        if header in columns
    ]
    phones = [
        (index, kind)
        for header, kind in _OUTLOOK_PHONES.items()
        if (index := columns.get(header)) is not None
    ]
    primary = columns.get("primary phone")
    urls = [columns.get(header) for header in ("web page", "personal web page")]
    addresses = [
        AddressColumns(
            kind=kind,
            streets=tuple(columns.get(f"{prefix} street{n}") for n in ("", " 2", " 3")),
            locality=columns.get(f"{prefix} city"),
            region=columns.get(f"{prefix} state"),
            postal_code=columns.get(f"{prefix} postal code"),
            country=columns.get(f"{prefix} country/region", f"{prefix} country"),
            po_box=columns.get(f"{prefix} address po box"),
        )
        for prefix, kind in _OUTLOOK_ADDRESSES
    ]

    def convert(cells: Sequence[str]) -> ContactRecord:
        record = ContactRecord(
            prefix=cell(cells, names["prefix"]),
            given_name=cell(cells, names["given"]),
            middle_name=cell(cells, names["middle"]),
            family_name=cell(cells, names["family"]),
            suffix=cell(cells, names["suffix"]),
            nickname=cell(cells, names["nickname"]),
            organization=cell(cells, names["company"]),
            department=cell(cells, names["department"]),
            title=cell(cells, names["title"]),
            categories=[
                tag.strip() for tag in cell(cells, names["categories"]).split(";") if tag.strip()
            ],
            source="outlook",
        )
        record.emails = [Typed(value) for index in emails if (value := cell(cells, index))]
        for phone_index, (kind, label) in phones:
            if value := cell(cells, phone_index):
                preferred = phone_index == primary
                record.phones.append(Typed(value, kind=kind, label=label, preferred=preferred))
        for url_index in urls:
            if value := cell(cells, url_index):
                record.urls.append(Typed(value, kind=url_kind(value)))
        record.addresses = [a for spot in addresses if (a := spot.read(cells))]
        add_note(record, cell(cells, names["notes"]))
        set_birthday(record, cell(cells, names["birthday"]))
        anniversary = cell(cells, names["anniversary"])
        if anniversary and anniversary not in {"0/0/00", "0/0/0000"}:
            add_note(record, f"Anniversary: {anniversary}")
        return record

    return convert
