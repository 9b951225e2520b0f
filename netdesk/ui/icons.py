"""Toolbar, menu and window icons, loaded from the SVG files in resources/icons."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

import netdesk

_PACKAGE_DIR = Path(netdesk.__file__).resolve().parent
# The source tree keeps icons at <repo>/resources/icons; an installed wheel can only carry them
# inside the package, so look there first and fall back to the source tree.
_CANDIDATE_DIRS = (
    _PACKAGE_DIR / "resources" / "icons",
    _PACKAGE_DIR.parent / "resources" / "icons",
)
ICONS_DIR = next((d for d in _CANDIDATE_DIRS if d.is_dir()), _CANDIDATE_DIRS[-1])
APP_ICON_NAME = "netdesk"

ICON_NAMES: tuple[str, ...] = (
    APP_ICON_NAME,
    "today",
    "events",
    "people",
    "followups",
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
    "about",
)

# Sizes pre-rendered when Qt has no SVG image plugin; menus, toolbars, the sidebar and window
# decorations pick the nearest one.
_FALLBACK_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def icon_path(name: str) -> Path:
    return ICONS_DIR / f"{name}.svg"


@functools.cache
def _svg_plugin_available() -> bool:
    return b"svg" in [bytes(fmt.data()) for fmt in QImageReader.supportedImageFormats()]


def _rendered_icon(path: Path) -> QIcon:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return QIcon()
    result = QIcon()
    for size in _FALLBACK_SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


@functools.cache
def icon(name: str) -> QIcon:
    """The icon called `name`, or an empty QIcon when there is no such file (never raises)."""
    path = icon_path(name)
    if not path.is_file():
        return QIcon()
    if _svg_plugin_available():
        return QIcon(str(path))
    return _rendered_icon(path)


def app_icon() -> QIcon:
    return icon(APP_ICON_NAME)
