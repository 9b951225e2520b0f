"""Layouts: where a side's lines go on the card; each group of lines is fitted into its box."""

from __future__ import annotations

import random
from dataclasses import dataclass

from card_content import Side
from card_draw import Card, Line, Style
from PIL import Image

SIZES = ((1050, 600), (1020, 660), (1050, 636))


@dataclass
class Group:
    lines: list[Line]
    box: tuple[float, float, float, float]  # left, top, right, bottom
    align: str = "left"  # left, centre, right
    valign: str = "top"  # top, middle, bottom


def _height(lines: list[Line]) -> float:
    return sum(line.size * 1.32 for line in lines)


def _place(card: Card, group: Group) -> None:
    left, top, right, bottom = group.box
    for line in group.lines:
        card.fit(line, right - left)
    for _ in range(30):
        if _height(group.lines) <= bottom - top:
            break
        for line in group.lines:
            line.size = max(13, int(line.size * 0.93))
    if card.style.tabular and group.align == "left":
        column = max((card.label_width(line) for line in group.lines), default=0.0)
        for line in group.lines:
            if card.label_width(line):
                line.label_width = column + line.size * 0.8
    y = top
    room = bottom - top - _height(group.lines)
    if group.valign == "middle":
        y += room / 2
    elif group.valign == "bottom":
        y += room
    for line in group.lines:
        width = card.text_width(line)
        x = left
        if group.align == "centre":
            x = left + (right - left - width) / 2
        elif group.align == "right":
            x = right - width
        x = max(
            12.0, min(x, card.width - 12 - width)
        )  # a line wider than its box stays on the card
        card.put(line, x, y)
        y += line.size * 1.32


def _lines(rng: random.Random, side: Side, style: Style, scale: float) -> dict[str, list[Line]]:
    cjk = side.language in ("zh", "ja")
    s = lambda a, b: int(rng.randint(a, b) * scale)  # noqa: E731
    name = side.name.upper() if style.upper_name else side.name
    name_colour = rng.choice([style.ink, style.accent])
    head = [Line(name, style.bold, s(56, 70) if cjk else s(46, 62), name_colour)] if name else []
    if side.title:
        head.append(Line(side.title, style.regular, s(24, 30), style.muted))
    if side.department:
        head.append(Line(side.department, style.regular, s(21, 26), style.muted))
    org = [Line(side.org_printed, style.bold, s(30, 44), rng.choice([style.ink, style.accent]))]
    if not side.organization:
        org = []
    size = s(20, 25)
    contacts = [
        Line("", style.contact_font, size, style.ink, segments=segs) for segs in side.contacts
    ]
    contacts += [Line(a, style.regular, size, style.ink) for a in side.address]
    extras = [Line(e, style.regular, s(15, 19), style.muted) for e in side.extras]
    return {"head": head, "org": org, "contacts": contacts, "extras": extras}


