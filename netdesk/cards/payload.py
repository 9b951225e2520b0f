"""The text inside a QR card: a small vCard 3.0 (what phone cameras offer to save) or MECARD."""

from __future__ import annotations

from enum import StrEnum

from netdesk.formats.phone_extension import with_extension
from netdesk.formats.records import ADDRESS_PARTS, ContactRecord
from netdesk.formats.vcard.write_escape import escaped_text, folded, uri_value


class PayloadFormat(StrEnum):
    VCARD = "vcard"
    MECARD = "mecard"


def card_payload(record: ContactRecord, fmt: PayloadFormat = PayloadFormat.VCARD) -> str:
    """The payload for a record already cut down to its shared fields (share.shared_record)."""
    return _mecard(record) if fmt == PayloadFormat.MECARD else _vcard(record)


def display_name(record: ContactRecord) -> str:
    if record.formatted_name:
        return record.formatted_name
    parts = (
        record.prefix,
        record.given_name,
        record.middle_name,
        record.family_name,
        record.suffix,
    )
    return " ".join(p for p in parts if p) or record.organization


def _kind_param(kind: str) -> str:
    kinds = [k for k in kind.split(",") if k.strip().isalnum()]
    return ";TYPE=" + ",".join(k.strip().upper() for k in kinds) if kinds else ""


def _vcard(record: ContactRecord) -> str:
    # No PRODID or REV: every byte makes the code denser. CRLF line ends, a CRLF after END and
    # folding at 75 octets as RFC 2426 asks (strict readers refuse the card without them); iOS
    # and Android read it all as they read LF.
    name = display_name(record)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:"
        + ";".join(
            escaped_text(p)
            for p in (
                record.family_name,
                record.given_name,
                record.middle_name,
                record.prefix,
                record.suffix,
            )
        ),
        f"FN:{escaped_text(name)}",
    ]
    if not (record.family_name or record.given_name):
        # Phones file a card under N; without one they show "No name".
        lines[2] = f"N:;{escaped_text(name)};;;"
    if record.organization or record.department:
        org = escaped_text(record.organization)
        lines.append(
            f"ORG:{org};{escaped_text(record.department)}" if record.department else f"ORG:{org}"
        )
    if record.title:
        lines.append(f"TITLE:{escaped_text(record.title)}")
    for email in record.emails:
        lines.append(f"EMAIL{_kind_param(email.kind)}:{escaped_text(email.value)}")
    for phone in record.phones:
        text = with_extension(phone.value, phone.extension)
        lines.append(f"TEL{_kind_param(phone.kind)}:{escaped_text(text)}")
    for url in record.urls:
        lines.append(f"URL:{uri_value(url.value)}")
    for address in record.addresses:
        value = ";".join(escaped_text(getattr(address, part)) for part in ADDRESS_PARTS)
        lines.append(f"ADR{_kind_param(address.kind)}:{value}")
    lines.append("END:VCARD")
    return "".join(folded(line) + "\r\n" for line in lines)


def _mecard_text(value: str) -> str:
    # DoCoMo's MECARD escapes these with a backslash; ZXing unescapes the same set.
    out = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    for char in '\\;,:"':
        out = out.replace(char, "\\" + char)
    return out


def _mecard(record: ContactRecord) -> str:
    if record.family_name:
        name = f"{_mecard_text(record.family_name)},{_mecard_text(record.given_name)}"
    else:
        name = _mecard_text(record.given_name or display_name(record))
    fields = [f"N:{name}"]
    if record.organization:
        fields.append(f"ORG:{_mecard_text(record.organization)}")
    # MECARD has no job title field; readers skip keys they do not know, and some show it.
    if record.title:
        fields.append(f"TITLE:{_mecard_text(record.title)}")
    for phone in record.phones:
        fields.append(f"TEL:{_mecard_text(with_extension(phone.value, phone.extension))}")
    for email in record.emails:
        fields.append(f"EMAIL:{_mecard_text(email.value)}")
    for url in record.urls:
        fields.append(f"URL:{_mecard_text(url.value)}")
    for address in record.addresses:
        # DoCoMo's ADR is the vCard address parts separated by commas.
        fields.append("ADR:" + ",".join(_mecard_text(getattr(address, p)) for p in ADDRESS_PARTS))
    return "MECARD:" + ";".join(fields) + ";;"
