"""User text is shown as plain text, never as rich text: helpers that make that the default."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    return label


def window_title(text: str) -> str:
    """User text for setWindowTitle: Qt would swallow a literal "[*]" as its modified marker."""
    return text.replace("[*]", "[*][*]")


def button_text(text: str) -> str:
    """User text for a button or action: a lone "&" would become a shortcut underline."""
    return text.replace("&", "&&")


def tooltip_text(*lines: str) -> str:
    """User text for a tooltip, which Qt renders as rich text when it looks like HTML: the
    non-empty lines one under the other, their line breaks kept ("" when there are none)."""
    # Escaped and wrapped in a tag, so Qt always takes the rich-text path and shows it verbatim.
    shown = [html.escape(line) for line in lines if line]
    return '<p style="white-space: pre-wrap">' + "<br>".join(shown) + "</p>" if shown else ""


def safe_tooltip(text: str) -> str:
    """One line of user text for a tooltip, shown as typed: left as it is when Qt would show
    it as plain text anyway ("Tom & Jerry" must not become "Tom &amp; Jerry"), else escaped."""
    if not GuiQt.mightBeRichText(text):
        return text
    escaped = html.escape(text, quote=False)
    # Qt reads the escaped text as HTML too when it holds "&lt;"; else force the rich path.
    return escaped if "\n" not in text and GuiQt.mightBeRichText(escaped) else tooltip_text(text)


class ElidedLabel(QLabel):
    """One line of user text that ends in "…" when it does not fit, with the full text as tooltip.

    It never asks for more width than it is given, so a long name cannot stretch its dialog.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(tooltip_text(text))

    def shown_text(self) -> str:
        """What fits in the label's width now."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("Mmmm…"), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), align, self.shown_text())


class TextPrompt(QDialog):
    """Asks for one line of text; unlike QInputDialog its prompt is never read as HTML."""

    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, value: str = "", ok_text: str = "OK"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(title))
        self.setMinimumWidth(340)
        self.prompt = plain_label(prompt, wrap=True)
        self.edit = QLineEdit(value)
        self.edit.selectAll()
        self.prompt.setBuddy(self.edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.edit.setFocus()

    def value(self) -> str:
        return self.edit.text()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def question_box(
    parent: QWidget | None, title: str, message: str, action: str, keep: str = "Cancel"
) -> tuple[QMessageBox, QPushButton]:
    """A plain-text question before something destructive, not yet shown, and its `action`
    button. `keep` is the default and the Escape button: Delete then Enter by habit, or
    Escape twice, keeps the data; only a deliberate choice does the destructive thing."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    act = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    return box, act


def confirm(
    parent: QWidget | None,
    title: str,
    message: str,
    action: str = "Delete",
    keep: str = "Cancel",
) -> bool:
    """Whether the user chose `action` in a question_box."""
    box, act = question_box(parent, title, message, action, keep)
    box.exec()
    return box.clickedButton() is act
