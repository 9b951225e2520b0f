"""vCard 3.0 and 4.0 writer: card assembly, plain string formatting, streamed card by card.

vobject takes about 4 s to build and serialise 10,000 cards (2 s for the serialising alone);
formatting the lines here takes about 0.2 s, which keeps exporting everybody far inside the
benchmark's limit (benchmarks/bench_vcard_export.py).

Output follows RFC 2426 (3.0) and RFC 6350 (4.0). This module puts a card together in order;
the property lines come from formats.vcard.write_properties, escaping and folding from
formats.vcard.write_escape, and kept extra lines are repaired by formats.vcard.write_line_syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from netdesk.formats.control_text import without_line_controls
from netdesk.formats.phone_extension import tel_uri, with_extension
from netdesk.formats.records import ContactRecord
from netdesk.formats.vcard import delivery_label as delivery
from netdesk.formats.vcard.write_escape import escaped_text, folded, uri_value
from netdesk.formats.vcard.write_extra import ENVELOPE, fitted
from netdesk.formats.vcard.write_line_syntax import content_line, property_name, value_colon
from netdesk.formats.vcard.write_properties import (
    SOCIAL_KINDS,
    GroupNumbers,
    address_value,
    fallback_name,
    looks_like_uri,
    photo_line,
    split_kinds,
    typed,
)

VERSIONS = ("3.0", "4.0")
PRODID = "-//netdesk//netdesk//EN"

# At most one per card (RFC 6350 cardinality *1; RFC 2426 says the same of N, and FN is exactly
# one in 3.0): of these, a card keeps the first, netdesk's own field before any extra line.
# (BEGIN, END, VERSION, PRODID and REV are never taken from extra lines: ENVELOPE.)
_AT_MOST_ONE = frozenset({"N", "UID", "BDAY", "KIND", "GENDER", "ANNIVERSARY"})


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
        name = property_name(line)
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
        fit = fitted(line, name, version == "4.0", value_colon(line))
        if fit is not None:
            kept.append(fit)
    return kept


def _content_lines(
    record: ContactRecord, version: str, extra_lines: list[str], labels: list[delivery.Label]
) -> Iterator[str]:
    """The card's own content lines, unfolded, from BEGIN to just before the extra lines."""
    v4 = version == "4.0"
    on_address, alone = delivery.paired(record.addresses, labels)
    groups = GroupNumbers(extra_lines)

    yield "BEGIN:VCARD"
    yield f"VERSION:{version}"
    yield f"PRODID:{PRODID}"
    if record.uid:
        # 4.0 UIDs are URIs unless said otherwise; a plain id keeps its text as it is.
        if v4 and not looks_like_uri(record.uid):
            yield f"UID;VALUE=text:{escaped_text(record.uid)}"
        else:
            yield f"UID:{escaped_text(record.uid)}"
    yield f"FN:{escaped_text(record.formatted_name or fallback_name(record))}"
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
            yield from typed("EMAIL", email, escaped_text(email.value), v4, groups)
    for phone in record.phones:
        if phone.value:
            # RFC 6350 writes an extension in a tel: URI (;ext=); 3.0 has only text.
            uri = tel_uri(phone.value, phone.extension) if v4 and phone.extension else None
            if uri is not None:
                yield from typed("TEL", phone, uri, v4, groups, ";VALUE=uri")
            else:
                text = with_extension(phone.value, phone.extension)
                yield from typed("TEL", phone, escaped_text(text), v4, groups)
    for url in record.urls:
        if url.value:
            social = any(kind in SOCIAL_KINDS for kind in split_kinds(url.kind))
            name = "X-SOCIALPROFILE" if social else "URL"
            yield from typed(name, url, uri_value(url.value), v4, groups)
    values = [address_value(address) for address in record.addresses]
    own_groups = iter(groups.address_groups(sum(1 for value in values if value.strip(";"))))
    for index, (address, value) in enumerate(zip(record.addresses, values, strict=True)):
        if value.strip(";"):
            found = on_address.get(index)
            param = delivery.as_param(found[1]) if found else ""
            group = next(own_groups, "")
            yield from typed("ADR", address, value, v4, groups, param, group)
    for kinds, text in alone:
        types = f";TYPE={kinds}" if kinds else ""
        yield f"ADR{delivery.as_param(text)}{types}:;;;;;;"
    if record.photo:
        yield photo_line(record.photo, record.photo_mime, v4)
    if record.note:
        yield f"NOTE:{escaped_text(record.note)}"
    categories = [escaped_text(category) for category in record.categories if category]
    if categories:
        yield "CATEGORIES:" + ",".join(categories)
