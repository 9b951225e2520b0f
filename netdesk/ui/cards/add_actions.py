"""Adding a contact from a picture of a QR code (a photo of a badge, a screenshot of a card):
the code is read with zxing-cpp and its card goes through the same preview and duplicate check
as an imported file, onto the current event."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.plain_text import show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from netdesk.services.import_plan import ImportPlan, ImportReport
    from netdesk.ui.shell import Shell

    # The import preview and duplicate check, onto an event (or none).
    ImportPlanned = Callable[[ImportPlan, int | None], ImportReport | None]

PICTURE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".webp",
    ".tif",
    ".tiff",
    ".ppm",
    ".pgm",
)
IMAGE_FILTER = "Pictures (" + " ".join(f"*{s}" for s in PICTURE_SUFFIXES) + ");;All files (*)"


def is_picture(path: Path) -> bool:
    """A picture file by its name: dropped or picked for import, it is read for QR codes."""
    return path.suffix.lower() in PICTURE_SUFFIXES


PASTED = "Pasted picture"
LAYOUT = "QR code"
NOT_READ_TITLE = "No contact in this picture"
NO_PICTURE = (
    "The clipboard holds no picture. Copy a picture of a QR code (a screenshot, or an image "
    "from a web page or a chat) and choose Paste QR code again."
)


class QrAddActions(QObject):
    """What File > "Add contact from QR image…" and "Paste QR code" do."""

    def __init__(self, shell: Shell, import_plan: ImportPlanned) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.window = shell.widget()
        self.import_plan = import_plan

    def add_from_file(self) -> ImportReport | None:
        path = self.ask_image_path()
        return self.add_from_path(path) if path is not None else None

    def ask_image_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Add a contact from a picture of a QR code", "", IMAGE_FILTER
        )
        return Path(name) if name else None

    def add_from_path(self, path: Path) -> ImportReport | None:
        from netdesk.cards.qr_read import QrReadError, load_image

        try:
            image = load_image(path)
        except QrReadError as exc:
            show_error(self.window, "Cannot open this picture", str(exc))
            return None
        return self.add_from_image(image, path.name)

    def paste(self) -> ImportReport | None:
        """The picture on the clipboard, or a picture file copied in a file manager."""
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and data.hasImage():
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                return self.add_from_image(image, PASTED)
        if data is not None:
            files = [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
            if files:
                return self.add_from_path(files[0])
        show_error(self.window, NOT_READ_TITLE, NO_PICTURE)
        return None

    def add_from_image(self, image: QImage, source: str) -> ImportReport | None:
        """Read the picture's codes, then preview and import their cards; None when nothing
        was imported (the user was told why, or cancelled)."""
        from netdesk.cards.qr_read import QrReadError, contacts_from_image

        services = self.shell.services
        try:
            with busy_cursor():
                found = contacts_from_image(image, source)
                plan = services.imports.preview_items(
                    [*found.records, *found.problems], source, kind="vcard", layout=LAYOUT
                )
        except QrReadError as exc:
            show_error(self.window, NOT_READ_TITLE, _sentence(str(exc), source))
            return None
        return self.import_plan(plan, self.shell.capture_event_id())


def _sentence(reason: str, source: str) -> str:
    """ "badge.jpg: the code holds a web address…" from the reader's lower-case reasons."""
    if reason.startswith(source):
        return reason
    return f"{source}: {reason}"
