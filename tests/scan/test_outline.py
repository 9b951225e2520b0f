"""Finding cards in a photo and squaring them (no text recognition here: fast)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from netdesk.scan.images import load_rgb
from netdesk.scan.outline import CARD_SIDE, card_pictures, find_cards, squared, whole
from tests.scan.drawn_cards import card, on_table
from tests.scan.rendered import photo, sample


def _difference(found: np.ndarray, drawn: np.ndarray) -> float:
    """How unlike the drawn card the squared picture is (mean grey difference, 0-255), over
    the four ways it could lie (the reader turns it upright afterwards)."""
    target = cv2.cvtColor(drawn, cv2.COLOR_RGB2GRAY).astype(np.float32)
    best = 255.0
    for turns in range(4):
        turned = cv2.cvtColor(np.ascontiguousarray(np.rot90(found, turns)), cv2.COLOR_RGB2GRAY)
        if (turned.shape[1] > turned.shape[0]) != (target.shape[1] > target.shape[0]):
            continue
        resized = cv2.resize(turned, (target.shape[1], target.shape[0])).astype(np.float32)
        best = min(best, float(np.abs(resized - target).mean()))
    return best


@pytest.mark.parametrize(
    ("angle", "tilt"), [(0, 0.0), (12, 0.12), (90, 0.0), (-100, 0.1), (180, 0.08), (37, 0.0)]
)
def test_a_card_lying_at_any_angle_and_slant_is_found_and_squared(
    angle: float, tilt: float
) -> None:
    drawn = card()
    photo = on_table([drawn], [(0.5, 0.5, 0.45, angle)], tilt=tilt)
    quads = find_cards(photo)
    assert len(quads) == 1
    picture = squared(photo, quads[0])
    long_side, short_side = max(picture.shape[:2]), min(picture.shape[:2])
    assert 1.5 < long_side / short_side < 2.0  # the card's 1.75, give or take the slant
    assert _difference(picture, drawn) < 25


def test_two_cards_on_one_photo_are_two_cards_top_to_bottom() -> None:
    first, second = card(), card(("Jan Kowalski", "Kierownik", "Przyklad Sp. z o.o."))
    photo = on_table(
        [first, second], [(0.3, 0.28, 0.38, 8), (0.65, 0.72, 0.38, -15)], size=(2000, 1500)
    )
    quads = find_cards(photo)
    assert len(quads) == 2
    assert _difference(squared(photo, quads[0]), first) < 25
    assert _difference(squared(photo, quads[1]), second) < 25


def test_a_flatbed_scan_is_the_card_trimmed_of_its_white_margin() -> None:
    page = np.full((1700, 2400, 3), 255, np.uint8)  # a white scanner lid around the card
    drawn = card(size=(1050, 600))
    drawn[(drawn > 230).all(axis=2)] = 255  # a white card: its edge does not show
    page[300:900, 400:1450] = drawn
    assert find_cards(page) == []
    picture = whole(page)
    height, width = picture.shape[:2]
    assert width < 1300 and height < 900  # trimmed to the printing, with a little margin
    assert max(height, width) <= CARD_SIDE


def test_a_photo_without_a_card_shape_is_kept_whole() -> None:
    photo = on_table([], [], size=(1600, 1200))
    assert find_cards(photo) == []
    assert max(whole(photo).shape[:2]) <= CARD_SIDE


def test_two_outlines_sharing_a_side_are_one_card_read_whole() -> None:
    # A card with an orange band, its white part half in a shadow: the band and the lit half
    # are found as two outlines side by side; reading the whole photo keeps all of its text.
    shown = photo("057_fr_table.jpg")
    picture = load_rgb(shown.path.read_bytes(), shown.file)
    assert len(find_cards(picture)) == 2
    [card_picture] = card_pictures(picture)
    assert card_picture.shape[:2] == whole(picture).shape[:2]


def test_the_rendered_two_card_photos_give_two_card_pictures() -> None:
    for shown in sample(4, setting="two_cards"):
        picture = load_rgb(shown.path.read_bytes(), shown.file)
        assert len(card_pictures(picture)) == 2, shown.file
