"""The person page's "Business card" section: the pictures of the paper cards they handed over.

Each picture is a small button (front, back); a click shows it large, the context menu saves it
to a file or removes it (a step Ctrl+Z undoes). The pictures come from the card scanner and
stay in netdesk: no export carries them (services/card_images.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap, QUndoStack
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from netdesk.dates import short_date
from netdesk.services.card_images import CardImageInfo
from netdesk.services.errors import ServiceError
from netdesk.services.service_set import Services
from netdesk.ui.people.card_picture_view import CardPictureDialog, ask_save_path, write_picture
from netdesk.ui.people.photo import photo_pixmap
from netdesk.ui.undo.commands import delete_undoably
from netdesk.ui.widgets.flow_layout import FlowLayout
from netdesk.ui.widgets.plain_text import button_text, show_error, tooltip_text

HEADING = "Business card"
# Thumbnails fit this square: a card (about 1.75:1) shows 132 x 75, two side by side in the
# narrowest pane.
THUMB_SIDE = 132
# The sides of one card are stored with one time (services/card_images.py); another scan of the
# same card, even saved a moment later in the same review, is another card. The margin only
# absorbs a database's rounding.
SAME_SCAN = timedelta(milliseconds=1)


def side_names(pictures: Sequence[CardImageInfo]) -> list[str]:
    """ "Front", "Back" for each card's two sides; "Card" for a card scanned on one side only."""
    groups: list[list[int]] = []
    for i, picture in enumerate(pictures):
        if groups and picture.created_at - pictures[groups[-1][-1]].created_at <= SAME_SCAN:
            groups[-1].append(i)
        else:
            groups.append([i])
    names = [""] * len(pictures)
    for group in groups:
        for n, i in enumerate(group):
            names[i] = "Card" if len(group) == 1 else ("Front", "Back")[n] if n < 2 else "Side"
    return names


class CardThumb(QToolButton):
    """One picture: a click (or Enter) shows it large; the context menu saves or removes it."""

    menu_asked = Signal(int, QPoint)

    def __init__(self, info: CardImageInfo, side: str, data: bytes, ratio: float) -> None:
        super().__init__()
        self.info = info
        self.setObjectName("card_thumb")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setAutoRaise(True)
        self.setText(button_text(side))
        pixmap = photo_pixmap(data, THUMB_SIDE, ratio)
        self.pixmap = pixmap
        if pixmap is not None:
            self.setIcon(QIcon(pixmap))
            self.setIconSize(pixmap.deviceIndependentSize().toSize())
        else:
            self.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE // 2))
        kept = short_date(info.created_at.astimezone().date())
        scanned = f"{side} of the card, kept on {kept}" if side != "Card" else f"Kept on {kept}"
        self.setToolTip(
            tooltip_text(
                scanned,
                f"From {info.source}" if info.source else "",
                "Click to see it larger; right-click to save or remove it.",
            )
        )
        self.setAccessibleName(f"Business card picture: {side}")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda point: self.menu_asked.emit(self.info.id, self.mapToGlobal(point))
        )
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def pad_to(self, size: QSize, ratio: float) -> None:
        """The picture centred in a clear box of `size` (the style puts the caption right under
        the picture itself, so a shorter picture's caption stood higher)."""
        self.setIconSize(size)
        if self.pixmap is None or self.pixmap.deviceIndependentSize().toSize() == size:
            return
        box = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        box.setDevicePixelRatio(ratio)
        box.fill(Qt.GlobalColor.transparent)
        own = self.pixmap.deviceIndependentSize()
        painter = QPainter(box)
        painter.drawPixmap(
            QPointF((size.width() - own.width()) / 2, (size.height() - own.height()) / 2),
            self.pixmap,
        )
        painter.end()
        self.setIcon(QIcon(box))


class CardPicturesSection(QWidget):
    """The thumbnails of one person's card pictures; empty (has_pictures False) when none."""

    changed = Signal()  # a picture was removed: the pane reads the person again
    message = Signal(str)

    def __init__(
        self,
        services: Services,
        contact_id: int,
        name: str,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cards = services.card_images
        self._name = name
        self._undo_stack = undo_stack
        self.setObjectName("card_pictures")
        self.thumbs: list[CardThumb] = []
        pictures = self._cards.list_for(contact_id)
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        ratio = self.devicePixelRatioF()
        for info, side in zip(pictures, side_names(pictures), strict=True):
            try:
                data = self._cards.image(info.id)
            except ServiceError:  # removed by another window meanwhile: its refresh follows
                continue
            thumb = CardThumb(info, side, data, ratio)
            thumb.clicked.connect(lambda _=False, i=info.id: self.open_picture(i))
            thumb.menu_asked.connect(self._menu)
            layout.addWidget(thumb)
            self.thumbs.append(thumb)
        # Front and back cut out at different shapes: one box for all, the picture centred in
        # it, so that the captions under them stand on one line.
        if self.thumbs:
            width = max(t.iconSize().width() for t in self.thumbs)
            height = max(t.iconSize().height() for t in self.thumbs)
            for thumb in self.thumbs:
                thumb.pad_to(QSize(width, height), ratio)

    @property
    def has_pictures(self) -> bool:
        return bool(self.thumbs)

    def _info(self, image_id: int) -> CardImageInfo | None:
        return next((t.info for t in self.thumbs if t.info.id == image_id), None)

    def _data(self, image_id: int) -> bytes | None:
        try:
            return self._cards.image(image_id)
        except ServiceError as exc:
            show_error(self, "Cannot show the card picture", str(exc))
            self.changed.emit()
            return None

    def make_dialog(self, image_id: int) -> CardPictureDialog | None:
        data = self._data(image_id)
        if data is None:
            return None
        return CardPictureDialog(data, f"Business card of {self._name}", self)

    def open_picture(self, image_id: int) -> None:
        dialog = self.make_dialog(image_id)
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def save_picture(self, image_id: int, path: Path | None = None) -> bool:
        """Save picture…: asks where unless `path` is given."""
        info = self._info(image_id)
        if info is None:
            return False
        if path is None:
            path = ask_save_path(self, self._name, info.mime)
            if path is None:
                return False
        data = self._data(image_id)
        if data is None or not write_picture(self, data, path):
            return False
        self.message.emit(f"Saved the card picture as {path.name}")
        return True

    def remove_picture(self, image_id: int) -> bool:
        """Remove, as a step Ctrl+Z undoes (when the pane has an undo stack)."""
        cards = self._cards
        try:
            if self._undo_stack is None:
                cards.remove(image_id)
            else:
                delete_undoably(self._undo_stack, lambda: cards.remove(image_id), cards.restore)
        except ServiceError as exc:
            show_error(self, "Could not remove the card picture", str(exc))
            self.changed.emit()
            return False
        undo = " — Ctrl+Z to undo" if self._undo_stack is not None else ""
        self.message.emit(f"Removed the card picture{undo}")
        self.changed.emit()
        return True

    def context_menu(self, image_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Save picture…", lambda: self.save_picture(image_id))
        menu.addAction("Remove", lambda: self.remove_picture(image_id))
        return menu

    def _menu(self, image_id: int, where: QPoint) -> None:
        menu = self.context_menu(image_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
