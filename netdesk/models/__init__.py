"""SQLAlchemy models: the schema only (no Qt, no I/O)."""

from netdesk.models.attendance import Attendance, RegistrationStatus, Role
from netdesk.models.base import Base, UTCDateTime, utcnow
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
    "ContactEmail",
    "ContactExtraProperty",
    "ContactPhone",
    "ContactUrl",
    "Event",
    "EventKind",
    "FollowUp",
    "Note",
    "NoteTopic",
    "RegistrationStatus",
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
    "new_event_uid",
    "new_uid",
    "utcnow",
]
