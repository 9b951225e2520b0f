"""The rendered business-card test set (tests/data/scan_cards, made by scripts/render_cards.py).

Each photo has the cards on it with their truth: what a careful person would type from the card,
in the shape of `CardFields.to_json()`, plus "language", "region", "layout", "side" ("single",
"front", "back"), "card_id", "corners" (the card's corners in the photo: top-left, top-right,
bottom-right, bottom-left of the upright card) and "not_phones" (printed numbers that are no
phone: tax ids, registry numbers, bank accounts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from netdesk.scan.card_fields import CardFields, CardPhone

FOLDER = Path(__file__).parents[1] / "data" / "scan_cards"
TRUTH = FOLDER / "truth.json"


@dataclass(frozen=True)
class RenderedCard:
    truth: dict[str, Any]

    @property
    def language(self) -> str:
        return str(self.truth["language"])

    @property
    def region(self) -> str:
        return str(self.truth["region"])

    @property
    def side(self) -> str:
        return str(self.truth["side"])

    @property
    def corners(self) -> list[tuple[float, float]]:
        return [(float(x), float(y)) for x, y in self.truth["corners"]]

    @property
    def not_phones(self) -> list[str]:
        return list(self.truth["not_phones"])

    def fields(self) -> CardFields:
        """The truth as CardFields (what the recogniser should give)."""
        return fields_of(self.truth)


@dataclass(frozen=True)
class RenderedPhoto:
    file: str
    setting: str  # "table", "flatbed" or "two_cards"
    turn: int  # the quarter turn the card lies at (0, 90, 180, 270), plus up to ±14°
    cards: tuple[RenderedCard, ...]
    # 1, or the EXIF orientation a phone writes: the pixels are stored turned and the corners
    # are those of the picture as shown (turned as EXIF says)
    exif_orientation: int = 1

    @property
    def path(self) -> Path:
        return FOLDER / self.file

    @property
    def language(self) -> str:
        return self.cards[0].language


def fields_of(truth: dict[str, Any]) -> CardFields:
    return CardFields(
        name=truth["name"],
        given=truth["given"],
        family=truth["family"],
        title=truth["title"],
        organization=truth["organization"],
        department=truth["department"],
        emails=list(truth["emails"]),
        phones=[CardPhone(p["number"], p["kind"]) for p in truth["phones"]],
        urls=list(truth["urls"]),
        address=truth["address"],
        unplaced=list(truth["unplaced"]),
    )


@cache
def _data() -> dict[str, Any]:
    return dict(json.loads(TRUTH.read_text("utf-8")))


def photos() -> list[RenderedPhoto]:
    """Every photo of the set, in file order."""
    return [
        RenderedPhoto(
            p["file"],
            p["setting"],
            int(p["turn"]),
            tuple(RenderedCard(c) for c in p["cards"]),
            int(p["exif_orientation"]),
        )
        for p in _data()["photos"]
    ]


def photo(file: str) -> RenderedPhoto:
    """One photo by its file name ("017_en_table.jpg")."""
    for found in photos():
        if found.file == file:
            return found
    raise KeyError(file)


def sample(
    count: int, *, setting: str | None = None, language: str | None = None, side: str | None = None
) -> list[RenderedPhoto]:
    """`count` photos spread evenly over the set (so a few cover the languages and layouts)."""
    chosen = [
        p
        for p in photos()
        if (setting is None or p.setting == setting)
        and (language is None or p.language == language)
        and (side is None or p.cards[0].side == side)
    ]
    if count >= len(chosen):
        return chosen
    step = len(chosen) / count
    return [chosen[int(i * step)] for i in range(count)]


def two_sided() -> list[tuple[RenderedPhoto, RenderedPhoto, CardFields]]:
    """(front photo, back photo, the truth of both sides read as one contact)."""
    return [
        (photo(entry["front"]), photo(entry["back"]), fields_of(entry["merged"]))
        for entry in _data()["two_sided"]
    ]
