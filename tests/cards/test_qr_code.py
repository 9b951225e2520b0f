"""QR codes: error correction by length, density warnings, and PNG/SVG files that a real
decoder (zxing-cpp) reads back to exactly the payload."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from netdesk.cards.payload import PayloadFormat, card_payload
from netdesk.cards.qr import (
    MAX_EASY_MODULES,
    MIN_MODULE_MM,
    QUIET_ZONE,
    PayloadTooLong,
    density_warning,
    error_correction_for,
    qr_code,
)
from netdesk.cards.qr_image import (
    module_image,
    module_rects,
    paint_code,
    save_png,
    save_svg,
    svg_text,
)
from netdesk.cards.qr_read import decode_texts
from netdesk.cards.share import CARD_DEFAULT_FIELDS, shared_record
from netdesk.formats.records import ContactRecord, PostalAddress, Typed

CARD = ContactRecord(
    given_name="Zoë",
    family_name="Müller",
    organization="Société Générale; 北京",
    title="Head of research",
    emails=[Typed("zoe@sg.example", "work")],
    phones=[Typed("+33 1 23 45 67 89", "cell")],
    urls=[Typed("https://zoe.example/")],
    addresses=[PostalAddress(street="12 rue de la Paix", locality="Paris", country="France")],
)
PAYLOAD = card_payload(shared_record(CARD, CARD_DEFAULT_FIELDS), PayloadFormat.VCARD)


def test_error_correction_follows_the_length_in_bytes() -> None:
    assert error_correction_for("x" * 32) == "H"
    assert error_correction_for("x" * 33) == "M"
    assert error_correction_for("é" * 16) == "H"  # 32 bytes in UTF-8
    assert error_correction_for("é" * 17) == "M"  # 34 bytes
    assert error_correction_for("x" * 128) == "M"
    assert error_correction_for("x" * 129) == "L"
    assert qr_code("x" * 32).error_correction == "H"
    assert qr_code("x" * 100).error_correction == "M"
    assert qr_code(PAYLOAD).error_correction == "L"


def test_the_code_is_square_without_quiet_zone_and_cached_per_payload() -> None:
    code = qr_code(PAYLOAD)
    assert code.size == 17 + 4 * code.version
    assert all(len(row) == code.size and set(row) <= {0, 1} for row in code.rows)
    assert qr_code(PAYLOAD) is code
    assert code.min_print_mm() == pytest.approx((code.size + 2 * QUIET_ZONE) * MIN_MODULE_MM)


def test_no_density_warning_for_a_small_card_on_screen_or_printed_large_enough() -> None:
    code = qr_code(PAYLOAD)
    assert density_warning(code) == ""
    assert density_warning(code, printed_mm=code.min_print_mm()) == ""
    assert density_warning(code, printed_mm=50) == ""


def test_density_warning_for_a_printed_code_too_small_for_its_modules() -> None:
    code = qr_code(PAYLOAD)
    warning = density_warning(code, printed_mm=code.min_print_mm() - 2)
    assert warning.startswith("This code is dense for its size")
    assert "Share fewer fields or use MECARD" in warning
    # The short MECARD of the same person fits where the vCard does not.
    short = qr_code(card_payload(shared_record(CARD, ("name",)), PayloadFormat.MECARD))
    assert density_warning(short, printed_mm=code.min_print_mm() - 2) == ""


def test_density_warning_on_screen_for_a_code_with_too_many_modules() -> None:
    dense = qr_code("BEGIN:VCARD\r\n" + "NOTE:" + "lorem ipsum dolor " * 40)
    assert dense.size > MAX_EASY_MODULES
    warning = density_warning(dense)
    assert f"{dense.size} x {dense.size} modules" in warning and "hard to scan" in warning


def test_a_payload_beyond_the_largest_code_raises_payload_too_long() -> None:
    qr_code("y" * 2953)  # version 40 at level L holds 2,953 bytes
    with pytest.raises(PayloadTooLong, match="share fewer fields"):
        qr_code("y" * 2954)
    with pytest.raises(PayloadTooLong, match="20,000 bytes"):
        qr_code("é" * 10_000)


def test_module_image_has_one_pixel_per_module_and_the_quiet_zone() -> None:
    code = qr_code(PAYLOAD)
    image = module_image(code)
    assert image.width() == image.height() == code.size + 2 * QUIET_ZONE
    assert image.pixelColor(0, 0).lightness() == 255
    # The finder pattern's corner module is dark.
    assert image.pixelColor(QUIET_ZONE, QUIET_ZONE).lightness() == 0
    assert decode_texts(image.scaled(image.width() * 4, image.height() * 4)) == [PAYLOAD]


def test_png_reads_back_to_exactly_the_payload(tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    save_png(qr_code(PAYLOAD), path)
    image = QImage(str(path))
    assert not image.isNull()
    assert decode_texts(image) == [PAYLOAD]


def test_png_in_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="could not write the PNG"):
        save_png(qr_code(PAYLOAD), tmp_path / "nope" / "card.png")


def render_svg(data: bytes, side: int = 600) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid()
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(0xFFFF0000)  # red, to see that the SVG paints its own white background
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def test_svg_rendered_by_qtsvg_reads_back_to_exactly_the_payload(tmp_path: Path) -> None:
    path = tmp_path / "card.svg"
    code = qr_code(PAYLOAD)
    save_svg(code, path)
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    side = code.size + 2 * QUIET_ZONE
    assert f'width="{side}mm"'.encode() in data and f'viewBox="0 0 {side} {side}"'.encode() in data
    image = render_svg(data)
    assert image.pixelColor(1, 1).name() == "#ffffff"
    assert decode_texts(image) == [PAYLOAD]


def test_svg_of_a_mecard_with_accents_reads_back() -> None:
    payload = card_payload(CARD, PayloadFormat.MECARD)
    image = render_svg(svg_text(qr_code(payload), module_mm=0.5).encode("utf-8"))
    assert decode_texts(image) == [payload]


@pytest.mark.parametrize("text", ["a", PAYLOAD, "x" * 400])
def test_module_rects_cover_exactly_the_dark_modules_once(text: str) -> None:
    """Painted codes are these rectangles (vector shapes in a PDF): each dark module in exactly
    one of them, no light module in any, the quiet zone around them."""
    code = qr_code(text)
    covered: list[tuple[int, int]] = []
    for rect in module_rects(code):
        x, y, w, h = (round(v) for v in (rect.x(), rect.y(), rect.width(), rect.height()))
        assert (x, y, w, h) == (rect.x(), rect.y(), rect.width(), rect.height())  # whole modules
        covered += [(cx, cy) for cy in range(y, y + h) for cx in range(x, x + w)]
    dark = [
        (x + QUIET_ZONE, y + QUIET_ZONE)
        for y, row in enumerate(code.rows)
        for x, is_dark in enumerate(row)
        if is_dark
    ]
    assert sorted(covered) == sorted(dark)
    # Runs repeated on the rows below are one rectangle: fewer shapes than runs.
    runs = sum(1 for row in code.rows for x, d in enumerate(row) if d and not (x and row[x - 1]))
    assert len(module_rects(code)) < runs


def test_paint_code_fills_the_rect_sharply_and_reads_back() -> None:
    code = qr_code(PAYLOAD)
    image = QImage(700, 700, QImage.Format.Format_RGB32)
    image.fill(0xFF808080)
    painter = QPainter(image)
    paint_code(painter, QRectF(50, 50, 600, 600), code)
    painter.end()
    assert decode_texts(image) == [PAYLOAD]
    # No smoothing: only black and white inside the code.
    colours = {image.pixelColor(x, 350).name() for x in range(50, 650)}
    assert colours <= {"#000000", "#ffffff"}
