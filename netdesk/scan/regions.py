"""The country a card comes from, for reading its phone numbers printed without "+".

Clues, surest first: the country the address names (or its postcode's form), a "+CC" printed
before a number, the web or email domain's country ending (.de, .co.uk), the organisation's
legal form (GmbH, SARL, Sp. z o.o., 株式会社), then the user's own region, then the letters
of the card's language (ł, ñ, ã, kana).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from phonenumbers import Leniency

_INTERNATIONAL = re.compile(r"(?<![\w+])\+\s?\d[\d\s().-]{5,}\d")
# Legal forms that belong to one country's law.
_LEGAL_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("DE", re.compile(r"\b(?:GmbH|UG|KG|OHG|GbR|e\.\s?V\.|mbH|KGaA)(?!\w)")),
    ("FR", re.compile(r"\b(?:SARL|SAS|SASU|EURL|SCOP|SNC|S\.A\.R\.L\.)(?!\w)")),
    ("ES", re.compile(r"\b(?:S\.L\.U?\.?|SLU|S\.Coop\.)(?!\w)")),
    ("PT", re.compile(r"\b(?:Lda\.?|Unipessoal)(?!\w)")),
    ("BR", re.compile(r"\b(?:Ltda\.?|EIRELI)(?!\w)")),
    ("PL", re.compile(r"(?:Sp\.\s?z\s?o\.\s?o|sp\.\s?k\.|sp\.\s?j\.|spółka)", re.IGNORECASE)),
    ("GB", re.compile(r"\b(?:Ltd\.?|Limited|PLC|LLP)(?!\w)")),
    ("US", re.compile(r"\b(?:Inc\.?|LLC|Corp\.?)(?!\w)")),
    ("JP", re.compile(r"株式会社|有限会社|合同会社")),
    ("CN", re.compile(r"有限公司|集团")),
)
# Letters that only some of the card languages use.
_LETTERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("JP", re.compile(r"[\u3040-\u30ff]")),
    ("CN", re.compile(r"[\u4e00-\u9fff]")),
    ("PL", re.compile(r"[łŁżŻźŹśŚćĆńŃęĘąĄ]")),
    ("PT", re.compile(r"[ãõÃÕ]")),
    ("ES", re.compile(r"[ñÑ¿¡áíóúÁÍÓÚ]")),
    ("DE", re.compile(r"[ßäöüÄÖÜ]")),
    ("FR", re.compile(r"[èêëàâîïôûùçœ]")),
)


def guess_region(
    countries: Iterable[str],
    texts: Iterable[str],
    domains: Iterable[str],
    region: str | None,
) -> str:
    """The region numbers without "+" are read in ("ZZ" when nothing tells: then only
    international numbers are read)."""
    texts = list(texts)
    for country in countries:
        if country:
            return country
    for text in texts:
        if country := _printed_country_code(text):
            return country
    for domain in domains:
        if country := _domain_country(domain):
            return country
    for country, pattern in _LEGAL_FORMS:
        if any(pattern.search(text) for text in texts):
            return country
    if region:
        return region.upper()
    for country, pattern in _LETTERS:
        if any(pattern.search(text) for text in texts):
            return country
    return _most_valid(texts)


# Tried in this order when nothing on the card tells its country: the region in which most of
# the printed numbers are valid phone numbers wins.
_TRIED = ("US", "GB", "DE", "FR", "ES", "IT", "PT", "BR", "PL", "NL", "AT", "CH", "CN", "JP")


def _most_valid(texts: list[str]) -> str:
    best, most = "ZZ", 0
    for country in _TRIED:
        count = sum(
            1
            for text in texts
            for _ in phonenumbers.PhoneNumberMatcher(text, country, leniency=Leniency.VALID)
        )
        if count > most:
            best, most = country, count
    return best


def _printed_country_code(text: str) -> str:
    for match in _INTERNATIONAL.finditer(text):
        try:
            number = phonenumbers.parse(match.group(0), None)
        except phonenumbers.NumberParseException:
            continue
        country = phonenumbers.region_code_for_country_code(number.country_code or 0)
        if country != "ZZ":
            return country
    return ""


def _domain_country(domain: str) -> str:
    host = domain.split("://", 1)[-1].split("/", 1)[0]
    ending = host.lower().rstrip(".").rsplit(".", 1)[-1]
    if ending == "uk":
        return "GB"
    if len(ending) != 2 or ending in {"io", "ai", "co", "me", "tv", "cc", "ly", "eu", "fm"}:
        return ""
    code = ending.upper()
    return code if phonenumbers.country_code_for_region(code) else ""
