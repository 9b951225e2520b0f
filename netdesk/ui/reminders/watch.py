"""The window's watch on follow-ups falling due: one single-shot timer armed at the next moment
one does (at the latest at the next midnight), re-armed after every change of the follow-ups
and whenever the wall clock jumped (the computer slept, or its clock was set).

Only what falls due while netdesk runs is announced (`fell_due`); what was already due when it
started is the Today page's and the tray count's. The moments come from ReminderService.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from netdesk import clock
from netdesk.errors import ServiceError
from netdesk.services.reminders import falls_due_at, local_zone

if TYPE_CHECKING:
    from netdesk.services.records import FollowUpRow
    from netdesk.services.service_set import Services
    from netdesk.ui.change_bridge import ChangeBridge

# The kinds of change that can move a follow-up's falling due or its text.
WATCHED = frozenset({"followups", "contacts", "events"})
# How often the wall clock is compared with the time the check expected; a difference larger
# than JUMP means the computer slept (timers stand still then) or its clock was changed.
TICK_MS = 60_000
JUMP = timedelta(minutes=2)
# A timer may fire a little early: the check comes this much after the moment.
LATE_MS = 250


class DueWatch(QObject):
    """`fell_due(list[FollowUpRow])` for what fell due since the last check; `counted(int)`
    with how many are due (overdue and today) after every check and change."""

    fell_due = Signal(object)
    counted = Signal(int)

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge,
        zone: Callable[[], tzinfo] = local_zone,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._zone = zone  # asked each time: a laptop travels
        self.count = 0
        self.last_check = clock.now()
        self._last_tick = self.last_check
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.check)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        bridge.changed.connect(self._changed)

    def start(self) -> None:
        self.last_check = self._last_tick = clock.now()
        self.ticker.start()
        self.refresh()

    def stop(self) -> None:
        self.timer.stop()
        self.ticker.stop()

    def check(self) -> None:
        """Announce what fell due since the last check, count again and re-arm."""
        now = clock.now()
        rows: list[FollowUpRow] = []
        try:
            rows = self._services.reminders.newly_due(self.last_check, now, self._zone())
        except (ServiceError, SQLAlchemyError):
            pass  # the database is away for a moment: the next check covers this stretch
        else:
            self.last_check = now
        if rows:
            self.fell_due.emit(rows)
        self.refresh()

    def tick(self) -> None:
        """The periodic look at the wall clock: after a jump, check at once."""
        now = clock.now()
        expected = self._last_tick + timedelta(milliseconds=TICK_MS)
        self._last_tick = now
        if abs(now - expected) > JUMP and self.ticker.isActive():
            self.check()

    def refresh(self) -> None:
        """Count again and arm the timer for the next moment."""
        now = clock.now()
        zone = self._zone()
        today = now.astimezone(zone).date()
        midnight = falls_due_at(today + timedelta(days=1), zone)
        try:
            self.count = self._services.reminders.count_due(today)
            upcoming = self._services.reminders.next_moment(now, zone)
        except (ServiceError, SQLAlchemyError):
            upcoming = None
        # At midnight at the latest, so that the last check is never from yesterday.
        target = min(upcoming or midnight, midnight)
        self.timer.start(self.wait_ms(now, target))
        self.counted.emit(self.count)

    @staticmethod
    def wait_ms(now: datetime, target: datetime) -> int:
        return max(0, int((target - now) / timedelta(milliseconds=1))) + LATE_MS

    def _changed(self, kinds: frozenset[str]) -> None:
        if kinds & WATCHED and self.ticker.isActive():
            self.refresh()
