"""Colours for what the palette has no role for (grey subtitles, errors, tag pills, the sidebar's
selection), derived from the application's palette so that light and dark themes both read.

Each colour starts from the palette (or from a light or dark variant picked by the palette's
lightness) and is then moved towards black or white until it reaches WCAG AA contrast against
the backgrounds it is drawn on: 4.5:1 for text, 3:1 for a check box's outline.
Widgets styled with `follow` are restyled when the application's palette changes (a desktop
switching to its dark theme while the window is open).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

TEXT_CONTRAST = 4.5
UI_CONTRAST = 3.0
RESTYLER = "theme_restyler"

Role = QPalette.ColorRole


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance (0 black, 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    rgb = color.toRgb()
    return (
        0.2126 * channel(rgb.redF())
        + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0 to 1) of the way to `b`, opaque, in whole 8-bit steps (what a
    style sheet can say, so a colour reads back unchanged)."""
    a, b = a.toRgb(), b.toRgb()
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def readable(color: QColor, *backgrounds: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """`color`, darkened on light backgrounds or lightened on dark ones just enough to reach
    `ratio` against every one of them."""
    dark_behind = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    pole = QColor("white") if dark_behind else QColor("black")
    for step in range(41):
        candidate = mix(color, pole, step / 40)
        if all(contrast(candidate, b) >= ratio for b in backgrounds):
            return candidate
    return pole


def app_palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(Role.Window)) < luminance(palette.color(Role.WindowText))


def _grounds(palette: QPalette) -> tuple[QColor, QColor]:
    # Labels sit on the window, list rows on the base: a colour must read on both.
    return palette.color(Role.Window), palette.color(Role.Base)


def _pick(palette: QPalette, light: str, dark: str) -> QColor:
    return QColor(dark if is_dark(palette) else light)


def muted(palette: QPalette) -> QColor:
    """Secondary text: subtitles, hints, notes."""
    start = mix(palette.color(Role.Text), palette.color(Role.Base), 0.45)
    return readable(start, *_grounds(palette))


def error(palette: QPalette) -> QColor:
    """Form errors, overdue follow-ups."""
    return readable(_pick(palette, "#b3261e", "#f2b8b5"), *_grounds(palette))


def warning(palette: QPalette) -> QColor:
    """Possible duplicates, updates an import makes, notes that need a look."""
    return readable(_pick(palette, "#8a5300", "#f5c26b"), *_grounds(palette))


def success(palette: QPalette) -> QColor:
    return readable(_pick(palette, "#166534", "#86d39a"), *_grounds(palette))


def link(palette: QPalette) -> QColor:
    return readable(palette.color(Role.Link), *_grounds(palette))


def accent(palette: QPalette) -> QColor:
    """Text in the selection's hue (a note that someone is already known)."""
    return readable(palette.color(Role.Highlight), *_grounds(palette))


def border(palette: QPalette) -> QColor:
    """A card's hairline: visible, but quieter than any text."""
    return mix(palette.color(Role.Base), palette.color(Role.Text), 0.22)


def backdrop(palette: QPalette) -> tuple[QColor, QColor]:
    """The desk a page preview lies on (a shade off the window), and text readable on it."""
    ground = mix(palette.color(Role.Window), palette.color(Role.WindowText), 0.08)
    return ground, readable(muted(palette), ground)


def check_outline(palette: QPalette, background: QColor | None = None) -> QColor:
    """The outline of a check box drawn on `background` (the base by default)."""
    ground = background if background is not None else palette.color(Role.Base)
    start = mix(palette.color(Role.Text), ground, 0.35)
    return readable(start, ground, ratio=UI_CONTRAST)


def _tinted(palette: QPalette, ground: QColor, hue: QColor) -> tuple[QColor, QColor]:
    """A soft background in `hue` over `ground`, and text in that hue readable on it."""
    background = mix(ground, hue, 0.32 if is_dark(palette) else 0.16)
    start = mix(hue, palette.color(Role.Text), 0.45)
    return background, readable(start, background)


