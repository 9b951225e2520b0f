"""The card's picture in the review: scaled to the room the dialog gives it (both sides of a
two-sided card, one above the other); a click shows it bigger."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.widgets.plain_text import window_title
from netdesk.ui.widgets.screen_fit import fit_to_screen


def pixmap_of(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    return pixmap


class ScaledPicture(QLabel):
    """A picture that keeps its proportions at whatever size the layout gives it."""

    clicked = Signal()

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = pixmap
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(160, 100)
        # Ignored: the picture never asks the dialog for its full size (1,600 px wide).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click to see the card bigger")
        self._rescale()

    def sizeHint(self) -> QSize:
        if self._pixmap.isNull():
            return QSize(400, 240)
        return self._pixmap.size().scaled(QSize(440, 440), Qt.AspectRatioMode.KeepAspectRatio)

    def source(self) -> QPixmap:
        return self._pixmap

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            self.setText("No picture")
            return
        ratio = self.devicePixelRatioF()
        scaled = self._pixmap.scaled(
            self.size() * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        scaled.setDevicePixelRatio(ratio)
        self.setPixmap(scaled)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CardPictures(QWidget):
    """The front (and the back, once added) of the card under review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.pictures: list[ScaledPicture] = []
        self.names: list[str] = []

    def set_images(self, images: list[tuple[bytes, str]]) -> None:
        """(JPEG bytes, the photo's name) per side."""
        for picture in self.pictures:
            self._layout.removeWidget(picture)
            picture.hide()  # at once: deleteLater waits for the event loop
            picture.deleteLater()
        self.pictures, self.names = [], []
        for data, name in images:
            picture = ScaledPicture(pixmap_of(data))
            picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            picture.setAccessibleName(f"Card picture from {name}")
            picture.clicked.connect(lambda p=picture, n=name: self.show_bigger(p, n))
            self._layout.addWidget(picture, 1)
            picture.show()
            self.pictures.append(picture)
            self.names.append(name)

    def show_bigger(self, picture: ScaledPicture, name: str) -> BiggerPicture:
        dialog = BiggerPicture(picture.source(), name, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


class BiggerPicture(QDialog):
    """The card as big as the screen allows; Esc or Close returns to the review."""

    def __init__(self, pixmap: QPixmap, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(name))
        self.picture = ScaledPicture(pixmap)
        self.picture.setCursor(Qt.CursorShape.ArrowCursor)
        self.picture.setToolTip("")
        self.picture.clicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(buttons)
        wanted = pixmap.size().scaled(QSize(1400, 900), Qt.AspectRatioMode.KeepAspectRatio)
        fit_to_screen(self, wanted + QSize(24, 60))
