"""Badge sheets: each badge on its label, QR codes that read back at 300 dpi, page sizes and
label positions within 0.5 mm, start at label N, printer offsets, cut guides, the alignment
page, and PDFs written whole or not at all."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from netdesk.cards.badge import Badge
from netdesk.cards.badge_paint import badge_layout
from netdesk.cards.badge_sheet import (
    SheetOptions,
    alignment_image,
    alignment_pdf,
    page_count,
    page_image,
    paint_sheets,
    placements,
    write_pdf,
)
from netdesk.cards.payload import card_payload
from netdesk.cards.qr import QUIET_ZONE, qr_code
from netdesk.cards.qr_read import decode_texts, read_codes
from netdesk.cards.templates import BUILTIN_TEMPLATES, LabelTemplate
from netdesk.formats.records import ContactRecord, Typed

pytestmark = pytest.mark.usefixtures("qapp")

DPI = 300
MM = DPI / 25.4  # pixels a millimetre
TOLERANCE_MM = 0.5
PEOPLE = [
    ("Anna", "Anna Schröder", "Nordlicht Energie GmbH", "Head of Research", "speaker"),
    ("Bob", "Bob Lee", "Acme", "CTO", "attendee"),
    ("美咲", "山田 美咲", "株式会社サンプル", "エンジニア", "staff"),
    ("José", "José Ñúñez-García", "Universidad Politécnica", "Profesor", "organiser"),
    ("Li", "Li Wei", "", "", "exhibitor"),
    ("Ólafur", "Ólafur Arnalds", "Reykjavík Creative Labs", "Producer", "sponsor"),
    ("Priya", "Priya Raghunathan", "Tata Consultancy Services", "Principal Architect", ""),
    (
        "Maximiliane-Josephine",
        "Maximiliane-Josephine von Hohenzollern-Sigmaringen",
        "Internationale Gesellschaft für Zusammenarbeit und Entwicklung",
        "Senior Vice President, Strategic Partnerships",
        "speaker",
    ),
]


def make_badges(count: int) -> list[Badge]:
    badges = []
    for n in range(count):
        first, full, org, title, role = PEOPLE[n % len(PEOPLE)]
        record = ContactRecord(formatted_name=full, given_name=first, organization=org, title=title)
        if n >= len(PEOPLE):  # every payload different
            record.emails = [Typed(f"person{n}@example.org")]
        badges.append(Badge(n + 1, n + 1, first, full, org, title, role, card_payload(record)))
    return badges


def template(template_id: str) -> LabelTemplate:
    return next(t for t in BUILTIN_TEMPLATES if t.id == template_id)


def found_codes(image: QImage) -> list[tuple[str, float, float]]:
    """(text, left, top) in mm of every QR code zxing finds on the page."""
    results = read_codes(image)
    return [(r.text, r.position.top_left.x / MM, r.position.top_left.y / MM) for r in results]


def expected_code_corner(t: LabelTemplate, index: int, badge: Badge) -> tuple[float, float]:
    """Where a badge's code (its dark modules, without the quiet zone) starts on the page, mm."""
    x, y, w, h = t.label_rect_mm(index)
    qx, qy, side, _ = badge_layout(w, h).qr
    module = side / (qr_code(badge.payload).size + 2 * QUIET_ZONE)
    return x + qx + QUIET_ZONE * module, y + qy + QUIET_ZONE * module


def test_page_count_and_placements_start_at_label_n() -> None:
    t = template("avery-5395")  # 8 a sheet
    assert page_count(t, 0) == 0
    assert page_count(t, 8) == 1
    assert page_count(t, 9) == 2
    assert page_count(t, 8, start_at=2) == 2
    assert page_count(t, 2, start_at=7) == 1
    assert page_count(t, 3, start_at=7) == 2
    assert placements(t, 4, start_at=6) == [(0, 5), (0, 6), (0, 7), (1, 0)]
    assert placements(t, 2) == [(0, 0), (0, 1)]
    for bad in (0, 9, -1):
        with pytest.raises(ValueError, match="1 to 8"):
            page_count(t, 3, start_at=bad)


@pytest.mark.parametrize("t", BUILTIN_TEMPLATES, ids=lambda t: t.id)
def test_every_code_reads_back_where_the_template_puts_its_label(t: LabelTemplate) -> None:
    badges = make_badges(t.per_page)
    image = page_image(t, badges, SheetOptions(event_name="NetConf 2025"), dpi=DPI)
    # The page is the template's paper size.
    assert image.width() / MM == pytest.approx(t.page_width_mm, abs=TOLERANCE_MM)
    assert image.height() / MM == pytest.approx(t.page_height_mm, abs=TOLERANCE_MM)
    # Every code is there and holds its attendee's card.
    assert sorted(decode_texts(image)) == sorted(b.payload for b in badges)
    # Each code sits in its own label, where the layout puts it.
    where = {text: (x, y) for text, x, y in found_codes(image)}
    for index, badge in enumerate(badges):
        want_x, want_y = expected_code_corner(t, index, badge)
        got_x, got_y = where[badge.payload]
        assert got_x == pytest.approx(want_x, abs=TOLERANCE_MM), (index, badge.first_name)
        assert got_y == pytest.approx(want_y, abs=TOLERANCE_MM), (index, badge.first_name)


