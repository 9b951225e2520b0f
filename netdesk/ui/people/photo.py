"""A contact's stored photo as a small picture for the contact pane.

Decoded at the size it is shown (see cards/fitted_image.py), and once: the pane keeps the
last few small pictures, so that going back to someone does not decode their photo again.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap

from netdesk.cards.fitted_image import fitted_image

# Small pictures kept (a few tens of KB each): the people looked at lately.
_KEPT = 64
_shown: OrderedDict[tuple[bytes, int, float], QPixmap] = OrderedDict()


def photo_pixmap(data: bytes, side: int, ratio: float = 1.0) -> QPixmap | None:
    """The photo scaled to fit a `side` x `side` square (in device-independent pixels, drawn
    sharp at `ratio`), or None when it is not a picture Qt can read."""
    key = (hashlib.blake2b(data, digest_size=16).digest(), side, ratio)
    pixmap = _shown.get(key)
    if pixmap is None:
        target = round(side * ratio)
        image = fitted_image(data, QSize(target, target))
        if image.isNull():
            return None
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        _shown[key] = pixmap
        while len(_shown) > _KEPT:
            _shown.popitem(last=False)
    _shown.move_to_end(key)
    return pixmap
