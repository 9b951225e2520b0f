"""Window sizes that fit the screen: a 1,366 x 768 laptop keeps about 1,366 x 728 once its
taskbar is drawn, and the title bar takes some 30 px more."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

# The window frame around the contents (title bar, borders), before the window manager says.
FRAME = QSize(16, 40)
# The main window at first start: room for the People table's columns beside the detail pane
# (on a smaller screen, what the screen has).
WINDOW_SIZE = QSize(1360, 820)


def fitted_size(wanted: QSize, available: QRect, minimum: QSize) -> QSize:
    """`wanted`, made smaller where the screen's free area (less the frame) is smaller, never
    below the smallest size the contents can take."""
    room = available.size() - FRAME
    width = max(min(wanted.width(), room.width()), minimum.width())
    height = max(min(wanted.height(), room.height()), minimum.height())
    return QSize(width, height)


def fit_to_screen(window: QWidget, wanted: QSize, available: QRect | None = None) -> None:
    """Size a window to `wanted`, or to its screen's free area where that is smaller."""
    if available is None:
        available = window.screen().availableGeometry()
    window.resize(fitted_size(wanted, available, window.minimumSizeHint()))
