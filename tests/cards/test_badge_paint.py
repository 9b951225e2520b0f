"""One badge painted: the role ribbon, names that shrink (or wrap, or at worst elide) to stay
inside their box, the event header and logo, and a QR code big enough to scan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from netdesk.cards.badge import Badge
from netdesk.cards.badge_paint import (
    ROLE_COLOURS,
    ROLE_LABELS,
    badge_layout,
    paint_badge,
    qr_side_mm,
    text_items,
)
from netdesk.cards.badge_sheet import SheetOptions, page_image
from netdesk.cards.payload import card_payload
from netdesk.cards.qr import QUIET_ZONE, density_warning, qr_code
from netdesk.cards.qr_read import decode_texts, read_codes
from netdesk.cards.templates import BUILTIN_TEMPLATES, LabelTemplate
from netdesk.formats.records import ContactRecord, Typed
from netdesk.models.attendance import Role

pytestmark = pytest.mark.usefixtures("qapp")

DPI = 300
MM = DPI / 25.4
PAD_MM = 10.0  # white paper around the label in the test pictures

LONG = (
    "Maximiliane-Josephine",
    "Maximiliane-Josephine von Hohenzollern-Sigmaringen",
    "Internationale Gesellschaft für Zusammenarbeit und Entwicklung (GIZ) GmbH",
    "Senior Vice President, Strategic Partnerships and Global Alliances",
)
ACCENTED = ("Zoë", "Zoë Ólafsdóttir-Núñez", "Société Générale Ñandú", "Directrice générale")
CJK = ("美咲", "山田 美咲", "株式会社サンプル研究所", "シニアエンジニア")


def badge(first: str, full: str, org: str, title: str, role: str = "speaker") -> Badge:
    record = ContactRecord(formatted_name=full, given_name=first, organization=org, title=title)
    return Badge(0, 0, first, full, org, title, role, card_payload(record))


def paint_one(
    t: LabelTemplate, b: Badge, options: SheetOptions | None = None
) -> tuple[QImage, QRectF]:
    """The badge painted on a label in the middle of a white sheet; returns the label's rect."""
    w, h = t.label_width_mm, t.label_height_mm
    image = QImage(
        round((w + 2 * PAD_MM) * MM), round((h + 2 * PAD_MM) * MM), QImage.Format.Format_RGB32
    )
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    rect = QRectF(PAD_MM * MM, PAD_MM * MM, w * MM, h * MM)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    paint_badge(painter, rect, b, options or SheetOptions(event_name="NetConf Europe 2025"), MM)
    painter.end()
    return image, rect


def test_every_role_but_attendee_has_a_ribbon_colour_and_label() -> None:
    for role in Role:
        assert role.value in ROLE_LABELS
        if role == Role.ATTENDEE:
            assert role.value not in ROLE_COLOURS
        else:
            assert QColor(ROLE_COLOURS[role.value]).isValid()
    assert ROLE_LABELS["speaker"] == "Speaker"


@pytest.mark.parametrize(
    "role", ["speaker", "staff", "sponsor", "organiser", "exhibitor", "attendee"]
)
def test_ribbon_has_the_role_colour_and_attendees_have_none(role: str) -> None:
    t = BUILTIN_TEMPLATES[0]
    image, rect = paint_one(t, badge("Anna", "Anna Lee", "Acme", "CTO", role))
    layout = badge_layout(t.label_width_mm, t.label_height_mm)
    x, y, _w, h = layout.ribbon
    # Near the ribbon's left end, away from its centred label.
    sample = image.pixelColor(int(rect.x() + (x + 3) * MM), int(rect.y() + (y + h / 2) * MM))
    if role == "attendee":
        assert sample == QColor("white")
    else:
        assert sample == QColor(ROLE_COLOURS[role])


