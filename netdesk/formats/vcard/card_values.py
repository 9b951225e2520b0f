"""Typed values of a vCard: an email, phone, URL or address's kind and preference from its TYPE
parameters, Apple's X-ABLabel text, a birthday's date, and the name a card falls back on."""

from __future__ import annotations

import re

from netdesk.formats.phone_extension import with_extension
from netdesk.formats.records import ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.read_line import Params

_NOT_KINDS = frozenset({"pref", "internet", "voice"})
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_", re.DOTALL)
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?", re.DOTALL)
_NO_YEAR = 1604  # Apple and CardBook write 1604 for a birthday without a year


def typed(value: str, params: Params | None, label: str) -> Typed:
    kind, preferred = kind_of(params)
    return Typed(value=value, kind=kind, label=label, preferred=preferred)


def kind_of(params: Params | None) -> tuple[str, bool]:
    """Typed.kind and Typed.preferred: the TYPE list without pref, internet and voice."""
    if params is None:
        return "", False
    if params.kind is None:  # Params are shared between lines: work it out once
        # dict.fromkeys drops repeats in linear time: a line may list 100,000 types.
        kinds = dict.fromkeys(kind for kind in params.types if kind not in _NOT_KINDS)
        params.kind = ",".join(kinds), params.pref or "pref" in params.types
    return params.kind


def postal_address(parts: list[str], params: Params | None, label: str) -> PostalAddress:
    """The seven ADR components (padded); the country takes any beyond them."""
    kind, preferred = kind_of(params)
    return PostalAddress(
        po_box=parts[0],
        extended=parts[1],
        street=parts[2],
        locality=parts[3],
        region=parts[4],
        postal_code=parts[5],
        country="; ".join(part for part in parts[6:] if part),
        kind=kind,
        label=label,
        preferred=preferred,
    )


def birthday_parts(value: str, params: Params | None) -> tuple[int, int, int] | None:
    """Year, month and day of a BDAY written as a date with a year (not yet checked against
    the calendar); None for text, year-less or odd dates."""
    found = None if params and params.value_type == "text" else _DATE.fullmatch(value.strip())
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    return None if year == _NO_YEAR else (year, month, day)


def apple_label(value: str) -> str:
    """Apple writes its built-in labels as `_$!<HomePage>!$_`; custom labels as typed."""
    found = _APPLE_LABEL.fullmatch(value.strip())
    return found.group(1) if found else value.strip()


def fallback_name(record: ContactRecord) -> str:
    parts = (record.prefix, record.given_name, record.middle_name, record.family_name)
    built = " ".join(part for part in (*parts, record.suffix) if part)
    return (
        built
        or record.nickname
        or record.organization
        or (record.emails[0].value if record.emails else "")
        # With its extension: the people of one switchboard are different names.
        or next((with_extension(t.value, t.extension) for t in record.phones), "")
    )
