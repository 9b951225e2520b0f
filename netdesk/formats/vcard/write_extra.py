"""Which kept extra lines a 3.0 or 4.0 card may carry, and in what form.

Extra lines come from other programs' files (and from databases written by older netdesk
versions, before the reader dropped some of them). Each one is written only if every strict
reader still accepts the card: vobject, ical.js and the `vcard` validator refuse a whole file
for one line they cannot take.
"""

from __future__ import annotations

import binascii
import codecs
import quopri
import re

from netdesk.formats.vcard.write_line_syntax import value_colon

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

# Dates, times and timestamps of RFC 2426 and RFC 6350 ("19960415", "--0203", "T1430",
# "1953-10-15T23:10:00Z"): what ical.js can take apart as numbers.
_DATE_LIKE = re.compile(r"(?:\d|--|T\d)[0-9TZ:+\-.]*", re.IGNORECASE)
_UTC_OFFSET = re.compile(r"[+-]\d{2}:?\d{2}")
_UTC_OFFSET_4 = re.compile(r"[+-]\d{4}")
_TIMESTAMP_4 = re.compile(r"\d{8}T\d{4,6}(?:Z|[+-]\d{2}(?:\d{2})?)?", re.IGNORECASE)
_TIME_4 = re.compile(r"T?\d{2}[0-9:]*(?:Z|[+-]\d{2}:?(?:\d{2})?)?", re.IGNORECASE)
# VALUE types whose values ical.js parses as numbers, and refuses otherwise.
_DATE_TYPES = frozenset(
    {"date", "date-time", "time", "timestamp", "date-and-or-time", "utc-offset"}
)
_DATES = frozenset({"BDAY", "ANNIVERSARY", "DEATHDATE"})
_BASE64 = frozenset({"b", "base64"})
# Properties whose preference 3.0 writes as TYPE=pref (the ones netdesk maps itself; they are
# among the extra lines only when a database holds them from elsewhere).
_TYPED = frozenset({"EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE"})
_QUOTED_PRINTABLE = re.compile(r';ENCODING="?QUOTED-PRINTABLE', re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_QUOTED_OR_NOT = re.compile(r'((?:"[^"]*"|[^";])*)(;)')
# A comma no backslash escapes (an even number of backslashes before it).
_BARE_COMMA = re.compile(r"(?<!\\)((?:\\\\)*),")


def fitted(line: str, name: str, v4: bool, colon: int) -> str | None:
    """`line` (valid syntax, property `name`, value after `colon`) as this version may hold
    it, or None when it cannot go into the card at all."""
    head, value = line[:colon], line[colon + 1 :]
    if _QUOTED_PRINTABLE.search(head):
        head, value = _decoded_quoted_printable(head, value)
    params = _params(head)
    encoding = params.get("ENCODING", "").lower()
    if encoding in _BASE64:
        data = _base64(value)
        if data is None:
            return None  # vobject refuses the whole file for one undecodable value
        value = data
        if encoding != "b":
            # 2.1's ENCODING=BASE64 is "b" in 3.0 and 4.0. vobject decodes either on reading
            # but encodes only "b" on writing, so a server that stores cards through it
            # (Radicale) refused the whole card with a 400.
            head = _without_param(head, "ENCODING") + ";ENCODING=b"
    elif encoding:
        # 2.1's 8BIT or 7BIT say nothing in 3.0/4.0, where vobject takes any ENCODING of a
        # text property for base64 and refuses the file when the text does not decode.
        head = _without_param(head, "ENCODING")
    elif name.startswith("X-"):
        value = _commas_escaped(value)
    value_type = params.get("VALUE", "").lower()
    if value_type in _DATE_TYPES and not _typed_value(value_type, v4).fullmatch(value):
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
        elif name in _TYPED and "PREF" in params:
            # PREF= is 4.0's; RFC 2426 says "preferred" as a TYPE.
            head = _without_param(head, "PREF") + ";TYPE=pref"
        elif name == "TZ" and not value_type and not _UTC_OFFSET.fullmatch(value):
            # RFC 2426 3.4.1: a TZ that is not a UTC offset says VALUE=text ("Europe/London").
            head += ";VALUE=text"
    return f"{head}:{value}"


def _typed_value(value_type: str, v4: bool) -> re.Pattern[str]:
    """What a value of this VALUE type looks like to ical.js, which refuses the file when a
    number in it is not one (RFC 6350 writes 4.0's in ISO 8601 basic format)."""
    if value_type == "utc-offset":
        return _UTC_OFFSET_4 if v4 else _UTC_OFFSET
    if v4 and value_type == "timestamp":
        return _TIMESTAMP_4
    if v4 and value_type == "time":
        return _TIME_4
    return _DATE_LIKE


def _decoded_quoted_printable(head: str, value: str) -> tuple[str, str]:
    """A vCard 2.1 quoted-printable line as 3.0/4.0 text: decoded in its CHARSET (else UTF-8;
    what does not decode becomes U+FFFD), line breaks escaped, without ENCODING or CHARSET.
    vobject decodes such a line itself and fails on anything not valid in the charset."""
    charset = _params(head).get("CHARSET", "") or "utf-8"
    data = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    text = data.decode(charset, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    text = _CONTROLS.sub("", text)
    return _without_param(_without_param(head, "ENCODING"), "CHARSET"), text


def _commas_escaped(value: str) -> str:
    """An X- property's text with its bare commas escaped (RFC 2426 5.8.4, RFC 6350 3.4).
    Evolution writes "X-EVOLUTION-FILE-AS:Friedman, Nat" and Android "X-ANDROID-CUSTOM:...;
    Jo,Ann;..." unescaped; vobject, and so Radicale, takes the comma for a list separator and
    stores only the text before it."""
    return _BARE_COMMA.sub(r"\1\\,", value)


def _segments(head: str) -> list[str]:
    """The name and parameters of a content line, split at semicolons outside quotes."""
    if '"' not in head:
        return head.split(";")
    return [piece for piece, _ in _QUOTED_OR_NOT.findall(head + ";")]


def as_kept(line: str, name: str) -> str:
    """A read line in the form `fitted` writes back unchanged in either version, so that a
    round trip gives the same line: without a 2.1 ENCODING other than base64 (8BIT, 7BIT),
    and without the VALUE=text the 3.0 writer adds to a TZ that is no UTC offset (it is 4.0's
    default)."""
    if name.startswith("X-"):
        colon = value_colon(line)
        head, value = line[:colon], line[colon + 1 :]
        if _params(head).get("ENCODING", "").lower() not in _BASE64:
            line = f"{head}:{_commas_escaped(value)}"
    if '"' in line or ";" not in line.partition(":")[0]:
        return line
    head, _, value = line.partition(":")
    params = _params(head)
    encoding = params.get("ENCODING", "b").lower()
    if encoding not in _BASE64:
        head = _without_param(head, "ENCODING")
    elif encoding != "b":  # as `fitted` writes it
        head = _without_param(head, "ENCODING") + ";ENCODING=b"
    text_tz = name == "TZ" and params.get("VALUE", "").lower() == "text"
    if text_tz and not _UTC_OFFSET.fullmatch(value):
        head = _without_param(head, "VALUE")
    return f"{head}:{value}"


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