def pill(palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text of a tag pill."""
    return _tinted(palette, palette.color(Role.Base), palette.color(Role.Highlight))


def me_pill(palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text of the "This is me" chip: the pill in green."""
    green = _pick(palette, "#2e7d32", "#66bb6a")
    return _tinted(palette, palette.color(Role.Base), green)


def selection(palette: QPalette) -> tuple[QColor, QColor]:
    """Background and text of the sidebar's current page: a soft tint of the highlight."""
    return _tinted(palette, palette.color(Role.Window), palette.color(Role.Highlight))


def notice(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Background, text and border of an amber notice box."""
    background, text = _tinted(
        palette, palette.color(Role.Base), _pick(palette, "#d97706", "#f59e0b")
    )
    return background, text, mix(background, text, 0.35)


def follow(widget: QWidget, sheet: Callable[[QPalette], str]) -> None:
    """Give `widget` the style sheet `sheet(palette)` now and again whenever the application's
    palette changes."""
    restyler = widget.findChild(_Restyler, RESTYLER, Qt.FindChildOption.FindDirectChildrenOnly)
    if restyler is None:  # one per widget: a later call (warning, then muted again) replaces
        restyler = _Restyler(widget, sheet)
    restyler.sheet = sheet
    restyler.apply()


def colour(widget: QWidget, pick: Callable[[QPalette], QColor], extra: str = "") -> None:
    """Text of `widget` in the colour `pick` gives for the current palette; `extra` holds the
    rest of its style sheet (padding, font size)."""
    follow(widget, lambda palette: f"color: {pick(palette).name()}; {extra}".strip())


def sidebar_sheet(palette: QPalette) -> str:
    background, text = selection(palette)
    return (
        "#sidebar { background: palette(window); padding-top: 8px; outline: 0; }"
        "#sidebar::item { padding: 8px 10px; border-radius: 6px; margin: 1px 6px; }"
        f"#sidebar::item:selected {{ background: {background.name()}; color: {text.name()}; }}"
    )


def pill_sheet(palette: QPalette) -> str:
    background, text = pill(palette)
    return _pill_rule(background, text)


def me_pill_sheet(palette: QPalette) -> str:
    background, text = me_pill(palette)
    return _pill_rule(background, text)


def _pill_rule(background: QColor, text: QColor) -> str:
    return (
        f"QLabel {{ background: {background.name()}; color: {text.name()};"
        " border-radius: 9px; padding: 2px 9px; }"
    )


def notice_sheet(palette: QPalette) -> str:
    background, text, edge = notice(palette)
    return (
        f"QLabel {{ background: {background.name()}; color: {text.name()};"
        f" border: 1px solid {edge.name()}; border-radius: 4px; padding: 6px 8px; }}"
    )


class _Restyler(QObject):
    """Lives as long as its widget (its child) and restyles it when the application's palette
    changes. A widget with a style sheet gets no PaletteChange event then, so this listens to
    the application (Qt 6 marks paletteChanged deprecated in favour of an event that only an
    application-wide event filter would see, for every event of every widget)."""

    def __init__(self, widget: QWidget, sheet: Callable[[QPalette], str]) -> None:
        super().__init__(widget)
        self.setObjectName(RESTYLER)
        self._widget = widget
        self.sheet = sheet
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.paletteChanged.connect(self.apply)

    def apply(self) -> None:
        # From the application's palette, never the widget's own (which its style sheet has
        # already coloured).
        sheet = self.sheet(app_palette())
        if sheet != self._widget.styleSheet():
            self._widget.setStyleSheet(sheet)


def dark_palette() -> QPalette:
    """A dark palette in the manner of KDE's Breeze Dark (with a deeper selection blue, so
    that white text on it reads), for screenshots and tests of the dark look."""
    palette = QPalette()
    colours = {
        Role.Window: "#202326",
        Role.WindowText: "#fcfcfc",
        Role.Base: "#141618",
        Role.AlternateBase: "#1d1f22",
        Role.ToolTipBase: "#292c30",
        Role.ToolTipText: "#fcfcfc",
        Role.PlaceholderText: "#a1a9b1",
        Role.Text: "#fcfcfc",
        Role.Button: "#292c30",
        Role.ButtonText: "#fcfcfc",
        Role.BrightText: "#ffffff",
        Role.Light: "#40464c",
        Role.Midlight: "#33383c",
        Role.Mid: "#1e2124",
        Role.Dark: "#141618",
        Role.Shadow: "#0f1012",
        Role.Highlight: "#1f6fb8",
        Role.HighlightedText: "#fcfcfc",
        Role.Link: "#1d99f3",
        Role.LinkVisited: "#9b59b6",
    }
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    disabled = QPalette.ColorGroup.Disabled
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(disabled, role, QColor("#6e7175"))
    return palette
