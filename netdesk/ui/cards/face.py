"""The face of the QR card window: the code, the person's name under it and a hint, on a card
that stays light like paper whatever the theme (phone cameras read dark modules on a light
ground, and its text is dark on that white)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from netdesk.ui.widgets.plain_text import plain_label

CARD_STYLE = "#qr_card_frame { background: white; border: 1px solid #d0d7de; border-radius: 12px; }"
MUTED_STYLE = "color: #6b7280;"
SCAN_HINT = "Point a phone camera at the code to save the contact."


def name_label(name: str, font: QFont) -> QLabel:
    """The name under the code, large and bold (from the window's `font`)."""
    label = plain_label(name, wrap=True)
    label.setObjectName("qr_card_name")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    name_font = QFont(font)
    name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
    name_font.setBold(True)
    label.setFont(name_font)
    label.setStyleSheet("color: #111827; background: transparent;")
    return label


def card_face(code_view: QWidget, name: QLabel) -> QFrame:
    """The card: the code taking the spare height, the name and the scanning hint under it."""
    hint = plain_label(SCAN_HINT, wrap=True)
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setStyleSheet(MUTED_STYLE + " background: transparent;")
    card = QFrame()
    card.setObjectName("qr_card_frame")
    card.setStyleSheet(CARD_STYLE)
    card_layout = QVBoxLayout(card)
    card_layout.setContentsMargins(12, 12, 12, 16)
    card_layout.setSpacing(4)
    card_layout.addWidget(code_view, 1)
    card_layout.addWidget(name)
    card_layout.addWidget(hint)
    return card
