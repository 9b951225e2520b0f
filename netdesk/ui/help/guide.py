"""The guide window (Help > Getting started, F1): the shipped text in a read-only browser."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout

from netdesk.ui.help.guide_text import guide_html
from netdesk.ui.help.shortcuts_dialog import keys_text
from netdesk.ui.shell import FOLLOWUPS, GOALS, PAGE_KEYS


class _MyCard(Protocol):
    @property
    def act_my_card(self) -> QAction: ...


class _Import(Protocol):
    @property
    def act_import(self) -> QAction: ...


class _Badges(Protocol):
    @property
    def act_print_badges(self) -> QAction: ...


class _Demo(Protocol):
    @property
    def act_demo(self) -> QAction: ...


class _Mail(Protocol):
    @property
    def act_write(self) -> QAction: ...


class _Scan(Protocol):
    @property
    def act_scan(self) -> QAction: ...


class GuideWindow(Protocol):
    """The actions the guide names (with their keys) or runs from its links."""

    act_new_contact: QAction
    act_new_event: QAction
    act_new_followup: QAction
    act_capture: QAction
    act_find: QAction
    act_go: list[QAction]

    @property
    def cards(self) -> _MyCard: ...

    @property
    def exchange(self) -> _Import: ...

    @property
    def badges(self) -> _Badges: ...

    @property
    def help(self) -> _Demo: ...

    @property
    def mail(self) -> _Mail: ...

    @property
    def scanning(self) -> _Scan: ...

    def widget(self) -> QMainWindow: ...


def guide_keys(window: GuideWindow) -> dict[str, str]:
    """The keys the guide names, read from the window's actions."""
    followups = window.act_go[PAGE_KEYS.index(FOLLOWUPS)]
    goals = window.act_go[PAGE_KEYS.index(GOALS)]
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
        "write_email": keys_text(window.mail.act_write),
        "goals": keys_text(goals),
        "scan": keys_text(window.scanning.act_scan),
    }


def link_actions(window: GuideWindow) -> dict[str, QAction]:
    """What each of the guide's "netdesk:NAME" links does (a disabled one does nothing)."""
    return {
        "my-card": window.cards.act_my_card,
        "import": window.exchange.act_import,
        "demo": window.help.act_demo,
        "scan": window.scanning.act_scan,
    }


class GuideDialog(QDialog):
    """Not modal: the user can follow the steps in the window while the guide stays open."""

    def __init__(self, window: GuideWindow) -> None:
        super().__init__(window.widget())
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
