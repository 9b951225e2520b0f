"""Business cards drawn in code for the reader's tests: a card, and photos of it lying on a
textured table at any angle and perspective (the rendered test set has the many layouts)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

ANA = (
    "Ana Lima",
    "Head of Partnerships",
    "Example Trading GmbH",
    "M +49 170 5550123",
    "ana.lima@example.de",
    "Hauptstr. 5, 10115 Berlin",
)


def card(lines: Sequence[str] = ANA, size: tuple[int, int] = (1050, 600)) -> np.ndarray:
    """A plain cream card (RGB array): the first line big and bold, the others below it."""
    picture = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(picture)
    draw.text((60, 50), lines[0], font=ImageFont.truetype(BOLD, 64), fill=(20, 20, 20))
    small = ImageFont.truetype(FONT, 34)
    for number, text in enumerate(lines[1:]):
        draw.text((60, 150 + number * 70), text, font=small, fill=(40, 40, 40))
    return np.asarray(picture).copy()


def table(width: int, height: int, seed: int = 1) -> np.ndarray:
    """A brown wood-like texture."""
    rng = np.random.default_rng(seed)
    coarse = rng.normal(110, 22, (max(2, height // 16), max(2, width // 16), 3))
    grain = cv2.resize(coarse.clip(0, 255).astype(np.uint8), (width, height))
    grain[:, :, 2] = (grain[:, :, 2] * 0.55).astype(np.uint8)
    grain[:, :, 1] = (grain[:, :, 1] * 0.8).astype(np.uint8)
    return grain


def on_table(
    cards: Sequence[np.ndarray],
    places: Sequence[tuple[float, float, float, float]],
    size: tuple[int, int] = (2000, 1500),
    tilt: float = 0.0,
) -> np.ndarray:
    """A photo of the cards on a table: each at (centre x, centre y as shares of the photo,
    width as a share of the photo's width, angle in degrees); `tilt` pulls the top corners
    together as a camera held at a slant does."""
    width, height = size
    photo = table(width, height)
    for picture, (cx, cy, share, angle) in zip(cards, places, strict=True):
        card_h, card_w = picture.shape[:2]
        scale = width * share / card_w
        turn = np.deg2rad(angle)
        corners = []
        for x, y in ((0, 0), (card_w, 0), (card_w, card_h), (0, card_h)):
            dx, dy = (x - card_w / 2) * scale, (y - card_h / 2) * scale
            corners.append(
                [
                    cx * width + dx * np.cos(turn) - dy * np.sin(turn),
                    cy * height + dx * np.sin(turn) + dy * np.cos(turn),
                ]
            )
        target = np.float32(corners)
        if tilt:
            middle = target.mean(axis=0)
            target[0] += (middle - target[0]) * [tilt, tilt / 2]
            target[1] += (middle - target[1]) * [tilt, tilt / 2]
        source = np.float32([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]])
        matrix = cv2.getPerspectiveTransform(source, target)
        warped = cv2.warpPerspective(picture, matrix, (width, height))
        solid = np.full((card_h, card_w), 255, np.uint8)
        mask = cv2.warpPerspective(solid, matrix, (width, height))
        photo = np.where(mask[:, :, None] > 0, warped, photo)
    return photo


def jpeg(picture: np.ndarray, quality: int = 88, **extra: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, "JPEG", quality=quality, **extra)
    return buffer.getvalue()
