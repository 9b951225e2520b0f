"""The Today page: what is coming, what is due, whom I met lately."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from netdesk import clock
from netdesk.models import Attendance, Contact, Event
from netdesk.services.events import EventService
from netdesk.services.followups import FollowUpService
from netdesk.services.records import RecentMeeting, TodaySummary
from netdesk.store import Database


class TodayService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def summary(
        self,
        now: datetime | None = None,
        today: date | None = None,
        upcoming_limit: int = 5,
        met_days: int = 30,
        met_limit: int = 15,
        due_limit: int = 50,
    ) -> TodaySummary:
        now = now or clock.now()
        today = today or clock.today()
        upcoming = tuple(EventService(self.db).upcoming(now, upcoming_limit))
        followups = FollowUpService(self.db)
        due = tuple(followups.due(today, limit=due_limit))
        overdue_count, due_today_count = followups.due_counts(today)
        with self.db.Session() as session:
            rows = session.execute(
                select(
                    Contact.id,
                    Contact.formatted_name,
                    Contact.organization,
                    Event.id,
                    Event.name,
                    Event.starts_at,
                    Event.all_day,
                )
                .join(Attendance, Attendance.contact_id == Contact.id)
                .join(Event, Event.id == Attendance.event_id)
                .where(
                    Attendance.met.is_(True),
                    Event.starts_at <= now,
                    Event.starts_at >= now - timedelta(days=met_days),
                )
                .order_by(Event.starts_at.desc(), Contact.sort_name)
                .limit(met_limit)
            )
            met = tuple(RecentMeeting(*row) for row in rows)
        return TodaySummary(
            upcoming_events=upcoming,
            due_followups=due,
            recently_met=met,
            overdue_count=overdue_count,
            due_today_count=due_today_count,
        )

    def is_empty(self) -> bool:
        """No people and no events: a first start (or a file emptied since), when the window
        welcomes the user instead of showing empty lists."""
        with self.db.Session() as session:
            for table in (Contact, Event):
                if session.scalar(select(table.id).limit(1)) is not None:
                    return False
        return True