def test_a_second_page_holds_the_rest() -> None:
    t = template("avery-l4785")
    badges = make_badges(13)
    second = page_image(t, badges, SheetOptions(), page=1, dpi=DPI)
    assert sorted(decode_texts(second)) == sorted(b.payload for b in badges[10:])
    assert decode_texts(page_image(t, badges, SheetOptions(), page=2, dpi=150)) == []


def _label_is_blank(image: QImage, t: LabelTemplate, index: int) -> bool:
    x, y, w, h = (v * MM for v in t.label_rect_mm(index))
    step = 4
    for py in range(int(y) + 2, int(y + h) - 2, step):
        for px in range(int(x) + 2, int(x + w) - 2, step):
            if image.pixelColor(px, py) != QColor("white"):
                return False
    return True


def test_start_at_skips_the_used_labels() -> None:
    t = template("avery-5395")
    badges = make_badges(3)
    image = page_image(t, badges, SheetOptions(start_at=4), dpi=DPI)
    for index in range(3):
        assert _label_is_blank(image, t, index)
    for index in range(3, 6):
        assert not _label_is_blank(image, t, index)
    assert _label_is_blank(image, t, 6)
    where = {text: (x, y) for text, x, y in found_codes(image)}
    for n, badge in enumerate(badges):
        want_x, want_y = expected_code_corner(t, 3 + n, badge)
        assert where[badge.payload] == (
            pytest.approx(want_x, abs=TOLERANCE_MM),
            pytest.approx(want_y, abs=TOLERANCE_MM),
        )


def test_offsets_move_everything_by_that_many_millimetres() -> None:
    t = template("avery-5392")
    badges = make_badges(2)
    plain = dict(
        (text, (x, y)) for text, x, y in found_codes(page_image(t, badges, SheetOptions()))
    )
    moved_image = page_image(t, badges, SheetOptions(offset_x_mm=2.5, offset_y_mm=-1.5))
    moved = dict((text, (x, y)) for text, x, y in found_codes(moved_image))
    assert set(moved) == {b.payload for b in badges}
    for payload, (x, y) in plain.items():
        assert moved[payload][0] - x == pytest.approx(2.5, abs=0.2)
        assert moved[payload][1] - y == pytest.approx(-1.5, abs=0.2)


def _grey(colour: QColor) -> bool:
    return colour != QColor("white") and abs(colour.red() - colour.blue()) < 40


def test_cut_guides_run_along_label_edges_outside_the_labels() -> None:
    t = template("avery-l4785")  # left 18 mm, top 13 mm, gaps of 15 and 5 mm
    badges = make_badges(1)
    with_guides = page_image(t, badges, SheetOptions(cut_guides=True), dpi=DPI)
    without = page_image(t, badges, SheetOptions(), dpi=DPI)

    def darkest_near(image: QImage, x_mm: float, y_mm: float) -> int:
        """The darkest pixel within 0.3 mm of the point on a short horizontal or vertical run:
        dashes leave gaps, so sample 4 mm along the line."""
        lightness = 255
        for along in range(0, int(4 * MM)):
            for across in range(-int(0.3 * MM), int(0.3 * MM) + 1):
                for px, py in (
                    (x_mm * MM + across, y_mm * MM + along),
                    (x_mm * MM + along, y_mm * MM + across),
                ):
                    lightness = min(lightness, image.pixelColor(int(px), int(py)).lightness())
        return lightness

    # In the top margin, above the first label's left edge, and in the gap between columns.
    for x_mm, y_mm in ((18, 2), (98, 2), (113, 2), (98, 100), (18, 290)):
        assert darkest_near(with_guides, x_mm, y_mm) < 200, (x_mm, y_mm)
        assert darkest_near(without, x_mm, y_mm) == 255, (x_mm, y_mm)
    # Nothing inside an empty label.
    assert _label_is_blank(with_guides, t, 5)


def test_alignment_page_outlines_each_label_where_the_template_says() -> None:
    t = template("avery-5395")
    options = SheetOptions(offset_x_mm=1.0, offset_y_mm=2.0)
    image = alignment_image(t, options, dpi=DPI)
    for index in range(t.per_page):
        x, y, w, h = t.label_rect_mm(index)
        x += 1.0
        y += 2.0
        mid_y, mid_x = y + h / 2, x + w / 2
        for edge_x, edge_y, out_x, out_y in (
            (x + 0.1, mid_y + 7, x - 0.5, mid_y + 7),  # left edge (below the centre cross)
            (x + w - 0.1, mid_y + 7, x + w + 0.5, mid_y + 7),  # right edge
            (mid_x + 7, y + 0.1, mid_x + 7, y - 0.5),  # top edge
            (mid_x + 7, y + h - 0.1, mid_x + 7, y + h + 0.5),  # bottom edge
        ):
            inside = image.pixelColor(int(edge_x * MM), int(edge_y * MM))
            outside = image.pixelColor(int(out_x * MM), int(out_y * MM))
            assert inside.lightness() < 100, (index, edge_x, edge_y)
            assert outside == QColor("white"), (index, out_x, out_y)
        # The centre cross.
        assert image.pixelColor(int(mid_x * MM), int(mid_y * MM)).lightness() < 100


