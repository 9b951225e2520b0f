"""Plain values the services take and return: the UI never holds ORM objects or sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from netdesk.formats.phone_extension import with_extension


@dataclass
class ContactInput:
    """What a contact form edits. `formatted_name` may be left empty when given/family are set."""

    formatted_name: str = ""
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    birthday: date | None = None
    note: str = ""
    tags: list[str] = field(default_factory=list)
    is_me: bool = False


@dataclass(frozen=True)
class ContactRow:
    """One line of the People table."""

    id: int
    name: str
    organization: str
    title: str
    email: str
    phone: str


@dataclass(frozen=True)
class PhoneValue:
    value: str
    e164: str
    kind: str
    extension: str = ""

    @property
    def shown(self) -> str:
        """As people read it, and as the contact form edits it: "+1 418-656-9254 ext. 102"."""
        return with_extension(self.value, self.extension)


@dataclass(frozen=True)
class NoteRow:
    id: int
    contact_id: int
    contact_name: str
    event_id: int | None
    event_name: str
    topic: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    contact_id: int
    contact_name: str
    event_id: int | None
    event_name: str
    action: str
    due_date: date | None
    done_at: datetime | None


@dataclass(frozen=True)
class MeetingRow:
    """An event where this contact was, with the notes taken there."""

    attendance_id: int
    event_id: int
    event_name: str
    starts_at: datetime
    role: str
    status: str
    met: bool
    notes: tuple[NoteRow, ...]
    all_day: bool = False
    # Not over yet when the contact was read (a running event counts as upcoming).
    upcoming: bool = False


@dataclass(frozen=True)
class MeetingGroups:
    """A contact's events as the detail pane lists them: where we met them, past events they
    were at without our meeting them, and events still ahead where they are expected."""

    met: tuple[MeetingRow, ...]
    also_at: tuple[MeetingRow, ...]
    coming_up: tuple[MeetingRow, ...]


def group_meetings(meetings: tuple[MeetingRow, ...]) -> MeetingGroups:
    """Met wins over upcoming (met this morning at a two-day conference); the events ahead
    come soonest first, the others as given (newest first)."""
    ahead = [m for m in meetings if m.upcoming and not m.met]
    return MeetingGroups(
        met=tuple(m for m in meetings if m.met),
        also_at=tuple(m for m in meetings if not m.met and not m.upcoming),
        coming_up=tuple(sorted(ahead, key=lambda m: m.starts_at)),
    )


@dataclass(frozen=True)
class ContactDetail:
    id: int
    uid: str
    formatted_name: str
    given_name: str
    family_name: str
    nickname: str
    organization: str
    department: str
    title: str
    emails: tuple[str, ...]
    phones: tuple[PhoneValue, ...]
    urls: tuple[str, ...]
    birthday: date | None
    note: str
    tags: tuple[str, ...]
    is_me: bool
    source: str
    meetings: tuple[MeetingRow, ...]
    notes: tuple[NoteRow, ...]
    followups: tuple[FollowUpRow, ...]

    def as_input(self) -> ContactInput:
        return ContactInput(
            formatted_name=self.formatted_name,
            given_name=self.given_name,
            family_name=self.family_name,
            nickname=self.nickname,
            organization=self.organization,
            department=self.department,
            title=self.title,
            emails=list(self.emails),
            phones=[p.shown for p in self.phones],
            urls=list(self.urls),
            birthday=self.birthday,
            note=self.note,
            tags=list(self.tags),
            is_me=self.is_me,
        )


@dataclass
class EventInput:
    name: str = ""
    kind: str = "other"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str = ""
    venue: str = ""
    city: str = ""
    url: str = ""
    organiser: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    # starts_at is then midnight UTC of the first day, ends_at midnight UTC after the last.
    all_day: bool = False
    # The iCalendar RRULE/RDATE/EXDATE lines joined by "\n" ("" stops the event repeating);
    # None leaves what the event has: a form that does not edit the series cannot drop it.
    recurrence: str | None = None


@dataclass(frozen=True)
class EventRow:
    id: int
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    city: str
    people: int
    upcoming: bool
    all_day: bool = False


@dataclass(frozen=True)
class EventDetail:
    id: int
    uid: str
    name: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str
    venue: str
    city: str
    url: str
    organiser: str
    description: str
    tags: tuple[str, ...]
    all_day: bool = False
    recurrence: str = ""  # RRULE/RDATE/EXDATE lines as imported, joined by "\n"
    repeats: str = ""  # the same in plain words ("Repeats weekly until 30 Jun 2027")

    def as_input(self) -> EventInput:
        return EventInput(
            name=self.name,
            kind=self.kind,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            timezone=self.timezone,
            venue=self.venue,
            city=self.city,
            url=self.url,
            organiser=self.organiser,
            description=self.description,
            tags=list(self.tags),
            all_day=self.all_day,
            recurrence=self.recurrence,
        )


@dataclass(frozen=True)
class AttendeeRow:
    attendance_id: int
    contact_id: int
    name: str
    organization: str
    role: str
    status: str
    met: bool
    notes: str
    badge_printed: bool = False
    qr_fields: str = "name,organization,title"  # what their badge's QR code may share


@dataclass(frozen=True)
class RecentMeeting:
    contact_id: int
    contact_name: str
    organization: str
    event_id: int
    event_name: str
    starts_at: datetime
    all_day: bool = False


@dataclass(frozen=True)
class TodaySummary:
    upcoming_events: tuple[EventRow, ...]
    due_followups: tuple[FollowUpRow, ...]
    recently_met: tuple[RecentMeeting, ...]
    # Totals, which may exceed what due_followups lists.
    overdue_count: int = 0
    due_today_count: int = 0
