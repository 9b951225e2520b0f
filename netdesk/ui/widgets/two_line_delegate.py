"""Paints list items as a bold title over a grey subtitle, with section header rows.

The style still draws the background, selection and focus; the text is ours, drawn with
`drawText` (plain text, never rich text), and so is the check box, whose outline some styles
derive from the window colour and lose on a dark palette. Models feed it through the roles below.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from netdesk.ui.widgets import theme

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
TRAILING_ROLE = Qt.ItemDataRole.UserRole + 3  # short text right-aligned on the title line
SUBTITLE_COLOR_ROLE = Qt.ItemDataRole.UserRole + 4  # QColor for the subtitle (overdue: theme.error)
HEADER_ROLE = Qt.ItemDataRole.UserRole + 5  # True on section header rows ("Upcoming", "Past")

PAD_X = 10
PAD_Y = 7
LINE_GAP = 2

AnyIndex = QModelIndex | QPersistentModelIndex
CHECK_BOX = 14


class RowColours(NamedTuple):
    """What one row is painted in, each colour on `background`."""

    background: QColor
    title: QColor
    subtitle: QColor
    trailing: QColor
    check_outline: QColor
    check_mark: QColor


class TwoLineDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)  # type: ignore[attr-defined]
        title.setWeight(QFont.Weight.DemiBold)
        sub = QFont(option.font)  # type: ignore[attr-defined]
        sub.setPointSizeF(max(sub.pointSizeF() - 1, 7))
        header = QFont(option.font)  # type: ignore[attr-defined]
        header.setWeight(QFont.Weight.Bold)
        header.setPointSizeF(max(header.pointSizeF() - 1, 7))
        header.setCapitalization(QFont.Capitalization.AllUppercase)
        header.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        return title, sub, header

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        title, sub, header = self._fonts(option)
        base = super().sizeHint(option, index)
        if index.data(HEADER_ROLE):
            return QSize(base.width(), QFontMetrics(header).height() + 16)
        height = QFontMetrics(title).height() + LINE_GAP + QFontMetrics(sub).height() + 2 * PAD_Y
        return QSize(base.width(), max(height, base.height()))

    def colours(self, option: QStyleOptionViewItem, index: AnyIndex) -> RowColours:
        """The colours `paint` uses for the row at `index`, from the view's palette."""
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        if selected:
            background = palette.color(QPalette.ColorRole.Highlight)
            text = palette.color(QPalette.ColorRole.HighlightedText)
            outline = theme.check_outline(palette, background)
            return RowColours(background, text, text, text, outline, text)
        background = palette.color(QPalette.ColorRole.Base)
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        title = palette.color(QPalette.ColorRole.Text) if fg is None else QColor(fg.color())
        sub = index.data(SUBTITLE_COLOR_ROLE)
        muted = theme.muted(palette)
        subtitle = sub if isinstance(sub, QColor) else muted
        outline = theme.check_outline(palette, background)
        return RowColours(background, title, subtitle, muted, outline, title)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget: QWidget | None = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        title_font, sub_font, header_font = self._fonts(opt)
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        painter.save()
        if index.data(HEADER_ROLE):
            painter.setFont(header_font)
            painter.setPen(theme.muted(opt.palette))  # type: ignore[attr-defined]
            text_rect = rect.adjusted(PAD_X, 8, -PAD_X, -2)
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            )
            painter.restore()
            return
        # Let the style draw the background, selection and focus; the text and check box are ours.
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        opt.text = ""  # type: ignore[attr-defined]
        colours = self.colours(opt, index)
        features = QStyleOptionViewItem.ViewItemFeature
        checkable = bool(opt.features & features.HasCheckIndicator)  # type: ignore[attr-defined]
        check_rect = QRect()
        if style is not None:
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            if checkable:
                check_rect = style.subElementRect(
                    QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget
                )
                opt.features &= ~features.HasCheckIndicator  # type: ignore[attr-defined]
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        else:
            text_rect = QRect(rect)
        if checkable and check_rect.isValid():
            checked = opt.checkState == Qt.CheckState.Checked  # type: ignore[attr-defined]
            _paint_check(painter, check_rect, colours, checked)
        text_rect = text_rect.adjusted(PAD_X - 4, PAD_Y, -PAD_X, -PAD_Y)

        title_metrics = QFontMetrics(title_font)
        sub_metrics = QFontMetrics(sub_font)
        trailing = str(index.data(TRAILING_ROLE) or "")
        title_line = QRect(
            text_rect.left(), text_rect.top(), text_rect.width(), title_metrics.height()
        )
        if trailing:
            painter.setFont(sub_font)
            painter.setPen(colours.trailing)
            width = sub_metrics.horizontalAdvance(trailing)
            painter.drawText(
                title_line,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                trailing,
            )
            title_line.setRight(title_line.right() - width - 8)
        painter.setFont(title_font)
        painter.setPen(colours.title)
        painter.drawText(
            title_line,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_line.width()),
        )
        subtitle = str(index.data(SUBTITLE_ROLE) or "")
        if subtitle:
            sub_line = QRect(
                text_rect.left(),
                title_line.bottom() + 1 + LINE_GAP,
                text_rect.width(),
                sub_metrics.height(),
            )
            painter.setFont(sub_font)
            painter.setPen(colours.subtitle)
            painter.drawText(
                sub_line,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                sub_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, sub_line.width()),
            )
        painter.restore()


def _paint_check(painter: QPainter, rect: QRect, colours: RowColours, checked: bool) -> None:
    """A square outline (with a tick when checked) centred in `rect`, in colours that read on
    the row whatever the palette."""
    side = min(CHECK_BOX, rect.width(), rect.height())
    box = QRectF(0, 0, side - 1, side - 1)
    box.moveCenter(QRectF(rect).center())
    # Whole pixels plus a half, so that the 1 px outline lands on one pixel row, not two faint.
    box.moveTopLeft(QPointF(int(box.left()) + 0.5, int(box.top()) + 0.5))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colours.check_outline, 1))
    painter.setBrush(colours.background)
    painter.drawRoundedRect(box, 2, 2)
    if checked:
        tick = QPainterPath()
        tick.moveTo(box.left() + side * 0.22, box.top() + side * 0.52)
        tick.lineTo(box.left() + side * 0.42, box.top() + side * 0.72)
        tick.lineTo(box.left() + side * 0.78, box.top() + side * 0.28)
        pen = QPen(colours.check_mark, 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
    painter.restore()
