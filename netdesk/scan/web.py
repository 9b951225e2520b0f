"""Emails, web addresses and social handles on a card, with the slips text recognition makes
("ana (at) example.de", "www .example. de", a space after the "@").

Social handles become full profile URLs: "LinkedIn: ana-lima" ->
"https://www.linkedin.com/in/ana-lima", "X @ana" -> "https://x.com/ana", "@ana@mastodon.social"
-> "https://mastodon.social/@ana", "GitHub: ana" -> "https://github.com/ana".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Top-level domains trusted where the recogniser put spaces around a dot ("example. de"), and
# for a bare "example.com" printed without "www" or "https://". Longer names first so that
# alternation takes ".com" before ".co".
_TLDS_TEXT = (
    "company agency online studio social design consulting digital travel museum "
    "media store email group today tech info shop work site team blog cloud legal life "
    "live name news page land jobs club zone space world global energy solutions partners "
    "com org net edu gov int biz pro app dev xyz eus cat "
    "io ai co uk de fr es pt pl br it nl be at ch lu ie dk se no fi is cz sk hu ro bg gr "
    "hr si rs ua ru tr us ca mx ar cl pe uy jp cn tw hk sg kr in au nz za eu me tv cc ly "
    "ao mz cv gw st tl mo"
)
TLDS = _TLDS_TEXT.split()
_TLD = "(?:" + "|".join(sorted(TLDS, key=len, reverse=True)) + ")"

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]*\w@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])", re.ASCII
)
# "(at)", "[at]", "{at}", " at " between a name and a domain; "(dot)", "[dot]".
_AT_WORD = re.compile(r"\s*[\(\[\{<]\s*(?:at|@)\s*[\)\]\}>]\s*", re.IGNORECASE)
_DOT_WORD = re.compile(r"\s*[\(\[\{<]\s*(?:dot|punkt|point)\s*[\)\]\}>]\s*", re.IGNORECASE)
_SPACED_AT = re.compile(r"(?<=[\w.])\s*@\s*(?=[\w-]+\s*\.\s*" + _TLD + r"\b)", re.IGNORECASE)
# A dot with spaces on either side inside a domain: "example. de", "www .example".
_SPACED_DOT = re.compile(
    r"(?<=[\w-])(?:\s+\.\s*|\.\s+)(?=(?:[\w-]+\s*\.\s*)*" + _TLD + r"\b)", re.IGNORECASE
)
_WWW_SPACED = re.compile(r"\b(www)\s*[.,]\s*", re.IGNORECASE)
_URL = re.compile(
    r"(?<![\w@.-])(?:(?:https?://)(?:[\w-]+\.)+[A-Za-z]{2,24}"
    r"|(?:www\.)(?:[\w-]+\.)+[A-Za-z]{2,24}"
    r"|(?:[\w-]+\.)+" + _TLD + r"(?![\w-]))"
    r"(?:/[^\s,;]*)?",
    re.IGNORECASE,
)

_GLUED_LABEL = re.compile(
    r"^(?:E-?Mail|E-?MAIL|E-?mail|e-?mail|Mail|MAIL|Courriel|Correo|Email)[:.]?(?=\w)"
)
_GLUED_E = re.compile(r"^(?:E[:.]?|0|O|LI|Ll|IL|口|□)(?=[a-z]|[A-Z][a-z])")
# "Ek.yamaguchi": "E" glued to an initial and a dot, as no address begins.
_GLUED_E_INITIAL = re.compile(r"^E(?=[a-z][._][a-z])")
_NETWORK_LABELS = {
    "linkedin": "linkedin",
    "in": "linkedin",
    "x": "x",
    "twitter": "x",
    "𝕏": "x",
    "mastodon": "mastodon",
    "github": "github",
    "gh": "github",
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "bluesky": "bluesky",
    "xing": "xing",
}
_HANDLE_LABEL = re.compile(
    r"(?<!\w)(linkedin|twitter|mastodon|github|instagram|insta|bluesky|xing|x|𝕏|in|gh|ig)"
    r"(\s*[:|/.·-]?\s*)(@?[\w][\w.-]*(?:@[\w-]+(?:\.[\w-]+)+)?)",
    re.IGNORECASE,
)
_MASTODON_HANDLE = re.compile(r"(?<![\w@])@([\w.]+)@((?:[\w-]+\.)+[A-Za-z]{2,24})")
_BARE_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{2,30})(?![\w@.])")

# Profile sites printed without "www." where the site's own links have it.
_BARE_HOSTS = {
    "linkedin.com": "www.linkedin.com",
    "instagram.com": "www.instagram.com",
    "xing.com": "www.xing.com",
    "twitter.com": "x.com",
    "www.twitter.com": "x.com",
    "www.x.com": "x.com",
    "www.github.com": "github.com",
}
_PROFILE_URLS = {
    "linkedin": "https://www.linkedin.com/in/{}",
    "x": "https://x.com/{}",
    "github": "https://github.com/{}",
    "instagram": "https://www.instagram.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "xing": "https://www.xing.com/profile/{}",
}


@dataclass
class WebFound:
    emails: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    rest: str = ""  # the line without what was taken
    guessed_urls: list[str] = field(default_factory=list)  # a bare "@name" taken for X
    # Indexes of emails starting "E" + lower case: maybe the label "E" glued to the address.
    glued_e: list[int] = field(default_factory=list)


def repaired(text: str) -> str:
    """The line with the recogniser's slips around "@" and dots undone where a domain follows."""
    text = _AT_WORD.sub("@", text)
    # A pictogram read as a glyph glued before "www." ("0www.", "@www.", "LIwww.").
    text = re.sub(r"(?<![\w.-])(?:[0-9@©|\[\]]|LI|Ll|IL)(?=www\.)", "", text)
    if "@" not in text:  # "ana.limaßexample.de": no address holds a ß, the "@" was read so
        text = re.sub(r"(?<=[a-z0-9._-])[ß&](?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})", "@", text)
    text = _DOT_WORD.sub(".", text)
    text = _WWW_SPACED.sub(r"\1.", text)
    text = _SPACED_AT.sub("@", text)
    if not re.search(r"www\.|@|https?://", text, re.IGNORECASE):
        return text  # "Reg. No." is no domain: spaces are only closed up in a web address
    return _SPACED_DOT.sub(".", text)


