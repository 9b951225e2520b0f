"""When the window syncs by itself: every N minutes while it runs (the setting
"sync/interval_minutes", 15 unless changed, 0 = only when asked), and after a failed run again
sooner, then less and less often (1, 2, 4 … 60 minutes), so that a server that is down is not
asked every minute all day."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

INTERVAL_KEY = "sync/interval_minutes"
DEFAULT_INTERVAL = 15
MAX_INTERVAL = 24 * 60
MAX_BACKOFF = 60


def interval_minutes(settings: QSettings) -> int:
    """The setting, or the default when it is missing or not a number of minutes."""
    value = settings.value(INTERVAL_KEY, DEFAULT_INTERVAL)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_INTERVAL
    return minutes if 0 <= minutes <= MAX_INTERVAL else DEFAULT_INTERVAL


def set_interval_minutes(settings: QSettings, minutes: int) -> None:
    settings.setValue(INTERVAL_KEY, max(0, min(minutes, MAX_INTERVAL)))


def backoff_minutes(failures: int) -> int:
    """How long to wait after `failures` failed runs in a row: 1, 2, 4 … at most 60."""
    return min(2 ** max(failures - 1, 0), MAX_BACKOFF)


class SyncSchedule(QObject):
    """`due()` when the next automatic run should start."""

    due = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.failures = 0
        self.timer = QTimer(self)
        self.timer.setObjectName("sync_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.due)

    def next_minutes(self) -> int | None:
        """Minutes until the next automatic run; None when there is none."""
        interval = interval_minutes(self.settings)
        if interval == 0:
            return None
        return backoff_minutes(self.failures) if self.failures else interval

    def arm(self) -> None:
        """Set the timer from the setting and the failures so far."""
        minutes = self.next_minutes()
        if minutes is None:
            self.timer.stop()
        else:
            self.timer.start(minutes * 60_000)

    def ran(self, ok: bool) -> None:
        self.failures = 0 if ok else self.failures + 1
        self.arm()

    def set_interval(self, minutes: int) -> None:
        set_interval_minutes(self.settings, minutes)
        self.arm()

    def stop(self) -> None:
        self.timer.stop()
