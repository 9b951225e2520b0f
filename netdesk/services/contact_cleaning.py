"""People from files tidied before they are written: whitespace, empty entries, the same
email or phone listed twice, text fitted to its column, and the key that recognises a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

import phonenumbers

from netdesk.formats.phone_extension import split_extension
from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, Typed
from netdesk.models import Contact, ContactAddress, ContactEmail, ContactPhone, ContactUrl
from netdesk.services.bulk import clip, column_length
from netdesk.services.tags import clean_tag_names

_NOT_DIGITS = re.compile(r"\D")

CONTACT_TEXT = (
    "uid",
    "formatted_name",
    "given_name",
    "family_name",
    "middle_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "photo_mime",
)
_CONTACT_LIMITS = {name: column_length(Contact, name) for name in (*CONTACT_TEXT, "source")}
_CHILD_LIMITS: dict[type, dict[str, int | None]] = {
    model: {name: column_length(model, name) for name in ("value", "kind", "label")}
    for model in (ContactEmail, ContactPhone, ContactUrl)
}
_EXTENSION_LIMIT = column_length(ContactPhone, "extension")
_ADDRESS_LIMITS = {
    name: column_length(ContactAddress, name) for name in (*ADDRESS_PARTS, "kind", "label")
}


def phone_key(value: str, region: str | None) -> str:
    """The E.164 form used to recognise the same number, or "" when it cannot be had.

    Numbers written with their country code need no phone-number library: dropping the
    punctuation is E.164 already, and it is forty times faster on a big import.
    """
    text = value.strip()
    if text.startswith(("+", "00")) and "(" not in text:
        digits = _NOT_DIGITS.sub("", text)
        if text.startswith("00"):
            digits = digits[2:]
        return f"+{digits}" if 7 <= len(digits) <= 15 else ""
    if not any(ch.isdigit() for ch in text):
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    # Only a valid number: "030 1234567" read as a US number would be a wrong E.164 form that
    # never matches the same number written with +49.
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def cleaned(record: ContactRecord) -> ContactRecord:
    """The record with whitespace tidied, empty entries dropped and text fitted to columns."""
    fields: dict[str, Any] = {
        name: clip(" ".join(getattr(record, name).split()), _CONTACT_LIMITS[name])
        for name in CONTACT_TEXT
        if name not in ("uid", "photo_mime")
    }
    fields["uid"] = clip(record.uid.strip(), _CONTACT_LIMITS["uid"])
    fields["photo_mime"] = clip(record.photo_mime.strip(), _CONTACT_LIMITS["photo_mime"])
    if not fields["formatted_name"]:
        fields["formatted_name"] = " ".join(
            p for p in (fields["given_name"], fields["family_name"]) if p
        )
    fields["emails"] = _typed(record.emails, ContactEmail, lambda t: t.value.casefold())
    fields["phones"] = _typed([_apart(t) for t in record.phones], ContactPhone, _same_phone)
    fields["urls"] = _typed(record.urls, ContactUrl, lambda t: t.value)
    fields["addresses"] = [
        replace(
            a,
            **cast(
                dict[str, Any],
                {n: clip(getattr(a, n).strip(), _ADDRESS_LIMITS[n]) for n in _ADDRESS_LIMITS},
            ),
        )
        for a in record.addresses
        if any(getattr(a, n).strip() for n in ADDRESS_PARTS)
    ]
    fields["categories"] = clean_tag_names(record.categories)
    fields["note"] = record.note.strip()
    fields["source"] = clip(record.source or "import", _CONTACT_LIMITS["source"])
    return replace(record, **fields)


def _apart(phone: Typed) -> Typed:
    """A phone with its extension apart from the number, whoever read it ("… ext. 102" in a
    CSV cell, "x102" typed in another program)."""
    if phone.extension:
        return phone
    number, extension = split_extension(phone.value)
    return replace(phone, value=number, extension=extension) if extension else phone


def _same_phone(phone: Typed) -> tuple[str, str]:
    """The same number is the same E.164 form (or the same digits when it has none), with the
    same extension: a switchboard's extensions are different people's lines."""
    digits = _NOT_DIGITS.sub("", phone.value)
    return phone_key(phone.value, None) or digits or phone.value, phone.extension


def _typed(values: list[Typed], model: type, key: Callable[[Typed], Any]) -> list[Typed]:
    """The non-empty values fitted to their columns; a value listed twice (work and fax, cell
    and voice) is kept once with the types of both, preferred if either was."""
    limits = _CHILD_LIMITS[model]
    if len(values) < 2:
        key = id  # nothing to compare with: a phone's key costs a parse
    seen: dict[Any, Typed] = {}
    kept = []
    for typed in values:
        value = typed.value.strip()
        if not value:
            continue
        if value != typed.value:  # a copy costs more than the rest of the loop
            typed = replace(typed, value=value)
        same = seen.get(key(typed))
        if same is not None:
            same.kind = clip(union_kinds(same.kind, typed.kind), limits["kind"])
            same.preferred = same.preferred or typed.preferred
            same.label = same.label or clip(typed.label, limits["label"])
            continue
        seen[key(typed)] = kept_typed = Typed(
            value=clip(value, limits["value"]),
            kind=clip(typed.kind, limits["kind"]),
            label=clip(typed.label, limits["label"]),
            preferred=typed.preferred,
            extension=clip(typed.extension.strip(), _EXTENSION_LIMIT),
        )
        kept.append(kept_typed)
    return kept


def union_kinds(first: str, second: str) -> str:
    """ "work" and "fax" give "work,fax": each kind once, in the order they came."""
    kinds = (kind.strip() for kind in f"{first},{second}".split(","))
    return ",".join(dict.fromkeys(kind for kind in kinds if kind))