def test_unknown_roles_still_get_a_ribbon() -> None:
    t = BUILTIN_TEMPLATES[0]
    image, rect = paint_one(t, badge("Anna", "Anna Lee", "Acme", "CTO", "volunteer"))
    x, y, _w, h = badge_layout(t.label_width_mm, t.label_height_mm).ribbon
    sample = image.pixelColor(int(rect.x() + (x + 3) * MM), int(rect.y() + (y + h / 2) * MM))
    assert sample != QColor("white")


def _check_items_fit(t: LabelTemplate, b: Badge) -> list:
    rect = QRectF(0, 0, t.label_width_mm * MM, t.label_height_mm * MM)
    layout = badge_layout(t.label_width_mm, t.label_height_mm)
    tx, ty, tw, th = (v * MM for v in layout.text)
    items = text_items(rect, b, MM)
    previous_bottom = 0.0
    for item in items:
        metrics = QFontMetricsF(item.font)
        advance = metrics.horizontalAdvance(item.text)
        ink = metrics.boundingRect(item.text)
        left = item.origin.x()
        # Within its box, and the box within the label's text area.
        assert left >= item.box.left() - 0.01
        assert left + advance <= item.box.right() + 0.01, item.text
        assert left + ink.right() <= item.box.right() + 0.01, item.text
        assert item.box.left() >= tx - 0.01 and item.box.right() <= tx + tw + 0.01
        assert item.box.top() >= ty - 0.01 and item.box.bottom() <= ty + th + 0.01
        assert item.origin.y() - metrics.ascent() >= item.box.top() - 0.01
        assert item.origin.y() + metrics.descent() <= item.box.bottom() + 0.01
        # Lines do not overlap one another.
        assert item.box.top() >= previous_bottom - 0.01
        previous_bottom = item.box.bottom()
    # Landscape badges keep text left of the code.
    if not layout.portrait:
        assert tx + tw <= layout.qr[0] * MM + 0.01
    return items


@pytest.mark.parametrize("t", BUILTIN_TEMPLATES, ids=lambda t: t.id)
@pytest.mark.parametrize("person", [LONG, ACCENTED, CJK], ids=["long", "accents", "cjk"])
def test_text_fits_its_box_on_every_template(t: LabelTemplate, person: tuple[str, ...]) -> None:
    items = _check_items_fit(t, badge(*person))
    shown = "".join(item.text for item in items).replace(" ", "")
    if person is not LONG:
        # Nothing left out or elided when it can fit.
        for text in person:
            assert text.replace(" ", "") in shown
        assert "…" not in shown


@pytest.mark.parametrize("t", BUILTIN_TEMPLATES, ids=lambda t: t.id)
def test_long_names_shrink_and_wrap_but_stay_whole(t: LabelTemplate) -> None:
    short = text_items(
        QRectF(0, 0, t.label_width_mm * MM, t.label_height_mm * MM),
        badge("Li", "Li Wei", "Acme", "CTO"),
        MM,
    )
    long = _check_items_fit(t, badge(*LONG))
    assert long[0].font.pixelSize() < short[0].font.pixelSize()
    # The full name is all there, on one or two lines.
    shown = "".join(item.text for item in long).replace(" ", "")
    assert LONG[1].replace(" ", "") in shown


def test_absurdly_long_text_is_elided_inside_the_box() -> None:
    t = next(t for t in BUILTIN_TEMPLATES if t.id == "avery-l4785")
    endless = "Wolfeschlegelsteinhausenbergerdorff" * 6
    items = _check_items_fit(t, badge(endless, endless, endless, endless))
    assert items
    assert any(item.text.endswith("…") for item in items)


