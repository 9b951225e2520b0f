"""Both sides of one card make one contact: the back adds what the front lacks (a title in
another language, a second phone, the address) and never repeats what the front has."""

from __future__ import annotations

import re
import unicodedata

from netdesk.scan.card_fields import CardFields, CardPhone

_SINGLE = ("title", "organization", "department", "address")


def merge_sides(front: CardFields, back: CardFields) -> CardFields:
    """The fields of a card read on both sides; the front wins where both have a value."""
    merged = CardFields(
        name=front.name,
        given=front.given,
        family=front.family,
        title=front.title,
        organization=front.organization,
        department=front.department,
        emails=list(front.emails),
        phones=[CardPhone(phone.number, phone.kind) for phone in front.phones],
        urls=list(front.urls),
        address=front.address,
        unplaced=list(front.unplaced),
        low_confidence=set(front.low_confidence),
    )
    if not merged.name and back.name:
        merged.name, merged.given, merged.family = back.name, back.given, back.family
        _carry(back, merged, "name", "name")
    for key in _SINGLE:
        if not getattr(merged, key) and getattr(back, key):
            setattr(merged, key, getattr(back, key))
            _carry(back, merged, key, key)
    for index, email in enumerate(back.emails):
        if _flat(email) not in {_flat(known) for known in merged.emails}:
            merged.emails.append(email)
            _carry(back, merged, f"emails:{index}", f"emails:{len(merged.emails) - 1}")
    for index, phone in enumerate(back.phones):
        same = [known for known in merged.phones if _digits(known.number) == _digits(phone.number)]
        if not same:
            merged.phones.append(CardPhone(phone.number, phone.kind))
            _carry(back, merged, f"phones:{index}", f"phones:{len(merged.phones) - 1}")
        elif not same[0].kind:
            same[0].kind = phone.kind
    for index, url in enumerate(back.urls):
        if _site(url) not in {_site(known) for known in merged.urls}:
            merged.urls.append(url)
            _carry(back, merged, f"urls:{index}", f"urls:{len(merged.urls) - 1}")
    known_text = _known_text(merged)
    for text in back.unplaced:
        if _flat(text) not in known_text:
            merged.unplaced.append(text)
            known_text.add(_flat(text))
    return merged


def _carry(back: CardFields, merged: CardFields, key: str, new_key: str) -> None:
    if key in back.low_confidence:
        merged.low_confidence.add(new_key)


def _known_text(fields: CardFields) -> set[str]:
    values = [fields.name, fields.title, fields.organization, fields.department, fields.address]
    values += fields.emails + fields.urls + fields.unplaced
    return {_flat(value) for value in values if value}


def _flat(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _site(url: str) -> str:
    """A web address without its scheme and "www." ("mistral.eu" = "https://www.mistral.eu")."""
    return _flat(re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip(), flags=re.IGNORECASE))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)
