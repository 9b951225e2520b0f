"""Cell-level helpers shared by the CSV layouts, the column mapping and the CSV writer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlsplit

from netdesk import clock
from netdesk.formats.records import ContactRecord, Problem, Typed

# A cell beginning with one of these is taken for a formula by Excel, LibreOffice or Sheets
# (OWASP "CSV injection"); exports prefix such cells with a single quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Google Contacts joins several values in one cell with this.
MULTI_SEPARATOR = " ::: "

_NO_NAME = "row has no name, email or phone"

_KIND_WORDS: dict[str, str] = {
    "work": "work",
    "business": "work",
    "office": "work",
    "company": "work",
    "geschäftlich": "work",
    "büro": "work",
    "arbeit": "work",
    "home": "home",
    "personal": "home",
    "private": "home",
    "privat": "home",
    "mobile": "cell",
    "mobil": "cell",
    "cell": "cell",
    "cellular": "cell",
    "handy": "cell",
    "fax": "fax",
    "pager": "pager",
    "car": "car",
    "isdn": "isdn",
    "textphone": "textphone",
    "tty": "textphone",
    "video": "video",
}
# Kinds written first when several are found, as vCard writers list them ("home,fax").
_KIND_ORDER = ("work", "home", "cell", "fax", "pager", "car", "isdn", "textphone", "video")

_URL_NETWORKS: dict[str, str] = {
    "linkedin.com": "linkedin",
    "xing.com": "xing",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "github.com": "github",
    "gitlab.com": "gitlab",
    "facebook.com": "facebook",
    "instagram.com": "instagram",
    "meetup.com": "meetup",
    "mastodon.social": "mastodon",
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier"),
            ("feb", "february", "februar", "février", "fevrier"),
            ("mar", "march", "märz", "maerz", "mars", "mär"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juillet"),
            ("aug", "august", "août", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "okt", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "dez", "dezember", "décembre", "decembre"),
        ),
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{2}|\d{4})(?:,? .*)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.? ([^\W\d_]+)\.?,? (\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.? (\d{1,2}),? (\d{4})$")


def cell(cells: Sequence[str], index: int | None) -> str:
    """The stripped text of a cell, "" when the column is absent."""
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def split_multi(text: str) -> list[str]:
    """The values of a Google-style ` ::: ` multi-value cell, stripped, without empty ones."""
    return [part.strip() for part in text.split(MULTI_SEPARATOR.strip()) if part.strip()]


def split_emails(text: str) -> list[str]:
    """The addresses of a cell that holds several: our export's "; " between them, or a ";"
    or "," of a file edited by hand, unless that would leave a piece without an "@": then the
    mark is part of an address ("semicolon;@example.org" is one address, not two pieces)."""
    found: list[str] = []
    for piece in re.split(r";\s+", text):
        parts = [part for part in (p.strip() for p in re.split(r"[;,]", piece)) if part]
        if len(parts) > 1 and not all("@" in part for part in parts):
            parts = [piece.strip()]
        found.extend(part for part in parts if part)
    return found


def join_nonempty(parts: Sequence[str], separator: str = " ") -> str:
    return separator.join(part.strip() for part in parts if part and part.strip())


def kind_from_words(text: str) -> str:
    """A vCard-style kind ("work", "cell", "home,fax") from a header or label such as
    "Business Fax" or "Mobile Phone"; "" when the text names no known kind."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    found = {_KIND_WORDS[word] for word in words if word in _KIND_WORDS}
    return ",".join(kind for kind in _KIND_ORDER if kind in found)


def typed_from_label(value: str, label: str) -> Typed:
    """An email/phone/URL from a Google label: "* Work" is the preferred work value; labels that
    name no known kind ("Google Voice", "Main") are kept as the label."""
    text = label.strip()
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    kind = kind_from_words(text)
    custom = "" if kind or text.lower() in {"", "other"} else text
    return Typed(value=value, kind=kind, label=custom, preferred=preferred)


def url_kind(url: str, fallback: str = "") -> str:
    """The social network a web address belongs to ("linkedin"), else `fallback`."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        host = (urlsplit(text).hostname or "").lower()
    except ValueError:
        return fallback
    for domain, network in _URL_NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            return network
    return fallback


def parse_date(text: str, *, day_first: bool = False) -> date | None:
    """A date from the formats exporters write: 2024-01-15, 15.01.2024, 1/15/2024 (month first
    unless `day_first` or the first number cannot be a month), 15 Jan 2024, Jan 15, 2024.
    None when the text is empty, a placeholder such as Outlook's 0/0/00, or not a date."""
    text = " ".join(text.split())
    year = month = day = 0
    if match := _ISO_DATE.match(text):
        year, month, day = (int(group) for group in match.groups())
    elif match := _NUMERIC_DATE.match(text):
        first, separator, second, year_text = match.groups()
        a, b = int(first), int(second)
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year <= clock.today().year % 100 else 1900
        if separator == "." or day_first or a > 12:
            day, month = a, b
        else:
            month, day = a, b
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), _MONTHS.get(match[2].lower(), 0), int(match[3])
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = _MONTHS.get(match[1].lower(), 0), int(match[2]), int(match[3])
    if not year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_note(record: ContactRecord, text: str) -> None:
    if text.strip():
        record.note = f"{record.note}\n{text.strip()}" if record.note else text.strip()


def set_birthday(record: ContactRecord, text: str, *, day_first: bool = False) -> None:
    """Sets the birthday; a value that is not a full date (Google's "--04-12") goes into the
    note so that it is not lost."""
    text = text.strip()
    if not text or text in {"0/0/00", "0/0/0000", "00.00.0000"}:
        return
    parsed = parse_date(text, day_first=day_first)
    if parsed is None:
        add_note(record, f"Birthday: {text}")
    else:
        record.birthday = parsed


def strip_neutralising_quote(text: str) -> str:
    """Undoes the quote a CSV export put before a formula-like cell ("'+49 30 1234"); of
    several quotes ("''=1", a value that began with a quote itself) only the one added."""
    guarded = text.lstrip("'").lstrip(" ")[:1]
    if text.startswith("'") and guarded and guarded in FORMULA_PREFIXES:
        return text[1:]
    return text


def finish_record(record: ContactRecord, file: str) -> ContactRecord | Problem:
    """Fills the formatted name (given + family, else email, else organisation, else phone) and
    rejects a row that names nobody."""
    has_name = any((record.formatted_name, record.given_name, record.family_name, record.nickname))
    if not (has_name or record.emails or record.phones):
        return Problem(file, record.line, _NO_NAME)
    if not record.formatted_name:
        record.formatted_name = (
            join_nonempty([record.given_name, record.middle_name, record.family_name])
            or record.nickname
            or (record.emails[0].value if record.emails else "")
            or record.organization
            or record.phones[0].value
        )
    return record
