"""A person's name on a card: which lines can be one, and its given and family parts
(nameparser for Latin names with their "Dr."/"Prof." and "PhD"; Chinese and Japanese names
family first)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from nameparser import HumanName

_PREFIX = (
    r"Dr\.?|Prof\.?|Mag\.?|Ing\.?|Dipl\.-?\s?Ing\.?|Dipl\.-?\s?Kfm\.?|Mr\.?|Mrs\.?|Ms\.?|Mx\.?|"
    r"(?:Prof|Dr|Dra|Eng|Arq|Sr)\.?ª|"
    r"Mme\.?|Mlle\.?|M\.|Sr\.?|Sra\.?|Srta\.?|Lic\.?|Eng\.?|Arq\.?|Dra\.?|Mgr\.?|"
    r"Inż\.?|Hr\.?|Fr\.?|Herr|Frau|Pan|Pani|Sir|Dame|Me\.?|Dipl\.-\w+\.?"
)
_SUFFIX = (
    r"Ph\.?\s?D\.?|MBA|M\.?Sc\.?|B\.?Sc\.?|M\.A\.|B\.A\.|M\.D\.|Jr\.?|Sr\.?|III|II|"
    r"LL\.?M\.?|CPA|CFA|PMP|Esq\.?|MBE|OBE|FRCS|MEng|Dipl\.?"
)
_PREFIXES = re.compile(r"^(?:(?:" + _PREFIX + r")\s+)+", re.IGNORECASE)
_SUFFIXES = re.compile(r"(?:,?\s+(?:" + _SUFFIX + r"))+$")
# A Latin name word: capitalised or in capitals, with hyphens, apostrophes ("O'Neill") and
# particles ("da", "von", "de la").
_WORD = re.compile(r"^(?:[A-ZÀ-ÞĀ-ſ][\w'’.-]*|d'[A-ZÀ-Þ][\w-]*)$")
_PARTICLES = {
    "da", "de", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von",
    "der", "den", "ter", "zu", "y", "e", "i", "al", "el", "bin", "ibn", "st.",
}  # fmt: skip
_CJK = re.compile(r"[\u3400-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_COMPOUND_FAMILIES = {
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "令狐",
    "慕容", "夏侯", "尉迟", "尉遲", "长孙", "長孫", "宇文", "司徒", "公孙", "公孫",
}  # fmt: skip


def looks_like_name(text: str) -> bool:
    """Can the line be a person's name (2-5 name words, or 2-4 CJK characters)?"""
    if _CJK.search(text):
        flat = text.replace(" ", "").replace("\u3000", "")
        return 2 <= len(flat) <= 5 and all(_CJK.match(ch) or _KANA.match(ch) for ch in flat)
    core = _core(text)
    words = core.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if not all(_WORD.match(word) or word.lower() in _PARTICLES for word in words):
        return False
    capitalised = [word for word in words if word[:1].isupper()]
    return len(capitalised) >= 2 and all(len(word) <= 25 for word in words)


# Countries where people carry two family names ("Lucía García Ortega", "João Sousa Tavares").
_TWO_FAMILY_NAMES = {"ES", "PT", "BR", "MX", "AR", "CL", "CO", "PE", "UY", "VE", "AO", "MZ"}


def split_name(
    text: str, *, japanese: bool = False, region: str = "", emails: Sequence[str] = ()
) -> tuple[str, str, str]:
    """(name as printed, given, family); names in capitals are written capitalised.

    Where the given name ends: the email's local part shows it when it spells the name
    ("joaomaria.sousa@", "lucia@"); else three words are given + two family names in Spain,
    Portugal and Latin America, and nameparser's reading elsewhere."""
    name = " ".join(text.split())
    if _CJK.search(name):
        return _split_cjk(name, japanese=japanese)
    if _is_capitals(_core(name)):
        name = _capitalised(name)
    words = _core(name).split()
    iberian = len(words) >= 3 and region in _TWO_FAMILY_NAMES and not _has_particle(words)
    if iberian and (len(words) >= 4 or _fold(words[1]) in _SECOND_GIVEN):
        return name, " ".join(words[:2]), " ".join(words[2:])
    if len(words) >= 3 and (cut := _cut_from_email(words, emails)):
        return name, " ".join(words[:cut]), " ".join(words[cut:])
    if iberian:
        return name, words[0], " ".join(words[1:])
    if len(words) == 2:
        return name, words[0], words[1]  # nameparser takes "MA" in "Junjie MA" for a degree
    parsed = HumanName(_core(name))
    given = " ".join(part for part in (parsed.first, parsed.middle) if part)
    family = parsed.last
    if not family and given:
        given, family = parsed.first, parsed.middle
    return name, given, family


