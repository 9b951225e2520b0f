"""A paper card's picture at a size to read it (a plain dialog), and saving it to a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netdesk.cards.fitted_image import fitted_image
from netdesk.output_files import write_atomically
from netdesk.services.exporting import safe_file_name
from netdesk.ui.exporting.actions import export_failure_text
from netdesk.ui.widgets.plain_text import show_error, window_title

# What a stored picture is saved as (the scanner stores JPEG; "Add card picture…" may not).
SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
}
# The view never needs more than this: a card picture is stored at most 1600 px wide.
LARGEST = QSize(1600, 1000)


def suffix_for(mime: str) -> str:
    return SUFFIXES.get(mime.lower(), ".jpg")


class CardPictureDialog(QDialog):
    """The card picture fitted to most of the screen; nothing else to do but close it."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(title))
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() * 0.8 if screen else LARGEST
        box = room.boundedTo(LARGEST)
        ratio = self.devicePixelRatioF()
        image = fitted_image(data, QSize(round(box.width() * ratio), round(box.height() * ratio)))
        self.picture = QLabel()
        self.picture.setObjectName("card_picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            self.picture.setTextFormat(Qt.TextFormat.PlainText)
            self.picture.setText("This picture cannot be shown.")
        else:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self.picture.setPixmap(pixmap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(buttons)


def ask_save_path(parent: QWidget, person: str, mime: str) -> Path | None:
    """Where to save a card picture of `person`; None when the user cancelled."""
    suffix = suffix_for(mime)
    name = safe_file_name(f"{person} business card", suffix, "business card")
    kinds = f"Picture (*{suffix})"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the card picture", str(Path.home() / name), kinds
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def write_picture(parent: QWidget, data: bytes, path: Path) -> bool:
    """Writes the picture whole or not at all; False, after saying why, when that failed."""
    try:
        write_atomically(path, lambda out: out.write(data))
    except OSError as exc:
        show_error(parent, "Could not save the card picture", export_failure_text(path, exc))
        return False
    return True
