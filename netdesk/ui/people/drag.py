"""Dragging people out of a table as a .vcf file: onto the desktop, a file manager, a mail
message or an address book.

Most targets want a file (text/uri-list), some take the vCard text itself (text/vcard,
text/x-vcard). The files live in one temporary folder that goes when the application quits:
a target may read the file only after the drop (a file manager copying in the background), so
a file cannot be removed as soon as the drag ends.
"""

from __future__ import annotations

import atexit
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDir,
    QMimeData,
    QObject,
    QPoint,
    QRect,
    Qt,
    QTemporaryDir,
    QUrl,
)
from PySide6.QtGui import QDrag, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from netdesk.services.errors import NotFoundError, ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.widgets.mime_types import CONTACT_IDS_MIME, LEGACY_VCARD_MIME, VCARD_MIME

_MAX_LABEL = 40


class ContactDrag(QObject):
    """Builds the data for dragging people out, and owns the temporary files it writes."""

    def __init__(
        self, services: Services, parent: QObject | None = None, *, version: str = "3.0"
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._version = version
        self._folder: QTemporaryDir | None = None
        self._count = 0

    def folder(self) -> Path:
        """The temporary folder holding the dragged files (made on the first drag)."""
        if self._folder is None:
            self._folder = QTemporaryDir(QDir(QDir.tempPath()).filePath("netdesk-drag-XXXXXX"))
            if not self._folder.isValid():
                raise OSError(self._folder.errorString())
            path = self._folder.path()
            # QTemporaryDir removes itself when collected; quitting may not collect it.
            atexit.register(shutil.rmtree, path, True)
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.cleanup)
        return Path(self._folder.path())

    def cleanup(self) -> None:
        """Remove every file dragged so far."""
        if self._folder is not None:
            self._folder.remove()
            self._folder = None

    def write_file(self, contact_ids: list[int]) -> tuple[Path, bytes]:
        """The people as a .vcf file named after them, and its bytes. Raises ServiceError
        (they were deleted meanwhile) or OSError (no room for the temporary file)."""
        data = self._services.exports.vcard_bytes(contact_ids, self._version)
        if not data:
            raise NotFoundError("Those people no longer exist.")
        # One folder per drag: an earlier file of the same name may still be being read.
        self._count += 1
        folder = self.folder() / str(self._count)
        folder.mkdir()
        path = folder / self._services.exports.file_name(contact_ids)
        path.write_bytes(data)
        return path, data

    def mime_data(self, contact_ids: list[int]) -> QMimeData:
        path, data = self.write_file(contact_ids)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        mime.setData(VCARD_MIME, data)
        mime.setData(LEGACY_VCARD_MIME, data)
        mime.setData(CONTACT_IDS_MIME, json.dumps(contact_ids).encode())
        return mime


def drag_pixmap(widget: QWidget, text: str) -> QPixmap:
    """A small rounded label under the pointer naming what is dragged ("3 people.vcf")."""
    shown = text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"
    metrics = QFontMetrics(widget.font())
    ratio = widget.devicePixelRatioF()
    width, height = metrics.horizontalAdvance(shown) + 24, metrics.height() + 12
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = widget.palette()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(QRect(0, 0, width, height), 6, 6)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.setFont(widget.font())
        painter.drawText(QRect(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, shown)
    finally:
        painter.end()
    return pixmap


class ContactDragTable(QTableView):
    """A table of people that can be dragged out as a .vcf file. `contact_ids` says who is
    selected when a drag starts."""

    def __init__(
        self,
        drag: ContactDrag,
        contact_ids: Callable[[], list[int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.contact_drag = drag
        self._contact_ids = contact_ids
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)

    def drag_for(self, contact_ids: list[int]) -> QDrag | None:
        """The drag of these people, ready to exec(); None when it cannot be made."""
        if not contact_ids:
            return None
        try:
            mime = self.contact_drag.mime_data(contact_ids)
        except (ServiceError, OSError):
            # Deleted meanwhile, or no room for the file: nothing to drag, nothing to say
            # (the table reloads on the change; the user can try again).
            return None
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(drag_pixmap(self, Path(mime.urls()[0].toLocalFile()).name))
        drag.setHotSpot(QPoint(-12, -8))
        return drag

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        drag = self.drag_for(self._contact_ids())
        if drag is not None:
            drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)
