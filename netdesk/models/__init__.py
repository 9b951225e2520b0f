"""SQLAlchemy models: the schema only (no Qt, no I/O)."""

from netdesk.models.attendance import Attendance, RegistrationStatus, Role
from netdesk.models.base import Base, UTCDateTime, utcnow
from netdesk.models.card_image import ContactCardImage
from netdesk.models.contact import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtraProperty,
    ContactPhone,
    ContactUrl,
    new_uid,
)
from netdesk.models.event import Event, EventKind, new_event_uid
from netdesk.models.followup import FollowUp
from netdesk.models.goal import (
    EventAim,
    Goal,
    goal_contacts,
    goal_events,
    goal_followups,
    goal_notes,
    goal_tags,
)
from netdesk.models.introduction import Introduction
from netdesk.models.keep_in_touch import ReconnectSnooze, Rhythm, RhythmUnit
from netdesk.models.mail import EmailDraft, EmailTemplate
from netdesk.models.note import Note, NoteTopic
from netdesk.models.sync import (
    SyncAccount,
    SyncCollection,
    SyncConflict,
    SyncItem,
    SyncRun,
    SyncUnlinked,
)
from netdesk.models.tag import Tag, contact_tags, event_tags

__all__ = [
    "Attendance",
    "Base",
    "Contact",
    "ContactAddress",
    "ContactCardImage",
    "ContactEmail",
    "ContactExtraProperty",
    "ContactPhone",
    "ContactUrl",
    "EmailDraft",
    "EmailTemplate",
    "Event",
    "EventAim",
    "EventKind",
    "FollowUp",
    "Goal",
    "Introduction",
    "Note",
    "NoteTopic",
    "ReconnectSnooze",
    "RegistrationStatus",
    "Rhythm",
    "RhythmUnit",
    "Role",
    "SyncAccount",
    "SyncCollection",
    "SyncConflict",
    "SyncItem",
    "SyncRun",
    "SyncUnlinked",
    "Tag",
    "UTCDateTime",
    "contact_tags",
    "event_tags",
    "goal_contacts",
    "goal_events",
    "goal_followups",
    "goal_notes",
    "goal_tags",
    "new_event_uid",
    "new_uid",
    "utcnow",
]
