"""vCard 3.0 and 4.0 writer: plain string formatting, streamed card by card.

vobject takes about 4 s to build and serialise 10,000 cards (2 s for the serialising alone);
formatting the lines here takes about 0.2 s, which keeps exporting everybody far inside the
benchmark's limit (benchmarks/bench_vcard_write.py).

Output follows RFC 2426 (3.0) and RFC 6350 (4.0): CRLF line ends, content lines folded at 75
octets without splitting a UTF-8 character, text values escaped, parameter values quoted (and
RFC 6868 ^-escaped in 4.0) when they need it. Apple's grouped `itemN.X-ABLabel` carries custom
labels, because that is what phones and mail clients read.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from netdesk.formats import vcard_delivery_label as delivery
from netdesk.formats.control_text import without_line_controls
from netdesk.formats.phone_extension import tel_uri, with_extension
from netdesk.formats.records import ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard_write_extra import ENVELOPE, fitted

VERSIONS = ("3.0", "4.0")
PRODID = "-//netdesk//netdesk//EN"
FOLD_OCTETS = 75

# Web addresses of these kinds go out as X-SOCIALPROFILE, as Apple Contacts writes them, so that
# phones show them as social profiles; readers map X-SOCIALPROFILE back to a URL of that kind.
SOCIAL_KINDS = frozenset(
    {
        "linkedin",
        "twitter",
        "x",
        "facebook",
        "instagram",
        "github",
        "mastodon",
        "xing",
        "flickr",
        "myspace",
        "sinaweibo",
        "tencentweibo",
        "yelp",
        "bluesky",
        "threads",
        "youtube",
        "tiktok",
    }
)

# A value may hold neither line breaks (they become \n) nor other control characters (no
# vCard grammar allows them; they would make the card unreadable for strict parsers).
_TEXT_ESCAPES: dict[int, str | None] = {c: None for c in range(0x20) if c != 0x09}
_TEXT_ESCAPES.update(
    {ord("\\"): "\\\\", ord(","): "\\,", ord(";"): "\\;", ord("\n"): "\\n", 0x7F: None}
)
_TEXT_NEEDS_WORK = re.compile(r"[\\,;\x00-\x08\x0a-\x1f\x7f]")
# URIs are not escaped (RFC 6350 section 4): only control characters and line breaks go.
_URI_CLEAN: dict[int, str | None] = {c: None for c in range(0x20)}
_URI_CLEAN[0x7F] = None

# Parameter values: SAFE-CHAR excludes DQUOTE ; : , and controls; QSAFE-CHAR only DQUOTE and
# controls (RFC 2426 section 4, RFC 6350 section 3.3).
_PARAM_UNSAFE = re.compile(r'[";:,\x00-\x1f\x7f]')
_PARAM_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_GROUP = re.compile(r"([A-Za-z0-9-]+)\.[A-Za-z0-9-]+[;:]")
_NAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
# At most one per card (RFC 6350 cardinality *1; RFC 2426 says the same of N, and FN is exactly
# one in 3.0): of these, a card keeps the first, netdesk's own field before any extra line.
# (BEGIN, END, VERSION, PRODID and REV are never taken from extra lines: ENVELOPE.)
_AT_MOST_ONE = frozenset({"N", "UID", "BDAY", "KIND", "GENDER", "ANNIVERSARY"})
# A whole content line that is already valid RFC 2426 / RFC 6350 syntax.
_PARAM_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
_VALID_LINE = re.compile(
    rf"(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+"
    rf"(?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*"
    r":[^\x00-\x08\x0a-\x1f\x7f]*"
)
_NOT_NAME_CHARS = re.compile(r"[^A-Za-z0-9-]")
_VALUE_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# vCard 2.1 writes these encodings as bare parameters ("PHOTO;BASE64:").
_BARE_ENCODINGS = frozenset({"BASE64", "B", "QUOTED-PRINTABLE", "8BIT", "7BIT"})
_PHOTO_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
)


def vcard_text(record: ContactRecord, version: str = "3.0") -> str:
    """One card as text: CRLF line ends, folded, ending with CRLF."""
    _check_version(version)
    return _card(record, version)


def write_vcards(records: Iterable[ContactRecord], out: BinaryIO, version: str = "3.0") -> int:
    """Write the cards to `out` as UTF-8, one at a time; returns how many were written."""
    _check_version(version)
    count = 0
    for record in records:
        out.write(_card(record, version).encode())
        count += 1
    return count


def _check_version(version: str) -> None:
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be 3.0 or 4.0, not {version!r}")


def _card(record: ContactRecord, version: str) -> str:
    record = delivery.without_old_labels(record)
    labels: list[delivery.Label] = []
    extra_lines = _extra_lines(record, version, labels)
    content = _content_lines(record, version, extra_lines, labels)
    # Extra lines are fitted first, which decodes any quoted-printable: none is folded here.
    lines = [folded(without_line_controls(line)) for line in [*content, *extra_lines]]
    lines.append("END:VCARD\r\n")
    return "\r\n".join(lines)


def _extra_lines(record: ContactRecord, version: str, labels: list[delivery.Label]) -> list[str]:
    """The record's extra lines that can go into this card, in valid syntax; in 4.0, delivery
    labels go into `labels` instead (RFC 6350 writes them as parameters of ADR)."""
    single = {"N"}
    if version == "3.0":
        single.add("FN")
    if record.uid:
        single.add("UID")
    if record.birthday is not None:
        single.add("BDAY")
    kept = []
    for extra in record.extra_lines:
        line = content_line(extra)
        if line is None:
            continue
        name = _name(line)
        if name in ENVELOPE:
            continue
        if name == delivery.NAME and version == "4.0":
            found = delivery.from_line(line)
            if found is not None:
                labels.append(found)
                continue
        if name in _AT_MOST_ONE or (name == "FN" and version == "3.0"):
            if name in single:
                continue
            single.add(name)
        fit = fitted(line, name, version == "4.0", _colon(line))
        if fit is not None:
            kept.append(fit)
    return kept


def content_line(line: str) -> str | None:
    """`line` as a valid vCard 3.0/4.0 content line, or None when no property is left in it.

    Extra lines are written as they came, unless a strict reader would refuse them: vCard 2.1
    bare parameters (`TEL;HOME`, `PHOTO;BASE64`) get their TYPE= or ENCODING= name, empty
    parameters go, characters that names may not hold ("_", "/") become "-", parameter values
    are quoted where they must be, and control characters leave the value. Readers that keep
    extra lines this way get them back unchanged from an export.
    """
    if "\n" in line or "\r" in line:
        # One unfolded content line: a stray line break would end it early (and a soft line
        # break of quoted-printable text joins what it splits).
        line = line.replace("\r", "").replace("\n", "")
    if _VALID_LINE.fullmatch(line):
        return line
    colon = _colon(line)
    if colon < 0:
        return None
    segments = _split_outside_quotes(line[:colon], ";")
    group, _, name = segments[0].strip().rpartition(".")
    name = _NOT_NAME_CHARS.sub("-", name.strip())
    if not name.strip("-"):
        return None
    group = _NOT_NAME_CHARS.sub("-", group.strip())
    params = []
    for segment in segments[1:]:
        key, equals, raw = segment.partition("=")
        if not equals:
            # vCard 2.1 names only the value: an encoding or a list of types ("MSG,WORK").
            bare = [t.strip().strip('"') for t in key.split(",") if t.strip().strip('"')]
            if len(bare) == 1 and bare[0].upper() in _BARE_ENCODINGS:
                params.append(f"ENCODING={_param_value(bare[0], False)}")
            elif bare:
                params.append("TYPE=" + ",".join(_param_value(t, False) for t in bare))
            continue
        key = _NOT_NAME_CHARS.sub("-", key.strip())
        if not key.strip("-"):
            continue
        values = [v.strip() for v in _split_outside_quotes(raw, ",")]
        values = [v[1:-1] if len(v) >= 2 and v[0] == v[-1] == '"' else v for v in values]
        params.append(f"{key}=" + ",".join(_param_value(v, False) for v in values))
    head = f"{group}.{name}" if group else name
    value = _VALUE_CONTROL.sub("", line[colon + 1 :])
    return ";".join([head, *params]) + ":" + value


def _colon(line: str) -> int:
    """Where the value starts: the first colon outside double-quoted parameter values."""
    inside = False
    for index, char in enumerate(line):
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return index
    return -1


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    pieces, start, inside = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            inside = not inside
        elif char == separator and not inside:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _content_lines(
    record: ContactRecord, version: str, extra_lines: list[str], labels: list[delivery.Label]
) -> Iterator[str]:
    """The card's own content lines, unfolded, from BEGIN to just before the extra lines."""
    v4 = version == "4.0"
    on_address, alone = delivery.paired(record.addresses, labels)
    groups = _GroupNumbers(extra_lines)

    yield "BEGIN:VCARD"
    yield f"VERSION:{version}"
    yield f"PRODID:{PRODID}"
    if record.uid:
        # 4.0 UIDs are URIs unless said otherwise; a plain id keeps its text as it is.
        if v4 and not _looks_like_uri(record.uid):
            yield f"UID;VALUE=text:{escaped_text(record.uid)}"
        else:
            yield f"UID:{escaped_text(record.uid)}"
    yield f"FN:{escaped_text(record.formatted_name or _fallback_name(record))}"
    yield "N:" + ";".join(
        escaped_text(part)
        for part in (
            record.family_name,
            record.given_name,
            record.middle_name,
            record.prefix,
            record.suffix,
        )
    )
    if record.nickname:
        yield f"NICKNAME:{escaped_text(record.nickname)}"
    if record.organization or record.department:
        org = escaped_text(record.organization)
        yield f"ORG:{org};{escaped_text(record.department)}" if record.department else f"ORG:{org}"
    if record.title:
        yield f"TITLE:{escaped_text(record.title)}"
    if record.birthday is not None:
        # RFC 6350 dates are ISO 8601 basic format; RFC 2426 takes the extended one.
        day = record.birthday
        yield (
            f"BDAY:{day.year:04d}{day.month:02d}{day.day:02d}"
            if v4
            else f"BDAY:{day.year:04d}-{day.month:02d}-{day.day:02d}"
        )
    for email in record.emails:
        if email.value:
            yield from _typed("EMAIL", email, escaped_text(email.value), v4, groups)
    for phone in record.phones:
        if phone.value:
            # RFC 6350 writes an extension in a tel: URI (;ext=); 3.0 has only text.
            uri = tel_uri(phone.value, phone.extension) if v4 and phone.extension else None
            if uri is not None:
                yield from _typed("TEL", phone, uri, v4, groups, ";VALUE=uri")
            else:
                text = with_extension(phone.value, phone.extension)
                yield from _typed("TEL", phone, escaped_text(text), v4, groups)
    for url in record.urls:
        if url.value:
            social = any(kind in SOCIAL_KINDS for kind in _kinds(url.kind))
            name = "X-SOCIALPROFILE" if social else "URL"
            yield from _typed(name, url, uri_value(url.value), v4, groups)
    for index, address in enumerate(record.addresses):
        value = _address_value(address)
        if value.strip(";"):
            found = on_address.get(index)
            param = delivery.as_param(found[1]) if found else ""
            yield from _typed("ADR", address, value, v4, groups, param)
    for kinds, text in alone:
        types = f";TYPE={kinds}" if kinds else ""
        yield f"ADR{delivery.as_param(text)}{types}:;;;;;;"
    if record.photo:
        yield _photo(record.photo, record.photo_mime, v4)
    if record.note:
        yield f"NOTE:{escaped_text(record.note)}"
    categories = [escaped_text(category) for category in record.categories if category]
    if categories:
        yield "CATEGORIES:" + ",".join(categories)


