"""Recognising CSV columns one at a time by their header (formats.csv.synonyms), and the column
mapping that follows: column index -> a CONTACT_FIELDS key, with the kind each column's header
names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from netdesk.formats.csv.synonyms import PLACEHOLDERS, SYNONYMS, Meaning, header_key
from netdesk.formats.csv.values import kind_from_words

# Words that make a header describe another column ("E-mail 1 - Type") or spell a name out
# for pronunciation: such a column holds no contact data of its own.
_DESCRIBING = frozenset({"type", "label", "yomi", "phonetic", "formatted", "id", "typ"})

# Tried in order when no header of the table matched: the first field one of whose words
# (or word pairs) is in the header ("Email 1 Privat", "Direct Phone", "Shipping City").
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("email", "mail", "courriel", "correo")),
    ("phone", ("phone", "telefon", "telephone", "fax", "mobile", "handy", "pager", "tel")),
    ("url", ("website", "web page", "homepage", "url", "linkedin", "webseite", "site web")),
    ("given_name", ("first name", "given name", "vorname", "prenom")),
    ("family_name", ("last name", "family name", "surname", "nachname")),
    ("middle_name", ("middle name", "additional name")),
    ("title", ("job title", "title", "position")),
    ("department", ("department",)),
    ("organization", ("company", "organisation", "organization", "employer", "firma")),
    ("postal_code", ("postal code", "postcode", "zip", "zipcode", "plz")),
    ("locality", ("city", "town", "ort", "ville")),
    ("region", ("state", "region", "province")),
    ("country", ("country", "land", "pays")),
    ("po_box", ("po box", "postfach")),
    ("street", ("street", "address", "strasse", "rue", "adresse")),
    ("birthday", ("birthday", "birth date", "date of birth")),
    ("note", ("note", "notes", "comment")),
)

# Fields a row holds once: the first column that names one takes it. Address parts are held
# once per kind of address ("Home City" and "Work City" are two addresses); the others
# (emails, phones, web addresses, notes, tags, street lines) add a value per column.
_ONCE = frozenset(
    {
        "formatted_name", "given_name", "family_name", "middle_name", "prefix", "suffix",
        "nickname", "organization", "department", "title", "birthday", "po_box", "locality",
        "region", "postal_code", "country",
    }
)  # fmt: skip
ADDRESS_FIELDS = ("po_box", "street", "locality", "region", "postal_code", "country")


def recognise(header: str, *, exact: bool = False) -> Meaning | None:
    """What a column with this header holds; None when netdesk cannot tell. `exact` only
    trusts the table, not the words a header contains ("Where are you based (city)?" asked
    by an event site stays a question)."""
    key = header_key(header)
    if not key:
        return None
    found = SYNONYMS.get(key) or SYNONYMS.get(header_key(header, numbers=False))
    if found is not None or exact:
        return found
    words = header_key(header, numbers=False).split()
    if _DESCRIBING.intersection(words):
        return None
    text = f" {' '.join(words)} "
    for field, parts in _CONTAINS:
        if any(f" {part} " in text for part in parts):
            kind = kind_from_words(" ".join(words))
            if field in ADDRESS_FIELDS or field == "street":
                kind = _address_kind(kind)
            return Meaning(field, kind if field in _TYPED or field in ADDRESS_FIELDS else "")
    return None


_TYPED = frozenset({"email", "phone", "url"})


def _address_kind(kind: str) -> str:
    """Which address a part belongs to: work, home or the other one."""
    return "work" if "work" in kind else "home" if "home" in kind else ""


def meaning_for(header: str, field: str) -> Meaning:
    """The meaning of a column the user (or --map) gave `field`: the header's own kind and
    label when the table agrees on the field, else the kind its words name."""
    found = recognise(header)
    if found is not None and found.field == field:
        return found
    kind = kind_from_words(header)
    if field in ADDRESS_FIELDS:
        kind = _address_kind(kind)
    elif field not in _TYPED:
        kind = ""
    return Meaning(field, kind)


def _slot(meaning: Meaning) -> tuple[str, str] | None:
    """What a column takes up, for fields held once (per kind of address); None otherwise."""
    if meaning.field not in _ONCE:
        return None
    if meaning.field in ADDRESS_FIELDS or meaning.field == "birthday":
        return meaning.field, meaning.kind
    return meaning.field, ""


def guess_mapping(
    headers: Sequence[str], skip: Mapping[int, object] | set[int] | None = None
) -> dict[int, str]:
    """The column mapping netdesk would use: column index -> CONTACT_FIELDS key. A field held
    once goes to the first column that names it; columns in `skip` (read by a known layout)
    are left out, and so are the columns that only describe another."""
    mapping: dict[int, str] = {}
    taken: set[tuple[str, str]] = set()
    for index, header in enumerate(headers):
        if skip is not None and index in skip:
            continue
        meaning = recognise(header)
        if meaning is None or not meaning.field:
            continue
        slot = _slot(meaning)
        if slot is not None:
            if slot in taken:
                continue
            taken.add(slot)
        mapping[index] = meaning.field
    return mapping


def describing(headers: Sequence[str]) -> set[int]:
    """The columns whose header says they only describe another ("E-mail Type")."""
    found = set()
    for index, header in enumerate(headers):
        meaning = recognise(header)
        if meaning is not None and not meaning.field:
            found.add(index)
    return found


def holds_data(rows: Sequence[tuple[int, Sequence[str]]], index: int) -> bool:
    """Whether any row has something in that column other than an exporter's placeholder."""
    for _line, cells in rows:
        if index < len(cells):
            value = cells[index].strip()
            if value and value.casefold() not in PLACEHOLDERS:
                return True
    return False
