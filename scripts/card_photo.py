"""Making flat card pictures look photographed: a table, perspective, rotation, light, blur, noise.

All drawn procedurally with numpy and OpenCV from a seeded generator, so a run reproduces the set.
"""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image

Quad = list[tuple[float, float]]  # the card's top-left, top-right, bottom-right, bottom-left


def _smooth_noise(rng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    """Noise in [0, 1] with features about w/cells pixels wide."""
    small = rng.random((max(2, cells * h // w), max(2, cells))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def _hex(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], np.float32)


def background(
    rng: random.Random, nrng: np.random.Generator, w: int, h: int, kind: str
) -> np.ndarray:
    if kind == "wood":
        base = _hex(rng.choice(["#8b5a2b", "#a0703c", "#6b4226", "#c19a6b", "#5c3a21"]))
        warp = _smooth_noise(nrng, w, h, 4) * rng.uniform(10, 40)
        y = np.arange(h, dtype=np.float32)[:, None] + warp
        freq = rng.uniform(0.06, 0.16)
        grain = 0.5 + 0.5 * np.sin(y * freq + _smooth_noise(nrng, w, h, 3) * 6)
        shade = 0.78 + 0.22 * grain * (0.7 + 0.3 * _smooth_noise(nrng, w, h, 40))
        img = base[None, None, :] * shade[..., None]
    elif kind == "cloth":
        base = _hex(rng.choice(["#3d5a80", "#6d597a", "#b56576", "#52796f", "#8d99ae", "#264653"]))
        period = rng.uniform(5, 9)
        x = np.arange(w, dtype=np.float32)[None, :]
        yy = np.arange(h, dtype=np.float32)[:, None]
        weave = 0.5 + 0.25 * np.sin(x * 2 * math.pi / period) * np.sin(yy * 2 * math.pi / period)
        folds = 0.75 + 0.25 * _smooth_noise(nrng, w, h, 5)
        img = base[None, None, :] * (0.8 + 0.3 * weave)[..., None] * folds[..., None]
        img = cv2.GaussianBlur(img, (0, 0), 0.8)
    elif kind == "dark_desk":
        base = _hex(rng.choice(["#2b2b2b", "#1e2326", "#332a22", "#202830"]))
        img = base[None, None, :] * (0.85 + 0.3 * _smooth_noise(nrng, w, h, 8))[..., None]
    elif kind == "stone":
        base = _hex(rng.choice(["#9a9a94", "#b8b2a7", "#7d8085", "#c8c3b8"]))
        blotch = 0.8 + 0.2 * _smooth_noise(nrng, w, h, 30) + 0.1 * _smooth_noise(nrng, w, h, 6)
        img = base[None, None, :] * blotch[..., None]
    elif kind == "scanner":
        grey = rng.uniform(238, 252)
        img = np.full((h, w, 3), grey, np.float32) - 6 * _smooth_noise(nrng, w, h, 3)[..., None]
    else:  # light desk / laminate
        base = _hex(rng.choice(["#d9d4c7", "#e6e1d6", "#c9ced3", "#d2c2a8", "#ece9e2"]))
        img = base[None, None, :] * (0.9 + 0.12 * _smooth_noise(nrng, w, h, 4))[..., None]
    return img.astype(np.float32)


def _paper(card: Image.Image, nrng: np.random.Generator) -> np.ndarray:
    arr = np.asarray(card.convert("RGB"), np.float32)
    h, w = arr.shape[:2]
    return arr * (0.985 + 0.015 * _smooth_noise(nrng, w, h, 30))[..., None]


def card_quad(
    rng: random.Random,
    cw: int,
    ch: int,
    centre: tuple[float, float],
    long_side: float,
    angle: float,
    tilt: float,
) -> Quad:
    """Corners of a card of aspect cw:ch drawn `long_side` px long, turned by `angle` degrees."""
    scale = long_side / max(cw, ch)
    hw, hh = cw * scale / 2, ch * scale / 2
    corners = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)]
    jitter = [(rng.uniform(-1, 1) * tilt * hw, rng.uniform(-1, 1) * tilt * hh) for _ in corners]
    # a keystone: the far edge of the card looks shorter
    keystone = rng.uniform(-1, 1) * tilt
    corners = [(x * (1 - keystone * (0.5 - (y > 0))), y) for x, y in corners]
    a = math.radians(angle)
    out = []
    for (x, y), (jx, jy) in zip(corners, jitter, strict=True):
        x, y = x + jx, y + jy
        out.append(
            (
                centre[0] + x * math.cos(a) - y * math.sin(a),
                centre[1] + x * math.sin(a) + y * math.cos(a),
            )
        )
    return out


def paste(
    photo: np.ndarray, card: np.ndarray, quad: Quad, shadow: float, rng: random.Random
) -> np.ndarray:
    h, w = photo.shape[:2]
    ch, cw = card.shape[:2]
    src = np.float32([(0, 0), (cw, 0), (cw, ch), (0, ch)])
    matrix = cv2.getPerspectiveTransform(src, np.float32(quad))
    warped = cv2.warpPerspective(card, matrix, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(
        np.ones((ch, cw), np.float32), matrix, (w, h), flags=cv2.INTER_LINEAR
    )
    if shadow > 0:
        dx, dy = rng.uniform(-1, 1) * 14, rng.uniform(3, 16)
        moved = cv2.warpAffine(mask, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h))
        soft = cv2.GaussianBlur(moved, (0, 0), rng.uniform(6, 18))
        photo = photo * (1 - shadow * soft)[..., None]
    return photo * (1 - mask[..., None]) + warped * mask[..., None]


def lighting(
    photo: np.ndarray,
    rng: random.Random,
    nrng: np.random.Generator,
    strength: float,
    hard_shadow: bool,
) -> np.ndarray:
    h, w = photo.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    ramp = ((xx / w - 0.5) * math.cos(a) + (yy / h - 0.5) * math.sin(a)).astype(np.float32)
    vignette = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2).astype(np.float32)
    light = 1 + strength * ramp - strength * 0.8 * vignette
    if hard_shadow:
        # the phone's (or the hand's) shadow falling over part of the picture
        mask = np.zeros((h, w), np.float32)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        pts = [
            (cx + rng.uniform(-1, 1) * w * 0.6, cy + rng.uniform(-1, 1) * h * 0.6) for _ in range(5)
        ]
        cv2.fillPoly(mask, [np.int32(pts)], 1.0)
        mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(8, 30))
        light = light * (1 - rng.uniform(0.25, 0.45) * mask)
    light *= 1 + 0.04 * (_smooth_noise(nrng, w, h, 5) - 0.5)
    return photo * light[..., None]


