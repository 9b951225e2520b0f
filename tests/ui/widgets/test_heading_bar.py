"""A heading with buttons beside it: the heading never wraps, the buttons give way."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from netdesk.ui.widgets.heading_bar import HeadingBar
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label


def _bar(qtbot: QtBot) -> tuple[QWidget, HeadingBar, list[QPushButton]]:
    heading = plain_label("People · 20 · 11 met", wrap=True)
    buttons = [
        QPushButton(icon("new-contact"), "Add person…"),
        QPushButton("Remove from event"),
        QPushButton(icon("import"), "Import list…"),
        QPushButton(icon("export"), "Export"),
    ]
    buttons[0].setToolTip("Add someone from your contacts")
    bar = HeadingBar(heading, buttons)
    # In a page, as on the event page: the page's layout asks the bar for its minimum.
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(bar)
    qtbot.addWidget(page)
    page.show()
    return page, bar, buttons


def test_narrow_the_buttons_show_their_icons_and_the_heading_keeps_one_line(
    qtbot: QtBot,
) -> None:
    page, bar, buttons = _bar(qtbot)
    full = bar.sizeHint().width()
    page.resize(full - 40, page.height())
    qtbot.waitUntil(bar.is_compact)
    qtbot.wait(10)

    heading = bar.heading
    assert not heading.wordWrap()
    assert heading.width() >= heading.fontMetrics().horizontalAdvance(heading.text())
    assert [b.text() for b in buttons] == ["", "Remove from event", "", ""]
    assert buttons[0].toolTip() == "Add person…\nAdd someone from your contacts"
    assert buttons[0].accessibleName() == "Add person…"
    assert bar.minimumSizeHint().width() < full

    # Wide again: the texts come back, and stay (no flicker between the two).
    page.resize(full + 10, page.height())
    qtbot.waitUntil(lambda: not bar.is_compact())
    qtbot.wait(10)
    assert [b.text() for b in buttons] == [
        "Add person…",
        "Remove from event",
        "Import list…",
        "Export",
    ]
    assert buttons[0].toolTip() == "Add someone from your contacts"
    assert not bar.is_compact()
