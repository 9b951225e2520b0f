"""Settings > Keep running in the tray when the window closes.

When it is on (and only where there is a tray), closing the window hides it and netdesk goes on
reminding from the tray; Quit (File > Quit, Ctrl+Q, or the tray's menu) really quits. Off by
default: a window that closes and a program that goes on is a surprise nobody asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication

from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.ui.shell import Shell

KEY = "tray/keep_running"
TEXT = "Keep running in the &tray when the window closes"
TIP_ON = "Closing the window leaves netdesk in the tray, reminding you of follow-ups; Quit ends it"
TIP_NO_TRAY = "This desktop has no system tray, so netdesk ends when its window closes"


class KeepRunning(QObject):
    """`hidden` is emitted when closing the window only hid it."""

    hidden = Signal()

    def __init__(self, shell: Shell, tray_available: bool) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.tray_available = tray_available
        self.quitting = False
        window = shell.widget()
        self.action = QAction(TEXT, window)
        self.action.setCheckable(True)
        self.action.setChecked(tray_available and _as_bool(shell.settings.value(KEY, False)))
        self.action.setEnabled(tray_available)
        self.action.setToolTip(TIP_ON if tray_available else TIP_NO_TRAY)
        menu = top_menu(window, "Settings")
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.action)
            menu.setToolTipsVisible(True)  # why it is greyed out, where it is
        self.action.toggled.connect(self._toggled)
        # File > Quit closed the window; with this setting that would only hide it.
        shell.act_quit.triggered.disconnect()
        shell.act_quit.triggered.connect(self.quit)
        self._apply()

    def is_on(self) -> bool:
        return self.tray_available and self.action.isChecked()

    def close_to_tray(self, event: QCloseEvent) -> bool:
        """For the window's closeEvent: True when the window was hidden instead of closed."""
        if self.quitting or not self.is_on() or self.shell.damaged:
            return False
        event.ignore()
        self.shell.widget().hide()
        self.hidden.emit()
        return True

    def quit(self) -> None:
        """Close the window for real and end netdesk."""
        self.quitting = True
        if self.shell.widget().close():
            QApplication.quit()
        else:
            self.quitting = False

    def closed(self) -> None:
        """The window closed for real while the setting kept the application from ending."""
        if self.is_on():
            QApplication.quit()

    def _toggled(self, on: bool) -> None:
        self.shell.settings.setValue(KEY, on)
        self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # A hidden last window must not end the application while the tray holds it.
            app.setQuitOnLastWindowClosed(not self.is_on())


def _as_bool(value: object) -> bool:
    # An INI file gives back "true"/"false" as text.
    return value is True or str(value).lower() in ("true", "1")
