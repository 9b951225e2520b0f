"""The columns of a CSV whose layout netdesk does not know: the fields a column can hold, a
first guess from its header, and turning a row into a ContactRecord by the user's mapping."""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.formats.csv_layouts import RowConverter, normalise_header
from netdesk.formats.csv_values import join_nonempty, set_birthday, split_multi, url_kind
from netdesk.formats.records import ContactRecord, PostalAddress, Typed

# key -> label in the column-mapping dialog, in the order the dialog lists them.
CONTACT_FIELDS: dict[str, str] = {
    "given_name": "First name",
    "family_name": "Last name",
    "formatted_name": "Full name",
    "middle_name": "Middle name",
    "prefix": "Name prefix",
    "suffix": "Name suffix",
    "nickname": "Nickname",
    "organization": "Organisation",
    "department": "Department",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "url": "Web address",
    "street": "Street",
    "locality": "City",
    "region": "State or region",
    "postal_code": "Postcode",
    "country": "Country",
    "birthday": "Birthday",
    "note": "Note",
    "categories": "Tags",
}

# A mapping must give each row one of these, or its people could not be told apart.
IDENTIFYING_FIELDS = frozenset({"formatted_name", "given_name", "family_name", "email"})
# Fields that several columns may fill, each adding a value (notes are joined).
REPEATABLE_FIELDS = frozenset({"email", "phone", "url", "note"})

_NAME_KEYS = ("given_name", "family_name", "formatted_name", "middle_name", "prefix", "suffix")
_ADDRESS_KEYS = ("street", "locality", "region", "postal_code", "country")
_TEXT_KEYS = ("nickname", "organization", "department", "title")


def _split_values(key: str, text: str) -> list[str]:
    """Several values in one cell: Google's " ::: ", and "; " (how our export writes extra
    emails and web addresses); emails may also be separated by commas."""
    values = split_multi(text)
    if key == "phone":
        return values
    pattern = r"[;,]\s*" if key == "email" else r";\s+"
    return [part.strip() for value in values for part in re.split(pattern, value) if part.strip()]


def mapping_converter(mapping: dict[int, str], kinds: dict[int, str], source: str) -> RowConverter:
    order = sorted(mapping.items())

    def convert(cells: Sequence[str]) -> ContactRecord:
        values: dict[str, list[str]] = {}
        record = ContactRecord(source=source)
        for index, key in order:
            text = cells[index].strip()
            if not text:
                continue
            if key == "email":
                record.emails += [Typed(v, kinds[index]) for v in _split_values(key, text)]
            elif key == "phone":
                record.phones += [Typed(v, kinds[index]) for v in _split_values(key, text)]
            elif key == "url":
                record.urls += [
                    Typed(v, url_kind(v, kinds[index])) for v in _split_values(key, text)
                ]
            else:
                values.setdefault(key, []).append(text)
        for key in _NAME_KEYS:
            setattr(record, key, join_nonempty(values.get(key, [])))
        for key in _TEXT_KEYS:
            setattr(record, key, join_nonempty(values.get(key, []), ", "))

        def joined(key: str) -> str:
            return join_nonempty(values.get(key, []), ", ")

        address = PostalAddress(
            street=joined("street"),
            locality=joined("locality"),
            region=joined("region"),
            postal_code=joined("postal_code"),
            country=joined("country"),
        )
        if any(getattr(address, key) for key in _ADDRESS_KEYS):
            record.addresses.append(address)
        record.note = "\n".join(values.get("note", []))
        for text in values.get("birthday", []):
            set_birthday(record, text)
        tags: list[str] = []
        for text in values.get("categories", []):
            for tag in re.split(r"\s*(?::::|[,;])\s*", text):
                if tag.strip() and tag.strip() not in tags:
                    tags.append(tag.strip())
        record.categories = tags
        return record

    return convert


# --- Guessing a mapping for an unknown CSV ---------------------------------------------------

