"""Emails mended with what else the card says: the text reader's slips in an address's local
part ("iquintela@" for "lquintela@", "noomie@" for "noemie@", a lost dot) undone where the
person's name spells it, and a glued "E" label ("Eana@") taken off where the rest spells the
name, a role mailbox or a profile handle printed on the card."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from netdesk.scan.card_fields import CardFields
from netdesk.scan.card_lines import CardLine
from netdesk.scan.names import ROLE_MAILBOXES, matches_email
from netdesk.text import fold as fold_text

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def mend_emails(fields: CardFields, glued: list[int], items: Sequence[CardLine] = ()) -> None:
    """Mend the emails of a card whose other fields are known; `glued`: the indexes of emails
    that start with "E" and a lower-case letter; `items`: the card's lines (what no field took
    may hold the start of an address)."""
    _emails_read_as_web_addresses(fields, [item for item in items if not item.used])
    _domains_mended(fields)
    spellings = _name_spellings(fields.given, fields.family)
    for index in glued:
        email = fields.emails[index]
        rest = _GLUED_MARK.sub("", email, count=1)
        if _spelled_elsewhere(rest, email, fields):
            fields.emails[index] = rest
        elif (better := _nearest(_local(rest), spellings)) and not _nearest(
            _local(email), spellings
        ):
            # "ELheidkamp@": the label, then "t." read as one capital "L": an initial and its
            # dot, where the name has such a spelling; else mended with the name below.
            fields.emails[index] = rest[0].lower() + rest[1:]
            dotted = sorted(
                s for s in spellings if _looks(s) == _looks(better) and s[1:2] in {".", "_"}
            )
            if rest[0].isupper() and dotted:
                fields.emails[index] = f"{dotted[0]}@{rest.split('@', 1)[1]}"
                fields.low_confidence.add(f"emails:{index}")
    for index, email in enumerate(fields.emails):
        local, domain = email.split("@", 1)
        better = _nearest(local.lower(), spellings)
        if better and better != local.lower():
            fields.emails[index] = f"{better}@{domain}"
            fields.low_confidence.add(f"emails:{index}")


def _emails_read_as_web_addresses(fields: CardFields, left: list[CardLine]) -> None:
    """ "ziegenhagengrheinfeld-software.de" beside rheinfeld-software.de is the email
    ziegenhagen@rheinfeld-software.de with its "@" read as a letter; so is
    "kmarchettigfenwick.co.uk" on Kwame Marchetti's card; "EMal konstantin
    ziegenhagenrheinfeld-software.de" is konstantin.ziegenhagen@ with the "@" and "." lost."""
    domains = {email.rsplit("@", 1)[1] for email in fields.emails}
    domains |= {
        url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.") for url in fields.urls
    }
    spellings = _name_spellings(fields.given, fields.family)
    for url in list(fields.urls):
        host = url.split("://", 1)[-1]
        if "/" in host or host.startswith("www."):
            continue
        email = ""
        for domain in domains - {host}:
            prefix = host[: -len(domain)] if host.endswith(domain) else ""
            if len(prefix) >= 4 and "." not in prefix and prefix[-1] in _AT_READ_AS:
                email = f"{prefix[:-1]}@{domain}"
            elif prefix and (local := _with_word_before(prefix, left, spellings)):
                email = f"{local}@{domain}"
        for spelling in sorted(spellings, key=len, reverse=True):
            rest = host[len(spelling) + 1 :]
            # Both parts of the name: "marchettigroup.com" is a company's site.
            whole_name = len(spelling) > len(re.sub(r"[^a-z]", "", fold_text(fields.family)))
            if (
                not email
                and whole_name
                and host.startswith(spelling)
                and host[len(spelling) : len(spelling) + 1] in tuple(_AT_READ_AS)
                and re.fullmatch(r"[a-z0-9-]{3,}(?:\.[a-z]{2,})+", rest)
            ):
                email = f"{spelling}@{rest}"
        if email:
            fields.urls.remove(url)
            if email not in fields.emails:
                fields.emails.append(email)
                fields.low_confidence.add(f"emails:{len(fields.emails) - 1}")


def _domains_mended(fields: CardFields) -> None:
    """One domain read two ways on a card ("lefevre@bellle-rive.com" beside
    "contact@belle-rive.com", "www.weissdor.de" beside "@weissdorn.de"): the reading that the
    organisation's name spells wins, else the one read more often."""
    hosts = [email.rsplit("@", 1)[1] for email in fields.emails] + [
        url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.") for url in fields.urls
    ]
    spelled = re.sub(r"[^a-z0-9]", "", fold_text(fields.organization.translate(_GERMAN_CASED)))
    for host in set(hosts):
        label = host.split(".", 1)[0]
        for other in set(hosts) - {host}:
            if len(label) < 5 or other.split(".", 1)[1:] != host.split(".", 1)[1:]:
                continue
            if Levenshtein.distance(host, other) != 1:
                continue
            plain = label.replace("-", "")
            other_plain = other.split(".", 1)[0].replace("-", "")
            ours, theirs = plain in spelled, other_plain in spelled
            if ours != theirs:
                wins = ours
            elif ours:  # both spelled by the name: the reader lost a letter of the longer
                wins = len(plain) > len(other_plain)
            else:
                wins = hosts.count(host) > hosts.count(other)
            if wins:
                _replace_host(fields, other, host)


