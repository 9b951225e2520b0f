"""Render the business-card test set: photographed-looking cards with the truth of each.

Run `python scripts/render_cards.py [OUT_DIR]` (default tests/data/scan_cards): writes the
photos (JPEG) and truth.json there. The run is seeded, so it reproduces the committed set on the
same fonts and libraries. Needs the Debian font packages fonts-dejavu-core, fonts-liberation2,
fonts-noto-core and fonts-wqy-microhei, and Pillow, numpy, OpenCV and phonenumbers.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from card_backs import english_back, logo_back, merged_truth, social_back
from card_content import Side, make_side
from card_draw import FAMILIES, LAYOUTS, MONO, WQY, pick_style
from card_layouts import render_logo_back, render_side
from card_photo import photograph
from PIL import Image

DEFAULT_OUT = Path(__file__).parents[1] / "tests" / "data" / "scan_cards"
SEED = 15
# Cards per language in the whole set (the fronts), in the order they are drawn.
MIX = {"en": 42, "de": 40, "fr": 28, "es": 26, "pt": 26, "pl": 26, "zh": 18, "ja": 16}
PACKAGES = ["fonts-dejavu-core", "fonts-liberation2", "fonts-noto-core", "fonts-wqy-microhei"]


def languages() -> list[str]:
    """The languages interleaved (en, de, fr, ... en, de, ...) so that any prefix is mixed."""
    queues = {k: v for k, v in MIX.items()}
    out: list[str] = []
    while any(queues.values()):
        for lang in MIX:
            if queues[lang]:
                out.append(lang)
                queues[lang] -= 1
    return out


def design(
    rng: random.Random, language: str, tabular: bool = False
) -> tuple[Side, Image.Image, dict[str, Any]]:
    side = make_side(rng, language)
    layout = rng.choice(LAYOUTS)
    style = pick_style(rng, language)
    style.tabular = tabular
    image = render_side(rng, side, layout, style)
    meta = {"layout": layout, "font": style.family, "dark": style.dark}
    return side, image, meta


def tabular(seed: int, index: int) -> bool:
    """A card whose contact labels stand in a column of their own (drawn from its own seed, so
    that the other cards stay as they were)."""
    return random.Random(f"{seed}-{index}-tab").random() < 0.25


def exif_orientation(seed: int, index: int) -> int:
    """1, or for some photos the EXIF orientation a phone writes (the pixels stored turned)."""
    pick = random.Random(f"{seed}-{index}-exif")
    return pick.choice([6, 6, 8, 3]) if pick.random() < 0.1 else 1


def card_truth(side: Side, meta: dict[str, Any], which: str, card_id: str) -> dict[str, Any]:
    return {**side.truth, **meta, "side": which, "card_id": card_id}


# A phone stores its picture as the sensor saw it and says in EXIF how to turn it for showing:
# the stored picture for each orientation, from the picture as shown.
STORED = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def save(photo: Image.Image, path: Path, rng: random.Random, orientation: int = 1) -> None:
    quality = rng.choice([70, 74, 78, 82])
    if orientation == 1:
        photo.save(path, "JPEG", quality=quality, optimize=True)
        return
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored = photo.transpose(STORED[orientation])
    stored.save(path, "JPEG", quality=quality, optimize=True, exif=exif.tobytes())


def build(out: Path, count: int | None, seed: int) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    photos: list[dict[str, Any]] = []
    two_sided: list[dict[str, Any]] = []
    langs = languages()
    if count is not None:
        langs = langs[:count]
    i = 0
    number = 0
    while i < len(langs):
        # each card draws from its own seed, so a change to one card leaves the others as they were
        rng = random.Random(f"{seed}-{i}")
        roll = rng.random()
        number += 1
        if roll < 0.07 and i + 1 < len(langs):
            photos.append(_two_cards(out, rng, seed, i, langs[i : i + 2], number))
            i += 2
            continue
        entries, both = _one_card(out, rng, seed, i, langs[i], number, roll)
        photos += entries
        two_sided += both
        i += 1
    truth = {
        "generator": "scripts/render_cards.py",
        "seed": seed,
        "fonts": sorted({*FAMILIES, *MONO, "WenQuanYi Micro Hei"}),
        "font_packages": PACKAGES,
        "comment": "Made-up cards. Per photo: the cards on it (to_json() shape of netdesk.scan "
        "CardFields plus language, region, layout, side, card_id, not_phones: printed numbers "
        "that are no phone), and each card's corners in the photo (top-left, top-right, "
        "bottom-right, bottom-left of the upright card). two_sided: front and back photos of one "
        "card and the truth of both read as one contact.",
        "photos": photos,
        "two_sided": two_sided,
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return truth


def _two_cards(
    out: Path, rng: random.Random, seed: int, i: int, langs: list[str], number: int
) -> dict[str, Any]:
    """A photo of two cards side by side on a table."""
    other = random.Random(f"{seed}-{i}-b")
    a_side, a_img, a_meta = design(rng, langs[0], tabular(seed, i))
    b_side, b_img, b_meta = design(other, langs[1], tabular(seed, i + 1))
    photo, quads, info = photograph(rng, [a_img, b_img], "table")
    name = f"{number:03d}_{langs[0]}+{langs[1]}_two.jpg"
    cards = [
        card_truth(a_side, a_meta, "single", f"c{i:03d}"),
        card_truth(b_side, b_meta, "single", f"c{i + 1:03d}"),
    ]
    save(photo, out / name, rng)
    return _entry(name, "two_cards", cards, quads, info, photo)


def _one_card(
    out: Path, rng: random.Random, seed: int, i: int, language: str, number: int, roll: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The photo of one card (on a table or a flatbed), and of its back when it has one: (the
    photos' entries, the two-sided entry)."""
    stem = f"{number:03d}_{language}"
    side, img, meta = design(rng, language, tabular(seed, i))
    setting = "flatbed" if roll < 0.2 else "table"
    photo, quads, info = photograph(rng, [img], setting)
    has_back = roll > 0.9 or (language in ("zh", "ja") and roll > 0.55)
    name = f"{stem}_{'front' if has_back else setting}.jpg"
    cards = [card_truth(side, meta, "front" if has_back else "single", f"c{i:03d}")]
    entries: list[dict[str, Any]] = []
    both: list[dict[str, Any]] = []
    if has_back:
        back, back_img, back_meta = _back(rng, side, meta)
        b_photo, b_quads, b_info = photograph(rng, [back_img], "table")
        back_name = f"{stem}_back.jpg"
        save(b_photo, out / back_name, rng)
        back_cards = [card_truth(back, back_meta, "back", f"c{i:03d}")]
        entries.append(_entry(back_name, "table", back_cards, b_quads, b_info, b_photo))
        merged = _strip(merged_truth(side.truth, back.truth))
        both.append({"front": name, "back": back_name, "card_id": f"c{i:03d}", "merged": merged})
    info["exif_orientation"] = exif_orientation(seed, i) if setting == "table" else 1
    save(photo, out / name, rng, info["exif_orientation"])
    return [_entry(name, setting, cards, quads, info, photo), *entries], both