_EXACT: dict[str, str] = {}
for _key, _names in {
    "formatted_name": (
        "name", "full name", "fullname", "display name", "contact name", "contact",
        "attendee name", "anzeigename", "vollständiger name", "nom complet", "nombre completo",
        "naam", "volledige naam", "person",
    ),
    "given_name": (
        "first name", "firstname", "first", "given name", "givenname", "forename", "vorname",
        "prénom", "prenom", "nombre", "voornaam",
    ),
    "family_name": (
        "last name", "lastname", "last", "surname", "family name", "familyname", "nachname",
        "familienname", "nom", "nom de famille", "apellido", "apellidos", "achternaam",
    ),
    "middle_name": ("middle name", "additional name", "second name", "zweiter vorname"),
    "prefix": ("prefix", "name prefix", "salutation", "anrede", "civilité", "civilite"),
    "suffix": ("suffix", "name suffix"),
    "nickname": ("nickname", "nick", "spitzname", "surnom", "alias"),
    "organization": (
        "company", "company name", "organisation", "organization", "organisation name",
        "organization name", "org", "employer", "firma", "unternehmen", "société", "societe",
        "entreprise", "empresa", "bedrijf", "organisatie",
    ),
    "department": ("department", "dept", "abteilung", "division", "service", "afdeling"),
    "title": (
        "job title", "jobtitle", "title", "position", "job", "occupation", "function",
        "funktion", "beruf", "berufsbezeichnung", "poste", "fonction", "cargo", "puesto",
        "functie",
    ),
    "email": (
        "email", "e mail", "mail", "email address", "e mail address", "emailaddress",
        "courriel", "correo", "correo electrónico", "adresse e mail",
    ),
    "phone": (
        "phone", "phone number", "telephone", "telephone number", "tel", "mobile", "cell",
        "mobile phone", "cell phone", "telefon", "telefonnummer", "handy", "mobil",
        "téléphone", "telephone portable", "portable", "teléfono", "telefono", "telefoon",
    ),
    "url": (
        "url", "website", "web site", "web", "web page", "webpage", "web address", "homepage",
        "home page", "site", "site web", "linkedin", "linkedin url", "profile", "profile url",
        "blog", "webseite", "internetseite",
    ),
    "street": (
        "street", "street address", "address", "address 1", "address line 1", "straße",
        "strasse", "adresse", "rue", "dirección", "direccion", "calle", "straat", "adres",
    ),
    "locality": ("city", "town", "locality", "ort", "stadt", "wohnort", "ville", "ciudad"),
    "region": (
        "state", "region", "province", "county", "bundesland", "provincia", "state province",
    ),
    "postal_code": (
        "zip", "zip code", "zipcode", "postal code", "postcode", "post code", "plz",
        "postleitzahl", "code postal", "código postal", "codigo postal",
    ),
    "country": ("country", "country region", "land", "pays", "país", "pais"),
    "birthday": ("birthday", "birth date", "birthdate", "date of birth", "dob", "geburtstag",
                 "geburtsdatum", "anniversaire", "date de naissance", "cumpleaños"),
    "note": ("note", "notes", "comment", "comments", "remarks", "bemerkung", "bemerkungen",
             "notiz", "notizen", "kommentar", "kommentare", "commentaire", "commentaires",
             "notas", "opmerkingen"),
    "categories": ("tags", "tag", "labels", "label", "categories", "category", "groups", "group",
                   "group membership", "kategorien", "kategorie", "gruppen", "catégories"),
}.items():  # fmt: skip
    for _name in _names:
        _EXACT[_name] = _key

# Substrings tried in order when no exact name matched ("Business Phone", "E-mail 2 Address").
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("email", "e mail", "courriel")),
    ("phone", ("phone", "telefon", "fax", "mobile", "handy", "pager")),
    ("url", ("website", "web page", "homepage", "url", "linkedin")),
    ("given_name", ("first name", "given name", "vorname", "prénom")),
    ("family_name", ("last name", "family name", "surname", "nachname")),
    ("middle_name", ("middle name", "additional name")),
    ("title", ("job title", "title", "position")),
    ("department", ("department",)),
    ("organization", ("company", "organisation", "organization", "employer")),
    ("postal_code", ("postal code", "postcode", "zip")),
    ("locality", ("city", "town")),
    ("region", ("state", "region", "province")),
    ("country", ("country",)),
    ("street", ("street", "address")),
    ("birthday", ("birthday", "birth date", "date of birth")),
    ("note", ("note", "comment")),
)
# Columns that describe another column ("E-mail 1 - Type") or are spelling aids.
_SKIP_WORDS = ("type", "label", "yomi", "phonetic", "formatted", "display name", "id", "#")


def _guess_field(header: str) -> str | None:
    text = normalise_header(header)
    text = re.sub(r"[\s_\-./:()]+", " ", text).replace("e mail", "email").strip()
    text = re.sub(r"\b\d+\b", " ", text)
    text = " ".join(text.split())
    if not text:
        return None
    if text in _EXACT:
        return _EXACT[text]
    words = text.split()
    if any(word in words for word in _SKIP_WORDS) or "display name" in text:
        return None
    without_value = " ".join(word for word in words if word != "value")
    if without_value in _EXACT:
        return _EXACT[without_value]
    if any(word in ("email", "mail", "courriel", "correo") for word in words):
        return "email"
    for key, parts in _CONTAINS:
        if any(part in text for part in parts):
            return key
    return None


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """A best-effort column mapping for the dialog: column index -> CONTACT_FIELDS key. Each
    single-value field is given to the first column that looks like it; emails, phones, web
    addresses and notes to every such column."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = _guess_field(header)
        if key is None or key in taken:
            continue
        mapping[index] = key
        if key not in REPEATABLE_FIELDS:
            taken.add(key)
    return mapping
