"""`mailto:` links (RFC 6068) that mail programs open as a new email.

Every character outside RFC 3986's unreserved set is percent-encoded as UTF-8, line breaks as
%0D%0A, the addresses too (all but the "@" between local part and domain, which the syntax
needs as it is). Mail programs and the systems that hand links to them cut long links
(Windows at about 2,000 characters, some browsers and Outlook sooner), so the encoded body is
kept under BODY_LIMIT characters (less when the subject and addresses need the room within
URL_LIMIT): cut at a word boundary and ended with SHORTENED_NOTE. The cut is made in the text
before encoding, so it never falls inside a %XX sequence or a character's UTF-8 bytes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from netdesk.formats.mail.eml import whole_characters

BODY_LIMIT = 1800
# The whole link, where the addresses leave room: Windows hands on about 2,048 characters. A
# subject is cut (with "…") past SUBJECT_LIMIT encoded characters, the body to what is left.
URL_LIMIT = 2000
SUBJECT_LIMIT = 400
MIN_BODY_ROOM = 400
SHORTENED_NOTE = "[Shortened for your mail program: use Save draft… for the whole text]"


@dataclass(frozen=True)
class MailtoLink:
    url: str
    shortened: bool  # the body was cut to fit (the whole text needs Save draft…)


_text = whole_characters


def _encode(value: str) -> str:
    return quote(_text(value), safe="", encoding="utf-8")


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _address(address: str) -> str:
    local, at, domain = _one_line(address).rpartition("@")
    if not at:
        return _encode(domain)
    return f"{_encode(local)}@{_encode(domain)}"


def _fitted(text: str, limit: int, note: str) -> tuple[str, bool]:
    """`text` encoded in fewer than `limit` characters, and whether it had to be shortened:
    then cut in the text (never inside a %XX or a character) and ended with `note`."""
    encoded = _encode(text)
    if len(encoded) < limit:
        return encoded, False
    room = limit - 1 - len(_encode(note))
    size = cut = 0
    for index, char in enumerate(text):
        size += len(_encode(char))
        if size > room:
            break
        cut = index + 1
    kept = text[:cut]
    if cut < len(text) and not text[cut].isspace():
        # Back to the last word boundary; a text without one near the end (a long link) is
        # cut between characters, but never before a combining mark or a joiner (that would
        # change the last letter).
        space = max(kept.rfind(" "), kept.rfind("\n"), kept.rfind("\t"))
        if space > len(kept) // 2:
            kept = kept[:space]
        else:
            while kept and _joins_previous(text[len(kept)]):
                kept = kept[:-1]
    return _encode(kept.rstrip() + note), True


def _joins_previous(char: str) -> bool:
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char in "\u200d\ufe0e\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or "\U000e0020" <= char <= "\U000e007f"
    )


def mailto_link(to: Sequence[str], subject: str, body: str, cc: Sequence[str] = ()) -> MailtoLink:
    """The link for an email to the addresses `to` (and `cc`), with subject and body; the
    whole link kept within URL_LIMIT when the addresses leave room (see the module)."""
    head = "mailto:" + ",".join(_address(a) for a in to if a.strip())
    fields: list[str] = []
    if cc:
        fields.append("cc=" + ",".join(_address(a) for a in cc if a.strip()))
    cut_subject = cut_body = False
    if subject.strip():
        encoded, cut_subject = _fitted(_one_line(_text(subject)), SUBJECT_LIMIT, "…")
        fields.append("subject=" + encoded)
    if body:
        used = len(head) + sum(len(f) + 1 for f in fields) + len("body=") + 1
        room = max(MIN_BODY_ROOM, min(BODY_LIMIT, URL_LIMIT + 1 - used))
        encoded, cut_body = _fitted(_crlf(_text(body)), room, "\r\n\r\n" + SHORTENED_NOTE)
        fields.append("body=" + encoded)
    query = ("?" + "&".join(fields)) if fields else ""
    return MailtoLink(head + query, cut_subject or cut_body)


def parse_mailto(url: str) -> tuple[list[str], str, str]:
    """(to, subject, body) of a `mailto:` link, decoded; the body's CRLF line ends become
    "\\n". Addresses in a `to=` field are added to those before the "?"."""
    if not url.lower().startswith("mailto:"):
        raise ValueError(f"not a mailto: link: {url[:40]!r}")
    rest = url[len("mailto:") :]
    head, _, query = rest.partition("?")
    to = [unquote(a) for a in head.split(",") if a]
    subject = body = ""
    for field in query.split("&") if query else []:
        name, _, value = field.partition("=")
        name = unquote(name).lower()
        if name == "to":
            to.extend(unquote(a) for a in value.split(",") if a)
        elif name == "subject":
            subject = unquote(value)
        elif name == "body":
            body = unquote(value).replace("\r\n", "\n")
    return to, subject, body
