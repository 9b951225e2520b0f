"""Reading contacts back from a picture of a QR code (a photo of a badge, a screenshot)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

if TYPE_CHECKING:
    import zxingcpp

from netdesk.formats.records import ADDRESS_PARTS, ContactRecord, PostalAddress, Problem, Typed

# A phone's photo is 12-50 megapixels; a bigger picture is refused before it is decoded, as
# one of 100,000 x 100,000 (a PNG header may say so in 30 bytes) would need 40 GB.
MAX_PIXELS = 60_000_000
# Checked before the file is read: a phone photo is a few MB, 50 MB is no picture of a code.
MAX_FILE_BYTES = 50 * 1024 * 1024


class QrReadError(ValueError):
    """The picture holds no QR code netdesk can turn into a contact; the message says why."""


@dataclass
class QrContacts:
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_codes(image: QImage) -> list[zxingcpp.Barcode]:
    """Every QR code zxing-cpp finds in the picture, with its position."""
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
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    # zxing gets a plain grey buffer of our own: one layout for every kind of picture.
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    if stride != width:
        data = b"".join(data[row * stride : row * stride + width] for row in range(height))
    pixels = memoryview(data).cast("B", (height, width))
    # Told to look for QR codes only, zxing is ten times faster and finds no false barcodes.
    only_qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    return list(zxingcpp.read_barcodes(pixels, formats=only_qr))


def decode_texts(image: QImage) -> list[str]:
    """The text of every QR code in the picture, in reading order."""
    return [r.text for r in read_codes(image) if r.valid and r.text]


def load_image(path: Path) -> QImage:
    """The picture in the file; QrReadError says why when it cannot be read, or is too big
    to read (over MAX_FILE_BYTES, or MAX_PIXELS by its header, checked before decoding)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    if size < 0 or not path.is_file():
        raise QrReadError(f"{path}: no such file.")
    if size > MAX_FILE_BYTES:
        raise QrReadError(
            f"{path}: the file is {size / 1024 / 1024:.0f} MB; netdesk reads pictures of up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Crop the picture to the code."
        )
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)  # a PNG saved as .jpg still opens
    # For headers that give no size, Qt's own allocation limit (256 MB, process-wide and left
    # alone here) refuses the picture as it decodes: MAX_PIXELS at 4 bytes a pixel is below it.
    declared = reader.size()
    if declared.isValid() and declared.width() * declared.height() > MAX_PIXELS:
        raise QrReadError(
            f"{path}: the picture is {declared.width():,} x {declared.height():,} pixels; "
            f"netdesk reads pictures of up to {MAX_PIXELS // 1_000_000} megapixels. "
            "Crop the picture to the code or make it smaller."
        )
    image = reader.read()
    if image.isNull():
        raise QrReadError(
            f"{path}: not a picture netdesk can open (PNG, JPEG, GIF, BMP, ...): "
            f"{reader.errorString()}."
        )
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
        from netdesk.formats.vcard.read import read_vcards

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


def _split_escaped(text: str, separator: str) -> list[str]:
    """Splits at separators not escaped with a backslash; escapes stay for the next split."""
    parts: list[str] = []
    start = 0
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL).strip()


def _mecard_fields(body: str) -> list[tuple[str, str]]:
    """(KEY, raw value) pairs, escapes still in the values (N and ADR split them at commas)."""
    fields = []
    for item in _split_escaped(body, ";"):
        key, sep, value = item.partition(":")
        if sep:
            fields.append((key.strip().upper(), value))
    return fields


def mecard_record(text: str) -> ContactRecord:
    """A contact from DoCoMo's MECARD ("MECARD:N:Doe,Jane;TEL:...;;")."""
    body = text.strip()[len("MECARD:") :]
    record = ContactRecord(source="qr")
    for key, raw in _mecard_fields(body):
        value = _unescaped(raw)
        if not value:
            continue
        if key == "N" and not record.formatted_name:
            parts = [_unescaped(p) for p in _split_escaped(raw, ",")]
            if len(parts) >= 2:
                record.family_name, record.given_name = parts[0], parts[1]
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
            parts = [_unescaped(p) for p in _split_escaped(raw, ",")]
            if len(parts) == len(ADDRESS_PARTS):
                po_box, extended, street, locality, region, postal_code, country = parts
                record.addresses.append(
                    PostalAddress(po_box, extended, street, locality, region, postal_code, country)
                )
            else:
                record.addresses.append(PostalAddress(street=value))
    if not record.formatted_name:
        raise QrReadError("the code holds a MECARD without a name.")
    return record
