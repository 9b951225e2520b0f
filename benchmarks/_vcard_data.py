"""A realistic vCard 3.0 address book for the import and export benchmarks, made once and kept in
the temp folder between runs (delete it to rebuild).

What a phone or mail client exports: names from many cultures (accents, Polish and Turkish
letters), organisation and department, title, one or two emails and phones with TYPE
parameters, a postal address for some, a LinkedIn URL grouped with its X-ABLabel for some,
birthdays, notes with commas, semicolons and line breaks (escaped, long ones folded at 75
octets), categories, UID and REV; CRLF line ends. About 1.5% of the cards are the same person
again (same email, a newer title), as address books that were synced twice have; otherwise
no two people share a name or an email address.
"""

from __future__ import annotations

import random
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from netdesk.services.demo.names_orgs import DEPARTMENTS, FREELANCE, ORGANISATIONS, TITLES
from netdesk.services.demo.names_people import CULTURES, NICKNAMES, PERSONAL_EMAIL_DOMAINS
from netdesk.services.demo.people import email_part
from netdesk.services.demo.phones import Phones

CARDS = 10_000
SEED = 11
REPEATED = 0.015  # share of cards that repeat an earlier person

# Region -> (country as written on an address, cities, street names)
PLACES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "DE": (
        "Germany",
        ("Berlin", "Hamburg", "München", "Köln", "Leipzig"),
        ("Friedrichstraße", "Schönhauser Allee", "Königstraße", "Müllerstraße"),
    ),
    "AT": ("Austria", ("Wien", "Graz"), ("Mariahilfer Straße", "Währinger Gürtel")),
    "CH": ("Switzerland", ("Zürich", "Genève", "Bern"), ("Bahnhofstrasse", "Rue du Rhône")),
    "PL": ("Poland", ("Kraków", "Warszawa", "Łódź"), ("ul. Długa", "ul. Świętokrzyska")),
    "FR": ("France", ("Paris", "Lyon", "Nantes"), ("rue de la Paix", "boulevard Saint-Michel")),
    "ES": ("Spain", ("Madrid", "Sevilla", "A Coruña"), ("calle de Alcalá", "avenida de España")),
    "PT": ("Portugal", ("Lisboa", "Porto"), ("Rua Augusta", "Avenida da Liberdade")),
    "NL": ("Netherlands", ("Amsterdam", "Utrecht"), ("Prinsengracht", "Oudegracht")),
    "GB": ("United Kingdom", ("London", "Manchester"), ("Old Street", "Deansgate")),
    "US": ("USA", ("New York", "Pittsburgh"), ("Broadway", "Forbes Avenue")),
}
DEFAULT_PLACE = ("Germany", ("Berlin",), ("Torstraße",))

NOTES = (
    "Met at the PyCon DE sprint; wants to try our CLI.",
    "Talked about hiring, remote work; and mentoring juniors. Send her the slides.",
    "Introduced by Jörg. Interested in data pipelines, dbt, Airflow\nFollow up in spring.",
    "Gave a great lightning talk on property-based testing with Hypothesis, asked whether we "
    "would like to co-host a meetup in the autumn; said yes in principle.",
    "Café chat after the keynote — knows everybody in the Kraków scene.",
    "Owes me a book recommendation.",
)
CATEGORY_CHOICES = (
    "python",
    "data",
    "ml",
    "community",
    "hiring",
    "open source",
    "speaker",
    "mentor",
    "rust",
    "founder",
)


def vcard_file(cards: int = CARDS, seed: int = SEED) -> Path:
    path = Path(tempfile.gettempdir()) / f"netdesk-bench-{cards}-cards-{seed}-v6.vcf"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.write_bytes(make_vcards(cards, seed))
        partial.rename(path)
    return path


