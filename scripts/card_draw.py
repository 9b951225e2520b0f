"""Drawing one side of a business card (card_content.Side) as a flat picture in one of the layouts.

Fonts (Debian packages): fonts-dejavu-core, fonts-liberation2, fonts-noto-core, fonts-wqy-microhei.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from card_content import Segment
from PIL import Image, ImageDraw, ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
NOTO = Path("/usr/share/fonts/truetype/noto")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# (regular, bold) per family
FAMILIES = {
    "DejaVu Sans": (DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"),
    "DejaVu Sans Condensed": (
        DEJAVU / "DejaVuSansCondensed.ttf",
        DEJAVU / "DejaVuSansCondensed-Bold.ttf",
    ),
    "DejaVu Serif": (DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"),
    "Liberation Sans": (
        LIBERATION / "LiberationSans-Regular.ttf",
        LIBERATION / "LiberationSans-Bold.ttf",
    ),
    "Liberation Serif": (
        LIBERATION / "LiberationSerif-Regular.ttf",
        LIBERATION / "LiberationSerif-Bold.ttf",
    ),
    "Noto Sans": (NOTO / "NotoSans-Regular.ttf", NOTO / "NotoSans-Bold.ttf"),
    "Noto Serif": (NOTO / "NotoSerif-Regular.ttf", NOTO / "NotoSerif-Bold.ttf"),
    "Noto Sans Display": (NOTO / "NotoSansDisplay-Regular.ttf", NOTO / "NotoSansDisplay-Bold.ttf"),
}
MONO = {
    "DejaVu Sans Mono": DEJAVU / "DejaVuSansMono.ttf",
    "Liberation Mono": LIBERATION / "LiberationMono-Regular.ttf",
}
LAYOUTS = ("left", "centred", "two_columns", "logo_block", "name_bottom", "band", "vertical")

LIGHT = [
    ("#ffffff", "#1a1a1a"),
    ("#f7f3e8", "#2a2420"),
    ("#eef2f5", "#16283a"),
    ("#fdfdf8", "#333333"),
    ("#f2efe9", "#3b3b3b"),
    ("#ffffff", "#222244"),
]
DARK = [
    ("#1b2a41", "#f4f4f4"),
    ("#262626", "#f0e6d2"),
    ("#1f3d2b", "#ffffff"),
    ("#101010", "#e8e8e8"),
    ("#4a1c2a", "#fbefe6"),
]
ACCENTS = ["#c0392b", "#1f6fb2", "#0f7b5f", "#8e44ad", "#d35400", "#2c3e50", "#b8860b", "#006d77"]
_fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    key = (str(path), size)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(path), size)
    return _fonts[key]


@dataclass
class Style:
    family: str
    regular: Path
    bold: Path
    contact_font: Path
    background: str
    ink: str
    accent: str
    muted: str
    dark: bool
    upper_name: bool
    tabular: bool = False  # contact labels in a column of their own ("T    +49 ...")


def pick_style(rng: random.Random, language: str) -> Style:
    family = rng.choice(list(FAMILIES))
    regular, bold = FAMILIES[family]
    contact = regular
    if rng.random() < 0.12:
        family_mono = rng.choice(list(MONO))
        contact = MONO[family_mono]
    if language in ("zh", "ja"):
        family, regular, bold = "WenQuanYi Micro Hei", WQY, WQY
        contact = rng.choice([WQY, FAMILIES["DejaVu Sans"][0], FAMILIES["Liberation Sans"][0]])
    dark = rng.random() < 0.2
    background, ink = rng.choice(DARK if dark else LIGHT)
    accent = rng.choice(ACCENTS) if not dark else rng.choice(["#f1c40f", "#7fdbca", "#ffb38a", ink])
    muted = rng.choice(["#666666", "#777777", "#555555", ink]) if not dark else "#c8c8c8"
    return Style(
        family,
        regular,
        bold,
        contact,
        background,
        ink,
        accent,
        muted,
        dark,
        rng.random() < 0.12 and language not in ("zh", "ja"),
    )


@dataclass
class Line:
    text: str
    path: Path
    size: int
    colour: str
    segments: list[Segment] | None = None
    label_width: float = 0.0  # the label column's width on a tabular card


class Card:
    """A card canvas with helpers to measure and draw lines."""

    def __init__(self, width: int, height: int, style: Style) -> None:
        self.image = Image.new("RGB", (width, height), style.background)
        self.draw = ImageDraw.Draw(self.image)
        self.style = style
        self.width, self.height = width, height

    def text_width(self, line: Line) -> float:
        if line.segments is None:
            return self.draw.textlength(line.text, font=font(line.path, line.size))
        return sum(self._segment_width(s, line) for s in line.segments) + self._gap(line) * (
            len(line.segments) - 1
        )

    def _gap(self, line: Line) -> float:
        return line.size * 1.6

    def label_width(self, line: Line) -> float:
        """The width of the line's one label (0 when it has none or several segments)."""
        if not line.segments or len(line.segments) != 1 or not line.segments[0].label:
            return 0.0
        return self.draw.textlength(line.segments[0].label + " ", font=font(line.path, line.size))

    def _segment_width(self, seg: Segment, line: Line) -> float:
        f = font(line.path, line.size)
        width = self.draw.textlength(seg.value, font=f)
        if seg.label:
            width += max(line.label_width, self.draw.textlength(seg.label + " ", font=f))
        if seg.icon:
            width += line.size * 1.4
        return width

    def fit(self, line: Line, room: float) -> Line:
        # Not below 14 px (about 6 pt on a printed card) unless the line would leave the card.
        while line.size > 14 and self.text_width(line) > room:
            line.size -= 1
        while line.size > 10 and self.text_width(line) > self.width - 24:
            line.size -= 1
        return line

    def put(self, line: Line, x: float, y: float) -> None:
        f = font(line.path, line.size)
        if line.segments is None:
            self.draw.text((x, y), line.text, font=f, fill=line.colour)
            return
        for seg in line.segments:
            if seg.icon:
                self.icon(seg.icon, x, y, line.size, line.colour)
                x += line.size * 1.4
            if seg.label:
                label = seg.label + " "
                self.draw.text(
                    (x, y),
                    label,
                    font=f,
                    fill=self.style.accent if not self.style.dark else line.colour,
                )
                x += max(line.label_width, self.draw.textlength(label, font=f))
            self.draw.text((x, y), seg.value, font=f, fill=line.colour)
            x += self.draw.textlength(seg.value, font=f) + self._gap(line)

    def icon(self, kind: str, x: float, y: float, size: int, colour: str) -> None:
        """Small drawn pictograms in front of contact lines (no letters, except 'in' and 'X')."""
        d, s = self.draw, size * 0.9
        top = y + size * 0.15
        accent = self.style.accent
        if kind == "mobile":
            d.rounded_rectangle(
                (x + s * 0.25, top, x + s * 0.7, top + s), radius=3, outline=accent, width=2
            )
        elif kind == "phone":
            d.pieslice((x, top, x + s, top + s * 1.2), 200, 340, fill=accent)
            d.rectangle((x + s * 0.2, top + s * 0.5, x + s * 0.8, top + s), fill=accent)
        elif kind == "fax":
            d.rectangle((x, top + s * 0.35, x + s, top + s * 0.9), outline=accent, width=2)
            d.rectangle((x + s * 0.2, top, x + s * 0.8, top + s * 0.35), outline=accent, width=2)
        elif kind == "mail":
            d.rectangle((x, top + s * 0.15, x + s, top + s * 0.85), outline=accent, width=2)
            d.line(
                (x, top + s * 0.15, x + s / 2, top + s * 0.55, x + s, top + s * 0.15),
                fill=accent,
                width=2,
            )
        elif kind == "web":
            d.ellipse((x, top, x + s, top + s), outline=accent, width=2)
            d.line((x, top + s / 2, x + s, top + s / 2), fill=accent, width=2)
        elif kind in ("in", "x"):
            d.rounded_rectangle((x, top, x + s, top + s), radius=3, fill=accent)
            f = font(FAMILIES["DejaVu Sans"][1], max(8, int(s * 0.6)))
            d.text(
                (x + s * 0.15, top + s * 0.12),
                "in" if kind == "in" else "X",
                font=f,
                fill=self.style.background,
            )
        elif kind == "mastodon":
            d.ellipse((x, top, x + s, top + s), fill=accent)

    def logo(self, rng: random.Random, x: float, y: float, size: float, colour: str) -> None:
        shape = rng.choice(["circle", "square", "triangle", "rings", "bars"])
        d = self.draw
        if shape == "circle":
            d.ellipse((x, y, x + size, y + size), fill=colour)
        elif shape == "square":
            d.rectangle((x, y, x + size, y + size), fill=colour)
            d.rectangle(
                (x + size * 0.3, y + size * 0.3, x + size * 0.7, y + size * 0.7),
                fill=self.style.background,
            )
        elif shape == "triangle":
            d.polygon([(x, y + size), (x + size / 2, y), (x + size, y + size)], fill=colour)
        elif shape == "rings":
            d.ellipse((x, y, x + size * 0.7, y + size * 0.7), outline=colour, width=5)
            d.ellipse((x + size * 0.3, y + size * 0.3, x + size, y + size), outline=colour, width=5)
        else:
            for i in range(4):
                h = size * (0.4 + 0.2 * i)
                d.rectangle(
                    (x + i * size / 4, y + size - h, x + i * size / 4 + size / 6, y + size),
                    fill=colour,
                )
