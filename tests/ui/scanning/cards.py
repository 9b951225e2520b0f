"""Business cards for the scanning tests: a card's picture painted here (OCR reads it), and
ScannedCard objects built by hand around such a picture, so that most dialog tests need no OCR."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter

from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.scan.reader import ScannedCard
from netdesk.scan.text_lines import TextLine

ANA_LINES = (
    ("Ana Lima", 64, True),
    ("Head of Sales", 36, False),
    ("Example GmbH", 40, True),
    ("ana.lima@example.org", 32, False),
    ("Mobile +49 170 1234567", 32, False),
    ("Always at your service", 28, False),
)


def card_image(lines: tuple[tuple[str, int, bool], ...] = ANA_LINES) -> QImage:
    """A plain white 1050 x 600 card with dark text, one line a row."""
    image = QImage(1050, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("#202020"))
    top = 50
    for text, size, bold in lines:
        font = QFont("DejaVu Sans")
        font.setPixelSize(size)
        font.setBold(bold)
        painter.setFont(font)
        painter.drawText(QRect(70, top, 950, size + 20), Qt.AlignmentFlag.AlignLeft, text)
        top += size + 34
    painter.end()
    return image


def jpeg_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(85)
    assert writer.write(image), writer.errorString()
    return bytes(buffer.data().data())


def ana_fields(**changes: object) -> CardFields:
    fields = CardFields(
        name="Ana Lima",
        given="Ana",
        family="Lima",
        title="Head of Sales",
        organization="Example GmbH",
        emails=["ana.lima@example.org"],
        phones=[CardPhone("+49 170 1234567", "mobile")],
        unplaced=["Always at your service"],
    )
    for key, value in changes.items():
        setattr(fields, key, value)
    return fields


def scanned(
    fields: CardFields | None = None, source: str = "IMG_2041.jpg", index: int = 0
) -> ScannedCard:
    """A card as the reader returns it, its fields given rather than read."""
    image = card_image()
    lines = [
        TextLine(text, 70, 50 + 80 * row, 600, size, 0.97)
        for row, (text, size, _bold) in enumerate(ANA_LINES)
    ]
    return ScannedCard(
        source,
        index,
        jpeg_bytes(image),
        image.width(),
        image.height(),
        lines,
        fields if fields is not None else ana_fields(),
    )


def rendered(file: str, index: int = 0) -> ScannedCard:
    """A card of the rendered test set (tests/data/scan_cards) as the reader would return it,
    without OCR: cut out of its photo at its known corners, its fields its truth."""
    import io

    import numpy as np
    from PIL import Image

    from netdesk.scan.outline import Quad, squared
    from tests.scan.rendered import photo

    found = photo(file)
    card = found.cards[index]
    with Image.open(found.path) as picture:
        rgb = np.asarray(picture.convert("RGB"))
    upright = squared(rgb, Quad(tuple(card.corners)))
    out = io.BytesIO()
    Image.fromarray(upright).save(out, "JPEG", quality=85)
    height, width = upright.shape[:2]
    return ScannedCard(file, index, out.getvalue(), width, height, [], card.fields())