def make_vcards(cards: int, seed: int) -> bytes:
    rng = random.Random(seed)
    phones = Phones(rng)
    cache: dict[tuple[str, bool], str] = {}
    weights = [c.weight for c in CULTURES]
    made: list[list[str]] = []
    taken: set[tuple[str, str, str]] = set()
    out: list[str] = []
    started = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    for number in range(cards):
        if made and rng.random() < REPEATED:
            lines = list(rng.choice(made))  # the same person again, with a newer title
            lines = [_retitled(line, rng) for line in lines]
            lines = [
                f"UID:{uuid.UUID(int=rng.getrandbits(128))}" if x.startswith("UID:") else x
                for x in lines
            ]
            out.extend(lines)
            continue
        # Two people of one name are rare in a real address book (and netdesk's duplicate check
        # rightly takes them for one when either has no organisation).
        # The demo name lists make only about 2,300 pairs: middle initials ("Anna K. Müller")
        # and, more rarely, double family names ("Müller-Schröder") make the rest.
        for attempt in range(1000):
            culture = rng.choices(CULTURES, weights)[0]
            female = rng.random() < 0.5
            given = rng.choice(culture.female if female else culture.male)
            family = _one_of(culture.family, female, rng)
            middle = ""
            if attempt > 10 and rng.random() < 0.85:
                middle = f"{rng.choice('ABCDEFGHIJKLMNOPRSTVW')}."
            elif attempt > 10:
                family = f"{family}-{_one_of(culture.family, female, rng)}"
            org = rng.choice(ORGANISATIONS) if rng.random() < 0.9 else FREELANCE
            if (given, middle, family) not in taken:
                break
        taken.add((given, middle, family))
        title = rng.choice(TITLES[org.kind])
        first, last = (
            email_part(given, culture.umlaut_emails, cache),
            email_part(family, culture.umlaut_emails, cache),
        )
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
            f"N:{_esc(family)};{_esc(given)};{_esc(middle)};;",
            f"FN:{_esc(' '.join(filter(None, (given, middle, family))))}",
        ]
        if given in NICKNAMES and rng.random() < 0.5:
            lines.append(f"NICKNAME:{_esc(NICKNAMES[given])}")
        if org.name:
            dept = rng.choice(DEPARTMENTS) if rng.random() < 0.3 else ""
            lines.append(f"ORG:{_esc(org.name)};{_esc(dept)}")
        lines.append(f"TITLE:{_esc(title)}")
        emails = []
        if org.domain:
            initial = f".{middle[0]}" if middle else ""
            emails.append(("WORK", f"{first}{initial}.{last}@{org.domain}".lower()))
        if not emails or rng.random() < 0.35:
            emails.append(
                ("HOME", f"{first}{last}{number % 97}@{rng.choice(PERSONAL_EMAIL_DOMAINS)}".lower())
            )
        for i, (kind, address) in enumerate(emails):
            pref = ";TYPE=pref" if i == 0 else ""
            lines.append(f"EMAIL;TYPE=INTERNET;TYPE={kind}{pref}:{address}")
        region = culture.region
        mobile, _ = phones.make(region)
        lines.append(f"TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:{mobile}")
        if rng.random() < 0.4:
            fixed, _ = phones.make(region, kind=0)  # FIXED_LINE
            lines.append(f"TEL;TYPE=WORK;TYPE=VOICE:{fixed}")
        if rng.random() < 0.4:
            country, cities, streets = PLACES.get(region, DEFAULT_PLACE)
            street = f"{rng.choice(streets)} {rng.randint(1, 180)}"
            if rng.random() < 0.2:
                street += "\n2. OG"
            lines.append(
                f"ADR;TYPE=WORK:;;{_esc(street)};{_esc(rng.choice(cities))};;"
                f"{rng.randint(1000, 99999):05d};{_esc(country)}"
            )
        if rng.random() < 0.25:
            lines.append(f"item1.URL:https://www.linkedin.com/in/{first}-{last}-{number:x}")
            lines.append("item1.X-ABLabel:LinkedIn")
        if rng.random() < 0.15:
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
            lines.append(f"BDAY:{born.isoformat()}")
        if rng.random() < 0.6:
            lines.append(f"NOTE:{_esc(rng.choice(NOTES))}")
        tags = rng.sample(CATEGORY_CHOICES, rng.choice((0, 1, 1, 2, 3)))
        if tags:
            lines.append("CATEGORIES:" + ",".join(_esc(t) for t in tags))
        lines.append(f"UID:{uuid.UUID(int=rng.getrandbits(128))}")
        rev = started + timedelta(minutes=rng.randrange(600_000))
        lines.append(f"REV:{rev.strftime('%Y-%m-%dT%H:%M:%SZ')}")
        lines.append("END:VCARD")
        if len(made) < 2000:
            made.append(lines)
        out.extend(lines)
    return "".join(_fold(line) + "\r\n" for line in out).encode("utf-8")


def _one_of(families: tuple[str, ...], female: bool, rng: random.Random) -> str:
    family = rng.choice(families)
    return family.split("/")[1 if female else 0] if "/" in family else family


def _retitled(line: str, rng: random.Random) -> str:
    if line.startswith("TITLE:"):
        return "TITLE:" + _esc(rng.choice(TITLES["company"]))
    return line


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets go on indented continuation lines, never splitting a
    UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the leading space counts
    return "\r\n ".join(parts)


if __name__ == "__main__":
    print(vcard_file())
