"""Four-sided shapes in a (small) photo that may be business cards: where they come from (the
edges, the card set apart from the table by brightness, colour or unlikeness to the table),
and the geometry to judge them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# A shape this share of the photo or more is looked at (a card's coloured band is a piece of
# it: two pieces side by side can make one card).
MIN_PIECE = 0.01


def masks(small: np.ndarray, edge_map: np.ndarray) -> list[np.ndarray]:
    """Black and white pictures in which a card is a white (or black) shape: its outline
    (edges), and the card set apart from the table by brightness, colour and by unlikeness to
    the table seen along the photo's border."""
    import cv2
    import numpy as np

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
    found = [cv2.dilate(edge_map, kernel, iterations=1)]
    # An outline with gaps (a faint side, a shadow across it) closed: a card whose parts
    # differ (a coloured band beside white) is one shape again.
    gaps = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    found.append(cv2.morphologyEx(found[0], cv2.MORPH_CLOSE, gaps))
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    saturation = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2HSV)[:, :, 1], (5, 5), 0)
    _, colour = cv2.threshold(saturation, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    unlike = _unlike_the_table(small)
    for mask in (bright, 255 - bright, colour, 255 - colour, *unlike):
        found.append(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel, iterations=2))
    return [np.ascontiguousarray(mask) for mask in found]


def edges(small: np.ndarray) -> np.ndarray:
    """Edges of brightness and of colour (a navy card on dark wood differs mostly in hue)."""
    import cv2
    import numpy as np

    lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_RGB2LAB)
    found: list[np.ndarray] = []
    for channel in range(3):
        plane = np.ascontiguousarray(lab[:, :, channel])
        found.append(cv2.Canny(plane, 10, 25))
    return np.maximum(np.maximum(found[0], found[1]), found[2])


def _unlike_the_table(small: np.ndarray) -> list[np.ndarray]:
    """Pixels unlike the photo's border (mostly the table), at two strictnesses."""
    import cv2
    import numpy as np

    lab = cv2.cvtColor(cv2.GaussianBlur(small, (9, 9), 0), cv2.COLOR_RGB2LAB).astype(np.float32)
    height, width = lab.shape[:2]
    ring = max(4, min(height, width) // 30)
    border = np.concatenate(
        [
            lab[:ring].reshape(-1, 3),
            lab[-ring:].reshape(-1, 3),
            lab[:, :ring].reshape(-1, 3),
            lab[:, -ring:].reshape(-1, 3),
        ]
    )
    middle = np.median(border, axis=0)
    spread = np.percentile(np.abs(border - middle), 90, axis=0) + np.array([6.0, 3.0, 3.0])
    distance = np.sqrt((((lab - middle) / spread) ** 2).sum(axis=2))
    return [((distance > limit) * 255).astype(np.uint8) for limit in (1.5, 3.0)]


def pieces(mask: np.ndarray, area: float) -> list[np.ndarray]:
    """The four-cornered shapes in the mask of at least MIN_PIECE of the photo, as corners
    (top left, top right, bottom right, bottom left)."""
    import cv2

    found = []
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        if cv2.contourArea(contour) < MIN_PIECE * area:
            continue
        corners = four_corners(contour)
        if corners is not None:
            found.append(corners)
    return found


def four_corners(contour: np.ndarray) -> np.ndarray | None:
    """The shape's four corners when it is a convex four-sided shape (rounded corners and a
    frayed edge allowed), else None."""
    import cv2
    import numpy as np

    hull = cv2.convexHull(contour)
    hull_area = cv2.contourArea(hull)
    if hull_area <= 0 or cv2.contourArea(contour) < 0.85 * hull_area:
        return None
    perimeter = cv2.arcLength(hull, True)
    corners = None
    for share in (0.02, 0.03, 0.045):
        approx = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(approx) == 4:
            corners = approx.reshape(4, 2).astype(np.float32)
            break
    if corners is None:
        rect = cv2.minAreaRect(hull)
        if rect[1][0] * rect[1][1] <= 0 or hull_area / (rect[1][0] * rect[1][1]) < 0.9:
            return None
        corners = cv2.boxPoints(rect).astype(np.float32)
    if not cv2.isContourConvex(corners.reshape(4, 1, 2)):
        return None
    if cv2.contourArea(corners) < 0.88 * hull_area:
        return None
    return order_corners(corners)


def joined(one: np.ndarray, other: np.ndarray) -> np.ndarray | None:
    """Two pieces side by side that together are a four-sided shape (a card's coloured band
    and the rest of it), as one; else None."""
    import cv2
    import numpy as np

    both = np.concatenate([one, other]).reshape(-1, 1, 2)
    hull = cv2.convexHull(both)
    together = cv2.contourArea(one) + cv2.contourArea(other)
    overlap, _ = cv2.intersectConvexConvex(one, other)
    if cv2.contourArea(hull) > 1.08 * (together - overlap) or overlap > 0.2 * together:
        return None
    return four_corners(hull)


def alike(one: np.ndarray, other: np.ndarray) -> bool:
    """The same shape found twice (in two masks): corners within 2% of its size."""
    import numpy as np

    size = max(across_down(one))
    return float(np.abs(one - other).max()) < 0.02 * size


def order_corners(corners: np.ndarray) -> np.ndarray:
    """Top left, top right, bottom right, bottom left (as seen in the photo)."""
    import numpy as np

    centre = corners.mean(axis=0)
    angles = np.arctan2(corners[:, 1] - centre[1], corners[:, 0] - centre[0])
    clockwise = corners[np.argsort(angles)]  # from the left, through the top (y grows down)
    start = int(np.argmin(clockwise.sum(axis=1)))  # the top left has the smallest x + y
    return np.roll(clockwise, -start, axis=0)


def across_down(ordered: np.ndarray) -> tuple[float, float]:
    """The longer of the top and bottom sides, and of the left and right sides."""
    import numpy as np

    top = float(np.linalg.norm(ordered[1] - ordered[0]))
    bottom = float(np.linalg.norm(ordered[2] - ordered[3]))
    left = float(np.linalg.norm(ordered[3] - ordered[0]))
    right = float(np.linalg.norm(ordered[2] - ordered[1]))
    return max(top, bottom), max(left, right)


def aspect(ordered: np.ndarray) -> float:
    across, down = across_down(ordered)
    return max(across, down) / max(1e-6, min(across, down))


def edge_support(ordered: np.ndarray, edge_map: np.ndarray) -> float:
    """The share of the shape's outline that runs along an edge of the photo: near 1 for a
    card's real outline, low for a shape a shadow or a texture made up."""
    import numpy as np

    height, width = edge_map.shape
    hits = total = 0
    for start, end in zip(ordered, np.roll(ordered, -1, axis=0), strict=True):
        steps = max(8, int(np.linalg.norm(end - start) / 3))
        for share in np.linspace(0.05, 0.95, steps):
            x, y = start + (end - start) * share
            column, row = int(x + 0.5), int(y + 0.5)
            total += 1
            if not (2 < row < height - 3 and 2 < column < width - 3):
                hits += 1  # a card cut off by the photo's border: its edge is the border
            elif edge_map[row, column]:
                hits += 1
    return hits / max(1, total)


def on_the_border(ordered: np.ndarray, width: int, height: int) -> bool:
    """Two or more corners at the photo's border: the photo's own frame, or a card cut off."""
    margin = 0.015 * max(width, height)
    near = sum(
        1
        for x, y in ordered
        if x < margin or y < margin or x > width - 1 - margin or y > height - 1 - margin
    )
    return near >= 2
