"""Sheets of name badges: which badge goes on which label, painting pages to a PDF, a printer or
a preview picture, cut guides, and the alignment test page."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QIODevice, QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from netdesk.cards.badge import Badge
from netdesk.cards.badge_paint import paint_badge
from netdesk.cards.sheet_options import SheetOptions
from netdesk.cards.templates import LabelTemplate
from netdesk.cards.text_fit import fit_text
from netdesk.output_files import OutputRefused, write_atomically

PDF_DPI = 1200  # QPdfWriter's coordinates: fine enough that text sizes step by 0.02 mm
GUIDE_COLOUR = QColor("#9CA3AF")

Progress = Callable[[int, int], None]


def _check_start(template: LabelTemplate, start_at: int) -> None:
    if not 1 <= start_at <= template.per_page:
        raise ValueError(
            f"Start at label 1 to {template.per_page}: a sheet of {template.name} "
            f"has {template.per_page} labels."
        )


def page_count(template: LabelTemplate, badge_count: int, start_at: int = 1) -> int:
    _check_start(template, start_at)
    if badge_count <= 0:
        return 0
    return -(-(start_at - 1 + badge_count) // template.per_page)


def placements(
    template: LabelTemplate, badge_count: int, start_at: int = 1
) -> list[tuple[int, int]]:
    """(page, index_on_page) of each badge; the first start_at - 1 labels of the first sheet
    stay blank."""
    _check_start(template, start_at)
    per_page = template.per_page
    return [divmod(start_at - 1 + n, per_page) for n in range(badge_count)]


def _label_rect(template: LabelTemplate, index: int, dots_per_mm: float) -> QRectF:
    x, y, w, h = template.label_rect_mm(index)
    return QRectF(x * dots_per_mm, y * dots_per_mm, w * dots_per_mm, h * dots_per_mm)


def paint_page(
    painter: QPainter,
    template: LabelTemplate,
    badges_on_page: Sequence[tuple[int, Badge]],
    options: SheetOptions,
    dots_per_mm: float,
) -> None:
    """Paints one sheet: each (index_on_page, badge) in its label, moved by the printer offsets."""
    painter.save()
    painter.translate(options.offset_x_mm * dots_per_mm, options.offset_y_mm * dots_per_mm)
    if options.cut_guides:
        paint_cut_guides(painter, template, dots_per_mm)
    for index, badge in badges_on_page:
        paint_badge(painter, _label_rect(template, index, dots_per_mm), badge, options, dots_per_mm)
    painter.restore()


def _uncovered(
    position: float, spans: list[tuple[float, float, float, float]], length: float
) -> list[tuple[float, float]]:
    """Stretches of a line at `position` across the page (0..length) that cross no label:
    spans are (start, end) across the line and (from, to) along it, for each label."""
    eps = 0.05
    covered = sorted((a, b) for lo, hi, a, b in spans if lo + eps < position < hi - eps)
    free: list[tuple[float, float]] = []
    at = 0.0
    for a, b in covered:
        if a > at:
            free.append((at, a))
        at = max(at, b)
    if at < length:
        free.append((at, length))
    return free


def paint_cut_guides(painter: QPainter, template: LabelTemplate, dots_per_mm: float) -> None:
    """Thin dashed lines along every label edge, never across a label: in the margins and gaps
    between labels, and on the shared edge where labels touch (where the cut goes anyway)."""
    rects = [template.label_rect_mm(i) for i in range(template.per_page)]
    pen = QPen(GUIDE_COLOUR, max(1.0, 0.1 * dots_per_mm))
    pen.setDashPattern([20.0, 15.0])  # in pen widths: 2 mm dashes, 1.5 mm gaps
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.save()
    painter.setPen(pen)
    columns = sorted({round(v, 3) for x, _y, w, _h in rects for v in (x, x + w)})
    rows = sorted({round(v, 3) for _x, y, _w, h in rects for v in (y, y + h)})
    across_x = [(x, x + w, y, y + h) for x, y, w, h in rects]
    across_y = [(y, y + h, x, x + w) for x, y, w, h in rects]
    for x in columns:
        for a, b in _uncovered(x, across_x, template.page_height_mm):
            painter.drawLine(
                QLineF(x * dots_per_mm, a * dots_per_mm, x * dots_per_mm, b * dots_per_mm)
            )
    for y in rows:
        for a, b in _uncovered(y, across_y, template.page_width_mm):
            painter.drawLine(
                QLineF(a * dots_per_mm, y * dots_per_mm, b * dots_per_mm, y * dots_per_mm)
            )
    painter.restore()


def _set_page(device: QPagedPaintDevice, template: LabelTemplate) -> None:
    size = QPageSize(
        QSizeF(template.page_width_mm, template.page_height_mm),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    device.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    if hasattr(device, "setFullPage"):  # a QPrinter: paint from the paper's corner
        device.setFullPage(True)


def _dots_per_mm(device: QPaintDevice) -> float:
    return device.logicalDpiX() / 25.4


@contextmanager
def _painting(device: QPagedPaintDevice | QImage) -> Iterator[QPainter]:
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Could not start painting the badges (is the file or printer available?).")
    try:
        yield painter
    finally:
        if not painter.end():
            raise OSError("Could not finish writing the badges.")


def paint_sheets(
    device: QPagedPaintDevice,
    template: LabelTemplate,
    badges: Sequence[Badge],
    options: SheetOptions,
    progress: Progress | None = None,
) -> int:
    """Paints every badge onto as many pages as needed; returns the pages painted.

    `progress(done, total)` is called after each page; raising from it stops the painting."""
    places = placements(template, len(badges), options.start_at)
    pages: list[list[tuple[int, Badge]]] = [
        [] for _ in range(page_count(template, len(badges), options.start_at))
    ]
    for (page, index), badge in zip(places, badges, strict=True):
        pages[page].append((index, badge))
    _set_page(device, template)
    done = 0
    with _painting(device) as painter:
        dots_per_mm = _dots_per_mm(device)
        for number, on_page in enumerate(pages):
            if number and not device.newPage():
                raise OSError("Could not start a new page.")
            paint_page(painter, template, on_page, options, dots_per_mm)
            done += len(on_page)
            if progress is not None:
                progress(done, len(badges))
    return len(pages)


def ensure_gui() -> None:
    """Fonts and painting need a QGuiApplication; the command line has none of its own."""
    if QGuiApplication.instance() is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _app
        _app = QGuiApplication([])


_app: QGuiApplication | None = None


def _write_atomically(path: Path, title: str, paint: Callable[[QPdfWriter], int]) -> int:
    """Paints the PDF in memory and writes it with write_atomically: an error or a cancel
    leaves the old file, if any, untouched and no partial file behind; a symlink is written
    through, a FIFO written into, and the open database refused."""
    ensure_gui()

    def write(out: BinaryIO) -> int:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setTitle(title)
        writer.setCreator("netdesk")
        pages = paint(writer)
        del writer  # finishes the document
        out.write(buffer.data().data())
        return pages

    try:
        return write_atomically(Path(path), write)
    except OutputRefused:
        raise
    except OSError as exc:
        if exc.errno is None:  # the painter's own words
            raise
        why = f"could not write here ({exc.strerror or exc})"
        raise OSError(exc.errno, why, str(path)) from exc


def write_pdf(
    path: Path,
    template: LabelTemplate,
    badges: Sequence[Badge],
    options: SheetOptions,
    progress: Progress | None = None,
) -> int:
    """Writes the badges to a PDF file; returns its page count."""
    if not badges:
        raise ValueError("No badges to print: pick at least one attendee.")
    page_count(template, len(badges), options.start_at)  # checks start_at before any file work
    title = f"{options.event_name} name badges" if options.event_name.strip() else "Name badges"
    return _write_atomically(
        path, title, lambda writer: paint_sheets(writer, template, badges, options, progress)
    )


def _blank_page(template: LabelTemplate, dpi: int) -> QImage:
    ensure_gui()
    dots_per_mm = dpi / 25.4
    image = QImage(
        round(template.page_width_mm * dots_per_mm),
        round(template.page_height_mm * dots_per_mm),
        QImage.Format.Format_RGB32,
    )
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    return image


def page_image(
    template: LabelTemplate,
    badges: Sequence[Badge],
    options: SheetOptions,
    page: int = 0,
    dpi: int = 300,
) -> QImage:
    """One page as a picture on white paper (previews, tests); an empty sheet past the end."""
    image = _blank_page(template, dpi)
    places = placements(template, len(badges), options.start_at)
    on_page = [
        (index, badge) for (p, index), badge in zip(places, badges, strict=True) if p == page
    ]
    with _painting(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        paint_page(painter, template, on_page, options, dpi / 25.4)
    return image


# -- alignment test page -------------------------------------------------------------------


def paint_alignment_page(
    target: QPainter | QPagedPaintDevice,
    template: LabelTemplate,
    options: SheetOptions,
    dots_per_mm: float | None = None,
) -> None:
    """Each label's outline and number, a cross at its centre and a 10 mm scale, moved by the
    printer offsets: printed on plain paper and held against a label sheet, it shows how far
    off the printer is. Paints with a painter already begun, or onto a device (one page)."""
    if isinstance(target, QPainter):
        _paint_alignment(target, template, options, dots_per_mm or _dots_per_mm(target.device()))
        return
    _set_page(target, template)
    with _painting(target) as painter:
        _paint_alignment(painter, template, options, _dots_per_mm(target))


def alignment_pdf(path: Path, template: LabelTemplate, options: SheetOptions) -> int:
    def paint(writer: QPdfWriter) -> int:
        paint_alignment_page(writer, template, options)
        return 1

    return _write_atomically(path, f"Alignment test: {template.name}", paint)


def alignment_image(template: LabelTemplate, options: SheetOptions, dpi: int = 300) -> QImage:
    image = _blank_page(template, dpi)
    with _painting(image) as painter:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        paint_alignment_page(painter, template, options, dpi / 25.4)
    return image


def _paint_alignment(
    painter: QPainter, template: LabelTemplate, options: SheetOptions, dots_per_mm: float
) -> None:
    mm = dots_per_mm
    painter.save()
    painter.translate(options.offset_x_mm * mm, options.offset_y_mm * mm)
    outline = QPen(QColor("black"), max(1.0, 0.25 * mm))
    outline.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    thin = QPen(QColor("black"), max(1.0, 0.15 * mm))
    for index in range(template.per_page):
        rect = _label_rect(template, index, mm)
        half = outline.widthF() / 2
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Inside the label, so the line's outer edge is the label's edge.
        painter.drawRect(rect.adjusted(half, half, -half, -half))
        centre = rect.center()
        painter.setPen(thin)
        arm = min(5.0, rect.width() / 8) * mm
        painter.drawLine(QLineF(centre.x() - arm, centre.y(), centre.x() + arm, centre.y()))
        painter.drawLine(QLineF(centre.x(), centre.y() - arm, centre.x(), centre.y() + arm))
        number = fit_text(str(index + 1), rect.width() / 4, int(0.22 * rect.height()), 1, 700)
        painter.setFont(number.font)
        painter.setPen(QColor("#6B7280"))
        painter.drawText(
            QPointF(
                centre.x() - number.widths[0] / 2,
                centre.y() - arm - 1.5 * mm - number.line_height + number.ascent,
            ),
            number.lines[0],
        )
        _paint_scale(painter, QPointF(rect.x() + 4 * mm, rect.bottom() - 4 * mm), mm, thin)
        if index == 0:
            notes = (
                template.name,
                f"Printer offsets: x {options.offset_x_mm:+.1f} mm, "
                f"y {options.offset_y_mm:+.1f} mm",
            )
            painter.setPen(QColor("black"))
            top = rect.y() + 3 * mm
            for note in notes:
                fit = fit_text(note, rect.width() - 8 * mm, int(2.4 * mm), int(1.6 * mm), 400)
                painter.setFont(fit.font)
                painter.drawText(QPointF(rect.x() + 4 * mm, top + fit.ascent), fit.lines[0])
                top += fit.line_height
    painter.restore()


def _paint_scale(painter: QPainter, origin: QPointF, mm: float, pen: QPen) -> None:
    """10 mm rulers along x and y from `origin`, a tick every millimetre."""
    painter.setPen(pen)
    x, y = origin.x(), origin.y()
    painter.drawLine(QLineF(x, y, x + 10 * mm, y))
    painter.drawLine(QLineF(x, y, x, y - 10 * mm))
    for n in range(11):
        tick = (1.6 if n % 5 == 0 else 0.8) * mm
        painter.drawLine(QLineF(x + n * mm, y, x + n * mm, y - tick))
        painter.drawLine(QLineF(x, y - n * mm, x + tick, y - n * mm))
    label = fit_text("10 mm", 12 * mm, int(2.2 * mm), 1, 400)
    painter.setFont(label.font)
    painter.drawText(QPointF(x + 10 * mm - label.widths[0], y + 0.6 * mm + label.ascent), "10 mm")
