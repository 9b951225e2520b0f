"""Finding the business cards in a photo (one, or several on a table) and squaring each one:
its outline found on a small copy, then only the card warped out of the photo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netdesk.scan import card_shapes

if TYPE_CHECKING:
    import numpy as np

# The outline is looked for on a copy this big: enough for a card's edges, fast to search.
FIND_SIDE = 1000
# A card picture is made no bigger than this (its long side): plenty for the text, and the
# recogniser's time grows with the pixels.
CARD_SIDE = 1600
# A card fills at least this share of the photo (smaller quadrilaterals are logos, QR codes,
# text blocks), and the outline at most this share (the photo's own frame).
MIN_AREA = 0.03
MAX_AREA = 0.97
# Long side over short side: ISO 85 x 55 mm is 1.55, US 3.5 x 2 in is 1.75; perspective
# stretches it.
MIN_ASPECT = 1.25
MAX_ASPECT = 2.3
# The share of an outline that must run along edges seen in the photo.
MIN_SUPPORT = 0.55
# A second card may share this much of its area with one already found (cards overlapping).
MAX_SHARED = 0.25


@dataclass(frozen=True)
class Quad:
    """A card's corners in the photo's pixels: top left, top right, bottom right, bottom left."""

    corners: tuple[tuple[float, float], ...]

    @property
    def centre(self) -> tuple[float, float]:
        xs = [point[0] for point in self.corners]
        ys = [point[1] for point in self.corners]
        return sum(xs) / 4, sum(ys) / 4


def find_cards(photo: np.ndarray) -> list[Quad]:
    """The outlines of the cards in the photo (RGB), top to bottom then left to right; [] when
    no card-shaped outline stands out (a flatbed scan, a card filling the photo)."""
    import cv2

    height, width = photo.shape[:2]
    scale = min(1.0, FIND_SIDE / max(height, width))
    small = photo
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        small = cv2.resize(photo, size, interpolation=cv2.INTER_AREA)
    edge_map = card_shapes.edges(small)
    chosen = _chosen(_candidates(small, edge_map), edge_map)
    quads = [Quad(tuple((float(x) / scale, float(y) / scale) for x, y in q)) for q in chosen]
    row = height / 4
    return sorted(quads, key=lambda quad: (round(quad.centre[1] / row), quad.centre[0]))


def _candidates(small: np.ndarray, edge_map: np.ndarray) -> list[np.ndarray]:
    """Card-shaped outlines: four-sided shapes found in the masks, and pairs of pieces side by
    side that make one, not touching the photo's border."""
    height, width = small.shape[:2]
    area = float(height * width)
    found: list[np.ndarray] = []
    shapes: list[np.ndarray] = []  # the same, each shape once, to be joined in pairs
    for mask in card_shapes.masks(small, edge_map):
        for shape in card_shapes.pieces(mask, area):
            found.append(shape)  # twins too: one mask may place the corners better
            if not any(card_shapes.alike(shape, other) for other in shapes):
                shapes.append(shape)
    # A band found in one mask (by its colour) and the rest of the card in another (by its
    # brightness) are joined too.
    for number, one in enumerate(shapes):
        for other in shapes[number + 1 :]:
            both = card_shapes.joined(one, other)
            if both is not None:
                found.append(both)
    return [
        quad
        for quad in found
        if MIN_AREA * area <= _area(quad) <= MAX_AREA * area
        and MIN_ASPECT <= card_shapes.aspect(quad) <= MAX_ASPECT
        and not card_shapes.on_the_border(quad, width, height)
    ]


def _chosen(candidates: list[np.ndarray], edge_map: np.ndarray) -> list[np.ndarray]:
    """The cards among the candidates: the biggest outline well borne out by the photo's
    edges first; a shape mostly within one taken (the card's band, its half in a shadow) is
    part of that card, not another."""
    import cv2
    import numpy as np

    near_edges = cv2.dilate(edge_map, np.ones((3, 3), np.uint8), iterations=3)
    supported = [
        quad for quad in candidates if card_shapes.edge_support(quad, near_edges) >= MIN_SUPPORT
    ]
    chosen: list[np.ndarray] = []
    for quad in sorted(supported, key=_area, reverse=True):
        own = _area(quad)
        if all(cv2.intersectConvexConvex(quad, taken)[0] < MAX_SHARED * own for taken in chosen):
            chosen.append(quad)
    return chosen


def _area(quad: np.ndarray) -> float:
    import cv2

    return float(cv2.contourArea(quad))


