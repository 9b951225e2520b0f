"""The guide window (Help > Getting started, F1): the shipped text in a read-only browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from netdesk.ui.help.guide_text import guide_html
from netdesk.ui.help.shortcuts_dialog import keys_text

if TYPE_CHECKING:
    from netdesk.ui.main_window import MainWindow


def guide_keys(window: MainWindow) -> dict[str, str]:
    """The keys the guide names, read from the window's actions."""
    from netdesk.ui.main_window import FOLLOWUPS, PAGES

    followups = window.act_go[[k for k, _ in PAGES].index(FOLLOWUPS)]
    return {
        "new_contact": keys_text(window.act_new_contact),
        "my_card": keys_text(window.cards.act_my_card),
        "import_": keys_text(window.exchange.act_import),
        "new_event": keys_text(window.act_new_event),
        "badges": keys_text(window.badges.act_print_badges),
        "capture": keys_text(window.act_capture),
        "find": keys_text(window.act_find),
        "followups": keys_text(followups),
        "new_followup": keys_text(window.act_new_followup),
    }


def link_actions(window: MainWindow) -> dict[str, QAction]:
    """What each of the guide's "netdesk:NAME" links does (a disabled one does nothing)."""
    return {
        "my-card": window.cards.act_my_card,
        "import": window.exchange.act_import,
        "demo": window.help.act_demo,
    }


class GuideDialog(QDialog):
    """Not modal: the user can follow the steps in the window while the guide stays open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Getting started — netdesk")
        self.resize(640, 680)
        self.browser = QTextBrowser()
        self.browser.setReadOnly(True)
        # Links inside the guide only: nothing is handed to a web browser.
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        self._actions = link_actions(window)
        self.browser.setHtml(guide_html(guide_keys(window)))
        self.browser.document().setDocumentMargin(16)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def follow(self, url: QUrl) -> None:
        """A section of the guide, or one of the first steps' commands."""
        if url.scheme() == "netdesk":
            action = self._actions.get(url.path())
            if action is not None:
                action.trigger()
        elif url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())

    def show_section(self, anchor: str = "") -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
