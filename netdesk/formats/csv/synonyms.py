"""What CSV column headers mean, one header at a time: the names other programs give each
contact field, in the spellings of Outlook (English, German and French), Google Contacts (current
and older), Thunderbird, Yahoo, LinkedIn, Roundcube, Eventbrite, Meetup and hand-made sheets.

Headers are compared after `header_key` (case, accents, punctuation and numbers do not matter:
"E-Mail 2: Adresse" and "e-mail adresse" are the same key, and "prénom" covers "PRENOM"), so a
spelling is listed once. Data only: formats.csv.columns applies it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


class Meaning(NamedTuple):
    """What a column holds: a CONTACT_FIELDS key ("" for a column that only describes another,
    such as Outlook's "E-mail Type"), the kind of value ("work", "cell", "home,fax"; for a
    birthday split over columns "year", "month" or "day", and "day first" for 07/11/1867 as
    the 7th of November), and a label (a phone's "Assistant",
    or the words a note line starts with: "Anniversary")."""

    field: str
    kind: str = ""
    label: str = ""
    preferred: bool = False


def header_key(header: str, *, numbers: bool = True) -> str:
    """A header as the table is looked up: folded case, no accents, words only, "e mail" as
    "email"; without `numbers`, numbers are left out too ("Web Page 2" -> "web page")."""
    text = unicodedata.normalize("NFKD", header.replace("\ufeff", "")).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[\W_]+", " ", text)
    if not numbers:
        text = re.sub(r"\b\d+\b", " ", text)
    text = " ".join(text.split())
    return re.sub(r"\be mail\b", "email", text)


# (field, kind, label) -> the headers that mean it. Numbers are ignored when no header with the
# number matches, so "Business Street 2", "E-mail 3 Address" and "Web Page 1" need no entry.
_TABLE: dict[tuple[str, str, str], tuple[str, ...]] = {
    # --- names
    ("formatted_name", "", ""): (
        "name", "full name", "fullname", "display name", "contact name", "contact",
        "attendee name", "person", "anzeigename", "vollständiger name", "nom complet",
        "nom à afficher", "nombre completo", "naam", "volledige naam",
    ),
    ("given_name", "", ""): (
        "first name", "firstname", "first", "given name", "givenname", "forename", "vorname",
        "prénom", "nombre", "voornaam",
    ),
    ("family_name", "", ""): (
        "last name", "lastname", "last", "surname", "family name", "familyname", "nachname",
        "familienname", "nom", "nom de famille", "apellido", "apellidos", "achternaam",
    ),
    ("middle_name", "", ""): (
        "middle name", "middle", "additional name", "second name", "weitere vornamen",
        "zweiter vorname", "deuxième prénom", "autre prénom",
    ),
    ("prefix", "", ""): (
        "prefix", "name prefix", "salutation", "anrede", "titel", "titre", "civilité",
    ),
    ("suffix", "", ""): ("suffix", "name suffix", "suffixe", "namenszusatz"),
    ("nickname", "", ""): ("nickname", "nick", "spitzname", "surnom", "alias"),
    # --- work
    ("organization", "", ""): (
        "company", "company name", "organisation", "organization", "organisation name",
        "organization name", "org", "employer", "work company", "firma", "unternehmen",
        "société", "entreprise", "empresa", "bedrijf", "organisatie",
    ),
    ("department", "", ""): (
        "department", "dept", "work dept", "division", "abteilung", "service", "afdeling",
        "organization department",
    ),
    ("title", "", ""): (
        "job title", "jobtitle", "title", "position", "job", "occupation", "function",
        "work title", "organization title", "funktion", "beruf", "berufsbezeichnung",
        "poste", "fonction", "profession", "cargo", "puesto", "functie",
    ),
    # --- emails
    ("email", "", ""): (
        "email", "mail", "email address", "emailaddress", "email adresse", "adresse email",
        "primary email", "secondary email", "alternate email", "other email", "email other",
        "adresse de messagerie", "adresse électronique", "adresse électronique secondaire",
        "courriel", "correo", "correo electrónico", "sekundäre email adresse",
    ),
    ("email", "", "pref"): (
        "adresse électronique principale", "primäre email adresse", "primary email address",
    ),
    ("email", "home", ""): (
        "email home", "home email", "personal email", "private email", "email privat",
        "email personnel",
    ),
    ("email", "work", ""): (
        "email work", "work email", "business email", "email business", "email geschäftlich",
        "email professionnel",
    ),
    # --- phones
    ("phone", "", ""): (
        "phone", "phone number", "telephone", "telephone number", "tel", "other phone",
        "phone other", "other", "telefon", "telefonnummer", "weiteres telefon",
        "téléphone", "téléphone autre", "teléfono", "telefoon",
    ),
    ("phone", "", "pref"): (
        "primary phone", "primary", "haupttelefon", "téléphone principal",
    ),
    ("phone", "work", ""): (
        "business phone", "work phone", "phone work", "work", "office phone",
        "telefon geschäftlich", "tel dienstlich", "téléphone bureau", "tél professionnel",
    ),
    ("phone", "home", ""): (
        "home phone", "phone home", "home", "private phone", "telefon privat",
        "téléphone domicile",
    ),
    ("phone", "cell", ""): (
        "mobile phone", "mobile", "mobile number", "cell phone", "cell", "cellphone",
        "phone mobile", "mobiltelefon", "mobil", "handy", "mobil tel nr", "mobilnummer",
        "téléphone mobile", "tél mobile", "portable", "telephone portable", "móvil",
    ),
    ("phone", "cell,home", ""): ("home mobile", "private mobile"),
    ("phone", "cell,work", ""): ("work mobile", "business mobile"),
    ("phone", "work,fax", ""): (
        "business fax", "work fax", "fax work", "fax geschäftlich", "télécopie bureau",
    ),
    ("phone", "home,fax", ""): (
        "home fax", "fax home", "fax privat", "télécopie domicile",
    ),
    ("phone", "fax", ""): (
        "fax", "fax number", "other fax", "weiteres fax", "fax nummer", "télécopie",
        "télécopie autre",
    ),
    ("phone", "pager", ""): (
        "pager", "pager number", "pager nummer", "récepteur de radiomessagerie",
    ),
    ("phone", "car", ""): ("car phone", "autotelefon", "téléphone voiture"),
    ("phone", "isdn", ""): ("isdn", "rnis"),
    ("phone", "textphone", ""): ("tty tdd phone", "texttelefon", "téléphone tdd"),
    ("phone", "video", ""): ("phone video", "video phone"),
    ("phone", "", "Assistant"): (
        "assistant s phone", "assistant phone", "telefon assistent",
        "téléphone de l assistant e",
    ),
    ("phone", "work", "Company main"): (
        "company main phone", "telefon firma", "téléphone société",
    ),
    ("phone", "", "Callback"): ("callback", "rückmeldung", "rappel"),
    ("phone", "", "Radio"): ("radio phone", "funkruf", "radiotéléphone"),
    ("phone", "", "Telex"): ("telex", "télex"),
    # --- web addresses
    ("url", "", ""): (
        "url", "website", "web site", "web", "web page", "webpage", "web address",
        "homepage", "home page", "site", "web other", "webseite", "internetseite",
        "page web", "site web", "sitio web",
    ),
    ("url", "home", ""): (
        "personal web page", "personal website", "website home", "home website", "web home",
    ),
    ("url", "work", ""): (
        "business web page", "business website", "website work", "work website", "web work",
    ),
    ("url", "blog", ""): ("blog", "web blog"),
    ("url", "linkedin", ""): ("linkedin", "linkedin url", "linkedin profile"),
    ("url", "profile", ""): ("profile", "profile url", "web profile"),
    # --- postal addresses: the kind says which address a part belongs to
    ("street", "", ""): (
        "street", "street address", "address", "address line", "other street",
        "other address", "straße", "weitere straße", "adresse", "rue",
        "rue autre", "dirección", "calle", "straat", "adres",
    ),
    ("street", "work", ""): (
        "business street", "business address", "work street", "work address",
        "office address", "straße geschäftlich", "dienstlich adresse", "rue bureau",
        "adresse professionnelle",
    ),
    ("street", "home", ""): (
        "home street", "home address", "private address", "straße privat", "privat adresse",
        "rue domicile", "adresse privée",
    ),
    ("po_box", "", ""): (
        "po box", "p o box", "other address po box", "postfach", "weiteres postfach",
        "boîte postale", "bp autre",
    ),
    ("po_box", "work", ""): (
        "business address po box", "work po box", "postfach geschäftlich", "bp bureau",
    ),
    ("po_box", "home", ""): (
        "home address po box", "home po box", "postfach privat", "bp domicile",
    ),
    ("locality", "", ""): (
        "city", "town", "locality", "other city", "ort", "stadt", "wohnort", "weiterer ort",
        "ville", "ville autre", "ciudad", "plaats",
    ),
    ("locality", "work", ""): (
        "business city", "work city", "office city", "ort geschäftlich", "ville bureau",
    ),
    ("locality", "home", ""): (
        "home city", "home city short", "ort privat", "ville domicile",
    ),
    ("region", "", ""): (
        "state", "region", "province", "county", "state province", "other state",
        "bundesland", "weitere region", "weiteres bundesland", "kanton",
        "dép région autre", "état", "provincia",
    ),
    ("region", "work", ""): (
        "business state", "work state", "region geschäftlich", "bundesland geschäftlich",
        "bundesland kanton geschäftlich", "dép région bureau",
    ),
    ("region", "home", ""): (
        "home state", "home state short", "region privat", "bundesland privat",
        "bundesland kanton privat", "dép région domicile",
    ),
    ("postal_code", "", ""): (
        "zip", "zip code", "zipcode", "postal code", "postcode", "post code",
        "other postal code", "plz", "postleitzahl", "weitere postleitzahl", "code postal",
        "code postal autre", "código postal",
    ),
    ("postal_code", "work", ""): (
        "business postal code", "work postal code", "work zip", "work zipcode",
        "postleitzahl geschäftlich", "dienstlich plz", "code postal bureau",
    ),
    ("postal_code", "home", ""): (
        "home postal code", "home zip", "home zipcode", "postleitzahl privat", "privat plz",
        "code postal domicile",
    ),
    ("country", "", ""): (
        "country", "country region", "other country", "other country region", "land",
        "land region", "weiteres land", "weiteres land region", "pays", "pays région",
        "pays région autre", "país",
    ),
    ("country", "work", ""): (
        "business country", "business country region", "work country", "land geschäftlich",
        "land region geschäftlich", "dienstlich land", "pays région bureau",
    ),
    ("country", "home", ""): (
        "home country", "home country region", "land privat", "land region privat",
        "privat land", "pays région domicile",
    ),
    # --- dates, notes, tags
    ("birthday", "", ""): (
        "birthday", "birth date", "birthdate", "date of birth", "dob", "geburtstag",
        "geburtsdatum",
    ),
    # Programs in French or Spanish write 07/11/1867 for the 7th of November.
    ("birthday", "day first", ""): (
        "anniversaire", "date de naissance", "cumpleaños", "fecha de nacimiento",
    ),
    ("birthday", "year", ""): ("birth year", "geburtsjahr", "année de naissance"),
    ("birthday", "month", ""): ("birth month", "geburtsmonat", "mois de naissance"),
    ("birthday", "day", ""): ("birth day", "geburtstag tag", "jour de naissance"),
    ("note", "", ""): (
        "note", "notes", "comment", "comments", "remarks", "info", "description",
        "notiz", "notizen", "bemerkung", "bemerkungen", "kommentar", "kommentare",
        "commentaire", "commentaires", "notas", "opmerkingen",
    ),
    ("note", "", "Anniversary"): (
        "anniversary", "jahrestag", "anniversaire de mariage ou fête",
    ),
    ("note", "", "Spouse"): ("spouse", "partner", "ehepartner", "conjoint e"),
    ("note", "", "Children"): ("children", "kinder", "enfants"),
    ("note", "", "Manager"): ("manager s name", "name vorgesetzte r", "nom du responsable"),
    ("note", "", "Assistant"): (
        "assistant s name", "name assistent", "nom de l assistant e",
    ),
    ("note", "", "Office"): (
        "office location", "büro", "bureau", "organization location", "organisation location",
    ),
    ("note", "", "Job description"): (
        "organization job description", "job description", "stellenbeschreibung",
    ),
    ("note", "", "Organisation symbol"): ("organization symbol", "ticker symbol"),
    ("note", "", "Maiden name"): (
        "maiden name", "mädchenname", "geburtsname", "nom de jeune fille",
    ),
    ("note", "", "Hobby"): ("hobby", "hobbies", "hobbys", "loisirs"),
    ("note", "", "Referred by"): ("referred by", "empfohlen von"),
    ("note", "", "Messenger"): (
        "instant messengers", "messenger id", "im address", "screen name", "yahoo id",
    ),
    ("categories", "", ""): (
        "categories", "category", "tags", "tag", "labels", "label", "groups", "group",
        "group membership", "kategorien", "kategorie", "gruppen", "catégories", "catégorie",
    ),
    # --- columns that describe another one: taken, never reported as lost
    ("", "", ""): (
        "email type", "email display name", "email typ", "email angezeigter name",
        "type de messagerie", "nom complet de l adresse de messagerie",
        "nom complet de messagerie",
    ),
}  # fmt: skip


def _build() -> dict[str, Meaning]:
    table: dict[str, Meaning] = {}
    for (field, kind, label), headers in _TABLE.items():
        preferred = label == "pref"
        meaning = Meaning(field, kind, "" if preferred else label, preferred)
        for header in headers:
            table.setdefault(header_key(header), meaning)
    return table


SYNONYMS: dict[str, Meaning] = _build()

# Values Outlook writes into every row of columns netdesk has no place for ("Sensitivity",
# "Priority", "Private", "Gender"): a column holding only these loses nothing.
PLACEHOLDERS = frozenset(
    {"normal", "false", "unspecified", "nicht angegeben", "non spécifié", "0/0/00", "0/0/0000"}
)