def squared(photo: np.ndarray, quad: Quad) -> np.ndarray:
    """The card inside the outline, as seen from straight above, long side <= CARD_SIDE."""
    import cv2
    import numpy as np

    source = np.array(quad.corners, dtype=np.float32)
    width, height = card_shapes.across_down(source)
    scale = min(1.0, CARD_SIDE / max(width, height))
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    target = np.array(
        [[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(
        photo, matrix, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE
    )


def card_pictures(photo: np.ndarray) -> list[np.ndarray]:
    """Each card on the photo, squared; the whole photo (trimmed) when no outline stands out,
    or when it is a flatbed scan whose printing reaches beyond the one outline found (a white
    card on the white lid shows only its coloured part's edges)."""
    quads = find_cards(photo)
    if not quads or _side_by_side(quads):
        return [whole(photo)]
    if len(quads) == 1 and _plain_border(photo):
        box = _ink_box(photo)
        xs = [x for x, _ in quads[0].corners]
        ys = [y for _, y in quads[0].corners]
        if box is not None:
            top, bottom, left, right = box
            if (
                top < min(ys) - 0.03 * photo.shape[0]
                or bottom > max(ys) + 0.03 * photo.shape[0]
                or left < min(xs) - 0.03 * photo.shape[1]
                or right > max(xs) + 0.03 * photo.shape[1]
            ):
                return [whole(photo)]
    return [squared(photo, quad) for quad in quads]


def _side_by_side(quads: list[Quad]) -> bool:
    """Two outlines sharing a side: two parts of one card (a coloured band, and the rest of
    it cut short by a shadow), not two cards; the whole photo is read rather than half a card."""
    import numpy as np

    for number, one in enumerate(quads):
        for other in quads[number + 1 :]:
            size = min(max(card_shapes.across_down(np.array(q.corners))) for q in (one, other))
            for start, end in _sides_of(one):
                for other_start, other_end in _sides_of(other):
                    near = 0.03 * size
                    if (
                        _distance_to_line(other_start, start, end) < near
                        and _distance_to_line(other_end, start, end) < near
                        and _overlap(start, end, other_start, other_end) > 0.5
                    ):
                        return True
    return False


def _sides_of(quad: Quad) -> list[tuple[np.ndarray, np.ndarray]]:
    import numpy as np

    corners = [np.array(corner) for corner in quad.corners]
    return [(corners[i], corners[(i + 1) % 4]) for i in range(4)]


def _distance_to_line(point: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    import numpy as np

    along = end - start
    length = float(np.linalg.norm(along))
    if length == 0:
        return float(np.linalg.norm(point - start))
    offset = point - start
    return abs(float(along[0] * offset[1] - along[1] * offset[0])) / length


def _overlap(
    start: np.ndarray, end: np.ndarray, other_start: np.ndarray, other_end: np.ndarray
) -> float:
    """How much of the shorter of two (nearly collinear) sides lies alongside the other."""
    import numpy as np

    along = end - start
    length = float(np.linalg.norm(along))
    if length == 0:
        return 0.0
    unit = along / length
    first, second = sorted(
        (float(np.dot(other_start - start, unit)), float(np.dot(other_end - start, unit)))
    )
    shared = max(0.0, min(length, second) - max(0.0, first))
    return shared / max(1e-6, min(length, second - first))


def _border(gray: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])


def _plain_border(photo: np.ndarray) -> bool:
    """A bright, even border: a scanner's lid rather than a table."""
    import cv2
    import numpy as np

    border = _border(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)).astype(np.float32)
    return float(np.median(border)) > 170 and float(np.std(border)) < 10


def _ink_box(photo: np.ndarray) -> tuple[int, int, int, int] | None:
    """Top, bottom, left, right of what is printed on the plain paper around it, or None."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    paper = float(np.median(_border(gray)))
    differs = np.abs(gray.astype(np.int16) - paper) > 40
    rows = np.flatnonzero(differs.sum(axis=1) > max(2, gray.shape[1] // 400))
    cols = np.flatnonzero(differs.sum(axis=0) > max(2, gray.shape[0] // 400))
    if not rows.size or not cols.size:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def whole(photo: np.ndarray) -> np.ndarray:
    """The whole picture as the card (a flatbed scan, a card filling the photo), trimmed of a
    plain margin around it, long side <= CARD_SIDE."""
    import cv2
    import numpy as np

    card = photo
    box = _ink_box(photo)
    if box is not None:
        height, width = photo.shape[:2]
        pad = max(height, width) // 50
        top, bottom = max(0, box[0] - pad), min(height, box[1] + pad)
        left, right = max(0, box[2] - pad), min(width, box[3] + pad)
        if (bottom - top) * (right - left) >= 0.02 * height * width:
            card = photo[top:bottom, left:right]
    height, width = card.shape[:2]
    scale = min(1.0, CARD_SIDE / max(height, width))
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        card = cv2.resize(card, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(card)
