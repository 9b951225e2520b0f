"""The welcome a first start shows on the Today page instead of three empty lists.

It offers the three first steps (one's own card, an import, the demo data in a file of its
own) and says where to find them again. It stands in for the Today page exactly while the
database holds no people and no events, and comes back when the file is emptied again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from netdesk.ui.help.shortcuts_dialog import keys_text
from netdesk.ui.widgets.icons import icon
from netdesk.ui.widgets.plain_text import plain_label

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from netdesk.services.service_set import Services
    from netdesk.ui.change_bridge import ChangeBridge
    from netdesk.ui.people.contact_dialog import ContactDialog
    from netdesk.ui.shell import Shell

    class _Cards(Protocol):
        def open_card(self, contact_id: int) -> object: ...

    class _Import(Protocol):
        def import_files(self) -> None: ...

    class _Help(Protocol):
        @property
        def act_guide(self) -> QAction: ...

        def open_demo(self) -> bool: ...

    class WelcomeWindow(Shell, Protocol):
        """What the welcome's three steps use of the window."""

        services: Services
        bridge: ChangeBridge

        @property
        def cards(self) -> _Cards: ...

        @property
        def exchange(self) -> _Import: ...

        @property
        def help(self) -> _Help: ...


WATCHED = frozenset({"contacts", "events"})

TITLE = "Welcome to netdesk"
INTRO = (
    "netdesk remembers who you met, where, what you talked about and what you promised. "
    "Your address book is empty: here are three ways to begin."
)
ME_TITLE = "Set up my own card"
ME_TEXT = (
    "Add yourself (“This is me”), so that netdesk can show your details as a QR code "
    "that others scan with their phone at events."
)
IMPORT_TITLE = "Import contacts"
IMPORT_TEXT = (
    "From a phone or mail program (vCard), LinkedIn, Google Contacts, Outlook or an "
    "Eventbrite attendee list. You see everyone before anything is saved."
)
DEMO_TITLE = "Look around in demo data"
DEMO_TEXT = (
    "Invented people and events, opened in a window and a file of their own. Your own "
    "address book stays as it is."
)
AGAIN = (
    "You can find these steps again under Help > Getting started ({keys}), with what comes "
    "after an event: emails from templates, keeping in touch, goals and reminders. This page "
    "gives way to your Today page as soon as netdesk holds people or events."
)


class WelcomeView(QWidget):
    """Shown in the Today page's place; `today` is hidden while the welcome is up."""

    def __init__(self, window: WelcomeWindow, today: QWidget, container: QWidget) -> None:
        super().__init__(container)
        self.setObjectName("welcome")
        self._window = window
        self._today = today
        title = plain_label(TITLE)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() + 10)
        font.setWeight(QFont.Weight.Bold)
        title.setFont(font)
        intro = plain_label(INTRO, wrap=True)
        self.me_button = self._step("qr-card", ME_TITLE, ME_TEXT)
        self.me_button.clicked.connect(self.set_up_me)
        self.import_button = self._step("import", IMPORT_TITLE, IMPORT_TEXT)
        self.import_button.clicked.connect(self.import_contacts)
        self.demo_button = self._step("events", DEMO_TITLE, DEMO_TEXT)
        self.demo_button.clicked.connect(self.open_demo)
        again = plain_label(AGAIN.format(keys=keys_text(window.help.act_guide)), wrap=True)

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        for button in self.buttons():
            column.addWidget(button)
        column.addSpacing(12)
        column.addWidget(again)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(640)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        layout = container.layout()
        assert layout is not None
        layout.addWidget(self)
        window.bridge.changed.connect(self._on_changed)
        self.refresh()

    def _step(self, icon_name: str, title: str, text: str) -> QCommandLinkButton:
        button = QCommandLinkButton(title, text)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(32, 32))
        # Framed like cards, so that they read as buttons before the mouse is over them; the
        # colours are the theme's, light or dark.
        button.setStyleSheet(
            "QCommandLinkButton { border: 1px solid palette(mid); border-radius: 8px;"
            " background: palette(base); padding: 10px; }"
            "QCommandLinkButton:hover, QCommandLinkButton:focus"
            " { border: 1px solid palette(highlight); }"
        )
        return button

    def buttons(self) -> tuple[QCommandLinkButton, ...]:
        return (self.me_button, self.import_button, self.demo_button)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & WATCHED:
            self.refresh()

    def refresh(self) -> None:
        empty = self._window.services.today.is_empty()
        self._today.setVisible(not empty)
        self.setVisible(empty)

    # -- the three steps --------------------------------------------------------------------

    def set_up_me(self) -> ContactDialog:
        """The new-contact form with "This is me" ticked; once saved, the user's QR card."""
        from netdesk.ui.people.contact_dialog import ContactDialog

        dialog = ContactDialog(self._window.services, None, self._window.widget())
        dialog.setWindowTitle("Set up my own card")
        dialog.is_me_check.setChecked(True)
        dialog.finished.connect(lambda result: self._me_saved(dialog, result))
        dialog.open()
        return dialog

    def _me_saved(self, dialog: ContactDialog, result: int) -> None:
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and dialog.contact_id is not None:
            self._window.say("Your card is ready: People > My QR card shows it again.", 8000)
            self._window.cards.open_card(dialog.contact_id)

    def import_contacts(self) -> None:
        self._window.exchange.import_files()

    def open_demo(self) -> bool:
        return bool(self._window.help.open_demo())


def show_welcome(window: WelcomeWindow, today: QWidget, container: QWidget) -> WelcomeView:
    """Put the welcome beside the Today page in its container (main_window.py's one call)."""
    return WelcomeView(window, today, container)
