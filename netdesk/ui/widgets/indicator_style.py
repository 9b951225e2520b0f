"""Check boxes and radio buttons that stay visible on a dark palette in Qt's Fusion style.

Fusion (what Qt gives a program on GNOME or without a desktop style) outlines a check box or a
radio button in a darker shade of the window colour: on a dark palette that shade all but
matches the box's fill, and the "Met" boxes of an event page vanish. This keeps Fusion's
drawing and traces the outline again in a colour that reaches 3:1 against the fill (WCAG
1.4.11). Other styles (Breeze, Adwaita, Windows) draw their own outlines and are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from netdesk.ui.widgets import theme

FUSION = "fusion"


class OutlinedIndicators(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        # An item view's check box comes here again as PE_IndicatorCheckBox.
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            _outline(option, painter, round_=False)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            _outline(option, painter, round_=True)


def _outline(option: QStyleOption, painter: QPainter, *, round_: bool) -> None:
    palette: QPalette = option.palette  # type: ignore[attr-defined]
    pressed = bool(option.state & QStyle.StateFlag.State_Sunken)  # type: ignore[attr-defined]
    if pressed:
        return  # Fusion fills a pressed box with a blend of text and base: visible already
    colour = theme.check_outline(palette, palette.color(QPalette.ColorRole.Base))
    rect = option.rect  # type: ignore[attr-defined]
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 1))
    if round_:
        # Where Fusion draws its circle (qfusionstyle.cpp, PE_IndicatorRadioButton).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = (rect.width() + (rect.width() + 1) % 2) / 2.0 - 1
        centre = QPointF(rect.center()) + QPointF(1, 1)
        painter.drawEllipse(centre, radius, radius)
    else:
        # Fusion's square: the option's rect less a pixel, on half pixels.
        painter.drawRect(QRectF(rect).adjusted(0.5, 0.5, -1.5, -1.5))
    painter.restore()


def outline_indicators(app: QApplication) -> None:
    """Put the outlines under the application's style when that style is Fusion."""
    if app.style().name().lower() == FUSION and not isinstance(app.style(), OutlinedIndicators):
        app.setStyle(OutlinedIndicators(FUSION))
