"""Toolbar, menu and window icons, loaded from the SVG files in resources/icons."""

from __future__ import annotations

import functools
from importlib.resources.abc import Traversable

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from netdesk.resource_files import APP_ICON_NAME, resource
from netdesk.ui.widgets import theme

ICON_NAMES: tuple[str, ...] = (
    APP_ICON_NAME,
    "today",
    "events",
    "people",
    "followups",
    "goals",
    "new-contact",
    "new-event",
    "quick-capture",
    "note",
    "followup-new",
    "edit",
    "delete",
    "undo",
    "redo",
    "search",
    "done",
    "snooze",
    "import",
    "export",
    "qr-card",
    "quit",
    "settings",
    "sync",
    "about",
)

# The two inks the SVG files are drawn in, for a light window. On a dark one they are swapped
# for inks from the palette (see _inks), so that the toolbar and the sidebar's icons stay clear.
SLATE = "#334155"
BLUE = "#2563eb"


def icon_path(name: str) -> Traversable:
    return resource(f"icons/{name}.svg")


def _inks(palette: QPalette) -> dict[str, str]:
    if not theme.is_dark(palette):
        return {}
    window = palette.color(QPalette.ColorRole.Window)
    ink = theme.mix(palette.color(QPalette.ColorRole.WindowText), window, 0.15)
    accent = theme.readable(QColor(BLUE), window, ratio=theme.UI_CONTRAST)
    return {SLATE: ink.name(), BLUE: accent.name()}


class _PaletteSvgEngine(QIconEngine):
    """Draws an SVG icon in inks that suit the application's palette at the time it is drawn,
    so icons follow a switch to a dark theme. Needs only QtSvg, not Qt's SVG image plugin."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[tuple[tuple[str, str], ...], QSvgRenderer] = {}

    def _renderer(self) -> QSvgRenderer:
        inks = tuple(sorted(_inks(theme.app_palette()).items()))
        renderer = self._renderers.get(inks)
        if renderer is None:
            text = self._svg.decode("utf-8")
            for old, new in inks:
                text = text.replace(f'"{old}"', f'"{new}"')
            renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
            self._renderers[inks] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer().render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _PaletteSvgEngine(self._svg)


@functools.cache
def icon(name: str) -> QIcon:
    """The icon called `name`, or an empty QIcon when there is no such file (never raises)."""
    path = icon_path(name)
    if not path.is_file():
        return QIcon()
    svg = path.read_bytes()
    if not QSvgRenderer(QByteArray(svg)).isValid():
        return QIcon()
    return QIcon(_PaletteSvgEngine(svg))


def app_icon() -> QIcon:
    return icon(APP_ICON_NAME)
