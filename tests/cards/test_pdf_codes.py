"""QR codes in the PDFs netdesk writes (badge sheets, the printed QR card) are vector shapes, never
JPEG pictures with grey specks around the modules: read by a real PDF renderer (PDFium), each
code is black and white only and reads back at its printed size; a photo logo may stay JPEG."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage, QPageLayout, QPdfWriter

from netdesk.cards.badge import Badge
from netdesk.cards.badge_paint import badge_layout
from netdesk.cards.badge_sheet import SheetOptions, placements, write_pdf
from netdesk.cards.payload import card_payload
from netdesk.cards.qr import qr_code
from netdesk.cards.qr_read import decode_texts
from netdesk.cards.templates import BUILTIN_TEMPLATES, LabelTemplate
from netdesk.formats.records import ContactRecord, Typed
from netdesk.ui.cards.printing import TOP_MM, print_card, printed_mm

pytestmark = pytest.mark.usefixtures("qapp")

DPI = 300  # what an office printer prints at; the codes are read at their printed size
WHITE, BLACK = 255, 0


def make_badges(count: int) -> list[Badge]:
    badges = []
    for n in range(count):
        record = ContactRecord(
            formatted_name=f"Person {n} Lindqvist",
            given_name=f"Person {n}",
            organization="Nordlicht Energie GmbH",
            title="Head of Research" * (n % 3),  # codes of several sizes
            emails=[Typed(f"person{n}@example.org")],
        )
        badges.append(
            Badge(n + 1, n + 1, f"Person {n}", record.formatted_name, record.organization,
                  record.title, ("speaker", "attendee", "staff")[n % 3], card_payload(record))
        )  # fmt: skip
    return badges


def photo_logo() -> QImage:
    """A small photograph-like logo: smooth colour gradients, stored as JPEG like any photo."""
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    for y in range(60):
        for x in range(120):
            image.setPixelColor(x, y, QColor(2 * x, 4 * y, (x * y) % 256))
    return image


def template(template_id: str) -> LabelTemplate:
    return next(t for t in BUILTIN_TEMPLATES if t.id == template_id)


def pictures(pdf: pdfium.PdfDocument) -> list[tuple[tuple[int, int], list[str]]]:
    """(pixel size, filters) of every picture drawn on any page."""
    found = []
    for page in pdf:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            assert isinstance(obj, pdfium.PdfImage)
            found.append((obj.get_px_size(), obj.get_filters()))
    return found


def render(page: pdfium.PdfPage, smooth: bool) -> pdfium.PdfBitmap:
    """The page in grey levels at DPI: smoothed as a viewer shows it, or not at all (each
    pixel then has exactly the colour the PDF gives the point at its centre)."""
    return page.render(
        scale=DPI / 72,
        grayscale=True,
        no_smoothpath=not smooth,
        no_smoothimage=not smooth,
        no_smoothtext=not smooth,
    )


def as_image(bitmap: pdfium.PdfBitmap) -> QImage:
    assert bitmap.n_channels == 1
    data = bytes(bitmap.buffer)
    grey = QImage.Format.Format_Grayscale8
    image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, grey)
    return image.copy()  # owns its pixels once `data` is gone


def grey_levels(bitmap: pdfium.PdfBitmap, box_mm: tuple[float, float, float, float]) -> set[int]:
    """The grey levels inside a box of the page (left, top, width, height in mm), less the
    outermost pixel all round, which the box's edge may cut."""
    per_mm = DPI / 25.4
    left, top, width, height = box_mm
    x0, x1 = round(left * per_mm) + 1, round((left + width) * per_mm) - 1
    y0, y1 = round(top * per_mm) + 1, round((top + height) * per_mm) - 1
    data = bytes(bitmap.buffer)
    levels: set[int] = set()
    for y in range(y0, y1):
        levels.update(data[y * bitmap.stride + x0 : y * bitmap.stride + x1])
    return levels


@pytest.mark.parametrize("template_id", ["avery-5395", "a6-4up"])
def test_badge_codes_are_vector_shapes_that_read_back_from_the_pdf(
    tmp_path: Path, template_id: str
) -> None:
    t = template(template_id)
    badges = make_badges(t.per_page + 2)
    logo = photo_logo()
    out = tmp_path / "badges.pdf"
    pages = write_pdf(out, t, badges, SheetOptions(event_name="NetConf", logo=logo))
    assert pages == 2

    pdf = pdfium.PdfDocument(out)
    try:
        # The only picture is the logo (one copy for every badge): a photo may be JPEG.
        found = pictures(pdf)
        assert found, "the logo is missing"
        assert {size for size, _filters in found} == {(logo.width(), logo.height())}, found

        where = placements(t, len(badges))
        for number, page in enumerate(pdf):
            on_page = [(i, b) for (p, i), b in zip(where, badges, strict=True) if p == number]
            # As a viewer shows it: every code on the page reads back at its printed size.
            shown = render(page, smooth=True)
            assert sorted(decode_texts(as_image(shown))) == sorted(b.payload for _i, b in on_page)
            # Unsmoothed, each code's square holds pure black and white, no grey specks.
            sharp = render(page, smooth=False)
            for index, badge in on_page:
                x, y, w, h = t.label_rect_mm(index)
                qx, qy, side, _ = badge_layout(w, h).qr
                levels = grey_levels(sharp, (x + qx, y + qy, side, side))
                assert levels == {WHITE, BLACK}, (badge.full_name, sorted(levels))
    finally:
        pdf.close()


def test_the_printed_qr_card_is_a_vector_code_that_reads_back(tmp_path: Path) -> None:
    payload = card_payload(
        ContactRecord(
            formatted_name="Ada Lovelace",
            organization="Analytical Engines",
            emails=[Typed("ada@example.org")],
            phones=[Typed("+44 20 7946 0958")],
        )
    )
    # Print… goes to a QPrinter; its PDF output is a QPdfWriter like this one.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    code = qr_code(payload)
    assert print_card(writer, code, "Ada Lovelace")
    paper = writer.pageLayout().paintRect(QPageLayout.Unit.Millimeter)
    del writer  # finishes the document
    out = tmp_path / "card.pdf"
    out.write_bytes(buffer.data().data())

    pdf = pdfium.PdfDocument(out)
    try:
        assert pictures(pdf) == []
        (page,) = pdf
        shown = render(page, smooth=True)
        assert decode_texts(as_image(shown)) == [payload]
        # The code: centred at the top of the printable part of the page.
        sharp = render(page, smooth=False)
        side = printed_mm(code)
        left = paper.x() + (paper.width() - side) / 2
        levels = grey_levels(sharp, (left, paper.y() + TOP_MM, side, side))
        assert BLACK in levels and levels <= {WHITE, BLACK}, sorted(levels)
        # The name under it is black text too: the whole page has no grey at all.
        assert set(bytes(sharp.buffer)) <= {WHITE, BLACK}
    finally:
        pdf.close()