def _back(rng: random.Random, side: Side, meta: dict[str, Any]) -> tuple[Side, Image.Image, dict]:
    style = pick_style(rng, side.language)
    if side.language in ("zh", "ja"):
        back = english_back(rng, side)
        style = pick_style(rng, "en")
        layout = rng.choice(["left", "centred", "two_columns"])
        return (
            back,
            render_side(rng, back, layout, style),
            {"layout": layout, "font": style.family, "dark": style.dark},
        )
    if rng.random() < 0.5:
        back = logo_back(rng, side)
        return (
            back,
            render_logo_back(rng, back, style),
            {"layout": "logo_back", "font": style.family, "dark": style.dark},
        )
    back = social_back(rng, side)
    return (
        back,
        render_side(rng, back, "centred", style),
        {"layout": "centred", "font": style.family, "dark": style.dark},
    )


def _strip(truth: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in truth.items() if k not in ("layout", "font", "dark", "side")}


def _entry(
    name: str,
    setting: str,
    cards: list[dict[str, Any]],
    quads: list,
    info: dict,
    photo: Image.Image,
) -> dict[str, Any]:
    for card, quad in zip(cards, quads, strict=True):
        card["corners"] = [[round(x, 1), round(y, 1)] for x, y in quad]
    info = {"exif_orientation": 1} | info
    return {
        "file": name,
        "setting": setting,
        "width": photo.width,
        "height": photo.height,
        **info,
        "cards": cards,
    }


def forget_old_set(out: Path) -> None:
    """Removes the photos of a set made earlier in `out` (those its truth.json names, nothing
    else: the folder may hold other pictures)."""
    old = out / "truth.json"
    if not old.is_file():
        return
    for photo in json.loads(old.read_text("utf-8")).get("photos", []):
        (out / Path(photo["file"]).name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Render the business-card test set (photos + truth.json). Run "
        "`python scripts/render_cards.py` to rewrite tests/data/scan_cards. Fonts: "
        + ", ".join(PACKAGES)
        + f" (WenQuanYi: {WQY})."
    )
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--count", type=int, help="only the first COUNT cards (a quick look)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    forget_old_set(args.out)
    truth = build(args.out, args.count, args.seed)
    size = sum((args.out / p["file"]).stat().st_size for p in truth["photos"])
    cards = sum(len(p["cards"]) for p in truth["photos"])
    print(f"{len(truth['photos'])} photos, {cards} cards, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