def finish(
    photo: np.ndarray, rng: random.Random, nrng: np.random.Generator, blur: float, noise: float
) -> Image.Image:
    if blur > 0.15:
        photo = cv2.GaussianBlur(photo, (0, 0), blur)
    if rng.random() < 0.12:  # a little shake
        k = rng.choice([3, 5])
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1 / k
        rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1)
        kernel = cv2.warpAffine(kernel, rot, (k, k))
        photo = cv2.filter2D(photo, -1, kernel / max(kernel.sum(), 1e-6))
    if noise > 0:
        grain = nrng.normal(0, noise, photo.shape[:2]).astype(np.float32)
        photo = (
            photo + grain[..., None] + nrng.normal(0, noise * 0.4, photo.shape).astype(np.float32)
        )
    return Image.fromarray(photo.clip(0, 255).astype(np.uint8))


def photograph(
    rng: random.Random, cards: list[Image.Image], setting: str, size: tuple[int, int] | None = None
) -> tuple[Image.Image, list[Quad], dict]:
    """One photo of `cards` (one, or two side by side) in a setting: "table" or "flatbed"."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    flat = setting == "flatbed"
    turn = rng.choice([0, 0, 0, 0, 0, 90, 180, 270]) if not flat else rng.choice([0, 0, 0, 180, 90])
    if size is None:
        long = rng.choice([1200, 1280, 1400, 1600]) if len(cards) == 1 else 2000
        short = int(long * rng.choice([0.75, 0.75, 0.5625, 0.8]))
        wide = (cards[0].width >= cards[0].height) != (turn in (90, 270))
        wide = wide if rng.random() < 0.85 else not wide
        size = (long, short) if wide or len(cards) > 1 else (short, long)
        if flat:
            size = (long, int(long * 0.72))
    w, h = size
    kind = (
        "scanner" if flat else rng.choice(["wood", "wood", "cloth", "desk", "dark_desk", "stone"])
    )
    photo = background(rng, nrng, w, h, kind)
    quads: list[Quad] = []
    n = len(cards)
    for i, card in enumerate(cards):
        cw, ch = card.size
        room_w, room_h = (w / n, h) if w >= h else (w, h / n)
        angle = turn + (rng.uniform(-1.2, 1.2) if flat else rng.uniform(-14, 14))
        a = math.radians(angle)
        box_w = abs(cw * math.cos(a)) + abs(ch * math.sin(a))
        box_h = abs(cw * math.sin(a)) + abs(ch * math.cos(a))
        frac = rng.uniform(0.55, 0.85) if flat else rng.uniform(0.68, 0.9)
        if n > 1:
            frac = rng.uniform(0.86, 0.96)
        scale = frac * min(room_w / box_w, room_h / box_h)
        long_px = max(cw, ch) * scale
        ox, oy = (i * room_w, 0.0) if w >= h else (0.0, i * room_h)
        if flat:
            margin = rng.uniform(20, 60)
            centre = (ox + margin + box_w * scale / 2, oy + margin + box_h * scale / 2)
            tilt = 0.0
        else:
            free_x, free_y = room_w - box_w * scale, room_h - box_h * scale
            centre = (
                ox + room_w / 2 + rng.uniform(-0.4, 0.4) * free_x,
                oy + room_h / 2 + rng.uniform(-0.4, 0.4) * free_y,
            )
            tilt = rng.uniform(0.0, 0.08)
        quad = card_quad(rng, cw, ch, centre, long_px, angle, tilt)
        photo = paste(
            photo, _paper(card, nrng), quad, 0.0 if flat else rng.uniform(0.15, 0.45), rng
        )
        quads.append(quad)
    if not flat:
        photo = lighting(photo, rng, nrng, rng.uniform(0.05, 0.35), rng.random() < 0.2)
    blur = rng.uniform(0.3, 0.7) if flat else rng.choice([0.0, 0.4, 0.7, 1.0, 1.3])
    noise = rng.uniform(0.5, 1.2) if flat else rng.uniform(0.8, 2.8)
    info = {"background": kind, "turn": turn, "blur": round(blur, 2), "noise": round(noise, 2)}
    return finish(photo, rng, nrng, blur, noise), quads, info
