"""FieldErrors: a message beside its field, gone as soon as the field is changed."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from netdesk.ui.widgets.dialog_parts import error_form


class _Form(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit()
        self.text = QPlainTextEdit()
        self.combo = QComboBox()
        self.combo.addItems(["One", "Two"])
        self.date = QDateEdit(QDate(2030, 1, 1))
        self.when = QDateTimeEdit(QDateTime(QDate(2030, 1, 1), QTime(9, 0)))
        self.check = QCheckBox("Known")
        pair = QWidget()  # a row holding two fields: either one clears the row's message
        pair_layout = QHBoxLayout(pair)
        pair_layout.addWidget(self.when)
        pair_layout.addWidget(self.check)
        form, self.errors = error_form()
        self.errors.add_row("&Line", self.line, "line")
        self.errors.add_row("&Text", self.text, "text")
        self.errors.add_row("&Combo", self.combo, "combo")
        self.errors.add_row("&Date", self.date, "date")
        self.errors.add_row("&When", pair, "when")
        layout = QVBoxLayout(self)
        layout.addLayout(form)

    def fail_all(self) -> None:
        self.errors.show({n: f"Bad {n}" for n in ("line", "text", "combo", "date", "when")})

    def visible(self) -> set[str]:
        names = ("line", "text", "combo", "date", "when")
        return {n for n in names if self.errors.label(n).isVisible()}


def test_each_kind_of_field_clears_only_its_own_message(qtbot: QtBot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.fail_all()
    assert form.visible() == {"line", "text", "combo", "date", "when"}
    qtbot.keyClicks(form.line, "a")
    assert form.visible() == {"text", "combo", "date", "when"}
    qtbot.keyClicks(form.text, "b")
    assert form.visible() == {"combo", "date", "when"}
    form.combo.setFocus()
    qtbot.keyClick(form.combo, Qt.Key.Key_Down)
    assert form.visible() == {"date", "when"}
    form.date.setFocus()
    qtbot.keyClick(form.date, Qt.Key.Key_Up)
    assert form.visible() == {"when"}
    qtbot.mouseClick(form.check, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert form.visible() == set()

    form.fail_all()
    form.when.setFocus()
    qtbot.keyClick(form.when, Qt.Key.Key_Up)
    assert form.visible() == {"line", "text", "combo", "date"}


def test_a_row_label_passes_focus_to_the_field_inside_the_wrapper(qtbot: QtBot) -> None:
    form = _Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    [label] = [w for w in form.findChildren(QLabel) if w.text() == "&When"]
    buddy = label.buddy()
    assert buddy is not None
    # What Alt+W does: focus the label's buddy, here the wrapper FieldErrors made.
    buddy.setFocus(Qt.FocusReason.ShortcutFocusReason)
    assert form.focusWidget() is form.when
