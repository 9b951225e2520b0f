"""Postal address lines on a card: a street with its number, a postcode with its city (in the
forms of the card's languages), a country name; and the country they name, which tells the phone
reader how numbers without "+" are dialled."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Country names as cards print them (English, own language, the set's languages) -> ISO code.
COUNTRIES: dict[str, str] = {
    "germany": "DE", "deutschland": "DE", "allemagne": "DE", "alemania": "DE",
    "alemanha": "DE", "niemcy": "DE",
    "austria": "AT", "österreich": "AT", "autriche": "AT", "áustria": "AT",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "suiza": "CH", "szwajcaria": "CH",
    "france": "FR", "frankreich": "FR", "francia": "FR", "frança": "FR", "francja": "FR",
    "spain": "ES", "españa": "ES", "espana": "ES", "spanien": "ES", "espagne": "ES",
    "espanha": "ES", "hiszpania": "ES",
    "portugal": "PT", "portugalia": "PT",
    "brazil": "BR", "brasil": "BR", "brasilien": "BR", "brésil": "BR", "brazylia": "BR",
    "poland": "PL", "polska": "PL", "polen": "PL", "pologne": "PL", "polonia": "PL",
    "polónia": "PL",
    "united kingdom": "GB", "uk": "GB", "england": "GB", "great britain": "GB",
    "scotland": "GB", "royaume-uni": "GB", "reino unido": "GB", "vereinigtes königreich": "GB",
    "usa": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "estados unidos": "US", "états-unis": "US", "etats-unis": "US", "vereinigte staaten": "US",
    "canada": "CA", "kanada": "CA", "mexico": "MX", "méxico": "MX", "argentina": "AR",
    "chile": "CL", "colombia": "CO", "peru": "PE", "perú": "PE",
    "italy": "IT", "italia": "IT", "italien": "IT", "italie": "IT",
    "netherlands": "NL", "nederland": "NL", "niederlande": "NL", "pays-bas": "NL",
    "belgium": "BE", "belgique": "BE", "belgië": "BE", "belgien": "BE",
    "luxembourg": "LU", "luxemburg": "LU", "ireland": "IE", "irland": "IE",
    "denmark": "DK", "danmark": "DK", "sweden": "SE", "sverige": "SE", "norway": "NO",
    "norge": "NO", "finland": "FI", "suomi": "FI", "czech republic": "CZ", "czechia": "CZ",
    "česko": "CZ", "hungary": "HU", "magyarország": "HU", "romania": "RO", "românia": "RO",
    "greece": "GR", "turkey": "TR", "türkiye": "TR", "ukraine": "UA", "ukraina": "UA",
    "japan": "JP", "japon": "JP", "japón": "JP", "japão": "JP", "日本": "JP",
    "china": "CN", "chine": "CN", "中国": "CN", "中國": "CN", "taiwan": "TW", "台湾": "TW",
    "台灣": "TW", "hong kong": "HK", "香港": "HK", "singapore": "SG", "korea": "KR",
    "south korea": "KR", "india": "IN", "australia": "AU", "new zealand": "NZ",
    "south africa": "ZA", "angola": "AO", "mozambique": "MZ", "moçambique": "MZ",
}  # fmt: skip

_STREET_WORDS = (
    r"stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|markt|steig|"
    r"rue|avenue|av\.|bd|boulevard|blvd|chemin|place|allée|quai|impasse|cours|route|"
    r"calle|c/|avenida|avda\.?|plaza|paseo|pza\.?|carrer|camino|ronda|travesía|"
    r"rua|r\.|travessa|praça|largo|alameda|estrada|rodovia|"
    r"ul\.|ulica|al\.|aleja|aleje|pl\.|plac|os\.|osiedle|"
    r"street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|drive|dr\.|way|court|ct\.?|square|"
    r"suite|floor|building|parkway|pkwy|highway|hwy|place|pl|terrace|close|crescent|wharf|"
    r"vía|via|gran\s+vía|rambla|passeig|no\."
)
# A street word beside a house number: "Hauptstraße 5", "12 rue de la Paix", "ul. Długa 5/7",
# "Calle Mayor, 12", "Rua Augusta, 100 - 3º".
_STREET = re.compile(
    r"(?:\b\d{1,5}[a-z]?\b.*(?<!\w)(?:" + _STREET_WORDS + r")(?!\w)"
    r"|(?<!\w)(?:" + _STREET_WORDS + r")(?!\w).*\b\d{1,5}\b"
    r"|\w(?:stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm)\s*\d)",
    re.IGNORECASE,
)
_PO_BOX = re.compile(
    r"\b(?:P\.?\s*O\.?\s*Box|Postfach|BP|B\.P\.|Apartado|Caixa Postal|Skrytka)\b", re.I
)
# Postcode and city, per country's form.
_POSTCODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("PL", re.compile(r"^(?:PL-?)?\d{2}-\d{3}\s+\w")),
    ("BR", re.compile(r"\b\d{5}-\d{3}\b")),
    ("PT", re.compile(r"^(?:PT-?)?\d{4}-\d{3}\s+\w")),
    ("NL", re.compile(r"^\d{4}\s?[A-Z]{2}\s+\w")),
    ("GB", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    ("US", re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")),
    ("JP", re.compile(r"〒\s*\d{3}-\d{4}|^\d{3}-\d{4}\s|[A-Za-z]\s+\d{3}-\d{4}$")),
    ("CN", re.compile(r"^\d{6}$|[a-z],?\s+\d{6}$")),
    (
        "",
        re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}\s+[^\W\d_]{2,}"),
    ),  # DE FR ES IT AT CH: "10115 Berlin"
    ("", re.compile(r"\b\d{4,5}\s+[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý]\w+)*\s*$")),
    ("", re.compile(r"\b(?:CEP|C\.P\.|CP)\s*\d{4,5}")),
    ("", re.compile(r"\bCEDEX\b", re.IGNORECASE)),
)
# CJK addresses: prefecture/province, city, ward, street, number markers.
_CJK_ADDRESS = re.compile(r"[都道府県省市区區町村路街号號丁目番地楼樓层層]")
_CJK_STRONG = re.compile(r"(?:都|道|府|県|省|市).*(?:区|區|町|村|路|街|丁目)|\d+号|\d+號|丁目")


# "Address:", "Anschrift:", "地址：" before the first line: not part of the address.
ADDRESS_LABEL = re.compile(
    r"^(?:address|adresse|anschrift|dirección|direccion|morada|endereço|endereco|adres|"
    r"indirizzo|地址|住所|所在地)\s*[:：]\s*",
    re.IGNORECASE,
)
# A house number and words: a street line when a postcode-and-city line follows it.
NUMBERED = re.compile(r"^\d{1,4}(?:[-/]\d{1,4})*[a-zA-Z]?\s+\w|\w.*\s\d{1,4}[a-zA-Z]?(?:/\d+)?$")


_BR_STATES = {
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
    "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
}  # fmt: skip
_LOOK_ALIKE_CAPITALS = {"I": "J", "J": "I", "L": "I", "O": "D", "D": "O", "0": "O", "5": "S"}


def _brazilian_state(match: re.Match[str]) -> str:
    """ "RI" (no state) read for "RJ": the one state a look-alike letter away."""
    code = match.group(1)
    if code in _BR_STATES:
        return code
    near = {
        code[:i] + _LOOK_ALIKE_CAPITALS[ch] + code[i + 1 :]
        for i, ch in enumerate(code)
        if ch in _LOOK_ALIKE_CAPITALS
    } & _BR_STATES
    return near.pop() if len(near) == 1 else code


def tidy_address(text: str) -> str:
    """An address line with the text reader's slips undone: "3° D" (degree sign for the
    ordinal) -> "3º D", "Curitiba- PR" -> "Curitiba - PR", "平530-0001" -> "〒530-0001"."""
    text = re.sub(r"(?<=\d)°", "º", text)
    text = re.sub(r"\s*-\s*([A-Z]{2})(?:\b|\.)(?=,|$|\s\d)", r" - \1", text)
    text = re.sub(r"( - [A-Z]{2})\s+(?=\d{5}-\d{3})", r"\1, ", text)
    text = re.sub(r"(?<= - )([A-Z]{2})(?=,|$)", _brazilian_state, text)
    # "90place Bellecour", "ul. Floriańska150/32": the space beside the house number lost.
    text = re.sub(r"^(\d{1,4})(?=[a-zà-ÿ]{3,}\s)", r"\1 ", text)
    text = re.sub(r"(?<=[^\W\d_]{3})(?=\d{1,4}(?:/\d{1,4})?[a-z]?$)", " ", text)
    # "90-001Łódź", "10117Berlin": the space after the postcode lost.
    text = re.sub(
        r"^((?:[A-Z]{1,2}-)?\d{2}-\d{3}|\d{4}-\d{3}|\d{4,5})(?=[^\W\d_]{2})", r"\1 ", text
    )
    return re.sub(r"^[平干千中〒TF]\s*(?=\d{3}-\d{4}$)", "〒", text)


@dataclass(frozen=True)
class AddressLine:
    text: str
    kind: str  # "street", "city", "country", "box"
    country: str  # ISO code the line names or whose postcode form it has, "" when it is unsure


def address_line(text: str) -> AddressLine | None:
    """What part of an address the line is, None when it looks like none."""
    clean = tidy_address(ADDRESS_LABEL.sub("", text.strip(" ,;·|")))
    if not clean or "@" in clean or re.search(r"www\.|https?://", clean, re.I):
        return None
    if country := country_of(clean):
        return AddressLine(clean, "country", country)
    if _PO_BOX.search(clean):
        return AddressLine(clean, "box", "")
    for country, pattern in _POSTCODES:
        if pattern.search(clean) and _digits(clean) <= 9:
            trailing = _trailing_country(clean)
            return AddressLine(clean, "city", trailing or country)
    if _has_cjk(clean):
        if re.search(r"番号|代码|代碼|账号|帳號|資本金", clean):
            return None
        if _CJK_STRONG.search(clean) or (
            len(_CJK_ADDRESS.findall(clean)) >= 2 and re.search(r"\d", clean)
        ):
            return AddressLine(clean, "street", _cjk_country(clean))
        return None
    if _STREET.search(clean) and _digits(clean) <= 8 and len(clean) <= 80:
        return AddressLine(clean, "street", _trailing_country(clean))
    return None


def country_of(text: str) -> str:
    """The country a whole line names ("Deutschland" -> "DE"), else ""."""
    key = " ".join(text.lower().strip(" .,").split())
    return COUNTRIES.get(key, "")


def _trailing_country(text: str) -> str:
    """A country named after the last comma: "10115 Berlin, Germany" -> "DE"."""
    if "," not in text:
        return ""
    return country_of(text.rsplit(",", 1)[1])


def _cjk_country(text: str) -> str:
    if re.search(r"[\u3040-\u30ff]|東京都|北海道|[府県]|丁目", text):
        return "JP"
    if re.search(r"[區號樓層]|台北|台中|高雄", text):
        return "TW" if re.search(r"台北|台中|高雄|台灣", text) else "HK"
    return "CN"


def _has_cjk(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text))


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)
