"""Paints list items as a bold title over a grey subtitle, with section header rows.

The style still draws the background, selection, check box and focus; only the text is ours,
drawn with `drawText` (plain text, never rich text). Models feed it through the roles below.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
TRAILING_ROLE = Qt.ItemDataRole.UserRole + 3  # short text right-aligned on the title line
SUBTITLE_COLOR_ROLE = Qt.ItemDataRole.UserRole + 4  # QColor for the subtitle (overdue in red)
HEADER_ROLE = Qt.ItemDataRole.UserRole + 5  # True on section header rows ("Upcoming", "Past")

MUTED = QColor("#6b7280")
OVERDUE = QColor("#b3261e")
PAD_X = 10
PAD_Y = 7
LINE_GAP = 2

AnyIndex = QModelIndex | QPersistentModelIndex


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
            painter.setPen(MUTED)
            text_rect = rect.adjusted(PAD_X, 8, -PAD_X, -2)
            painter.drawText(
                text_rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            )
            painter.restore()
            return
        # Let the style draw everything but the text: background, selection, check box, focus.
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        opt.text = ""  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        else:
            text_rect = QRect(rect)
        text_rect = text_rect.adjusted(PAD_X - 4, PAD_Y, -PAD_X, -PAD_Y)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        title_color = palette.color(role) if selected or fg is None else QColor(fg.color())
        sub_color = index.data(SUBTITLE_COLOR_ROLE)
        if selected:
            sub_color = palette.color(role)
        elif not isinstance(sub_color, QColor):
            sub_color = MUTED

        title_metrics = QFontMetrics(title_font)
        sub_metrics = QFontMetrics(sub_font)
        trailing = str(index.data(TRAILING_ROLE) or "")
        title_line = QRect(
            text_rect.left(), text_rect.top(), text_rect.width(), title_metrics.height()
        )
        if trailing:
            painter.setFont(sub_font)
            painter.setPen(palette.color(role) if selected else MUTED)
            width = sub_metrics.horizontalAdvance(trailing)
            painter.drawText(
                title_line,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                trailing,
            )
            title_line.setRight(title_line.right() - width - 8)
        painter.setFont(title_font)
        painter.setPen(title_color)
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
            painter.setPen(sub_color)
            painter.drawText(
                sub_line,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                sub_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, sub_line.width()),
            )
        painter.restore()
