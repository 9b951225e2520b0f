"""One name badge painted into its label: event header, names, organisation and title, the QR
code of the wearer's card, and a coloured ribbon naming their role.

The layout depends only on the label's size (so the QR code's printed size is known before
printing, for the density check); text shrinks, wraps once or is elided to stay in its box."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from netdesk.cards.badge import Badge
from netdesk.cards.qr import PayloadTooLong, qr_code
from netdesk.cards.qr_image import paint_code
from netdesk.cards.text_fit import FittedText, fit_text

if TYPE_CHECKING:
    from netdesk.cards.sheet_options import SheetOptions
    from netdesk.cards.templates import LabelTemplate

ROLE_LABELS: dict[str, str] = {
    "attendee": "Attendee",
    "speaker": "Speaker",
    "staff": "Staff",
    "sponsor": "Sponsor",
    "organiser": "Organiser",
    "exhibitor": "Exhibitor",
}
# Dark enough that white capitals on them read well (contrast 5:1 or more) and print in grey
# on a black-and-white printer still distinct from the white badge.
ROLE_COLOURS: dict[str, str] = {
    "speaker": "#B91C1C",
    "staff": "#1F2937",
    "sponsor": "#B45309",
    "organiser": "#6D28D9",
    "exhibitor": "#0F766E",
}
OTHER_ROLE_COLOUR = "#374151"  # a role netdesk does not know yet still gets a ribbon

INK = QColor("#111827")
SECOND_INK = QColor("#374151")
MUTED_INK = QColor("#6B7280")
RULE = QColor("#D1D5DB")
WHITE = QColor("#FFFFFF")

MIN_TEXT_MM = 2.1  # about 6 pt: the smallest text still read at arm's length


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


Box = tuple[float, float, float, float]  # x, y, width, height in mm from the label's corner


@dataclass(frozen=True)
class BadgeLayout:
    """Where things go on a label, in mm from its top-left corner."""

    portrait: bool
    header: Box  # event name (left) and logo (right)
    rule_y: float  # a thin line under the header
    text: Box  # the names, organisation and title
    qr: Box  # the code with its quiet zone: square
    ribbon: Box  # the role ribbon along the bottom edge
    # Largest text sizes (mm, font pixel size) before fitting shrinks them.
    first_mm: float
    full_mm: float
    title_mm: float
    org_mm: float
    event_mm: float
    role_mm: float


@lru_cache(maxsize=64)
def badge_layout(width: float, height: float) -> BadgeLayout:
    short = min(width, height)
    margin = _clamp(0.055 * short, 2.5, 6.0)
    portrait = height > width * 1.1
    header_h = _clamp((0.075 if portrait else 0.11) * height, 4.0, 11.0)
    ribbon_h = _clamp((0.11 if portrait else 0.15) * height, 5.5, 18.0)
    rule_y = margin + header_h + 0.25 * margin
    body_top = rule_y + 0.6 * margin
    ribbon_y = height - ribbon_h
    # The quiet zone is white, so the code may come closer to the rule, the ribbon and the edge
    # than text does: it needs no margin of its own.
    if portrait:
        avail = ribbon_y - body_top
        side = min(0.6 * width, 0.5 * avail)
        qr = ((width - side) / 2, ribbon_y - side - 0.2 * margin, side, side)
        header = (margin, margin, width - 2 * margin, header_h)
        text = (margin, body_top, width - 2 * margin, qr[1] - body_top)
        first = min(0.16 * width, 0.3 * text[3])
        full, title, org = 0.065 * width, 0.05 * width, 0.055 * width
    else:
        # The code takes the right-hand column from the top to the ribbon: a badge is scanned
        # from a step away, and a vCard wants about 3 cm.
        top, bottom = 0.5 * margin, ribbon_y - 0.2 * margin
        side = min(bottom - top, 0.46 * width)
        qr = (width - 0.5 * margin - side, top + (bottom - top - side) / 2, side, side)
        text_w = qr[0] - margin
        header = (margin, margin, text_w, header_h)
        text = (margin, body_top, text_w, ribbon_y - 0.6 * margin - body_top)
        first = min(0.3 * text[3], 0.22 * text_w)
        full, title, org = 0.125 * text[3], 0.10 * text[3], 0.11 * text[3]
    return BadgeLayout(
        portrait=portrait,
        header=header,
        rule_y=rule_y,
        text=text,
        qr=qr,
        ribbon=(0.0, ribbon_y, width, ribbon_h),
        first_mm=first,
        full_mm=min(full, first * 0.6),
        title_mm=min(title, first * 0.5),
        org_mm=min(org, first * 0.55),
        event_mm=0.56 * header_h,
        role_mm=0.44 * ribbon_h,
    )


def qr_side_mm(template: LabelTemplate) -> float:
    """The printed side of each badge's QR code, quiet zone included, for density_warning."""
    return badge_layout(template.label_width_mm, template.label_height_mm).qr[2]


