"""Reading contacts back from a picture of a QR code (a photo of a badge, a screenshot)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress, Problem, Typed


class QrReadError(ValueError):
    """The picture holds no QR code netdesk can turn into a contact; the message says why."""


@dataclass
class QrContacts:
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def decode_texts(image: QImage) -> list[str]:
    """The text of every QR code in the picture, in reading order."""
    import zxingcpp

    if image.isNull():
        return []
    if image.hasAlphaChannel():
        # Transparent pixels would turn black and swallow the dark modules: codes saved from
        # web pages often have a transparent background. Put the picture on white first.
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    if image.format() not in (QImage.Format.Format_Grayscale8, QImage.Format.Format_RGB32):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    # Told to look for QR codes only, zxing is ten times faster and finds no false barcodes.
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    results = zxingcpp.read_barcodes(image, formats=only_qr)
    return [r.text for r in results if r.valid and r.text]


def load_image(path: Path) -> QImage:
    if not path.is_file():
        raise QrReadError(f"{path}: no such file.")
    image = QImage(str(path))
    if image.isNull():
        raise QrReadError(f"{path}: not a picture netdesk can open (PNG, JPEG, GIF, BMP, ...).")
    return image


def contacts_from_image(image: QImage, source: str) -> QrContacts:
    """The contacts in every QR code of the picture; a code that holds no contact is a problem."""
    texts = decode_texts(image)
    if not texts:
        raise QrReadError(
            f"{source}: no QR code found. Try a sharper or closer picture of the code."
        )
    found = QrContacts()
    for number, text in enumerate(texts, start=1):
        where = f"{source} (code {number})" if len(texts) > 1 else source
        try:
            found.records.extend(contacts_from_text(text, where))
        except QrReadError as exc:
            found.problems.append(Problem(where, 0, str(exc)))
    if not found.records:
        # Each reason named by its picture (and code), so the message stands on its own.
        raise QrReadError("; ".join(str(p) for p in found.problems))
    return found


def contacts_from_text(text: str, source: str) -> list[ContactRecord]:
    stripped = text.lstrip("\ufeff \r\n\t")
    head = stripped[:12].upper()
    if head.startswith("BEGIN:VCARD"):
        from netdesk.formats.vcard_read import read_vcards

        records = [
            item
            for item in read_vcards(stripped.encode("utf-8"), source)
            if isinstance(item, ContactRecord)
        ]
        if not records:
            raise QrReadError("the code holds a vCard that could not be read.")
        for record in records:
            record.source = "qr"
        return records
    if head.startswith("MECARD:"):
        return [mecard_record(stripped)]
    if head.startswith(("HTTP://", "HTTPS://")):
        raise QrReadError(f"the code holds a web address, not a contact: {stripped[:80]}")
    raise QrReadError("the code holds text, not a contact card (vCard or MECARD).")


def _mecard_fields(body: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    current: list[str] = []
    escaped = False
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            item = "".join(current)
            current = []
            key, sep, value = item.partition(":")
            if sep:
                fields.append((key.strip().upper(), value))
        else:
            current.append(char)
    return fields


def _split_unescaped(value: str, raw: str) -> list[str]:
    """MECARD N and ADR use commas between parts; escaped commas were already resolved, so the
    split is done on the raw text."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in raw:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts if value else []


def _raw_fields(body: str) -> dict[str, list[str]]:
    """Field values with their escapes still in place, for the comma-separated fields."""
    raw: dict[str, list[str]] = {}
    start = 0
    escaped = False
    for index, char in enumerate(body):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            key, sep, value = body[start:index].partition(":")
            if sep:
                raw.setdefault(key.strip().upper(), []).append(value)
            start = index + 1
    return raw


def mecard_record(text: str) -> ContactRecord:
    """A contact from DoCoMo's MECARD ("MECARD:N:Doe,Jane;TEL:...;;")."""
    body = text.strip()[len("MECARD:") :]
    if not body.endswith(";"):
        body += ";"
    fields = _mecard_fields(body)
    raw = _raw_fields(body)
    record = ContactRecord(source="qr")
    raw_names = raw.get("N", [""])
    addresses_seen = 0
    for key, value in fields:
        if key == "ADR":
            # Counted before empty values are skipped, to pair each with its raw text.
            addresses_seen += 1
        value = value.strip()
        if not value:
            continue
        if key == "N" and not record.formatted_name:
            parts = _split_unescaped(value, raw_names[0])
            if len(parts) >= 2:
                record.family_name, record.given_name = parts[0].strip(), parts[1].strip()
                record.formatted_name = f"{record.given_name} {record.family_name}".strip()
            else:
                record.formatted_name = value
        elif key == "ORG":
            record.organization = value
        elif key == "TITLE":
            record.title = value
        elif key == "TEL":
            record.phones.append(Typed(value))
        elif key == "EMAIL":
            record.emails.append(Typed(value))
        elif key == "URL":
            record.urls.append(Typed(value))
        elif key == "NOTE":
            record.note = value
        elif key == "ADR":
            raw_values = raw.get("ADR", [])
            index = addresses_seen - 1
            parts = _split_unescaped(value, raw_values[index] if index < len(raw_values) else value)
            if len(parts) == len(ADDRESS_PARTS):
                address = PostalAddress()
                for part, text in zip(ADDRESS_PARTS, parts, strict=True):
                    setattr(address, part, text.strip())
                record.addresses.append(address)
            else:
                record.addresses.append(PostalAddress(street=value))
    if not record.formatted_name:
        raise QrReadError("the code holds a MECARD without a name.")
    return record