def _typed(
    name: str,
    item: Typed | PostalAddress,
    value: str,
    v4: bool,
    groups: _GroupNumbers,
    params: str = "",
) -> Iterator[str]:
    kinds = _kinds(item.kind)
    if item.preferred and not v4:
        kinds.append("pref")
    if kinds:
        params += ";TYPE=" + ",".join(_param_value(kind, v4) for kind in kinds)
    if item.preferred and v4:
        params += ";PREF=1"
    if item.label:
        group = groups.next()
        yield f"{group}.{name}{params}:{value}"
        yield f"{group}.X-ABLabel:{escaped_text(item.label)}"
    else:
        yield f"{name}{params}:{value}"


def _kinds(kind: str) -> list[str]:
    return [part for part in (piece.strip() for piece in kind.split(",")) if part]


def _address_value(address: PostalAddress) -> str:
    return ";".join(
        escaped_text(part)
        for part in (
            address.po_box,
            address.extended,
            address.street,
            address.locality,
            address.region,
            address.postal_code,
            address.country,
        )
    )


def _photo(data: bytes, mime: str, v4: bool) -> str:
    mime = mime or _sniff_mime(data)
    encoded = base64.b64encode(data).decode("ascii")
    if v4:
        return f"PHOTO:data:{mime};base64,{encoded}"
    if not mime:
        return f"PHOTO;ENCODING=b:{encoded}"
    kind = mime[6:].upper() if mime.lower().startswith("image/") else mime
    return f"PHOTO;ENCODING=b;TYPE={_param_value(kind, False)}:{encoded}"