def _pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's MediaBox width and height in mm."""
    boxes = re.findall(rb"/Type\s*/Page\b.*?/MediaBox\s*\[\s*([\d.\s-]+)\]", data, re.S)
    sizes = []
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        sizes.append(((x1 - x0) / 72 * 25.4, (y1 - y0) / 72 * 25.4))
    return sizes


@pytest.mark.parametrize("template_id", ["avery-5395", "a6-4up"])
def test_write_pdf_has_the_template_page_size_and_page_count(
    tmp_path: Path, template_id: str
) -> None:
    t = template(template_id)
    badges = make_badges(t.per_page + 1)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "badges.pdf"
    pages = write_pdf(
        out, t, badges, SheetOptions(event_name="NetConf"), lambda d, n: calls.append((d, n))
    )
    assert pages == 2
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    sizes = _pdf_pages(data)
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(t.page_width_mm, abs=TOLERANCE_MM)
        assert height == pytest.approx(t.page_height_mm, abs=TOLERANCE_MM)
    assert b"NetConf name badges" in data or "NetConf name badges".encode("utf-16-be") in data
    # Nothing is smoothed when printed (codes are vector shapes: tests/cards/test_pdf_codes.py).
    assert b"/Interpolate true" not in data
    assert calls[-1] == (len(badges), len(badges))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["badges.pdf"]


def test_pdf_of_a_hundred_badges_stays_small(tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    pages = write_pdf(out, template("avery-5395"), make_badges(100), SheetOptions(event_name="X"))
    assert pages == 13
    # The issue allows 15 MB for 1,000 badges.
    assert out.stat().st_size < 1.5 * 2**20


def test_write_pdf_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    out.write_bytes(b"the old file")

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_pdf(out, template("avery-5395"), make_badges(12), SheetOptions(), cancel)
    assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["badges.pdf"]

    with pytest.raises(ValueError, match="No badges"):
        write_pdf(tmp_path / "none.pdf", template("avery-5395"), [], SheetOptions())
    with pytest.raises(ValueError, match="1 to 8"):
        write_pdf(
            tmp_path / "bad.pdf", template("avery-5395"), make_badges(1), SheetOptions(start_at=9)
        )
    with pytest.raises(OSError, match="could not write"):
        write_pdf(
            tmp_path / "missing" / "b.pdf", template("avery-5395"), make_badges(1), SheetOptions()
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["badges.pdf"]


def test_alignment_pdf_is_one_page_of_the_template_size(tmp_path: Path) -> None:
    t = template("avery-l4785")
    out = tmp_path / "align.pdf"
    assert alignment_pdf(out, t, SheetOptions()) == 1
    sizes = _pdf_pages(out.read_bytes())
    assert sizes == [(pytest.approx(210, abs=0.5), pytest.approx(297, abs=0.5))]


def test_a_printer_gets_the_same_pages(tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    t = template("avery-5392")
    assert paint_sheets(printer, t, make_badges(7), SheetOptions()) == 2
    sizes = _pdf_pages(out.read_bytes())
    assert len(sizes) == 2
    assert sizes[0] == (pytest.approx(215.9, abs=0.5), pytest.approx(279.4, abs=0.5))


def test_custom_landscape_page_keeps_its_orientation(tmp_path: Path) -> None:
    wide = LabelTemplate("wide", "Wide", 297, 210, 3, 2, 6, 10, 95, 100, 90, 90, builtin=False)
    assert wide.problems() == {}
    out = tmp_path / "wide.pdf"
    badges = make_badges(6)
    assert write_pdf(out, wide, badges, SheetOptions()) == 1
    assert _pdf_pages(out.read_bytes()) == [
        (pytest.approx(297, abs=0.5), pytest.approx(210, abs=0.5))
    ]
    image = page_image(wide, badges, SheetOptions(), dpi=DPI)
    assert (image.width(), image.height()) == (round(297 * MM), round(210 * MM))
    assert sorted(decode_texts(image)) == sorted(b.payload for b in badges)


def test_the_pdf_gets_the_usual_file_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "badges.pdf"
        write_pdf(path, BUILTIN_TEMPLATES[0], make_badges(2), SheetOptions())
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["badges.pdf"]


def test_a_badge_too_long_for_a_code_is_printed_without_one(tmp_path: Path) -> None:
    from dataclasses import replace

    good, too_long = make_badges(2)
    too_long = replace(too_long, payload="x" * 3000)
    image = page_image(template("avery-5395"), [good, too_long], SheetOptions(), dpi=200)
    # The other badge keeps its code, and the PDF is still written.
    assert [text for text, _x, _y in found_codes(image)] == [good.payload]
    assert write_pdf(tmp_path / "b.pdf", template("avery-5395"), [good, too_long], SheetOptions())
