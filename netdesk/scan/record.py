"""A scanned card as the record every import makes, so it goes through the same preview and
duplicate check."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nameparser import HumanName

from netdesk.formats.csv.values import url_kind
from netdesk.formats.phone_extension import split_extension
from netdesk.formats.records import CardImage, ContactRecord, PostalAddress, Typed
from netdesk.scan.card_fields import CardFields

# CardPhone kinds as vCard TYPE lists (the conventions of netdesk.formats).
_PHONE_KINDS = {"mobile": "cell", "work": "work", "fax": "work,fax", "home": "home", "": "work"}
_CITY = re.compile(
    r"^(?P<code>(?:[A-Z]{1,2}-)?\d{2}-\d{3}|\d{4}-\d{3}|\d{5}-\d{3}|\d{4,5}|\d{4}\s?[A-Z]{2})"
    r"\s+(?P<city>[^\d,]+?)(?:\s*-\s*[A-Z]{2})?$"
)
# "London SW1A 2AA", "Boston MA 02110" (the US state is split off below).
_CITY_LAST = re.compile(
    r"^(?P<city>[^\d,]+?),?\s+(?P<code>[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]{2}\s+\d{5}(?:-\d{4})?)$"
)
_US_STATE = re.compile(r"^(?P<state>[A-Z]{2})\s+(?P<code>\d{5}(?:-\d{4})?)$")


def record_of(fields: CardFields, images: Sequence[CardImage]) -> ContactRecord:
    """The contact record of a card's fields, with the card pictures (front, then back)."""
    record = ContactRecord(
        formatted_name=fields.name,
        given_name=fields.given,
        family_name=fields.family,
        organization=fields.organization,
        department=fields.department,
        title=fields.title,
        source="scan",
        card_images=list(images),
    )
    if fields.name and not re.search(r"[\u3400-\u9fff]", fields.name):
        parsed = HumanName(fields.name)
        record.prefix, record.suffix = parsed.title, parsed.suffix
        if parsed.middle and fields.given.endswith(parsed.middle):
            record.given_name, record.middle_name = parsed.first, parsed.middle
    record.emails = [Typed(email, kind="work") for email in fields.emails]
    for phone in fields.phones:
        number, extension = split_extension(phone.number)
        kind = _PHONE_KINDS.get(phone.kind, "work")
        record.phones.append(Typed(number, kind=kind, extension=extension))
    record.urls = [Typed(url, kind=url_kind(url, "work")) for url in fields.urls]
    if fields.address:
        record.addresses.append(postal_address(fields.address))
    return record


def postal_address(text: str) -> PostalAddress:
    """The parts of an address read as "street, postcode city, country"; when it does not read
    that way, the text in `label` and (but for a country at its end) as the street."""
    from netdesk.scan.addresses import country_of

    parts = [part.strip() for part in text.split(",") if part.strip()]
    address = PostalAddress(kind="work")
    if parts and country_of(parts[-1]):
        address.country = parts.pop()
    for index in range(len(parts) - 1, 0, -1):
        state = _US_STATE.match(parts[index])
        if state and index + 1 == len(parts):
            address.region, address.postal_code = state.group("state"), state.group("code")
            address.locality = parts[index - 1]
            address.street = ", ".join(parts[: index - 1])
            return address
    for index in range(len(parts) - 1, -1, -1):
        match = _CITY.match(parts[index]) or _CITY_LAST.match(parts[index])
        if match:
            address.postal_code = match.group("code")
            if state := _US_STATE.match(address.postal_code):
                address.region, address.postal_code = state.group("state"), state.group("code")
            address.locality = match.group("city").strip()
            address.street = ", ".join(parts[:index])
            extra = parts[index + 1 :]
            if extra:
                address.locality = ", ".join([address.locality, *extra])
            return address
    # Imports keep an address only when one of its parts is set: the whole text as the street.
    return PostalAddress(kind="work", street=", ".join(parts), country=address.country, label=text)