def _sniff_mime(data: bytes) -> str:
    for magic, mime in _PHOTO_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return ""


def escaped_text(value: str) -> str:
    """A text value escaped for a content line (backslash, comma, semicolon, line breaks);
    other control characters are dropped."""
    if not _TEXT_NEEDS_WORK.search(value):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_TEXT_ESCAPES)


def uri_value(value: str) -> str:
    """A URI value: not escaped, but without the control characters that would end the line."""
    return value.translate(_URI_CLEAN) if _PARAM_CONTROL.search(value) else value


def _param_value(value: str, v4: bool) -> str:
    """A parameter value, quoted when it holds ; : or , (which would end it otherwise)."""
    if not _PARAM_UNSAFE.search(value) and not (v4 and "^" in value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if v4:
        # RFC 6868: ^ escapes the caret, a line break and the double quote.
        value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    else:
        # RFC 2426 has no way to write these inside a parameter value.
        value = value.replace("\n", " ").replace('"', "'")
    value = _PARAM_CONTROL.sub("", value)
    return f'"{value}"' if re.search(r"[;:,]", value) else value


def _looks_like_uri(value: str) -> bool:
    scheme, colon, rest = value.partition(":")
    return bool(colon and rest and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme))


def _fallback_name(record: ContactRecord) -> str:
    """FN is required: when the record has none, name the card by what it does have."""
    parts = (record.prefix, record.given_name, record.middle_name, record.family_name)
    name = " ".join(part for part in parts if part)
    if record.suffix and name:
        name = f"{name}, {record.suffix}"
    return (
        name
        or record.nickname
        or record.organization
        or next((email.value for email in record.emails if email.value), "")
        or next((phone.value for phone in record.phones if phone.value), "")
    )


