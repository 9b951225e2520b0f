"""Where the demo people were met: attendances, conversation notes and follow-ups."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import accumulate

from netdesk.models import NoteTopic, RegistrationStatus, Role
from netdesk.services.demo import names_notes
from netdesk.services.demo.context import DemoContext, EventInfo
from netdesk.services.demo.templates import fill, pick

ROLES = (Role.ATTENDEE, Role.SPEAKER, Role.ORGANISER, Role.SPONSOR, Role.EXHIBITOR, Role.STAFF)
ROLE_WEIGHTS = tuple(accumulate((80, 8, 4, 3, 2, 3)))
EVENTS_PER_PERSON = tuple(accumulate((55, 30, 15)))


class Due:
    """Where a follow-up lands in the queue relative to `today`."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"
    DONE = "done"
    ALL = (OVERDUE, TODAY, THIS_WEEK, LATER, DONE)
    WEIGHTS = tuple(accumulate((25, 8, 22, 20, 25)))


class Meetings:
    """Queues attendances for a contact and, where we met, notes and follow-ups."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.forced_buckets = list(Due.ALL)
        ctx.rng.shuffle(self.forced_buckets)

    def attend(self, contact_id: int, tags: set[str]) -> datetime | None:
        """Attendances at a few events; returns when we first met, if we did."""
        if not self.ctx.events:
            return None
        rng = self.ctx.rng
        count = rng.choices((1, 2, 3), cum_weights=EVENTS_PER_PERSON)[0]
        picked = rng.choices(self.ctx.events, cum_weights=self.ctx.event_weights, k=count)
        first_met: datetime | None = None
        seen: set[int] = set()
        for event in picked:
            if event.id in seen:
                continue
            seen.add(event.id)
            role = rng.choices(ROLES, cum_weights=ROLE_WEIGHTS)[0]
            if role is Role.SPEAKER:
                tags.add("speaker")
            roll = rng.random()
            if event.past:
                status = (
                    RegistrationStatus.CHECKED_IN
                    if roll < 0.85
                    else RegistrationStatus.REGISTERED
                    if roll < 0.93
                    else RegistrationStatus.CANCELLED
                )
            else:
                status = (
                    RegistrationStatus.REGISTERED if roll < 0.9 else RegistrationStatus.CANCELLED
                )
            checked_in = status is RegistrationStatus.CHECKED_IN
            met = checked_in and rng.random() < (0.6 if role is Role.ATTENDEE else 0.85)
            templates = names_notes.ATTENDANCE_NOTES.get(role.value)
            notes = fill(rng, rng.choice(templates)) if templates and rng.random() < 0.7 else ""
            self.ctx.rows.attendances.append(
                {
                    "id": self.ctx.ids.take("attendances"),
                    "event_id": event.id,
                    "contact_id": contact_id,
                    "role": role.value,
                    "status": status.value,
                    "met": met,
                    "badge_printed": checked_in,
                    "qr_fields": "name,organization,title"
                    if rng.random() < 0.8
                    else "name,organization,title,email",
                    "notes": notes,
                }
            )
            self.ctx.counts["attendances"] += 1
            if met:
                at = self._met(contact_id, event)
                first_met = at if first_met is None else min(first_met, at)
            elif not event.past and status is RegistrationStatus.REGISTERED and rng.random() < 0.06:
                self._upcoming_followup(contact_id, event)
        return first_met

    def _met(self, contact_id: int, event: EventInfo) -> datetime:
        """Notes from a conversation at a past event, and maybe something promised."""
        rng = self.ctx.rng
        span = max(1, int((event.ends_at - event.starts_at).total_seconds() // 60))
        at = min(self.ctx.now, event.starts_at + timedelta(minutes=rng.randrange(span)))
        self.note(
            contact_id,
            event.id,
            NoteTopic.TALKED_ABOUT.value,
            pick(rng, names_notes.TALKED_ABOUT),
            at,
        )
        if rng.random() < 0.45:
            body = pick(rng, names_notes.COMMON_GROUND)
            self.note(contact_id, event.id, NoteTopic.COMMON_GROUND.value, body, at)
        if rng.random() < 0.35:
            body = pick(rng, names_notes.CAN_OFFER)
            self.note(contact_id, event.id, NoteTopic.CAN_OFFER.value, body, at)
        if self.forced_buckets or rng.random() < 0.35:
            self._followup(contact_id, event, at)
        return at

    def note(
        self, contact_id: int, event_id: int | None, topic: str, body: str, at: datetime
    ) -> None:
        self.ctx.rows.notes.append(
            {
                "id": self.ctx.ids.take("notes"),
                "contact_id": contact_id,
                "event_id": event_id,
                "topic": topic,
                "body": body,
                "created_at": at,
            }
        )
        self.ctx.counts["notes"] += 1

    def _followup(self, contact_id: int, event: EventInfo, at: datetime) -> None:
        rng = self.ctx.rng
        today = self.ctx.today
        if self.forced_buckets:
            # The first few cover every group of the queue, so that each one shows something.
            bucket = self.forced_buckets.pop()
        else:
            bucket = rng.choices(Due.ALL, cum_weights=Due.WEIGHTS)[0]
        since = max(1, (today - event.local_day).days)
        done_at: datetime | None = None
        if bucket == Due.OVERDUE:
            due = today - timedelta(days=rng.randint(1, max(1, min(21, since - 1))))
        elif bucket == Due.TODAY:
            due = today
        elif bucket == Due.THIS_WEEK:
            due = today + timedelta(days=rng.randint(1, 7))
        elif bucket == Due.LATER:
            due = today + timedelta(days=rng.randint(8, 60))
        else:
            due = event.local_day + timedelta(days=rng.randint(1, 14))
            done_at = min(self.ctx.now, at + timedelta(days=rng.randint(1, since), hours=2))
        self.ctx.rows.followups.append(
            {
                "id": self.ctx.ids.take("followups"),
                "contact_id": contact_id,
                "event_id": event.id,
                "action": pick(rng, names_notes.FOLLOW_UPS),
                "due_date": due,
                "done_at": done_at,
                "created_at": at,
            }
        )
        self.ctx.counts["followups"] += 1

    def _upcoming_followup(self, contact_id: int, event: EventInfo) -> None:
        rng = self.ctx.rng
        due = max(self.ctx.today, event.local_day - timedelta(days=rng.randint(0, 3)))
        self.ctx.rows.followups.append(
            {
                "id": self.ctx.ids.take("followups"),
                "contact_id": contact_id,
                "event_id": event.id,
                "action": fill(rng, rng.choice(names_notes.UPCOMING_FOLLOW_UPS), event.name),
                "due_date": due,
                "done_at": None,
                "created_at": self.ctx.now - timedelta(days=rng.randint(0, 10)),
            }
        )
        self.ctx.counts["followups"] += 1
