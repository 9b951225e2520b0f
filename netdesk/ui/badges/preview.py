"""What the badge dialog draws: the sheet preview with its page buttons, and the small sheet map
where the user clicks the first free label of a partly used sheet."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netdesk.cards.templates import LabelTemplate
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.plain_text import plain_label

SHADOW = QColor(0, 0, 0, 40)
# The sheet of labels is drawn as the paper it stands for, in its own colours whatever the theme.
USED = QColor("#d1d5db")
NEXT = QColor("#2563eb")
FREE = QColor("#ffffff")
OUTLINE = QColor("#9ca3af")


class PageView(QWidget):
    """One page image scaled to fit, on a grey desk with a soft shadow; or a message instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._scaled = QPixmap()
        self._message = ""
        self.setMinimumSize(QSize(280, 360))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def image(self) -> QImage:
        """The page as rendered (at print-like resolution, before it is scaled to the view)."""
        return self._image

    def message(self) -> str:
        return self._message

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._message = ""
        self._scaled = QPixmap()
        self.update()

    def set_message(self, text: str) -> None:
        self._image = QImage()
        self._scaled = QPixmap()
        self._message = text
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page sits in the widget, kept to the page's proportions."""
        if self._image.isNull():
            return QRectF()
        room = QRectF(self.rect()).adjusted(16, 16, -16, -16)
        scale = min(room.width() / self._image.width(), room.height() / self._image.height())
        w, h = self._image.width() * scale, self._image.height() * scale
        return QRectF(room.center().x() - w / 2, room.center().y() - h / 2, w, h)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scaled = QPixmap()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        backdrop, message = theme.backdrop(self.palette())
        painter.fillRect(self.rect(), backdrop)
        if self._image.isNull():
            painter.setPen(message)
            painter.drawText(
                QRectF(self.rect()).adjusted(40, 0, -40, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
            return
        target = self.page_rect()
        ratio = self.devicePixelRatioF()
        size = QSize(round(target.width() * ratio), round(target.height() * ratio))
        if self._scaled.isNull() or self._scaled.size() != size:
            # Scaled once per size, smoothly: the page is rendered finer than the screen shows.
            self._scaled = QPixmap.fromImage(
                self._image.scaled(
                    size,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self._scaled.setDevicePixelRatio(ratio)
        painter.fillRect(target.translated(3, 4), SHADOW)
        painter.drawPixmap(target.topLeft(), self._scaled)


class PreviewPane(QWidget):
    """The page view with "Page 2 of 5" and buttons to turn the pages."""

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = 0
        self._pages = 0
        self.view = PageView()
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setToolTip("Previous page")
        self.prev_button.clicked.connect(lambda: self.set_page(self._page - 1))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip("Next page")
        self.next_button.clicked.connect(lambda: self.set_page(self._page + 1))
        self.page_label = plain_label()
        theme.colour(self.page_label, theme.muted)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(110)
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addLayout(nav)
        self.set_page_count(0)

    def page(self) -> int:
        return self._page

    def page_count(self) -> int:
        return self._pages

    def set_page_count(self, pages: int) -> None:
        self._pages = pages
        self._page = max(0, min(self._page, pages - 1))
        self._update_nav()

    def set_page(self, page: int) -> None:
        page = max(0, min(page, self._pages - 1))
        if page != self._page:
            self._page = page
            self._update_nav()
            self.page_changed.emit(page)

    def _update_nav(self) -> None:
        self.page_label.setText(f"Page {self._page + 1} of {self._pages}" if self._pages else "")
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self._pages - 1)
        for w in (self.prev_button, self.next_button):
            w.setVisible(self._pages > 1)


class SheetMap(QWidget):
    """A thumbnail of the label sheet: used labels grey, the first one to print blue.

    Clicking a label makes it the first one printed, for a sheet already partly used."""

    picked = Signal(int)  # 1-based label number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._template: LabelTemplate | None = None
        self._start = 1
        self.setFixedSize(QSize(76, 100))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click the first free label on your sheet")

    def set_template(self, template: LabelTemplate | None) -> None:
        self._template = template
        self.update()

    def set_start(self, start: int) -> None:
        self._start = start
        self.update()

    def _scale(self) -> tuple[float, QPointF]:
        t = self._template
        assert t is not None
        room = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        scale = min(room.width() / t.page_width_mm, room.height() / t.page_height_mm)
        origin = QPointF(
            room.center().x() - t.page_width_mm * scale / 2,
            room.center().y() - t.page_height_mm * scale / 2,
        )
        return scale, origin

    def label_rect(self, index: int) -> QRectF:
        """Where label `index` (0-based, row by row) is drawn."""
        if self._template is None:
            return QRectF()
        scale, origin = self._scale()
        x, y, w, h = self._template.label_rect_mm(index)
        return QRectF(origin.x() + x * scale, origin.y() + y * scale, w * scale, h * scale)

    def label_at(self, pos: QPointF) -> int | None:
        """The 1-based number of the label under this point."""
        if self._template is None:
            return None
        for index in range(self._template.per_page):
            if self.label_rect(index).adjusted(-1, -1, 1, 1).contains(pos):
                return index + 1
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.label_at(event.position())
        if number is not None and event.button() == Qt.MouseButton.LeftButton:
            self.picked.emit(number)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._template
        if t is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, origin = self._scale()
        page = QRectF(origin.x(), origin.y(), t.page_width_mm * scale, t.page_height_mm * scale)
        painter.fillRect(page.translated(1, 1), SHADOW)
        painter.fillRect(page, FREE)
        painter.setPen(QPen(OUTLINE, 0.8))
        painter.drawRect(page)
        for index in range(t.per_page):
            rect = self.label_rect(index)
            number = index + 1
            colour = USED if number < self._start else NEXT if number == self._start else FREE
            painter.setBrush(colour)
            painter.setPen(QPen(OUTLINE, 0.6))
            painter.drawRoundedRect(rect, 1.2, 1.2)
