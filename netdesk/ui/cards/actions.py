"""People > My QR card and QR card, File > Add contact from QR image and Paste QR code.

Kept out of main_window.py: constructed once the window's menus and toolbar exist, it puts its
actions into them and keeps them enabled exactly when the window's data actions are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QToolBar

from netdesk.services.errors import ServiceError
from netdesk.ui.shell import PEOPLE
from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.services.import_plan import ImportPlan, ImportReport
    from netdesk.ui.cards.add_actions import QrAddActions
    from netdesk.ui.cards.me import ChooseMeDialog
    from netdesk.ui.cards.window import QrCardWindow
    from netdesk.ui.shell import Shell

# Ctrl+Shift+M ("me"): Ctrl+Shift+Q would be Cmd+Shift+Q on a Mac, which logs the user out.
MY_CARD_SHORTCUT = "Ctrl+Shift+M"
WARM_UP_DELAY_MS = 1500
SELECT_FIRST = "Select a person under People to show their QR card."


class Importer(Protocol):
    """File > Import (the QR actions go right under it) and the import of a previewed plan."""

    @property
    def act_import(self) -> QAction: ...

    def import_plan(self, plan: ImportPlan, event_id: int | None) -> ImportReport | None: ...


class CardActions(QObject):
    def __init__(self, shell: Shell, importer: Importer) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.importer = importer
        self.windows: dict[int, QrCardWindow] = {}
        self._adder: QrAddActions | None = None
        self._warmed = False
        a = shell.make_action
        self.act_my_card = a(
            "My &QR card…",
            self.show_my_card,
            MY_CARD_SHORTCUT,
            "qr-card",
            "Show your own card as a QR code that a phone camera saves as a contact",
        )
        self.act_my_card.setIconText("My QR card")
        self.act_contact_card = a(
            "QR &card for this person…",
            self.show_selected_card,
            None,
            "qr-card",
            "Pass the selected person's details on as a QR code",
        )
        self.act_add_from_image = a(
            "Add contact from QR &image…",
            lambda: self.adder.add_from_file(),
            None,
            "import",
            "Read the QR code in a photo of a badge or a screenshot of a card",
        )
        self.act_paste_qr = a(
            "&Paste QR code",
            lambda: self.adder.paste(),
            None,
            None,
            "Add the contact in the QR code of a picture you copied",
        )
        self._add_to_menus()
        # The window enables its data actions once a database is attached: follow them.
        shell.act_new_contact.changed.connect(self._sync_enabled)
        self._sync_enabled()

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        return (
            self.act_my_card,
            self.act_contact_card,
            self.act_add_from_image,
            self.act_paste_qr,
        )

    def _sync_enabled(self) -> None:
        enabled = self.shell.act_new_contact.isEnabled()
        for act in self.data_actions:
            act.setEnabled(enabled)
        if enabled and not self._warmed:
            self._warmed = True
            # Once the window has settled, load what a card needs, so that even the first
            # card of the session opens within 100 ms (qrcode alone takes 25 ms to import).
            QTimer.singleShot(WARM_UP_DELAY_MS, self, self.warm_up)

    def warm_up(self) -> None:
        """Loads what a card needs and makes the code of one's own card, so that even the
        first card of the session opens within 100 ms; nothing is shown, nothing can fail."""
        from netdesk.ui.cards.choices import first_choice

        services = getattr(self.shell, "services", None)
        if services is None:
            return
        try:
            me = services.cards.me_id()
            if me is not None:
                fields, fmt = first_choice(self.shell.settings, services.cards.record(me))
                services.cards.card(me, fields, fmt)  # cached per payload
        except Exception:  # a head start only: whatever fails here, the real open reports
            pass

    def _add_to_menus(self) -> None:
        window = self.shell.widget()
        file_menu = top_menu(window, "File")
        if file_menu is not None:
            # Right under Import…: another way of bringing people in.
            actions = file_menu.actions()
            import_at = actions.index(self.importer.act_import)
            added = [self.act_add_from_image, self.act_paste_qr]
            if import_at + 1 < len(actions):
                file_menu.insertActions(actions[import_at + 1], added)
            else:
                file_menu.addActions(added)
        people = top_menu(window, "People")
        if people is not None:
            people.addSeparator()
            people.addAction(self.act_my_card)
            people.addAction(self.act_contact_card)
        toolbar = window.findChild(QToolBar, "main_toolbar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.act_my_card)

    @property
    def adder(self) -> QrAddActions:
        if self._adder is None:
            from netdesk.ui.cards.add_actions import QrAddActions

            self._adder = QrAddActions(self.shell, self.importer.import_plan)
        return self._adder

    # -- showing cards ---------------------------------------------------------------------

    def open_card(self, contact_id: int) -> QrCardWindow | None:
        """The card window for this contact (the one already open is brought forward)."""
        existing = self.windows.get(contact_id)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        from netdesk.ui.cards.window import QrCardWindow

        try:
            card = QrCardWindow(
                self.shell.services,
                contact_id,
                self.shell.settings,
                self.shell.widget(),
                getattr(self.shell, "bridge", None),
            )
        except ServiceError as exc:
            from netdesk.ui.widgets.plain_text import show_error

            show_error(self.shell.widget(), "Cannot show the QR card", str(exc))
            return None
        card.message.connect(lambda text: self.shell.say(text, 6000))
        card.destroyed.connect(lambda _=None, cid=contact_id: self.windows.pop(cid, None))
        self.windows[contact_id] = card
        card.show()
        card.activateWindow()
        return card

    def show_my_card(self) -> QrCardWindow | None:
        me = self.shell.services.cards.me_id()
        if me is not None:
            return self.open_card(me)
        return self.ask_for_me()

    def ask_for_me(self) -> QrCardWindow | None:
        """No contact is "me": explain, and offer to choose one or add oneself."""
        from netdesk.ui.cards.me import no_me_box

        box, choose, add = no_me_box(self.shell.widget())
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        contact_id: int | None = None
        if clicked is choose:
            dialog: QDialog = self.choose_me_dialog()
            if dialog.exec() == QDialog.DialogCode.Accepted:
                contact_id = getattr(dialog, "contact_id", None)
            dialog.deleteLater()
        elif clicked is add:
            from netdesk.ui.people.contact_dialog import ContactDialog

            new = ContactDialog(self.shell.services, None, self.shell.widget())
            new.is_me_check.setChecked(True)
            if new.exec() == QDialog.DialogCode.Accepted:
                contact_id = new.contact_id
            new.deleteLater()
        return self.open_card(contact_id) if contact_id is not None else None

    def choose_me_dialog(self) -> ChooseMeDialog:
        from netdesk.ui.cards.me import ChooseMeDialog

        return ChooseMeDialog(self.shell.services, self.shell.widget())

    def show_selected_card(self) -> QrCardWindow | None:
        ids: list[int] = []
        if self.shell.current_key() == PEOPLE:
            ids = self.shell.view(PEOPLE).selected_contact_ids()
        if not ids:
            self.shell.say(SELECT_FIRST, 6000)
            return None
        return self.open_card(ids[0])
