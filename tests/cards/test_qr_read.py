"""Adding contacts from a picture of a QR code: a screenshot, two badges side by side, a
phone photo of a badge (scaled, turned, on a grey noisy background), and pictures that hold no
contact, which fail with a message that says why."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from netdesk.cards.payload import PayloadFormat, card_payload
from netdesk.cards.qr import qr_code
from netdesk.cards.qr_image import paint_code, save_png, scaled_image
from netdesk.cards.qr_read import QrReadError, contacts_from_image, decode_texts, load_image
from netdesk.cards.share import BADGE_DEFAULT_FIELDS, CARD_DEFAULT_FIELDS, shared_record
from netdesk.formats.records import ContactRecord, Typed

ZOE = ContactRecord(
    given_name="Zoë",
    family_name="Müller",
    organization="Société Générale",
    title="Head of research",
    emails=[Typed("zoe@sg.example")],
)
WEI = ContactRecord(given_name="伟", family_name="张", organization="北京大学")


def payload(record: ContactRecord, fmt: PayloadFormat = PayloadFormat.VCARD) -> str:
    return card_payload(shared_record(record, CARD_DEFAULT_FIELDS), fmt)


def picture(*texts: str, side: int = 300, gap: int = 40) -> QImage:
    """The codes side by side on white, as in a screenshot."""
    image = QImage(len(texts) * (side + gap) + gap, side + 2 * gap, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for index, text in enumerate(texts):
        paint_code(painter, QRectF(gap + index * (side + gap), gap, side, side), qr_code(text))
    painter.end()
    return image


def test_a_picture_of_a_card_gives_its_contact() -> None:
    found = contacts_from_image(picture(payload(ZOE)), "screenshot.png")
    assert found.problems == []
    (record,) = found.records
    assert (record.given_name, record.family_name) == ("Zoë", "Müller")
    assert record.organization == "Société Générale"
    assert [e.value for e in record.emails] == ["zoe@sg.example"]
    assert record.source == "qr"


def test_a_mecard_picture_gives_its_contact() -> None:
    (record,) = contacts_from_image(picture(payload(WEI, PayloadFormat.MECARD)), "x").records
    assert (record.given_name, record.family_name, record.organization) == ("伟", "张", "北京大学")


def test_two_codes_in_one_picture_give_two_contacts() -> None:
    found = contacts_from_image(picture(payload(ZOE), payload(WEI)), "two.png")
    assert sorted(r.family_name for r in found.records) == ["Müller", "张"]
    assert found.problems == []


def test_a_card_and_a_web_address_give_the_card_and_a_problem_for_the_other() -> None:
    found = contacts_from_image(picture(payload(ZOE), "https://pycon.example/"), "two.png")
    assert [r.family_name for r in found.records] == ["Müller"]
    (problem,) = found.problems
    assert problem.file.startswith("two.png (code ")
    assert "web address" in problem.reason and "https://pycon.example/" in problem.reason


def test_a_web_address_alone_is_a_clear_error() -> None:
    with pytest.raises(QrReadError) as error:
        contacts_from_image(picture("https://pycon.example/schedule"), "poster.jpg")
    assert str(error.value) == (
        "poster.jpg: the code holds a web address, not a contact: https://pycon.example/schedule"
    )


def test_plain_text_alone_is_a_clear_error() -> None:
    with pytest.raises(QrReadError, match=r"^note.png: the code holds text, not a contact card"):
        contacts_from_image(picture("WIFI:T:WPA;S:venue;P:secret;;"), "note.png")


def test_a_picture_without_a_code_is_a_clear_error() -> None:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("skyblue"))
    painter = QPainter(image)
    painter.fillRect(50, 50, 120, 80, QColor("black"))
    painter.end()
    with pytest.raises(QrReadError, match=r"^holiday.jpg: no QR code found\. Try a sharper"):
        contacts_from_image(image, "holiday.jpg")
    assert decode_texts(QImage()) == []


def photo_of(code_image: QImage, seed: int = 4) -> QImage:
    """A phone photo of a printed badge: the code scaled by an odd factor, turned a quarter,
    on a grey background, with sensor noise over everything."""
    turned = code_image.transformed(QTransform().rotate(90))
    side = int(turned.width() * 2.7)
    scaled = turned.scaled(side, side)  # smooth scaling, as a camera blurs module edges
    photo = QImage(side + 380, side + 260, QImage.Format.Format_RGB32)
    photo.fill(QColor(128, 128, 128))
    painter = QPainter(photo)
    painter.drawImage(210, 110, scaled)
    painter.end()
    rng = random.Random(seed)
    for _ in range(photo.width() * photo.height() // 6):
        x, y = rng.randrange(photo.width()), rng.randrange(photo.height())
        grey = max(0, min(255, photo.pixelColor(x, y).red() + rng.randint(-60, 60)))
        photo.setPixelColor(x, y, QColor(grey, grey, grey))
    return photo


def test_a_photo_like_picture_of_a_badge_code_is_read() -> None:
    text = card_payload(shared_record(ZOE, BADGE_DEFAULT_FIELDS))
    photo = photo_of(scaled_image(qr_code(text), 3))
    (record,) = contacts_from_image(photo, "IMG_1234.jpg").records
    assert (record.given_name, record.family_name, record.title) == (
        "Zoë",
        "Müller",
        "Head of research",
    )


def test_load_image_reads_a_png_and_explains_what_it_cannot_open(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    save_png(qr_code(payload(ZOE)), path)
    assert contacts_from_image(load_image(path), str(path)).records[0].family_name == "Müller"
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    with pytest.raises(QrReadError, match="not a picture netdesk can open"):
        load_image(not_a_picture)
    with pytest.raises(QrReadError, match="no such file"):
        load_image(tmp_path / "missing.png")


def test_a_code_on_a_transparent_background_is_read() -> None:
    # As saved from many web pages: dark modules on fully transparent pixels.
    code = qr_code(payload(ZOE))
    image = QImage(300, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    for y, row in enumerate(code.rows):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(6):
                    for dx in range(6):
                        image.setPixelColor(30 + x * 6 + dx, 30 + y * 6 + dy, QColor("black"))
    (record,) = contacts_from_image(image, "downloaded.png").records
    assert record.family_name == "Müller"
