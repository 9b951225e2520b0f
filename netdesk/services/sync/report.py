"""Plain values the sync service hands to the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from netdesk.services.undo import Snapshot


@dataclass(frozen=True)
class SyncProgress:
    stage: str  # "contacts: receiving", "tasks: sending", ...
    done: int
    total: int


@dataclass
class SyncReport:
    account: str
    sent: int = 0
    received: int = 0
    deleted: int = 0
    conflicts: int = 0
    # One line per item that could not be synced ("/ada/contacts/x.vcf: not a vCard").
    failed: list[str] = field(default_factory=list)
    # Contacts this run deleted here, for an undo.
    deleted_here: Snapshot | None = None
    # One line per change, for Accounts > History.
    details: list[str] = field(default_factory=list)
    # HTTP requests the run made (a run with nothing changed makes one per collection).
    requests: int = 0

    def summary(self) -> str:
        return (
            f"sent {self.sent}, received {self.received}, deleted {self.deleted}, "
            f"conflicts {self.conflicts}"
        )

    @property
    def outcome(self) -> str:
        if self.failed:
            return "partial"
        return "conflicts" if self.conflicts else "ok"


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    contact_id: int
    contact_name: str
    account: str
    field: str
    label: str  # the field in words ("Job title")
    local: str
    remote: str


@dataclass(frozen=True)
class RunInfo:
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    sent: int
    received: int
    deleted: int
    conflicts: int
    message: str
    details: list[str]
