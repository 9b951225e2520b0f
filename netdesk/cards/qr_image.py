"""QR codes as pictures: painted shapes, a QImage of one pixel per module, PNG files and SVG text.

Painted codes (badges, the printed card, the card on screen) are drawn as filled rectangles, not
as a picture: Qt's PDF writer stores a picture as JPEG, whose grey specks around the modules
phones misread, while rectangles stay vector art, black and white and sharp at any zoom and a
few kilobytes a code (a PDF of a thousand badges stays small)."""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter

from netdesk.cards.qr import QUIET_ZONE, QrCode
from netdesk.output_files import OutputRefused, write_atomically

_images: dict[tuple[str, int], QImage] = {}
_rects: dict[tuple[str, int], list[QRectF]] = {}


def clear_cache() -> None:
    """Forget the drawn codes (benchmarks measure a cold start with it)."""
    _images.clear()
    _rects.clear()


def module_rects(code: QrCode, border: int = QUIET_ZONE) -> list[QRectF]:
    """The dark modules as rectangles in module units, the quiet zone's corner at (0, 0): each
    row's runs of dark modules, a run repeated on the rows below it taken as one taller
    rectangle. Cached per payload like the code itself."""
    key = (code.payload, border)
    rects = _rects.get(key)
    if rects is None:
        rects = []
        open_runs: dict[tuple[int, int], int] = {}  # (start, end) -> index in rects
        for y, row in enumerate(code.rows):
            runs: dict[tuple[int, int], int] = {}
            x = 0
            while x < len(row):
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < len(row) and row[x]:
                    x += 1
                index = open_runs.get((start, x))
                if index is None:
                    index = len(rects)
                    rects.append(QRectF(start + border, y + border, x - start, 1))
                else:
                    rects[index].setHeight(rects[index].height() + 1)
                runs[(start, x)] = index
            open_runs = runs
        if len(_rects) > 4096:
            _rects.clear()
        _rects[key] = rects
    return rects


def module_image(code: QrCode, border: int = QUIET_ZONE) -> QImage:
    """One pixel per module, quiet zone included; cached per payload like the code itself."""
    key = (code.payload, border)
    image = _images.get(key)
    if image is None:
        side = code.size + 2 * border
        image = QImage(side, side, QImage.Format.Format_Grayscale8)
        image.fill(255)
        for y, row in enumerate(code.rows):
            for x, dark in enumerate(row):
                if dark:
                    image.setPixel(x + border, y + border, 0)
        if len(_images) > 4096:
            _images.clear()
        _images[key] = image
    return image


def scaled_image(code: QrCode, pixels_per_module: int, border: int = QUIET_ZONE) -> QImage:
    image = module_image(code, border)
    side = image.width() * max(1, pixels_per_module)
    return image.scaled(
        side, side, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    )


def paint_code(painter: QPainter, rect: QRectF, code: QrCode, border: int = QUIET_ZONE) -> None:
    """Draws the code (with its quiet zone) filling `rect`, modules kept square and sharp.

    The dark modules are one fill of rectangles: in a PDF a vector path (no picture, so no
    JPEG), filled at once so that no viewer shows seams between touching modules; on a screen
    or image without antialiasing, so that each module edge falls on a pixel edge and only
    black and white are painted."""
    side = code.size + 2 * border
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(rect, QColor("white"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    painter.translate(rect.topLeft())
    painter.scale(rect.width() / side, rect.height() / side)
    painter.drawRects(module_rects(code, border))
    painter.restore()


def png_bytes(code: QrCode, pixels_per_module: int = 12) -> bytes:
    image = scaled_image(code, pixels_per_module)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # A writer rather than QImage.save: PySide6 6.11 refuses save()'s format given as bytes,
    # and the writer says why it failed.
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(errno.EIO, writer.errorString())
    return bytes(buffer.data().data())


def save_png(code: QrCode, path: Path, pixels_per_module: int = 12) -> None:
    """The picture at `path` (written whole or not at all, see write_atomically)."""
    _save(path, "PNG", png_bytes(code, pixels_per_module))


def _save(path: Path, kind: str, data: bytes) -> None:
    try:
        write_atomically(path, lambda out: out.write(data))
    except OutputRefused:
        raise
    except OSError as exc:
        raise OSError(f"{path}: could not write the {kind} file ({exc.strerror or exc}).") from exc


def svg_text(code: QrCode, module_mm: float = 1.0, border: int = QUIET_ZONE) -> str:
    """A standalone SVG: one path of the dark runs per row, crisp at any zoom."""
    side = code.size + 2 * border
    parts: list[str] = []
    for y, row in enumerate(code.rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start + border} {y + border}h{x - start}v1h{start - x}z")
            else:
                x += 1
    size = side * module_mm
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{size:g}mm" '
        f'height="{size:g}mm" viewBox="0 0 {side} {side}" shape-rendering="crispEdges">\n'
        f'<rect width="{side}" height="{side}" fill="#fff"/>\n'
        f'<path fill="#000" d="{"".join(parts)}"/>\n'
        "</svg>\n"
    )


def save_svg(code: QrCode, path: Path) -> None:
    _save(path, "SVG", svg_text(code).encode("utf-8"))
