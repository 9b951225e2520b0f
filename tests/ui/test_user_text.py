"""The helpers that put user text into widgets: shown as typed, never as markup."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from netdesk.ui.widgets.dialog_parts import date_time_edit, due_date_edit
from netdesk.ui.widgets.plain_text import button_text, tooltip_text


def test_button_text_shows_an_ampersand_as_typed(qtbot: QtBot) -> None:
    button = QPushButton(button_text("Rock & Code"))
    qtbot.addWidget(button)
    assert button.text() == "Rock && Code"


def test_tooltip_text_escapes_and_keeps_line_breaks() -> None:
    assert tooltip_text("<b>R&D</b>\nlead") == (
        '<p style="white-space: pre-wrap">&lt;b&gt;R&amp;D&lt;/b&gt;\nlead</p>'
    )
    assert tooltip_text("Rock & Code", "Open this event") == (
        '<p style="white-space: pre-wrap">Rock &amp; Code<br>Open this event</p>'
    )
    assert tooltip_text("", "Open this event") == (
        '<p style="white-space: pre-wrap">Open this event</p>'
    )
    assert tooltip_text() == tooltip_text("") == ""


@pytest.mark.parametrize("make", [due_date_edit, date_time_edit])
def test_tab_leaves_a_date_field(qtbot: QtBot, make: Callable[[], QDateTimeEdit]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    edit = make()
    after = QLineEdit()
    layout.addWidget(edit)
    layout.addWidget(after)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert after.hasFocus()
