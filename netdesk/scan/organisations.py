"""The organisation on a card: a line with a legal form (GmbH, Ltd, S.A., Sp. z o.o., 株式会社),
else the line that spells the email or web domain ("Acme Robotics" for acme-robotics.com)."""

from __future__ import annotations

import re
import unicodedata

_SUFFIXES = (
    r"GmbH\s*&\s*Co\.?\s*KG|GmbH|gGmbH|AG|UG(?:\s*\(haftungsbeschränkt\))?|KG|OHG|GbR|e\.\s?V\.|"
    r"eG|SE|mbH|KGaA|PartG(?:\s*mbB)?|"
    r"Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|LP|Inc\.?|Incorporated|Corp\.?|Corporation|PLC|Co\.|"
    r"Company|Pty\.?\s*Ltd\.?|"
    r"S\.?A\.?S\.?U?|S\.A\.R\.L\.|SARL|EURL|SAS|SASU|SCOP|SNC|S\.A\.|SA|"
    r"S\.L\.U?\.?|SL|SLU|S\.Coop\.|"
    r"Lda\.?|Ltda\.?|S/A|ME|EIRELI|Unipessoal|"
    r"[Ss]p\.\s?z\s?[o0]\.\s?[o0]\.?|[Ss]p\.\s?j\.|[Ss]p\.\s?k\.|S\.K\.A\.|spółka(?:\s+\w+)*|OG|"
    r"S\.p\.A\.|S\.r\.l\.|SpA|Srl|B\.?V\.?|N\.?V\.?|AB|Oy|Oyj|A/S|ApS|AS|ASA|K\.K\.|& Co\.?"
)
_LEGAL_FORM = re.compile(r"(?<![\w.])(?:" + _SUFFIXES + r")(?![\w])")
# The same on a line printed in capitals ("NORDLICHT SOFTWARE GMBH").
_LEGAL_FORM_CAPITALS = re.compile(r"(?<![\w.])(?:" + _SUFFIXES + r")(?![\w])", re.IGNORECASE)
# Words companies put in their names; weaker than a legal form (a title may hold them too).
_COMPANY_WORD = re.compile(
    r"(?<!\w)(?:Group|Holding|Holdings|Gruppe|Groupe|Grupo|Grupa|Studio|Studios|Labs|Partners|"
    r"Partnerschaft|Consulting|Solutions|Systems|Technologies|Technology|Associates|Ventures|"
    r"Capital|Software|Analytics|Logistics|Industries|Media|Digital|Networks|Robotics|"
    r"Dynamics|Works|Werke|Werk|Tecnologia|Tecnología|Soluções|Soluciones|Technologie|"
    r"Technologies|Conseil|Beratung|Software|Services|Serviços|Servicios|Usługi)(?!\w)"
)
_CJK_ORG = re.compile(
    r"株式会社|有限会社|合同会社|有限公司|股份有限公司|公司|集团|集團|事务所|事務所|研究所|"
    r"研究院|大学|大學|銀行|银行|工作室|商会|協会|协会|病院|医院"
)
# Words that make a line an institution although it has no legal form.
_INSTITUTION = re.compile(
    r"(?<!\w)(?:University|Universität|Université|Universidad|Universidade|Uniwersytet|"
    r"Institute|Institut|Instituto|Instytut|Hochschule|Akademie|Academy|Foundation|Stiftung|"
    r"Fondation|Fundación|Fundação|Fundacja|Association|Verband|Verein|Bank|Agentur|Agency|"
    r"Agence|Agencia|Agência|Agencja|Kanzlei|Cabinet|Bufete|Hospital|Klinik|Clinique|Clínica|"
    r"Klinika|Ministry|Ministerium|Ministère|Ministerio|Ministério|Ministerstwo|Laboratory|"
    r"Laboratoire|Laboratorio|Laboratório|Laboratorium)(?!\w)",
    re.IGNORECASE,
)
_FREE_MAIL = {
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "me", "mac", "aol",
    "gmx", "web", "t-online", "posteo", "mailbox", "proton", "protonmail", "orange", "free",
    "laposte", "wanadoo", "sfr", "wp", "onet", "o2", "interia", "uol", "bol", "terra", "sapo",
    "qq", "163", "126", "sina", "yandex", "mail", "fastmail", "hey", "zoho", "hushmail",
}  # fmt: skip


def tidy_organisation(text: str) -> str:
    """The organisation with the text reader's slips in its legal form undone ("Sp. z 0.0."
    -> "Sp. z o.o.", "GmbH & Co.KG" -> "GmbH & Co. KG")."""
    text = re.sub(r"\b([Ss]p\.\s?z\s?)[0oO]\.\s?[0oO]\.?", r"\1o.o.", text)
    # "Northstar HealthCorp.": the space before the legal form lost.
    text = re.sub(r"(?<=[a-zà-ÿ])(?=(?:Corp\.|Inc\.|Ltd\.?|GmbH|LLC|PLC|Lda\.|Ltda\.)$)", " ", text)
    return re.sub(r"&\s?Co\.\s?KG\b", "& Co. KG", text)


def has_legal_form(text: str) -> bool:
    """Does the line end in or hold a company's legal form ("Example GmbH")?"""
    if _CJK_ORG.search(text) or _LEGAL_FORM.search(text):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and text.isupper() and bool(_LEGAL_FORM_CAPITALS.search(text))


def is_institution(text: str) -> bool:
    """A university, institute, foundation, agency... (no legal form needed)."""
    return bool(_INSTITUTION.search(text))


def has_company_word(text: str) -> bool:
    """ "Acme Robotics", "Nordlicht Software": words in company names, weaker than a legal form."""
    return bool(_COMPANY_WORD.search(text))


def domain_names(emails: list[str], urls: list[str]) -> list[str]:
    """The organisation's own domain labels ("acme-robotics" for ana@acme-robotics.com and
    https://www.acme-robotics.com), free-mail providers left out."""
    names: list[str] = []
    for address in [email.rsplit("@", 1)[-1] for email in emails] + [_host(url) for url in urls]:
        parts = [part for part in address.lower().split(".") if part and part != "www"]
        if len(parts) < 2:
            continue
        label = parts[-3] if len(parts) >= 3 and parts[-2] in {"co", "com", "org"} else parts[-2]
        social = {"linkedin", "x", "twitter", "github", "instagram", "xing", "bsky", "mastodon"}
        if label not in _FREE_MAIL and label not in social and label not in names:
            names.append(label)
    return names


def matches_domain(text: str, domains: list[str]) -> bool:
    """Does the line spell one of the domains ("Acme Robotics GmbH" and "acmerobotics")?"""
    letters = _letters(text)
    if len(letters) < 2:
        return False
    for domain in domains:
        flat = _letters(domain)
        if len(flat) < 3:
            continue
        if flat in letters or (len(letters) >= 4 and letters in flat):
            return True
        initials = "".join(word[0] for word in re.findall(r"\w+", _fold(text)) if word)
        if len(initials) >= 2 and initials == flat:
            return True
    return False


def _letters(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss").replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]