def _replace_host(fields: CardFields, wrong: str, right: str) -> None:
    for index, email in enumerate(fields.emails):
        local, _, domain = email.rpartition("@")
        if domain == wrong:
            fields.emails[index] = f"{local}@{right}"
            fields.low_confidence.add(f"emails:{index}")
    for index, url in enumerate(fields.urls):
        scheme, _, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        if host.removeprefix("www.") == wrong:
            fields.urls[index] = f"{scheme}://{host[: len(host) - len(wrong)]}{right}{slash}{path}"


_GERMAN_CASED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)

# What the text reader makes of an "@".
_AT_READ_AS = "g@a9qß&"
_EMAIL_LABEL = re.compile(r"^(?:e-?ma[il1]{1,2}|email|courriel|correo|mail)\s*:?$", re.IGNORECASE)


def _with_word_before(prefix: str, left: list[CardLine], spellings: set[str]) -> str:
    """The local part whose first word the reader put apart, "@" lost: "konstantin" left over
    before "ziegenhagen" of "ziegenhagenrheinfeld-software.de", when the two spell the name."""
    for item in left:
        words = item.text.split()
        if not words:
            continue
        for joint in (".", "_", "-", ""):
            local = f"{words[-1].lower()}{joint}{prefix}"
            if local in spellings and len(words[-1]) >= 2:
                words.pop()
                item.text = " ".join(words)
                if not words or _EMAIL_LABEL.match(item.text):
                    item.text, item.used = "", True
                return local
    return ""


# The "E" label, or a pictogram read as a glyph, glued before an address.
_GLUED_MARK = re.compile(r"^(?:E[:.]?|0|O|LI|Ll|IL|[|\[\]口□])")


def _local(email: str) -> str:
    return email.split("@", 1)[0].lower()


def _spelled_elsewhere(rest: str, email: str, fields: CardFields) -> bool:
    local = rest.split("@", 1)[0].lower()
    if local in ROLE_MAILBOXES:
        return True
    if fields.name and matches_email(fields.name, [rest], strict=True):
        return not matches_email(fields.name, [email], strict=True)
    # A name printed in Chinese or Japanese: the address is its romanisation, in lower case.
    if re.search(r"[\u3400-\u9fff]", fields.name) and local == rest.split("@", 1)[0]:
        return True
    handles: set[str] = set()
    for url in fields.urls:
        for part in re.split(r"[/@]", url.lower().split("://", 1)[-1])[1:]:
            handles.add(re.sub(r"[^a-z0-9]", "", part))
            handles.update(re.split(r"[^a-z0-9]+", part))
    return re.sub(r"[^a-z0-9]", "", local) in handles - {""}


def _name_spellings(given: str, family: str) -> set[str]:
    """The local parts people make of their name ("ana.lima", "a.lima", "alima", "ana")."""
    if not given or not family or not (given + family).replace(" ", "").isalpha():
        return set()
    spellings: set[str] = set()
    for fold in (fold_text, lambda text: fold_text(text.lower().translate(_GERMAN))):
        g = re.sub(r"[^a-z]", "", fold(given.split()[0]))
        full_given = re.sub(r"[^a-z]", "", fold(given))
        f = re.sub(r"[^a-z]", "", fold(family))
        if not g or not f:
            continue
        for first in {g, full_given}:
            spellings |= {f"{first}.{f}", f"{first}_{f}", f"{first}{f}", f"{first}-{f}", first}
            spellings |= {f"{first[0]}.{f}", f"{first[0]}{f}", f"{f}.{first}"}
        spellings.add(f)
    return spellings


# Letters the text reader takes for each other: the same after this.
_LOOK_ALIKE = str.maketrans({"i": "l", "1": "l", "j": "l", "I": "l", "0": "o", "e": "o", "c": "o"})


def _looks(text: str) -> str:
    return re.sub(r"[._-]", "", text).replace("rn", "m").translate(_LOOK_ALIKE)


def _nearest(local: str, spellings: set[str]) -> str:
    """The one spelling of the name that the local part looks like to a text reader ("iquintela"
    for "lquintela", "noomie" for "noemie"; one more slip in a long one), else "". Another
    person's address ("k.lima" on Ana Lima's card) differs by more than a look-alike letter."""
    if not spellings or local in spellings or len(local) < 4:
        return ""
    allowed = 1 if len(local) >= 8 else 0
    looks = _looks(local)
    scored = sorted((Levenshtein.distance(looks, _looks(s)), s) for s in spellings)
    best = [s for distance, s in scored if distance == scored[0][0]]
    if len({_looks(s) for s in best}) > 1:
        # A letter read for another is likelier than one read from nothing: "lheidkamp" is
        # "theidkamp", not "heidkamp".
        best = [s for s in best if len(_looks(s)) == len(looks)] or best
    if scored[0][0] > allowed or len({_looks(s) for s in best}) > 1:
        return ""
    # Of spellings that look the same ("t.heidkamp", "theidkamp"), the one printed as read.
    return min(best, key=lambda s: Levenshtein.distance(local, s))
