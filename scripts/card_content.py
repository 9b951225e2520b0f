"""What a rendered business card says: the printed lines and the truth a careful person would type.

The truth has the shape of `netdesk scan --json` (CardFields.to_json()) plus "language" and
"region"; "not_phones" lists the printed numbers that are no phone (tax ids, registry numbers).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from card_labels import (
    ADDRESS_LABELS,
    EMAIL_LABELS,
    INFO_BOX,
    MASTODON_HOSTS,
    PHONE_LABELS,
    WEB_LABELS,
)
from card_people import (
    CJK_FAMILY,
    CJK_GIVEN,
    DEPARTMENTS,
    FAMILY,
    GIVEN,
    HONORIFICS,
    SLOGANS,
    TITLES,
)
from card_places import CJK_LATIN, REGIONS, Region, registry_lines

LANG_REGIONS = {
    "en": ["GB", "GB", "US", "US"],
    "de": ["DE", "DE", "DE", "AT", "CH"],
    "fr": ["FR"],
    "es": ["ES"],
    "pt": ["PT", "BR", "BR"],
    "pl": ["PL"],
    "zh": ["CN"],
    "ja": ["JP"],
}


@dataclass
class Segment:
    """One item of a contact line: an optional icon glyph, a label, and the value."""

    value: str
    label: str = ""
    icon: str = ""  # "phone", "mobile", "fax", "mail", "web", "pin", "in", "x", "mastodon"


@dataclass
class Side:
    """What one side of a card prints, and its truth."""

    language: str
    region: str
    name: str = ""
    title: str = ""
    department: str = ""
    organization: str = ""
    org_printed: str = ""  # the organisation as printed (upper case on some cards)
    contacts: list[list[Segment]] = field(default_factory=list)  # lines of segments
    address: list[str] = field(default_factory=list)  # printed lines (with a label maybe)
    extras: list[str] = field(default_factory=list)  # slogans, registry lines
    truth: dict[str, Any] = field(default_factory=dict)
    latin_name: str = ""  # the name in Latin letters, given name first (CJK cards' backs)
    domain: str = ""
    stem: str = ""
    sector: str = ""
    suffix: str = ""
    place: dict[str, str] = field(default_factory=dict)  # city, street, num, postcode (CN, JP)


def ascii_fold(text: str, language: str) -> str:
    if language == "de":
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
            text = text.replace(a, b)
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(text: str, language: str) -> str:
    folded = ascii_fold(text, language).lower()
    out = "".join(c if c.isalnum() else "-" for c in folded)
    return "-".join(p for p in out.split("-") if p)


def gendered(text: str, female: bool) -> str:
    """ "Geschäftsführer|Geschäftsführerin" -> the form for the person."""
    forms = text.split("|")
    return forms[-1] if female else forms[0]


def pick_name(rng: random.Random, language: str) -> tuple[str, str, str, str, str, bool]:
    """(printed name, name as typed, given, family, Latin spelling given first, female)."""
    if language in CJK_FAMILY:
        fam, fam_l = rng.choice(CJK_FAMILY[language])
        giv, giv_l = rng.choice(CJK_GIVEN[language])
        # Chinese cards often space a name out ("王 伟"); it is typed without the space.
        sep = " " if language == "ja" or rng.random() < 0.3 else ""
        typed = f"{fam} {giv}" if language == "ja" else f"{fam}{giv}"
        return f"{fam}{sep}{giv}", typed, giv, fam, f"{giv_l} {fam_l}", False
    female = rng.random() < 0.5
    given = rng.choice(GIVEN[language][0 if female else 1].split())
    families = FAMILY[language]
    family = rng.choice(families.split("|") if "|" in families else families.split())
    if language == "pl" and family.endswith(("ski", "cki")) and female:
        family = family[:-1] + "a"
    if language == "pl" and family.endswith(("ska", "cka")) and not female:
        family = family[:-1] + "i"
    if rng.random() < 0.12 and language == "pt":
        given = f"{given} {rng.choice(['Maria', 'Carolina'] if female else ['Paulo', 'Luís'])}"
    name = f"{given} {family}"
    if HONORIFICS[language] and rng.random() < 0.15:
        name = f"{gendered(rng.choice(HONORIFICS[language]), female)} {name}"
    return name, name, given, family, f"{given} {family}", female


def phone_number(
    rng: random.Random, region: Region, mobile: bool, city: int
) -> phonenumbers.PhoneNumber:
    prefixes = region.mobile if mobile else region.fixed
    if len(prefixes) == len(region.cities):  # the area code of the office's city
        prefixes = (prefixes[city],)
    want = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
    if not mobile:
        want = {
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        }
    cc = phonenumbers.country_code_for_region(region.code)
    for _ in range(4000):
        start = rng.choice(prefixes).replace(" ", "")
        length = rng.choice(range(8, 12))
        nsn = start + "".join(rng.choice("0123456789") for _ in range(max(0, length - len(start))))
        number = phonenumbers.parse(f"+{cc}{nsn}")
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in want:
            return number
    raise RuntimeError(f"no valid number for {region.code}")


def phone_text(rng: random.Random, number: phonenumbers.PhoneNumber, region: str) -> str:
    """The number as a card of that country prints it (several house styles)."""
    fmt = phonenumbers.PhoneNumberFormat
    intl = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    style = rng.random()
    if region in ("CN", "JP") or style < 0.45:
        text = intl if style < 0.7 else national
    elif style < 0.7:
        text = national
    elif style < 0.85:
        text = phonenumbers.format_number(number, fmt.E164)
    else:
        text = intl
        if region in ("DE", "AT", "CH"):
            text = intl.replace(" ", " (0)", 1)
        elif region in ("FR", "US"):
            text = national.replace(" ", ".").replace("(", "").replace(")", "").replace("-", ".")
    return text


def company(rng: random.Random, region: Region, city: int) -> tuple[str, str, tuple[str, str, str]]:
    """(organisation, domain, (stem, sector, suffix))."""
    stem, sector = rng.choice(region.stems), rng.choice(region.sectors)
    suffix = rng.choice(region.suffixes)
    return (*_company(rng, region, stem, sector, suffix, city), (stem, sector, suffix))


def _company(
    rng: random.Random, region: Region, stem: str, sector: str, suffix: str, city_index: int
) -> tuple[str, str]:
    tld = rng.choice(region.tlds)
    if region.language == "zh":
        city = region.cities[city_index][1][:2]
        org = f"{city}{stem}{sector}{suffix}"
        return org, f"{CJK_LATIN[stem]}-{CJK_LATIN[sector]}.{tld}"
    if region.language == "ja":
        org = f"{suffix}{stem}{sector}" if rng.random() < 0.7 else f"{stem}{sector}{suffix}"
        return org, f"{CJK_LATIN[stem]}-{CJK_LATIN[sector]}.{tld}"
    if region.language in ("fr", "es", "pt") and rng.random() < 0.5:
        org = f"{sector} {stem} {suffix}"
    else:
        org = f"{stem} {sector} {suffix}"
    base = slug(stem, region.language)
    domain = f"{base}-{slug(sector, region.language)}" if rng.random() < 0.6 else base
    return org, f"{domain}.{tld}"


def address_lines(
    rng: random.Random, region: Region, place: dict[str, str], city_index: int
) -> list[str]:
    postcode, city = region.cities[city_index]
    street = rng.choice(region.streets)
    if len(region.streets) == len(region.cities):  # streets of those cities
        street = region.streets[city_index]
    num = str(rng.randint(1, 180))
    place.update(city=city, street=street, num=num, postcode=postcode)
    code = region.code
    if code == "GB":
        lines = [f"{num} {street}", f"{city} {postcode}"]
    elif code == "US":
        lines = [f"{num} {street}, Suite {rng.randint(2, 48)}00", f"{city} {postcode}"]
    elif code in ("DE", "AT", "CH"):
        lines = [f"{street} {num}", f"{postcode} {city}"]
    elif code == "FR":
        lines = [f"{num} {street}", f"{postcode} {city.upper() if rng.random() < 0.4 else city}"]
    elif code == "ES":
        floor = f", {rng.randint(1, 9)}º {rng.choice('ABCD')}" if rng.random() < 0.4 else ""
        lines = [f"{street}, {num}{floor}", f"{postcode} {city}"]
    elif code == "PT":
        lines = [f"{street}, {num}", f"{postcode} {city}"]
    elif code == "BR":
        lines = [f"{street}, {num}", f"{city}, {postcode}"]
    elif code == "PL":
        flat = f"/{rng.randint(1, 40)}" if rng.random() < 0.4 else ""
        lines = [f"{street} {num}{flat}", f"{postcode} {city}"]
    elif code == "CN":
        place["floor"] = str(rng.randint(2, 30))
        lines = [f"{city}{street}{num}号{place['floor']}层", postcode]
    else:
        place["block"] = f"{rng.randint(1, 4)}-{rng.randint(1, 12)}-{num}"
        lines = [f"〒{postcode}", f"{city}{place['block']}"]
    if rng.random() < 0.25:
        lines.append(region.country)
    return lines


def make_side(rng: random.Random, language: str) -> Side:
    region = REGIONS[rng.choice(LANG_REGIONS[language])]
    printed, name, given, family, latin, female = pick_name(rng, language)
    city = rng.randrange(len(region.cities))
    org, domain, (stem, sector, suffix) = company(rng, region, city)
    side = Side(
        language,
        region.code,
        name=printed,
        organization=org,
        org_printed=org,
        latin_name=latin,
        domain=domain,
        stem=stem,
        sector=sector,
        suffix=suffix,
    )
    if rng.random() < 0.15 and language not in ("zh", "ja"):
        side.org_printed = org.upper()
    side.title = gendered(rng.choice(TITLES[language]), female) if rng.random() < 0.92 else ""
    side.department = rng.choice(DEPARTMENTS[language]) if rng.random() < 0.3 else ""
    g, f = (slug(p, language) for p in latin.split(" ", 1))
    local = rng.choice([f"{g}.{f}", f"{g[0]}.{f}", g, f"{g[0]}{f}", f"{f}", f"{g}_{f}"])
    emails = [f"{local.replace('-', '')}@{domain}"]
    if rng.random() < 0.2:
        emails.append(f"{rng.choice(INFO_BOX[language])}@{domain}")
    phones: list[dict[str, str]] = []
    labels = PHONE_LABELS[language]
    lines: list[list[Segment]] = []
    style = rng.choice(["label", "label", "label", "icon", "bare"])
    wanted = rng.choice(
        [
            ["work", "mobile"],
            ["mobile"],
            ["work", "fax"],
            ["work", "mobile", "fax"],
            ["work"],
            ["mobile", "work"],
        ]
    )
    for kind in wanted:
        number = phone_number(rng, region, kind == "mobile", city)
        text = phone_text(rng, number, region.code)
        if style == "bare" and len(wanted) > 1 and kind != "work":
            style = "label"
        label = rng.choice(labels[kind]) if style == "label" else ""
        icon = {"work": "phone", "mobile": "mobile", "fax": "fax"}[kind] if style == "icon" else ""
        truth_kind = kind if style != "bare" else ""
        phones.append({"number": text, "kind": truth_kind})
        lines.append([Segment(text, label, icon)])
    if len(lines) >= 2 and style == "label" and rng.random() < 0.35:
        lines = [lines[0] + lines[1], *lines[2:]]  # "T ... | M ..." on one line
    email_label = rng.choice(EMAIL_LABELS[language]) if style == "label" else ""
    for email in emails:
        lines.append([Segment(email, email_label, "mail" if style == "icon" else "")])
    urls: list[str] = []
    if rng.random() < 0.75:
        printed = rng.choice([f"www.{domain}", f"www.{domain}", domain, f"https://www.{domain}"])
        urls.append(printed if printed.startswith("https") else f"https://{printed}")
        web_label = (
            rng.choice(WEB_LABELS[language]) if style == "label" and rng.random() < 0.5 else ""
        )
        lines.append([Segment(printed, web_label, "web" if style == "icon" else "")])
    for social in rng.sample(
        ["linkedin", "x", "mastodon", "github"], k=rng.choice([0, 0, 1, 1, 2])
    ):
        handle = slug(latin, language).replace("-", rng.choice(["", "-", "_"]))
        if social == "linkedin":
            urls.append(f"https://www.linkedin.com/in/{handle}")
            lines.append(
                [Segment(f"linkedin.com/in/{handle}", rng.choice(["", "LinkedIn:"]), "in")]
            )
        elif social == "x":
            handle = handle.replace("-", "_")
            urls.append(f"https://x.com/{handle}")
            lines.append([Segment(f"@{handle}", rng.choice(["X:", "Twitter:", "X"]), "x")])
        elif social == "mastodon":
            host = rng.choice(MASTODON_HOSTS)
            handle = handle.replace("-", "_")
            urls.append(f"https://{host}/@{handle}")
            lines.append([Segment(f"@{handle}@{host}", rng.choice(["", "Mastodon:"]), "mastodon")])
        else:
            urls.append(f"https://github.com/{handle}")
            lines.append([Segment(f"github.com/{handle}", rng.choice(["", "GitHub:"]), "")])
    side.contacts = lines
    addr = address_lines(rng, region, side.place, city) if rng.random() < 0.85 else []
    side.address = list(addr)
    if addr and rng.random() < 0.2:
        side.address[0] = f"{rng.choice(ADDRESS_LABELS[language])} {addr[0]}"
    extras: list[str] = []
    not_phones: list[str] = []
    if rng.random() < 0.3:
        extras.append(rng.choice(SLOGANS[language]))
    if rng.random() < 0.45:
        city = addr[1].split(" ", 1)[-1] if len(addr) > 1 else "Berlin"
        regs = registry_lines(rng, region.code, city)
        for reg in rng.sample(regs, k=min(len(regs), rng.choice([1, 1, 2]))):
            extras.append(reg)
            not_phones.append(reg)
    side.extras = extras
    side.truth = {
        "name": name,
        "given": given,
        "family": family,
        "title": side.title,
        "organization": org,
        "department": side.department,
        "emails": emails,
        "phones": phones,
        "urls": urls,
        "address": ", ".join(addr),
        "unplaced": list(extras),
        "language": language,
        "region": region.code,
        "not_phones": not_phones,
    }
    return side