def _name(line: str) -> str:
    match = _NAME.match(line)
    return match.group(1).upper() if match else ""


class _GroupNumbers:
    """Hands out item1, item2, ... skipping the groups that the kept extra lines already use."""

    def __init__(self, extra_lines: list[str]) -> None:
        self._taken = set()
        for line in extra_lines:
            match = _GROUP.match(line)
            if match:
                self._taken.add(match.group(1).lower())
        self._number = 0

    def next(self) -> str:
        while True:
            self._number += 1
            group = f"item{self._number}"
            if group not in self._taken:
                return group


def folded(line: str) -> str:
    """Fold at 75 octets, continuation lines starting with a space, never inside a character."""
    if line.isascii():
        if len(line) <= FOLD_OCTETS:
            return line
        pieces = [line[:FOLD_OCTETS]]
        pieces.extend(
            line[start : start + FOLD_OCTETS - 1]
            for start in range(FOLD_OCTETS, len(line), FOLD_OCTETS - 1)
        )
        return "\r\n ".join(pieces)
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return line
    pieces = []
    start = 0
    limit = FOLD_OCTETS
    while len(data) - start > limit:
        end = start + limit
        # Back up to the first byte of a character: UTF-8 continuation bytes are 10xxxxxx.
        while data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end].decode())
        start = end
        limit = FOLD_OCTETS - 1
    pieces.append(data[start:].decode())
    return "\r\n ".join(pieces)
