"""The badge dialog's event logo: an image file, remembered for its event."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from netdesk.cards.fitted_image import fitted_image
from netdesk.ui.badges.settings import BadgeSettings
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import ElidedLabel, plain_label

# A logo takes at most a third of a badge's width, some 30 mm: 1,200 pixels are sharp at 1,000
# dpi. A camera's 50-megapixel picture is not held (nor put into every PDF) at full size.
LOGO_BOX = QSize(1200, 1200)


class LogoGroup(QGroupBox):
    changed = Signal()

    def __init__(self, settings: BadgeSettings, event_id: int) -> None:
        super().__init__("Event logo")
        self._settings = settings
        self._event_id = event_id
        self._image: QImage | None = None
        layout = QVBoxLayout(self)
        self.logo_label = ElidedLabel()
        theme.colour(self.logo_label, theme.muted)
        self.logo_error = plain_label(wrap=True)
        theme.colour(self.logo_error, theme.error)
        self.logo_error.hide()
        self.logo_button = QPushButton("Choose &image…")
        self.logo_button.setAutoDefault(False)
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_remove_button = QPushButton("Remove")
        self.logo_remove_button.setAutoDefault(False)
        self.logo_remove_button.clicked.connect(lambda: self.set_logo_path(""))
        row = QHBoxLayout()
        row.addWidget(self.logo_label, 1)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_remove_button)
        layout.addLayout(row)
        layout.addWidget(self.logo_error)
        self.set_logo_path(settings.logo(event_id), remember=False)

    def image(self) -> QImage | None:
        return self._image

    def choose_logo(self) -> None:
        formats = " ".join(
            f"*.{bytes(f.data()).decode()}" for f in QImageReader.supportedImageFormats()
        )
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the event's logo", "", f"Images ({formats});;All files (*)"
        )
        if path:
            self.set_logo_path(path)

    def set_logo_path(self, path: str, *, remember: bool = True) -> bool:
        """Use this image as the event's logo ("" for none); remembered for this event."""
        self.logo_error.hide()
        image = fitted_image(path, LOGO_BOX) if path else QImage()
        if path and image.isNull():
            self.logo_error.setText(f"Could not read {Path(path).name} as an image.")
            self.logo_error.show()
            if remember:
                return False
            path = ""  # a remembered logo that has gone away: carry on without it
        self._image = None if image.isNull() else image
        self.logo_label.set_full_text(Path(path).name if path else "No logo")
        self.logo_remove_button.setEnabled(bool(path))
        if remember:
            self._settings.set_logo(self._event_id, path)
        self.changed.emit()
        return True