@pytest.mark.parametrize("t", BUILTIN_TEMPLATES, ids=lambda t: t.id)
def test_nothing_is_painted_outside_the_label(t: LabelTemplate) -> None:
    endless = "Wolfeschlegelsteinhausenbergerdorff " * 5
    logo = QImage(400, 100, QImage.Format.Format_RGB32)
    logo.fill(QColor("#1E40AF"))
    for person in (LONG, CJK, (endless, endless, endless, endless)):
        image, rect = paint_one(t, badge(*person), SheetOptions(event_name=endless, logo=logo))
        inside = rect.adjusted(-1, -1, 1, 1)
        step = 3
        for y in range(0, image.height(), step):
            for x in range(0, image.width(), step):
                if not inside.contains(x, y):
                    assert image.pixelColor(x, y) == QColor("white"), (person[0][:10], x, y)


def test_logo_goes_in_the_top_corner() -> None:
    t = BUILTIN_TEMPLATES[0]
    logo = QImage(300, 100, QImage.Format.Format_RGB32)
    logo.fill(QColor("#FF0000"))
    b = badge("Anna", "Anna Lee", "Acme", "CTO", "attendee")
    with_logo, rect = paint_one(t, b, SheetOptions(event_name="NetConf", logo=logo))
    without, _ = paint_one(t, b, SheetOptions(event_name="NetConf"))
    hx, hy, hw, hh = badge_layout(t.label_width_mm, t.label_height_mm).header
    point = (int(rect.x() + (hx + hw - 2) * MM), int(rect.y() + (hy + hh / 2) * MM))
    assert with_logo.pixelColor(*point) == QColor("#FF0000")
    assert without.pixelColor(*point) == QColor("white")


@pytest.mark.parametrize("t", BUILTIN_TEMPLATES, ids=lambda t: t.id)
def test_code_is_printed_at_qr_side_mm_and_big_enough(t: LabelTemplate) -> None:
    record = ContactRecord(
        formatted_name="Anna Schröder",
        given_name="Anna",
        family_name="Schröder",
        organization="Nordlicht Energie GmbH",
        title="Head of Research",
        emails=[Typed("anna.schroeder@nordlicht-energie.example")],
    )
    b = Badge(
        1,
        1,
        "Anna",
        "Anna Schröder",
        record.organization,
        record.title,
        "speaker",
        card_payload(record),
    )
    code = qr_code(b.payload)
    side = qr_side_mm(t)
    # A usual badge card (name, organisation, title, email) is not too dense on any stock.
    assert density_warning(code, side) == ""
    image = page_image(t, [b], SheetOptions(), dpi=DPI)
    assert decode_texts(image) == [b.payload]
    found = read_codes(image)
    position = found[0].position
    printed = (position.top_right.x - position.top_left.x) / MM
    modules = side * code.size / (code.size + 2 * QUIET_ZONE)
    assert printed == pytest.approx(modules, abs=0.5)


def test_a_dense_code_on_small_labels_gets_a_warning() -> None:
    t = next(t for t in BUILTIN_TEMPLATES if t.id == "avery-l4785")
    record = ContactRecord(
        formatted_name="Anna Schröder",
        organization="Nordlicht Energie GmbH",
        title="Head of Research",
        emails=[Typed("anna.schroeder@nordlicht-energie.example")],
        phones=[Typed("+49 30 1234 5678")],
        urls=[Typed("https://nordlicht-energie.example/team/anna-schroeder")],
        note="",
    )
    record.addresses = []
    payload = card_payload(record) + "\r\nNOTE:" + "x" * 300
    assert density_warning(qr_code(payload), qr_side_mm(t)) != ""


def test_painting_is_repeatable() -> None:
    t = BUILTIN_TEMPLATES[0]
    b = badge(*ACCENTED)
    first, rect = paint_one(t, b)
    second, _ = paint_one(t, b)
    # The same layout every time; the pixels may differ only where Qt's glyph cache smooths a
    # large letter's edge differently the first time it draws it.
    assert text_items(rect, b, MM) == text_items(rect, b, MM)
    differing = sum(
        first.pixel(x, y) != second.pixel(x, y)
        for y in range(0, first.height(), 2)
        for x in range(0, first.width(), 2)
    )
    assert differing < first.width() * first.height() / 4 * 0.005
