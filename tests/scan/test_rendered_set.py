"""The rendered business-card set: big and varied enough to measure the scanner on, its truth in
the shape the scanner prints, and reproducible by its generator."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import phonenumbers
from PIL import Image, ImageOps

from netdesk.scan.card_fields import CardFields
from tests.scan import rendered
from tests.scripts_loader import load_script

LANGUAGES = {"en", "de", "fr", "es", "pt", "pl", "zh", "ja"}


def test_the_set_holds_over_220_cards_in_eight_languages_and_stays_small() -> None:
    photos = rendered.photos()
    cards = [card for photo in photos for card in photo.cards]
    assert len({card.truth["card_id"] for card in cards}) >= 220
    assert {card.language for card in cards} == LANGUAGES
    assert min(Counter(card.language for card in cards).values()) >= 14
    assert {card.truth["layout"] for card in cards} >= {
        "left",
        "centred",
        "two_columns",
        "logo_block",
        "name_bottom",
        "band",
        "vertical",
    }
    assert Counter(photo.setting for photo in photos).keys() == {"table", "flatbed", "two_cards"}
    assert {photo.turn for photo in photos} == {0, 90, 180, 270}
    assert sum(card.truth["dark"] for card in cards) >= 20
    assert len(rendered.two_sided()) >= 20
    assert {c.side for p in photos if p.setting == "two_cards" for c in p.cards} == {"single"}
    assert all(photo.path.is_file() for photo in photos)
    assert sum(p.stat().st_size for p in rendered.FOLDER.glob("*.jpg")) < 20_000_000
    assert {p.name for p in rendered.FOLDER.glob("*.jpg")} == {photo.file for photo in photos}


def test_each_truth_is_what_the_scanner_prints_for_a_card() -> None:
    keys = set(CardFields().to_json())
    for photo in rendered.photos():
        for card in photo.cards:
            truth = {k: v for k, v in card.truth.items() if k in keys}
            assert truth == card.fields().to_json(), photo.file
            assert len(card.corners) == 4


def test_some_photos_are_stored_turned_with_the_exif_orientation_a_phone_writes() -> None:
    turned = [photo for photo in rendered.photos() if photo.exif_orientation != 1]
    assert {photo.exif_orientation for photo in turned} == {3, 6, 8}
    for photo in turned:
        with Image.open(photo.path) as picture:
            stored = picture.size
            shown = ImageOps.exif_transpose(picture).size
        entry = next(
            p
            for p in json.loads(rendered.TRUTH.read_text("utf-8"))["photos"]
            if p["file"] == photo.file
        )
        assert shown == (entry["width"], entry["height"])
        assert stored == (shown if photo.exif_orientation == 3 else shown[::-1])


def test_printed_phones_are_real_numbers_of_the_cards_country() -> None:
    for photo in rendered.photos():
        for card in photo.cards:
            for phone in card.truth["phones"]:
                number = phonenumbers.parse(phone["number"], card.region)
                assert phonenumbers.is_valid_number(number), (photo.file, phone)
                assert phone["kind"] in {"mobile", "work", "fax", "home", ""}


def test_registry_and_tax_numbers_are_text_no_field_holds() -> None:
    registries = [
        (photo.file, text)
        for photo in rendered.photos()
        for card in photo.cards
        for text in card.not_phones
    ]
    assert len(registries) >= 60
    for file, text in registries:
        card = next(c for c in rendered.photo(file).cards if text in c.not_phones)
        assert text in card.truth["unplaced"]


def test_both_sides_read_as_one_contact_keep_the_fronts_fields_and_add_the_backs() -> None:
    for front, back, merged in rendered.two_sided():
        front_truth = front.cards[0].fields()
        assert merged.name == front_truth.name
        assert merged.emails[: len(front_truth.emails)] == front_truth.emails
        site = lambda url: url.removeprefix("https://").removeprefix("www.")  # noqa: E731
        assert {site(u) for u in back.cards[0].fields().urls} <= {site(u) for u in merged.urls}
        assert back.cards[0].side == "back" and front.cards[0].side == "front"


def test_the_generator_reproduces_the_truth(tmp_path: Path) -> None:
    render_cards = load_script("render_cards")
    render_cards.build(tmp_path, 3, render_cards.SEED)
    again = json.loads((tmp_path / "truth.json").read_text("utf-8"))["photos"]
    kept = json.loads(rendered.TRUTH.read_text("utf-8"))["photos"]
    first = [p for p in kept if all(c["card_id"] in ("c000", "c001") for c in p["cards"])]
    assert first
    assert again[: len(first)] == first


def test_rendering_again_replaces_the_old_set_and_nothing_else(tmp_path: Path) -> None:
    render_cards = load_script("render_cards")
    (tmp_path / "holiday.jpg").write_bytes(b"not ours")
    (tmp_path / "truth.json").write_text('{"photos": [{"file": "999_en_table.jpg"}]}', "utf-8")
    (tmp_path / "999_en_table.jpg").write_bytes(b"an old set's photo")
    assert render_cards.main([str(tmp_path), "--count", "1"]) == 0
    files = {p.name for p in tmp_path.iterdir()}
    assert "holiday.jpg" in files and "999_en_table.jpg" not in files
    assert files - {"holiday.jpg", "truth.json"} == {
        p["file"] for p in json.loads((tmp_path / "truth.json").read_text("utf-8"))["photos"]
    }