def render_side(rng: random.Random, side: Side, layout: str, style: Style) -> Image.Image:
    width, height = rng.choice(SIZES)
    if layout == "vertical":
        width, height = height, width
    card = Card(width, height, style)
    m = rng.randint(44, 70)
    parts = _lines(rng, side, style, 0.85 if layout == "vertical" else 1.0)
    head, org, contacts, extras = parts["head"], parts["org"], parts["contacts"], parts["extras"]
    logo = rng.random() < 0.6
    logo_size = rng.randint(50, 80)
    W, H = width, height
    groups: list[Group] = []
    if layout == "left":
        x0 = m
        if logo:
            card.logo(rng, m, m, logo_size, style.accent)
            x0 = m + logo_size + 20
        groups += [
            Group(org, (x0, m, W - m, m + logo_size + 6), valign="middle"),
            Group(head, (m, H * 0.27, W - m, H * 0.56), valign="middle"),
            Group(contacts + extras, (m, H * 0.58, W - m, H - m * 0.7), valign="bottom"),
        ]
    elif layout == "centred":
        top = m
        if logo:
            card.logo(rng, (W - logo_size) / 2, m * 0.7, logo_size, style.accent)
            top = m * 0.7 + logo_size + 8
        groups += [
            Group(org, (m, top, W - m, top + H * 0.12), "centre"),
            Group(head, (m, top + H * 0.13, W - m, H * 0.6), "centre", "middle"),
            Group(contacts + extras, (m, H * 0.6, W - m, H - m * 0.6), "centre", "bottom"),
        ]
    elif layout == "two_columns":
        split = W * rng.uniform(0.45, 0.55)
        align = rng.choice(["left", "right"])
        groups += [
            Group(org, (m, m, split - 20, m + H * 0.14)),
            Group(head, (m, H * 0.3, split - 20, H - m), valign="middle"),
            Group(contacts + extras, (split + 10, m, W - m, H - m), align, "middle"),
        ]
        card.draw.line((split, m, split, H - m), fill=style.accent, width=2)
    elif layout == "logo_block":
        block = W * rng.uniform(0.28, 0.36)
        card.draw.rectangle((0, 0, block, H), fill=style.accent)
        card.logo(rng, (block - logo_size) / 2, H * 0.2, logo_size, style.background)
        for line in org:
            line.colour = style.background
        groups += [
            Group(org, (18, H * 0.2 + logo_size + 16, block - 18, H - m), "centre"),
            Group(head, (block + m * 0.7, m, W - m * 0.7, H * 0.45)),
            Group(
                contacts + extras,
                (block + m * 0.7, H * 0.48, W - m * 0.7, H - m * 0.6),
                valign="bottom",
            ),
        ]
    elif layout == "name_bottom":
        if logo:
            card.logo(rng, W - m - logo_size, m, logo_size, style.accent)
        groups += [
            Group(org, (m, m, W - m - logo_size - 20, m + H * 0.14)),
            Group(contacts + extras, (W * 0.45, H * 0.26, W - m, H * 0.7), "right", "middle"),
            Group(head, (m, H * 0.62, W * 0.62, H - m * 0.6), valign="bottom"),
        ]
    elif layout == "band":
        band = H * rng.uniform(0.2, 0.26)
        at_top = rng.random() < 0.6
        y0, y1 = (0, band) if at_top else (H - band, H)
        card.draw.rectangle((0, y0, W, y1), fill=style.accent)
        for line in org:
            line.colour = style.background
        body_top, body_bottom = (
            (band + m * 0.6, H - m * 0.6) if at_top else (m * 0.6, H - band - 14)
        )
        groups += [
            Group(org, (m, y0 + 10, W - m, y1 - 10), valign="middle"),
            Group(head, (m, body_top, W * 0.5, body_bottom)),
            Group(contacts + extras, (W * 0.48, body_top, W - m, body_bottom), "right", "bottom"),
        ]
    else:  # vertical (portrait)
        align = rng.choice(["left", "centre"])
        top = m
        if logo:
            lx = (W - logo_size) / 2 if align == "centre" else m
            card.logo(rng, lx, m, logo_size, style.accent)
            top = m + logo_size + 14
        groups += [
            Group(org, (m, top, W - m, top + H * 0.09), align),
            Group(head, (m, top + H * 0.12, W - m, H * 0.55), align, "middle"),
            Group(contacts + extras, (m, H * 0.57, W - m, H - m), align, "bottom"),
        ]
    for group in groups:
        if group.lines:
            _place(card, group)
    return card.image


def render_logo_back(rng: random.Random, side: Side, style: Style) -> Image.Image:
    """A card's back: the logo, the organisation and maybe a slogan or the web address."""
    width, height = rng.choice(SIZES)
    card = Card(width, height, style)
    size = rng.randint(110, 170)
    card.logo(rng, (width - size) / 2, height * 0.14, size, style.accent)
    lines = [Line(side.org_printed, style.bold, rng.randint(34, 46), style.ink)]
    lines += [Line(e, style.regular, rng.randint(20, 26), style.muted) for e in side.extras]
    lines += [Line("", style.contact_font, 22, style.ink, segments=s) for s in side.contacts]
    _place(card, Group(lines, (50, height * 0.14 + size + 20, width - 50, height - 40), "centre"))
    return card.image
