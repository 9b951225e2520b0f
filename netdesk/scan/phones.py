"""Phone numbers on a card and their kind, from the label printed before each ("M", "Tel.",
"Fax", "电话"); numbers that are not phones (tax ids, registry numbers, IBANs, postcodes, dates)
are left alone.

A line is cut at its labels, so "T +49 30 5550123 F +49 30 5550124" gives a work number and a
fax; what follows a tax-id or bank label ("USt-IdNr.", "NIP", "IBAN") is never read as a phone.
Numbers without "+" are read in the card's region (see netdesk.scan.regions).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType
from rapidfuzz.distance import Levenshtein

from netdesk.scan.card_fields import CardPhone

_MOBILE = (
    r"mobile|mobil|mob|handy|cellphone|cell|cel|celular|portable|port|móvil|movil|telemóvel|"
    r"telemovel|tlm|tel\.?\s*kom|kom|komórka|komorka|gsm|móv|mov|m"
)
_WORK = (
    r"telephone|téléphone|telefone|telefon|teléfono|telefono|phone|tel|tél|fon|festnetz|"
    r"office|büro|buro|bureau|oficina|escritório|ligne\s+directe|direct\s+line|direct|direkt|"
    r"durchwahl|standard|tfno|fone|ph|p|t|o|w"
)
_FAX = r"telefax|télécopie|telecopie|faks|fax|fx|f"
_HOME = r"home|privat|h"
_CJK_LABELS = {
    "手机": "mobile", "手機": "mobile", "携帯": "mobile", "携带": "mobile", "ケータイ": "mobile",
    "移动电话": "mobile",
    "电话": "work", "電話": "work", "座机": "work", "TEL": "work",
    "传真": "fax", "傳真": "fax", "ファックス": "fax", "ファクス": "fax",
}  # fmt: skip
_LATIN_LABEL = re.compile(
    r"(?<![^\W\d_])(?<!\+)(?:(?P<mobile>"
    + _MOBILE
    + r")|(?P<fax>"
    + _FAX
    + r")|(?P<home>"
    + _HOME
    + r")"
    r"|(?P<work>" + _WORK + r"))\.?(?:\s*(?:[:.|/]|[-–](?!\d))\s*|\s+|(?=[+(\d]))(?=[+(\d-])",
    re.IGNORECASE,
)
_CJK_LABEL = re.compile("(" + "|".join(_CJK_LABELS) + r")\s*[:：]?\s*(?=[+(\d])", re.IGNORECASE)
# Labels whose number is never a phone: tax ids, company registers, bank accounts.
_NOT_PHONE_LABEL = re.compile(
    r"(?<!\w)(?:USt\.?\s*-?\s*Id(?:\.?\s*-?\s*Nr)?|UID|VAT(?:\s*(?:No|Nr|Reg(?:\.|istration)?|"
    r"ID|number))?|TVA(?:\s*intra(?:communautaire)?)?|N°\s*TVA|NIP|REGON|KRS|SIRET|SIREN|RCS|"
    r"APE|NAF|CIF|NIF|NIPC|NIE|CNPJ|CPF|IE|HRB|HRA|Handelsregister|Registergericht|Amtsgericht|"
    r"Steuer-?\s*Nr|St\.?-?Nr|Steuernummer|IBAN|BIC|SWIFT|P\.?\s*IVA|Partita\s+IVA|"
    r"Company\s+(?:No|Number|Reg)|Reg(?:istration)?\.?\s*No|Registro|EIN|ABN|ACN|VAT-ID|"
    r"Kapital|Share\s+capital|capital\s+social|Stammkapital|Sąd|KRS-?Nr|NMLS(?:\s+ID)?|FN|CREA|"
    r"Registered\s+in|Inscrita|Tomo|kapitał|登録番号|法人番号|统一社会信用代码|統一社會信用代碼|"
    r"开户行账号|开户行|账号|資本金|注册号|税号)\.?\s*[:#№°.]?",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){3,7}(?:\s?[A-Z\d]{1,4})?\b")
_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](?:19|20)?\d{2}|(?:19|20)\d{2}-(\d{2})-(\d{2})")
# A lone printed number needs this many digits to be a phone (a postcode has 4-5, a Brazilian
# CEP 8 but a dash after 5).
_MIN_DIGITS = 7


@dataclass
class PhonesFound:
    phones: list[CardPhone]
    rest: str  # the line without the numbers and their labels
    unsure: list[int]  # indexes (into phones) read loosely
    pictograms: list[int] = field(default_factory=list)  # kinds from a pictogram read as a glyph


def is_registry(text: str) -> bool:
    """Does the line hold a tax id, a register number or bank details ("NMLS ID 6339")?"""
    return bool(_NOT_PHONE_LABEL.search(text) or _IBAN.search(text))


def find_phones(text: str, region: str, *, labelled_only: bool = False) -> PhonesFound:
    """The phones on one line of text; `labelled_only` for lines of an address."""
    text, code_mended = _country_code_mended(text, region)
    pieces = _pieces(text, region)
    found = PhonesFound([], "", [])
    rest: list[str] = []
    for kind, label_start, start, end in pieces:
        piece = text[start:end]
        labelled = bool(kind) and kind != "not-phone"
        if kind == "not-phone" or (labelled_only and not labelled):
            rest.append(text[label_start:end])  # a tax id keeps its label in the unplaced text
            continue
        # In an address only a valid labelled number counts ("T100-0005" is 〒100-0005).
        numbers = _numbers(piece, region, loose=labelled and not labelled_only)
        if (
            labelled
            and all(loose for _, loose, _ in numbers)
            and (mended := _mended(piece)) != piece
        ):
            better = _numbers(mended, region, loose=True)
            if better and not all(loose for _, loose, _ in better):
                numbers = [(number, True, span) for number, _, span in better]
        if not numbers:
            rest.append(text[label_start:end])  # no number: the label stays text
            continue
        position = 0
        for number, loose, span in numbers:
            rest.append(piece[position : span[0]])
            position = span[1]
            if loose:
                found.unsure.append(len(found.phones))
            if kind == _PICTOGRAM:
                found.pictograms.append(len(found.phones))
            found.phones.append(CardPhone(number, "mobile" if kind == _PICTOGRAM else kind))
        rest.append(piece[position:])
    found.rest = " ".join(" ".join(rest).split()).strip(" ,;|·•/")
    if code_mended:
        found.unsure = list(range(len(found.phones)))
    return found


def _country_code_mended(text: str, region: str) -> tuple[str, bool]:
    """A country code with one digit misread, where the number is valid with the card's own
    code and not as read: "+06 20 3018 6382" on a Chinese card is "+86 …" (no code starts
    with 0), "+352918292045" on a Portuguese card "+351 …"."""
    code = str(phonenumbers.country_code_for_region(region)) if region else ""
    if not code:
        return text, False

    def mend(match: re.Match[str]) -> str:
        printed = match.group(0)
        digits = printed[1 : 1 + len(code)]
        if digits == code or sum(a != b for a, b in zip(digits, code, strict=True)) != 1:
            return printed
        if _valid(printed):
            return printed
        candidate = "+" + code + printed[1 + len(code) :]
        return candidate if _valid(candidate) else printed

    mended = re.sub(rf"(?<![\d+])\+\d{{{len(code)}}}[\d\s()./-]{{6,}}\d", mend, text)
    return mended, mended != text


def _valid(number: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return False


def _pieces(text: str, region: str) -> list[tuple[str, int, int, int]]:
    """The line cut at its labels: (kind, label start, start, end) per piece; kind
    "not-phone" for what follows a tax-id or bank label, "" before the first label."""
    marks: list[tuple[int, int, str]] = []
    if icon := _mobile_icon(text, region):
        marks.append((0, icon, _PICTOGRAM))
    for match in _LATIN_LABEL.finditer(text):
        kind = next(name for name, value in match.groupdict().items() if value)
        marks.append((match.start(), match.end(), kind))
    for match in _CJK_LABEL.finditer(text):
        marks.append((match.start(), match.end(), _CJK_LABELS.get(match.group(1).upper(), "work")))
    for match in _NOT_PHONE_LABEL.finditer(text):
        marks.append((match.start(), match.end(), "not-phone"))
    for match in _IBAN.finditer(text):
        marks.append((match.start(), match.start(), "not-phone"))
    for match in _CAPS_WORD.finditer(text):
        if _near_registry_label(match.group(1)):
            marks.append((match.start(), match.end(), "not-phone"))
    marks = _without_overlaps(sorted(marks))
    pieces: list[tuple[str, int, int, int]] = []
    first = marks[0][0] if marks else len(text)
    if first > 0:
        pieces.append(("", 0, 0, first))
    for index, (start, end, kind) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        pieces.append((kind, start, end, stop))
    return pieces


# A word in capitals before a number: a registry label with one letter misread ("REY2ON
# 460001332" is REGON) keeps its number out of the phones.
_CAPS_WORD = re.compile(r"(?<!\w)([A-Z][A-Z0-9]{3,5})\s*[:#.]?\s*(?=\d)")
_REGISTRY_WORDS = ("REGON", "SIRET", "SIREN", "CNPJ", "IBAN", "NIPC", "SWIFT")


def _near_registry_label(word: str) -> bool:
    """One slip from a four-letter label, two from a longer one ("REY2ON": G read as "Y2")."""
    return any(0 < Levenshtein.distance(word, label) <= len(label) - 3 for label in _REGISTRY_WORDS)


# The pictogram of a mobile phone (a rounded upright rectangle) before a number, as the text
# reader reads it: "0", "O", "LI", "口".
_PICTOGRAM = "mobile pictogram"
_MOBILE_ICON = re.compile(r"^(?:0\s+|0(?=\+)|0(?=0[1-9])|(?:O|LI|Ll|IL|口|□)\s*)(?=[+(\d])")


def _mobile_icon(text: str, region: str) -> int:
    """Where the number starts after a mobile pictogram read as a glyph; 0 when there is none.
    A "0" counts only where the number is valid without it and not with it."""
    found = _MOBILE_ICON.match(text)
    if found is None:
        return 0
    if found.group(0).strip() != "0" or text[found.end() :].startswith("+"):
        return found.end()
    if found.group(0) == "0":  # "0070-6646-6033": "00" would dial abroad
        valid = any(True for _ in PhoneNumberMatcher(text[1:], region))
        return 1 if valid and not any(True for _ in PhoneNumberMatcher(text, region)) else 0
    without = [match.number for match in PhoneNumberMatcher(text[found.end() :], region)]
    with_it = [m.number for m in PhoneNumberMatcher(text, region) if m.start == 0]
    # "0 135 0853 5555": the 0 read as the trunk prefix gives the same number: an icon still.
    return found.end() if without and (not with_it or with_it[0] == without[0]) else 0


# Letters the text reader puts for digits inside a number: "S01" is "501", "-48" is "+48".
_SLIPS = str.maketrans({"S": "5", "s": "5", "O": "0", "o": "0", "I": "1", "l": "1", "B": "8"})


def _mended(piece: str) -> str:
    """A labelled number with the reader's letter-for-digit slips undone."""
    text = re.sub(r"^(\s*)[-–~]\s*(?=\d{2})", r"\1+", piece)
    return re.sub(
        r"(?<=[\d\s])[SsOoIlB](?=[\d\s])|(?<=\s)[SsOoIlB](?=\d)",
        lambda match: match.group(0).translate(_SLIPS),
        text,
    )


