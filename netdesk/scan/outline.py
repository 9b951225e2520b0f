"""Finding the business cards in a photo (one, or several on a table) and squaring each one:
its outline found on a small copy, then only the card warped out of the photo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    area = small.shape[0] * small.shape[1]
    found: list[np.ndarray] = []
    for mask in _masks(small):
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            quad = _card_quad(contour, area)
            if quad is not None and not any(_same(quad, other) for other in found):
                found.append(quad)
    outer = [quad for quad in found if not any(_inside(quad, o) for o in found if o is not quad)]
    quads = [Quad(tuple((float(x) / scale, float(y) / scale) for x, y in q)) for q in outer]
    return sorted(quads, key=lambda quad: (round(quad.centre[1] / (height / 4)), quad.centre[0]))


def _masks(small: np.ndarray) -> list[np.ndarray]:
    """Black and white pictures in which a card's outline is a closed shape: its edges, and
    the card set apart from the table by brightness and by colour."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    median = float(np.median(blurred))
    edges = cv2.Canny(blurred, max(10.0, 0.66 * median * 0.5), max(30.0, 1.33 * median * 0.5))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    masks = [cv2.dilate(edges, kernel, iterations=1)]
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for mask in (bright, 255 - bright):
        masks.append(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel, iterations=2))
    saturation = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)[:, :, 1]
    saturation = cv2.GaussianBlur(saturation, (5, 5), 0)
    _, colour = cv2.threshold(saturation, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for mask in (colour, 255 - colour):
        masks.append(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel, iterations=2))
    return masks


def _card_quad(contour: np.ndarray, area: float) -> np.ndarray | None:
    import cv2
    import numpy as np

    contour_area = cv2.contourArea(contour)
    if not MIN_AREA * area <= contour_area <= MAX_AREA * area:
        return None
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    corners = None
    for share in (0.02, 0.03, 0.04):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            corners = approx.reshape(4, 2).astype(np.float32)
            break
    if corners is None:
        # Rounded corners or a shadowed edge: the smallest rectangle around it, when the
        # shape fills that rectangle.
        rect = cv2.minAreaRect(hull)
        box_area = rect[1][0] * rect[1][1]
        if box_area <= 0 or cv2.contourArea(hull) / box_area < 0.9:
            return None
        corners = cv2.boxPoints(rect).astype(np.float32)
    if not cv2.isContourConvex(corners.reshape(4, 1, 2)):
        return None
    if cv2.contourArea(corners) < 0.85 * cv2.contourArea(hull):
        return None
    ordered = order_corners(corners)
    long_side, short_side = _sides(ordered)
    if short_side <= 0 or not MIN_ASPECT <= long_side / short_side <= MAX_ASPECT:
        return None
    return ordered


def order_corners(corners: np.ndarray) -> np.ndarray:
    """Top left, top right, bottom right, bottom left (as seen in the photo)."""
    import numpy as np

    centre = corners.mean(axis=0)
    angles = np.arctan2(corners[:, 1] - centre[1], corners[:, 0] - centre[0])
    clockwise = corners[np.argsort(angles)]  # from the left, through the top (y grows down)
    start = int(np.argmin(clockwise.sum(axis=1)))  # the top left has the smallest x + y
    return np.roll(clockwise, -start, axis=0)


def _sides(ordered: np.ndarray) -> tuple[float, float]:
    across, down = _across_down(ordered)
    return max(across, down), min(across, down)


def _across_down(ordered: np.ndarray) -> tuple[float, float]:
    import numpy as np

    top = float(np.linalg.norm(ordered[1] - ordered[0]))
    bottom = float(np.linalg.norm(ordered[2] - ordered[3]))
    left = float(np.linalg.norm(ordered[3] - ordered[0]))
    right = float(np.linalg.norm(ordered[2] - ordered[1]))
    return max(top, bottom), max(left, right)


def _same(one: np.ndarray, other: np.ndarray) -> bool:
    """Two outlines of one card (found in two of the masks)."""
    import numpy as np

    size = max(_sides(one))
    return float(np.abs(one - other).max()) < 0.06 * size


def _inside(one: np.ndarray, other: np.ndarray) -> bool:
    """`one` lies within `other` (a logo or text block on a card)."""
    import cv2

    outline = other.reshape(4, 1, 2)
    return all(
        cv2.pointPolygonTest(outline, (float(x), float(y)), True) >= -3 for x, y in one
    ) and cv2.contourArea(one) < cv2.contourArea(other)


def squared(photo: np.ndarray, quad: Quad) -> np.ndarray:
    """The card inside the outline, as seen from straight above, long side <= CARD_SIDE."""
    import cv2
    import numpy as np

    source = np.array(quad.corners, dtype=np.float32)
    across, down = _across_down(source)
    width, height = across, down
    scale = min(1.0, CARD_SIDE / max(width, height))
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    target = np.array(
        [[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(
        photo, matrix, (out_w, out_h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE
    )


def whole(photo: np.ndarray) -> np.ndarray:
    """The whole picture as the card (a flatbed scan, a card filling the photo), trimmed of a
    plain margin around it, long side <= CARD_SIDE."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    border = np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])
    paper = float(np.median(border))
    differs = np.abs(gray.astype(np.int16) - paper) > 40
    rows = np.flatnonzero(differs.sum(axis=1) > max(2, gray.shape[1] // 400))
    cols = np.flatnonzero(differs.sum(axis=0) > max(2, gray.shape[0] // 400))
    card = photo
    if rows.size and cols.size:
        pad = max(gray.shape) // 50
        top, bottom = max(0, rows[0] - pad), min(gray.shape[0], rows[-1] + pad + 1)
        left, right = max(0, cols[0] - pad), min(gray.shape[1], cols[-1] + pad + 1)
        if (bottom - top) * (right - left) >= 0.02 * gray.size:
            card = photo[top:bottom, left:right]
    height, width = card.shape[:2]
    scale = min(1.0, CARD_SIDE / max(height, width))
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        card = cv2.resize(card, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(card)
