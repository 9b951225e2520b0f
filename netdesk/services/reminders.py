"""When follow-ups fall due: the moments the tray's timer waits for, what fell due in between,
and the due list `netdesk due` prints.

A follow-up falls due at the start of its due date in the user's time zone: 00:00 local, or on
a day whose midnight does not exist (a clock that jumped from 23:59 to 01:00, as Brazil's did
until 2019) the first moment the day has. All moments here are aware datetimes in UTC; the zone
is an argument, so that the tests can put the user anywhere and the window can follow a laptop
that travels.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select

from netdesk.models import FollowUp
from netdesk.services.followups import FollowUpService
from netdesk.services.records import FollowUpRow
from netdesk.store import Database


@dataclass(frozen=True)
class DueReport:
    """Open follow-ups due before `today` (oldest first) and from today up to the last day
    asked for (soonest first)."""

    today: date
    overdue: list[FollowUpRow] = field(default_factory=list)
    due: list[FollowUpRow] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.overdue and not self.due


def falls_due_at(due_date: date, tz: tzinfo) -> datetime:
    """The first moment of `due_date` in `tz`, in UTC."""
    wall = datetime.combine(due_date, time(0))
    moments = [wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1)]
    # Midnight may come twice (a clock set back from 01:00): the first one counts.
    real = [m for m in moments if m.astimezone(tz).replace(tzinfo=None) == wall]
    if real:
        return min(real)
    # Midnight was skipped: the day begins at the jump, somewhere between the two readings.
    before, after = min(moments), max(moments)
    if after.astimezone(tz).date() < due_date or before.astimezone(tz).date() >= due_date:
        return after  # a zone that breaks even that; the later reading is within the day
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).date() >= due_date:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def local_zone() -> tzinfo:
    """This computer's time zone, with its daylight-saving rules (a fixed offset would put
    tomorrow's midnight an hour off on the night the clocks change)."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if name:
        found = _zone(name)
        if found is not None:
            return found
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            found = _zone(target.rsplit("zoneinfo/", 1)[1])
            if found is not None:
                return found
        with localtime.open("rb") as file:
            return ZoneInfo.from_file(file)
    except (OSError, ValueError):
        pass
    fallback = datetime.now().astimezone().tzinfo  # Windows without tzdata: today's offset
    return fallback if fallback is not None else UTC


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


class ReminderService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._followups = FollowUpService(db)

    def due_report(self, today: date, days: int = 0) -> DueReport:
        """Open follow-ups overdue, and due from today up to `days` days after it."""
        rows = self._followups.due(today + timedelta(days=max(days, 0)))
        overdue = [r for r in rows if r.due_date is not None and r.due_date < today]
        return DueReport(today, overdue, rows[len(overdue) :])

    def count_due(self, today: date) -> int:
        """How many open follow-ups are overdue or due today (the tray icon's number)."""
        return sum(self._followups.due_counts(today))

    def newly_due(self, since: datetime, until: datetime, tz: tzinfo) -> list[FollowUpRow]:
        """Open follow-ups that fell due after `since`, up to and including `until`."""
        if until <= since:
            return []
        first_day = since.astimezone(tz).date() - timedelta(days=1)
        last_day = until.astimezone(tz).date() + timedelta(days=1)
        days = [
            first_day + timedelta(days=n)
            for n in range((last_day - first_day).days + 1)
            if since < falls_due_at(first_day + timedelta(days=n), tz) <= until
        ]
        if not days:
            return []
        return self._followups.due(days[-1], since=days[0])

    def next_moment(self, now: datetime, tz: tzinfo) -> datetime | None:
        """When the next open follow-up falls due after `now`; None when none will."""
        after = now.astimezone(tz).date()
        with self.db.Session() as session:
            while True:
                day = session.scalar(
                    select(func.min(FollowUp.due_date)).where(
                        FollowUp.done_at.is_(None), FollowUp.due_date > after
                    )
                )
                if day is None:
                    return None
                moment = falls_due_at(day, tz)
                if moment > now:
                    return moment
                after = day
