"""Which kept extra lines a 3.0 or 4.0 card may carry, and in what form.

Extra lines come from other programs' files (and from databases written by older netdesk
versions, before the reader dropped some of them). Each one is written only if every strict
reader still accepts the card: vobject, ical.js and the `vcard` validator refuse a whole file
for one line they cannot take.
"""

from __future__ import annotations

import binascii
import re

# Lines about the file rather than the person: RFC 2425's directory envelope (PROFILE, NAME,
# SOURCE: which directory or address book the file came from; RFC 6350 dropped PROFILE and
# NAME), the product that made the file and when it last changed it (PRODID, REV: once netdesk
# writes the card, netdesk is the product and the other program's revision time is stale, and
# a syncing client would take it for a newer copy), and the card's own frame. vobject refuses
# a card with PROFILE ("already has a PROFILE or uses BEGIN").
ENVELOPE = frozenset({"BEGIN", "END", "VERSION", "PROFILE", "NAME", "SOURCE", "PRODID", "REV"})

# vCard 3.0 has no text birthday (RFC 2426 3.1.5: a date or a date-time), and ical.js reads
# a 3.0 BDAY as a date whatever VALUE says: a birthday that is not a date goes out under this
# name in 3.0, and the reader turns it back into BDAY;VALUE=text.
TEXT_BIRTHDAY_3 = "X-NETDESK-BDAY"

_DATE_LIKE = re.compile(r"[0-9TZ:+\-.,]+", re.IGNORECASE)
_UTC_OFFSET = re.compile(r"[+-]\d{2}(?::?\d{2})?")
# VALUE types whose values ical.js parses as numbers, and refuses otherwise.
_DATE_TYPES = frozenset(
    {"date", "date-time", "time", "timestamp", "date-and-or-time", "utc-offset"}
)
_DATES = frozenset({"BDAY", "ANNIVERSARY", "DEATHDATE"})
_BASE64 = frozenset({"b", "base64"})
_QUOTED_OR_NOT = re.compile(r'((?:"[^"]*"|[^";])*)(;)')


def fitted(line: str, name: str, v4: bool, colon: int) -> str | None:
    """`line` (valid syntax, property `name`, value after `colon`) as this version may hold
    it, or None when it cannot go into the card at all."""
    head, value = line[:colon], line[colon + 1 :]
    params = _params(head)
    if params.get("ENCODING", "").lower() in _BASE64:
        data = _base64(value)
        if data is None:
            return None  # vobject refuses the whole file for one undecodable value
        value = data
    value_type = params.get("VALUE", "").lower()
    if value_type in _DATE_TYPES and not _DATE_LIKE.fullmatch(value):
        head = _without_param(head, "VALUE")
        value_type = ""
    if name in _DATES and value_type != "text" and not _DATE_LIKE.fullmatch(value):
        head = _without_param(head, "VALUE") + ";VALUE=text"
        value_type = "text"
    if not v4:
        if name == "BDAY" and value_type == "text":
            segments = _segments(head)
            group, dot, _ = segments[0].rpartition(".")
            head = ";".join([f"{group}{dot}{TEXT_BIRTHDAY_3}", *segments[1:]])
        elif name == "TZ" and not value_type and not _UTC_OFFSET.fullmatch(value):
            # RFC 2426 3.4.1: a TZ that is not a UTC offset says VALUE=text ("Europe/London").
            head += ";VALUE=text"
    return f"{head}:{value}"


def _segments(head: str) -> list[str]:
    """The name and parameters of a content line, split at semicolons outside quotes."""
    if '"' not in head:
        return head.split(";")
    return [piece for piece, _ in _QUOTED_OR_NOT.findall(head + ";")]


def as_kept(line: str, name: str) -> str:
    """A read line in the form `fitted` writes it back from in either version: the 3.0 writer
    adds VALUE=text to a TZ that is not a UTC offset (4.0's default), so it is kept without."""
    if name != "TZ" or '"' in line:
        return line
    head, _, value = line.partition(":")
    if _UTC_OFFSET.fullmatch(value) or _params(head).get("VALUE", "").lower() != "text":
        return line
    return f"{_without_param(head, 'VALUE')}:{value}"


def _params(head: str) -> dict[str, str]:
    params = {}
    for segment in _segments(head)[1:]:
        key, _, value = segment.partition("=")
        params[key.upper()] = value.strip('"')
    return params


def _without_param(head: str, key: str) -> str:
    segments = _segments(head)
    return ";".join([segments[0], *(s for s in segments[1:] if s.partition("=")[0].upper() != key)])


def _base64(value: str) -> str | None:
    """The base64 value as strict decoders take it (padded, no blanks), or None if it is not."""
    compact = "".join(value.split())
    padded = compact.rstrip("=") + "=" * (-len(compact.rstrip("=")) % 4)
    try:
        binascii.a2b_base64(padded.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return value if padded == value else padded