@dataclass(frozen=True)
class TextItem:
    """One line of text as painted: `box` is the room it was fitted to (device pixels)."""

    text: str
    font: QFont
    origin: QPointF  # baseline start
    box: QRectF
    width: float
    colour: QColor


def _px(mm: float, dots_per_mm: float) -> int:
    return max(1, int(mm * dots_per_mm))


def _fit(
    text: str, width: float, max_mm: float, dots_per_mm: float, weight: int, lines: int
) -> FittedText:
    max_px = _px(max_mm, dots_per_mm)
    min_px = min(max_px, _px(MIN_TEXT_MM, dots_per_mm))
    return fit_text(text, round(width, 1), max_px, min_px, weight, lines)


# (what, weight, lines, colour, space above as a share of the previous line's height)
_BLOCK = (
    ("first", 700, 2, INK, 0.0),
    ("full", 500, 2, SECOND_INK, 0.12),
    ("title", 400, 2, MUTED_INK, 0.35),
    ("org", 600, 2, INK, 0.2),
)


def _block_texts(badge: Badge) -> dict[str, str]:
    full = " ".join(badge.full_name.split())
    first = " ".join(badge.first_name.split()) or full
    return {
        "first": first,
        "full": full if full.casefold() != first.casefold() else "",
        "title": " ".join(badge.title.split()),
        "org": " ".join(badge.organization.split()),
    }


def text_items(rect: QRectF, badge: Badge, dots_per_mm: float) -> list[TextItem]:
    """The badge's names, title and organisation laid out in `rect` (the label, device pixels):
    each fitted to the text box's width, the whole block shrunk until it fits its height."""
    layout = badge_layout(rect.width() / dots_per_mm, rect.height() / dots_per_mm)
    x, y, w, h = (v * dots_per_mm for v in layout.text)
    x += rect.x()
    y += rect.y()
    texts = _block_texts(badge)
    sizes = {
        "first": layout.first_mm,
        "full": layout.full_mm,
        "title": layout.title_mm,
        "org": layout.org_mm,
    }
    wanted = [item for item in _BLOCK if texts[item[0]]]
    fitted = _fit_block(texts, sizes, wanted, w, h, dots_per_mm)
    top = y + (h - _block_height(fitted)) / 2
    items: list[TextItem] = []
    previous = 0.0
    for fit, colour, gap in fitted:
        top += gap * previous
        for line, line_width in zip(fit.lines, fit.widths, strict=True):
            left = x + (w - line_width) / 2 if layout.portrait else x
            items.append(
                TextItem(
                    text=line,
                    font=fit.font,
                    origin=QPointF(left, top + fit.ascent),
                    box=QRectF(x, top, w, fit.line_height),
                    width=line_width,
                    colour=colour,
                )
            )
            top += fit.line_height
        previous = fit.line_height
    return items


def _fit_block(
    texts: dict[str, str],
    sizes: dict[str, float],
    wanted: list[tuple[str, int, int, QColor, float]],
    width: float,
    height: float,
    dots_per_mm: float,
) -> list[tuple[FittedText, QColor, float]]:
    """Fits the block's texts to the width, then shrinks them all until the block fits the
    height. When even that fails: the first name on one line, then every text on one line,
    then the title left out, then texts dropped from the end."""
    attempts = [
        wanted,
        [(n, wt, 1 if n == "first" else ln, c, g) for n, wt, ln, c, g in wanted],
        [(n, wt, 1, c, g) for n, wt, _ln, c, g in wanted],
    ]
    fitted: list[tuple[FittedText, QColor, float]] = []
    for attempt in attempts:
        scale = 1.0
        for _ in range(8):
            fitted = [
                (_fit(texts[n], width, sizes[n] * scale, dots_per_mm, wt, ln), c, g)
                for n, wt, ln, c, g in attempt
            ]
            total = _block_height(fitted)
            if total <= height:
                return fitted
            scale *= max(0.6, min(0.97, height / total))
    names = [n for n, *_rest in attempts[-1]]
    if "title" in names:
        del fitted[names.index("title")]
    while fitted and _block_height(fitted) > height:
        fitted.pop()
    return fitted


