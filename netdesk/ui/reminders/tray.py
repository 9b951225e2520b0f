"""Reminders on the desktop: the tray icon with the number of due follow-ups, a notification
when one falls due while netdesk runs (clicking it opens that follow-up), and, on a desktop
without a tray, the banner at the top of the window instead.

main_window.py makes one `ReminderTray`, `attach()`es it when the database is open and asks it
in closeEvent whether closing only hides the window (Settings > Keep running in the tray).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from netdesk.ui.reminders.banner import DueBanner, place_banner
from netdesk.ui.reminders.count_icon import count_icon
from netdesk.ui.reminders.keep_running import KeepRunning
from netdesk.ui.reminders.opening import bring_forward, open_followups
from netdesk.ui.reminders.texts import count_text, notification
from netdesk.ui.shell import FOLLOWUPS
from netdesk.ui.widgets.icons import app_icon, icon

if TYPE_CHECKING:
    from datetime import date, tzinfo

    from netdesk.services.records import FollowUpRow
    from netdesk.ui.reminders.watch import DueWatch
    from netdesk.ui.shell import Shell

# How long a notification stays (desktops may keep it in their history longer).
MESSAGE_MS = 15_000


class ReminderTray(QObject):
    """`tray_available`: whether the desktop shows tray icons (the default asks Qt); the tests
    pass True to drive a real QSystemTrayIcon on a platform without a tray. `zone`: the user's
    time zone, else this computer's, asked at every check."""

    def __init__(
        self,
        shell: Shell,
        tray_available: bool | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray_available = tray_available
        self.zone = zone
        self.notified: list[int] = []  # what the last message was about, for its click
        self._said_running = False
        self.watch: DueWatch | None = None
        self.keep_running = KeepRunning(shell, tray_available)
        self.icon: QSystemTrayIcon | None = None
        self.banner: DueBanner | None = None
        if tray_available:
            self.icon = self._make_icon()
            self.keep_running.hidden.connect(self._say_still_running)
        else:
            self.banner = DueBanner()
            self.banner.show_requested.connect(self.open)
            place_banner(shell.widget(), self.banner)

    def _make_icon(self) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(app_icon(), self)
        tray.setToolTip("netdesk")
        self.menu = QMenu()  # a tray's menu has no parent widget; this object keeps it
        self.act_show = QAction(app_icon(), "&Show netdesk", self.menu)
        self.act_due = QAction(icon("followups"), "&Follow-ups due…", self.menu)
        self.act_quit = QAction(icon("quit"), "&Quit", self.menu)
        self.menu.addAction(self.act_show)
        self.menu.addAction(self.act_due)
        self.menu.addSeparator()
        self.menu.addAction(self.act_quit)
        self.act_show.triggered.connect(lambda: bring_forward(self.shell))
        self.act_due.triggered.connect(self.show_due)
        self.act_quit.triggered.connect(self.keep_running.quit)
        self.act_due.setEnabled(False)
        tray.setContextMenu(self.menu)
        tray.activated.connect(self._activated)
        tray.messageClicked.connect(lambda: self.open(self.notified))
        return tray

    # -- the window's life --------------------------------------------------------------------

    def attach(self) -> None:
        """The database is open: count, show the icon and watch for what falls due."""
        from netdesk.services.reminders import local_zone
        from netdesk.ui.reminders.watch import DueWatch

        if self.watch is not None:  # a database opened again: one watch, on the new one
            self.watch.stop()
            self.watch.deleteLater()
        fixed = self.zone
        self.watch = DueWatch(
            self.shell.services,
            self.shell.bridge,
            (lambda: fixed) if fixed is not None else local_zone,
            self,
        )
        self.watch.counted.connect(self._counted)
        self.watch.fell_due.connect(self.announce)
        self.watch.start()
        if self.icon is not None:
            self.icon.show()

    def stop(self) -> None:
        """The window closes for good (Quit, or a damaged database): so does netdesk, which
        the hidden-window setting would otherwise keep running without a window."""
        if self.watch is not None:
            self.watch.stop()
        if self.icon is not None:
            self.icon.hide()
        self.keep_running.closed()

    def close_to_tray(self, event: QCloseEvent) -> bool:
        return self.keep_running.close_to_tray(event)

    # -- what the user sees -------------------------------------------------------------------

    def announce(self, rows: Sequence[FollowUpRow]) -> None:
        """`rows` fell due just now: a notification, else the banner."""
        if self.icon is not None:
            self.notified = [r.id for r in rows]
            title, text = notification(rows)
            self.icon.showMessage(title, text, self.icon.icon(), MESSAGE_MS)
        elif self.banner is not None:
            self.banner.announce(rows)

    def open(self, followup_ids: Sequence[int]) -> None:
        """Bring the window forward at these follow-ups (no ids: just the window)."""
        if followup_ids:
            open_followups(self.shell, followup_ids)
        else:
            bring_forward(self.shell)

    def show_due(self) -> None:
        """The Follow-ups page with the overdue and today's selected."""
        services = getattr(self.shell, "services", None)
        if services is None:
            return
        report = services.reminders.due_report(self._today())
        ids = [r.id for r in (*report.overdue, *report.due)]
        if ids:
            open_followups(self.shell, ids)
        else:
            bring_forward(self.shell)
            self.shell.go_to(FOLLOWUPS)

    def _counted(self, count: int) -> None:
        if self.icon is not None:
            self.icon.setIcon(count_icon(app_icon(), count))
            self.icon.setToolTip(f"netdesk: {count_text(count)}")
            self.act_due.setEnabled(count > 0)
        if self.banner is not None and self.banner.ids:
            self._keep_banner_current()

    def _keep_banner_current(self) -> None:
        assert self.banner is not None
        report = self.shell.services.reminders.due_report(self._today())
        self.banner.keep_only({r.id for r in (*report.overdue, *report.due)})

    def _today(self) -> date:
        from netdesk import clock
        from netdesk.services.reminders import local_zone

        return clock.now().astimezone(self.zone or local_zone()).date()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            bring_forward(self.shell)

    def _say_still_running(self) -> None:
        if self.icon is None or self._said_running:
            return
        self._said_running = True
        self.notified = []
        self.icon.showMessage(
            "netdesk is still running",
            "It reminds you of follow-ups from here. Quit from this icon's menu.",
            self.icon.icon(),
            MESSAGE_MS,
        )