def _without_overlaps(marks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for mark in marks:
        after_id = kept and kept[-1][2] == "not-phone" and mark[2] != "not-phone"
        if after_id and mark[0] <= kept[-1][1] + 1:
            continue  # "登録番号 T123...": the letter belongs to the id
        if kept and mark[0] < kept[-1][1]:
            if mark[2] == "not-phone" and kept[-1][2] != "not-phone":
                kept[-1] = mark
            continue
        kept.append(mark)
    return kept


def _numbers(piece: str, region: str, *, loose: bool) -> list[tuple[str, bool, tuple[int, int]]]:
    """(number, read loosely, span) per phone number in a piece of a line."""
    if _is_date(piece.strip()):
        return []
    found: list[tuple[str, bool, tuple[int, int]]] = []
    for leniency in (Leniency.VALID, Leniency.POSSIBLE) if loose else (Leniency.VALID,):
        for match in PhoneNumberMatcher(piece, region, leniency=leniency):
            if _is_date(match.raw_string) or _digits(match.raw_string) < _MIN_DIGITS:
                continue
            # A number printed with its country code keeps the card's own grouping (the user
            # compares it with the card); one printed nationally gets its country code.
            # (unless the reader lost the space after the country code: "+1312-555-0157").
            raw = match.raw_string.strip()
            first = re.match(r"\+(\d+)", raw)
            number = (
                " ".join(raw.split())
                if first is not None and first.group(1) == str(match.number.country_code)
                else phonenumbers.format_number(match.number, PhoneNumberFormat.INTERNATIONAL)
            )
            found.append((number, leniency != Leniency.VALID, (match.start, match.end)))
        if found:
            return found
    digits = re.search(r"\+?\(?\d[\d\s()./-]{5,}\d", piece) if loose else None
    if digits is not None and (two := _two_glued(piece, digits.span(), region)):
        return two
    if digits is not None and _digits(digits.group(0)) >= _MIN_DIGITS:
        return [(" ".join(digits.group(0).split()), True, digits.span())]
    return []


def _two_glued(
    piece: str, span: tuple[int, int], region: str
) -> list[tuple[str, bool, tuple[int, int]]]:
    """Two numbers the reader put on one line with the second one's label or pictogram lost
    ("+86 180 1667 0301 0755 8580 1410"): cut between two groups of digits where both halves
    are valid numbers."""
    groups = [
        (m.start() + span[0], m.end() + span[0]) for m in re.finditer(r"\S+", piece[slice(*span)])
    ]
    for cut in range(1, len(groups)):
        halves = [(groups[0][0], groups[cut - 1][1]), (groups[cut][0], groups[-1][1])]
        found = [_numbers(piece[start:end], region, loose=False) for start, end in halves]
        if all(len(numbers) == 1 for numbers in found):
            return [
                (numbers[0][0], True, (start + numbers[0][2][0], start + numbers[0][2][1]))
                for numbers, (start, _) in zip(found, halves, strict=True)
            ]
    return []


def _is_date(text: str) -> bool:
    """ "12.03.2001", "2001-03-12": a date (not "05.55.26.92.56", a French number)."""
    found = _DATE.fullmatch(text)
    if found is None:
        return False
    day, month = (found.group(1), found.group(2)) if found.group(1) else found.group(4, 3)
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def kinds_from_numbers(phones: list[CardPhone], pictograms: Collection[int] = ()) -> list[int]:
    """Give kinds to the numbers printed without a label, from their own form: a mobile
    number "mobile", another "work" (a business card's number). On a card with no label at
    all (it marks its numbers with pictograms the text reader cannot see, or with none), a
    second such number is the fax: cards list the phone before the fax. `pictograms`: numbers
    whose kind came from a pictogram read as a glyph. The indexes of the numbers given a kind,
    for the review to mark as guesses."""
    unlabelled = [index for index in range(len(phones)) if not phones[index].kind]
    no_labels = all(not phones[i].kind or i in pictograms for i in range(len(phones)))
    guessed, fixed = [], 0
    for index in unlabelled:
        phone = phones[index]
        try:
            number = phonenumbers.parse(phone.number, None)
        except phonenumbers.NumberParseException:
            continue
        guessed.append(index)
        if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
            phone.kind = "mobile"
        else:
            phone.kind = "fax" if fixed and no_labels else "work"
            fixed += 1
    return guessed