def find_web(text: str) -> WebFound:
    """The emails, web addresses and handles on one line of text."""
    found = WebFound()
    line = repaired(text)
    spans: list[tuple[int, int]] = []

    for match in _MASTODON_HANDLE.finditer(line):
        found.urls.append(f"https://{match.group(2).lower()}/@{match.group(1)}")
        spans.append(match.span())
    for match in _EMAIL.finditer(line):
        if _overlaps(match.span(), spans):
            continue
        email = match.group(0).strip(".")
        local, domain = email[: email.index("@")], email[email.index("@") :].lower()
        # The recogniser may glue the label to the address: "E-mailana@", "Eana@".
        local = re.sub(r"_{2,}", "_", local)  # "__" is the reader's, not the address's
        if glued := (_GLUED_LABEL.match(local) or _GLUED_E_INITIAL.match(local)):
            local = local[glued.end() :]
        elif _GLUED_E.match(local):
            found.glued_e.append(len(found.emails))
        found.emails.append(local + domain)
        spans.append(match.span())
    for match in _URL.finditer(line):
        if _overlaps(match.span(), spans) or _is_abbreviation(match.group(0)):
            continue
        found.urls.append(full_url(match.group(0)))
        spans.append(match.span())
    for match in _HANDLE_LABEL.finditer(line):
        if _overlaps(match.span(), spans):
            continue
        network = _NETWORK_LABELS[match.group(1).lower()]
        separator, handle = match.group(2).strip(), match.group(3).rstrip(".")
        # "in", "x", "gh", "ig" are words too: only with a ":" or "/" after them or an "@".
        sure = len(match.group(1)) > 2 or separator in {":", "/", "|"} or handle[:1] == "@"
        url = _profile_url(network, handle)
        if url and sure:
            found.urls.append(url)
            spans.append(match.span())
    for match in _BARE_HANDLE.finditer(line):
        if _overlaps(match.span(), spans):
            continue
        url = _PROFILE_URLS["x"].format(match.group(1))
        found.urls.append(url)
        found.guessed_urls.append(url)
        spans.append(match.span())

    found.rest = _without(line, spans) if spans else text
    return found


def full_url(text: str) -> str:
    """A web address as a full URL: "www.example.de" -> "https://www.example.de"."""
    # A pictogram read as a letter, or a label, glued before "www." ("ewww.", "Webwww.").
    url = re.sub(
        r"^(?:web|site|url|internet|[a-z])(?=www\.)", "", text.rstrip(".,;:)"), flags=re.IGNORECASE
    )
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "https://" + url
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = re.sub(r"^(?:ww|wvw|vww|wwv)\.", "www.", host.lower())  # a "w" lost or misread
    if host in _BARE_HOSTS:
        host = _BARE_HOSTS[host]
    for site in ("linkedin.com", "github.com", "xing.com", "instagram.com"):
        # A label glued to the address: "linkedinlinkedin.com", "GitHub:github.com".
        if host.endswith(site) and host not in {site, "www." + site}:
            host = _BARE_HOSTS.get(site, site)
    url = f"{scheme.lower()}://{host}{slash}{path}"
    return url.rstrip("/") if not path else url


def _profile_url(network: str, handle: str) -> str:
    handle = handle.strip()
    if network == "mastodon":
        match = re.fullmatch(r"@?([\w.]+)@((?:[\w-]+\.)+[A-Za-z]{2,24})", handle)
        return f"https://{match.group(2).lower()}/@{match.group(1)}" if match else ""
    name = handle.lstrip("@")
    if not re.fullmatch(r"[\w][\w.-]{0,60}", name):
        return ""
    return _PROFILE_URLS[network].format(name)


def _is_abbreviation(text: str) -> bool:
    """ "S.A.", "o.o." or "Mr.it" are not web addresses: a bare name before the ending needs
    two letters and a lower-case or capitalised spelling."""
    if re.match(r"(?:https?://|www\.)", text, re.IGNORECASE):
        return False
    first, ending = text.split("/")[0].split(".")[0], text.split("/")[0].rsplit(".", 1)[-1]
    return len(first) < 2 or text.isupper() or (len(ending) <= 3 and not ending.islower())


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    kept, position = [], 0
    for start, end in sorted(spans):
        kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    return " ".join(" ".join(kept).split())