# Given names that Iberian and Brazilian people carry second ("João Paulo", "Ana Maria").
_SECOND_GIVEN = {
    "maria", "jose", "paulo", "luis", "carolina", "ana", "joao", "antonio", "carlos", "manuel",
    "pedro", "fernanda", "eduardo", "miguel", "luisa", "isabel", "teresa", "francisco", "javier",
    "angel", "jesus", "carmen", "pilar", "victoria", "henrique", "gabriel", "rafael", "cristina",
}  # fmt: skip


def _cut_from_email(words: list[str], emails: Sequence[str]) -> int:
    """How many words are the given name, as the email's local part spells it; 0 if unsure."""
    folded = [re.sub(r"[^a-z]", "", _fold(word)) for word in words]
    for email in emails:
        local = _fold(email.split("@", 1)[0])
        parts = [re.sub(r"[^a-z]", "", part) for part in re.split(r"[._]", local)]
        for cut in range(1, len(words)):
            given, family = "".join(folded[:cut]), "".join(folded[cut:])
            if parts == [given, family] or parts == [given[:1], family]:
                return cut
            if len(parts) == 1 and parts[0] in {given[:1] + family, given, family}:
                return cut
    return 0


def _has_particle(words: list[str]) -> bool:
    return any(word.lower() in _PARTICLES for word in words[1:-1])


# Mailboxes of a role, not a person: "comercial@" says nothing of the name.
ROLE_MAILBOXES = {
    "info", "hello", "sales", "kontakt", "contact", "vertrieb", "commercial", "comercial",
    "contacto", "ventas", "geral", "contato", "biuro", "service", "office", "mail", "post",
    "team", "support", "hallo", "bonjour", "hola", "ola", "admin", "press", "presse", "jobs",
}  # fmt: skip


def matches_email(text: str, emails: list[str], *, strict: bool = False) -> bool:
    """Does the line's name show in an email's local part ("ana.lima@", "alima@", "lima@")?
    `strict`: the local part is nothing but the name's words and initials."""
    words = [_fold(word) for word in re.findall(r"[^\W\d_]+", _core(text))]
    words = [word for word in words if len(word) >= 3]
    if not words:
        return False
    for email in emails:
        local = _fold(email.split("@", 1)[0])
        letters = re.sub(r"[^a-z]", "", local)
        if letters in ROLE_MAILBOXES:
            continue
        if strict:
            if _spelled_by(letters, words):
                return True
            continue
        if any(word in letters for word in words):
            return True
        initials = "".join(word[0] for word in words)
        if len(letters) >= 3 and letters in {initials, initials[0] + words[-1]}:
            return True
    return False


def _spelled_by(letters: str, words: list[str]) -> bool:
    """Is `letters` made of the words (or their initials) in order, and nothing else?"""
    if not letters:
        return True
    for index, word in enumerate(words):
        for piece in (word, word[:1]):
            if letters.startswith(piece) and _spelled_by(letters[len(piece) :], words[index + 1 :]):
                return True
    return False


def _core(text: str) -> str:
    """The name without its prefixes ("Dr.") and suffixes ("PhD")."""
    core = _PREFIXES.sub("", " ".join(text.split()))
    return _SUFFIXES.sub("", core).strip(" ,")


def _is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _capitalised(text: str) -> str:
    words = []
    for word in text.split():
        if _SUFFIXES.fullmatch(" " + word):
            words.append(word)
        elif _PREFIXES.fullmatch(word + " "):
            words.append(word[:1] + word[1:].lower())
        elif word.lower() in _PARTICLES:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def _split_cjk(name: str, *, japanese: bool) -> tuple[str, str, str]:
    parts = name.replace("\u3000", " ").split()
    if len(parts) == 2:
        # A Japanese name is written with a space, a Chinese one without (the card may
        # space it out: "王 伟").
        return (name if japanese else "".join(parts)), parts[1], parts[0]
    if japanese and len(name) >= 3:
        # Japanese cards print a space between family and given name; the text reader
        # often loses it.
        family, given = name[:2], name[2:]
        return f"{family} {given}", given, family
    flat = "".join(parts)
    if flat[:2] in _COMPOUND_FAMILIES and len(flat) >= 3:
        size = 2
    elif japanese or _KANA.search(flat):
        size = 2 if len(flat) >= 3 else 1
    else:
        size = 2 if len(flat) >= 5 else 1
    return name, flat[size:], flat[:size]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss").replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
