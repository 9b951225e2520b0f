"""The Help menu: the guide (F1), the keyboard shortcuts, the demo data and About.

Kept out of main_window.py, which only hands it the menu. Nothing here needs the database
except the demo (a file of its own) and About needs nothing at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from netdesk import __version__

if TYPE_CHECKING:
    from netdesk.ui.help.demo_window import Launcher
    from netdesk.ui.help.guide import GuideDialog, GuideWindow
    from netdesk.ui.help.shortcuts_dialog import KeyedWindow, ShortcutsDialog
    from netdesk.ui.shell import Shell

    class HelpWindow(Shell, GuideWindow, KeyedWindow, Protocol):
        """What Help uses of the window: the guide names its keys, the shortcuts list all."""


GUIDE = "&Getting started"
DEMO = "Look around in &demo data"


def start_detached(command: list[str]) -> bool:
    from PySide6.QtCore import QProcess

    started, _pid = QProcess.startDetached(command[0], command[1:])
    return bool(started)


class HelpMenu(QObject):
    def __init__(self, window: HelpWindow, menu: QMenu) -> None:
        super().__init__(window.widget())
        self.window = window
        # How the demo window is started; a test looks at the command instead of a new GUI.
        self.launch: Launcher = start_detached
        self.guide: GuideDialog | None = None
        self.shortcuts: ShortcutsDialog | None = None
        self._marked_demo = False
        a = window.make_action
        self.act_guide = a(
            GUIDE,
            self.show_guide,
            QKeySequence.StandardKey.HelpContents,
            "about",
            "How netdesk helps before, at and after an event",
        )
        self.act_shortcuts = a(
            "&Keyboard shortcuts",
            self.show_shortcuts,
            None,
            None,
            "Every key netdesk answers to",
        )
        self.act_demo = a(
            DEMO,
            self.open_demo,
            None,
            "events",
            "Open invented people and events in a window and file of their own",
        )
        self.act_about = a("&About netdesk", self.about, None, "about")
        menu.addActions([self.act_guide, self.act_shortcuts])
        menu.addSeparator()
        menu.addAction(self.act_demo)
        menu.addSeparator()
        menu.addAction(self.act_about)
        # The window enables its data actions once a database is attached: then it is known
        # whether this window shows the demo.
        window.act_new_contact.changed.connect(self._database_attached)

    def show_guide(self, section: str = "") -> GuideDialog:
        from netdesk.ui.help.guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self.window)
        self.guide.show_section(section)
        return self.guide

    def show_shortcuts(self) -> ShortcutsDialog:
        from netdesk.ui.help.shortcuts_dialog import ShortcutsDialog

        # Made afresh each time: it lists the actions as they are now.
        if self.shortcuts is not None:
            self.shortcuts.close()
            self.shortcuts.deleteLater()
        self.shortcuts = ShortcutsDialog(self.window)
        self.shortcuts.show()
        return self.shortcuts

    def open_demo(self) -> bool:
        from netdesk.ui.help.demo_window import open_demo

        message = open_demo(self.window.widget(), self.launch)
        if message:
            self.window.say(message, 10000)
        return bool(message)

    def _database_attached(self) -> None:
        services = getattr(self.window, "services", None)
        if self._marked_demo or services is None or not self.window.act_new_contact.isEnabled():
            return
        from netdesk.ui.help.demo_window import is_demo, mark_demo_window

        if is_demo(services.db.url):
            self._marked_demo = True
            mark_demo_window(self.window.widget())
            self.act_demo.setEnabled(False)  # this window is the demo already

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window.widget())
        box.setWindowTitle("About netdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"netdesk {__version__}\n\nRemember who you met, where, what you talked "
            "about and what you promised."
        )
        box.setIconPixmap(self.window.widget().windowIcon().pixmap(64, 64))
        box.open()
