"""Every named icon exists as a valid SVG and draws something visible."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netdesk.ui.widgets import theme
from netdesk.ui.widgets.icons import ICON_NAMES, SLATE, app_icon, icon, icon_path

SVG_NS = "{http://www.w3.org/2000/svg}"


def _has_visible_pixel(qicon: QIcon, size: int) -> bool:
    pixmap = qicon.pixmap(size, size)
    assert not pixmap.isNull()
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return any(
        image.pixelColor(x, y).alpha() > 0
        for y in range(image.height())
        for x in range(image.width())
    )


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icon_file_is_a_24px_svg(name: str) -> None:
    path = icon_path(name)
    assert path.is_file(), f"missing {path}"
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 24 24"
    # Icons are shapes only: text would not stay legible at 16 px nor translate.
    assert root.find(f".//{SVG_NS}text") is None


@pytest.mark.parametrize("name", ICON_NAMES)
@pytest.mark.parametrize("size", [16, 24])
def test_icon_renders_visible_pixels(qtbot: QtBot, name: str, size: int) -> None:
    qicon = icon(name)
    assert not qicon.isNull()
    assert _has_visible_pixel(qicon, size)


def test_icon_names_are_unique() -> None:
    assert len(set(ICON_NAMES)) == len(ICON_NAMES)


def test_unknown_icon_is_empty_without_raising(qtbot: QtBot) -> None:
    assert icon("no-such-icon").isNull()


def test_icon_is_cached(qtbot: QtBot) -> None:
    assert icon("search") is icon("search")


def test_app_icon_draws_at_window_sizes(qtbot: QtBot) -> None:
    assert _has_visible_pixel(app_icon(), 256)
    assert _has_visible_pixel(app_icon(), 32)


def _opaque(image: QImage) -> set[int]:
    return {
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    }


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icons_are_redrawn_in_light_inks_on_a_dark_palette(
    qtbot: QtBot, qapp: QApplication, name: str
) -> None:
    """The slate and blue the files are drawn in vanish on a dark toolbar: there every ink
    reaches 3:1 against the window (WCAG 1.4.11), and the slate comes back with a light theme."""
    previous = QPalette(qapp.palette())
    light = qapp.style().standardPalette()
    try:
        qapp.setPalette(theme.dark_palette())
        window = qapp.palette().color(QPalette.ColorRole.Window)
        image = icon(name).pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        inks = _opaque(image)
        assert inks
        faint = [QColor(c).name() for c in inks if theme.contrast(QColor(c), window) < 3.0]
        assert faint == []
        qapp.setPalette(light)
        again = icon(name).pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        if QColor(SLATE).rgb() in _opaque(again):
            assert again != image
    finally:
        qapp.setPalette(previous)