def _block_height(fitted: list[tuple[FittedText, QColor, float]]) -> float:
    total, previous = 0.0, 0.0
    for fit, _colour, gap in fitted:
        total += gap * previous + fit.height
        previous = fit.line_height
    return total


def role_colour(role: str) -> QColor | None:
    """The ribbon's colour, or None for attendees (who get no ribbon)."""
    role = role.strip().lower()
    if not role or role == "attendee":
        return None
    return QColor(ROLE_COLOURS.get(role, OTHER_ROLE_COLOUR))


def role_label(role: str) -> str:
    role = role.strip()
    return ROLE_LABELS.get(role.lower(), role[:1].upper() + role[1:])


def paint_badge(
    painter: QPainter, rect: QRectF, badge: Badge, options: SheetOptions, dots_per_mm: float
) -> None:
    """Paints the badge into `rect` (the label, in device pixels, dots_per_mm of them a mm)."""
    layout = badge_layout(rect.width() / dots_per_mm, rect.height() / dots_per_mm)
    ox, oy = rect.x(), rect.y()

    def box(b: Box) -> QRectF:
        return QRectF(
            ox + b[0] * dots_per_mm, oy + b[1] * dots_per_mm, b[2] * dots_per_mm, b[3] * dots_per_mm
        )

    colour = role_colour(badge.role)
    _paint_header(painter, box(layout.header), options, layout, dots_per_mm)
    rule = QRectF(
        ox + layout.header[0] * dots_per_mm,
        oy + layout.rule_y * dots_per_mm,
        layout.header[2] * dots_per_mm,
        max(1.0, 0.3 * dots_per_mm),
    )
    painter.fillRect(rule, colour or RULE)
    for item in text_items(rect, badge, dots_per_mm):
        painter.setFont(item.font)
        painter.setPen(item.colour)
        painter.drawText(item.origin, item.text)
    if colour is not None:
        ribbon = box(layout.ribbon)
        painter.fillRect(ribbon, colour)
        fit = _fit(
            role_label(badge.role).upper(),
            ribbon.width() * 0.9,
            layout.role_mm,
            dots_per_mm,
            700,
            1,
        )
        painter.setFont(fit.font)
        painter.setPen(WHITE)
        line = fit.lines[0]
        painter.drawText(
            QPointF(
                ribbon.x() + (ribbon.width() - fit.widths[0]) / 2,
                ribbon.y() + (ribbon.height() - fit.line_height) / 2 + fit.ascent,
            ),
            line,
        )
    if badge.payload:
        try:
            code = qr_code(badge.payload)
        except PayloadTooLong:
            # CardService keeps badge payloads small enough; a badge made elsewhere may not be.
            _paint_missing_code(painter, box(layout.qr), dots_per_mm)
        else:
            paint_code(painter, box(layout.qr), code)


def _paint_missing_code(painter: QPainter, rect: QRectF, dots_per_mm: float) -> None:
    painter.save()
    pen = QPen(QColor("#9ca3af"))
    pen.setWidthF(0.3 * dots_per_mm)
    painter.setPen(pen)
    painter.drawRect(rect)
    font = QFont()
    font.setPixelSize(max(1, round(2.5 * dots_per_mm)))
    painter.setFont(font)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        "Too much to fit in a QR code",
    )
    painter.restore()


def _paint_header(
    painter: QPainter,
    header: QRectF,
    options: SheetOptions,
    layout: BadgeLayout,
    dots_per_mm: float,
) -> None:
    text_width = header.width()
    logo: QImage | None = options.logo
    if logo is not None and not logo.isNull() and logo.height() > 0:
        height = header.height()
        width = min(height * logo.width() / logo.height(), header.width() * 0.35)
        height = min(height, width * logo.height() / logo.width())
        target = QRectF(
            header.right() - width, header.y() + (header.height() - height) / 2, width, height
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, logo)
        painter.restore()
        text_width -= width + 1.5 * dots_per_mm
    if options.event_name.strip() and text_width > 0:
        fit = _fit(options.event_name, text_width, layout.event_mm, dots_per_mm, 600, 1)
        painter.setFont(fit.font)
        painter.setPen(SECOND_INK)
        painter.drawText(
            QPointF(header.x(), header.y() + (header.height() - fit.line_height) / 2 + fit.ascent),
            fit.lines[0],
        )


__all__ = [
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "BadgeLayout",
    "TextItem",
    "badge_layout",
    "paint_badge",
    "qr_side_mm",
    "role_colour",
    "role_label",
    "text_items",
]
