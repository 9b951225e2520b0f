"""What an import is about to do (the plan the preview shows) and what it did (the report)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from netdesk.formats.records import ContactRecord, EventRecord, Problem

# Called with (done, total) as an import goes; returning False cancels it (nothing is kept).
Progress = Callable[[int, int], bool]


class ImportCancelled(Exception):
    """Raised inside an import when its progress callback asks to stop; rolls it back."""


class OnDuplicate(enum.StrEnum):
    """What to do with a card that matches someone already in netdesk."""

    MERGE = "merge"  # fill empty fields, union emails, phones and tags, keep both notes
    SKIP = "skip"  # leave the existing contact as it is
    NEW = "new"  # add the card as another person
    # MERGE, and merge the possible duplicates too: the same name while emails, phones or
    # UIDs differ (with MERGE or SKIP those are added as new people).
    MERGE_LIKELY = "merge-likely"


class Action(enum.StrEnum):
    ADD = "add"
    MERGE = "merge"
    SKIP = "skip"


@dataclass
class PlanItem:
    """One person from the file and what the import will do with them."""

    record: ContactRecord
    action: Action = Action.ADD
    match_id: int | None = None  # the existing contact it duplicates
    match_name: str = ""
    # Why it is a duplicate: "same email ada@example.org", "same phone +4930123456",
    # "same UID", "similar name, same organisation"; `earlier` says whether the match is
    # someone already in netdesk or an earlier card of this file.
    reason: str = ""
    # Index in ImportPlan.items of an earlier card in the same file that is the same person.
    earlier: int | None = None
    # Only the name matches, other details differ ("same name, but different email
    # addresses"): added as new unless the user chooses to merge.
    possible: bool = False

    @property
    def is_duplicate(self) -> bool:
        return self.match_id is not None or self.earlier is not None


@dataclass
class ImportPlan:
    file: str
    kind: str  # "vcard", "csv", "ics", or "scan" (paper cards: services.scanning)
    layout: str = ""  # what the file was recognised as: "vCard", "LinkedIn connections", ...
    items: list[PlanItem] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # UIDs of the file's events that netdesk already has (they will be updated, not added).
    existing_event_uids: set[str] = field(default_factory=set)
    # An event to create and put everyone on, made inside the import's own transaction so
    # that a cancelled import leaves no empty event behind.
    new_event_name: str = ""
    # The rule decide_duplicates() set: also for someone the plan adds who turns out, at the
    # save, to have been saved meanwhile (another process scanning the same card).
    late_duplicates: OnDuplicate | None = None

    @property
    def new_count(self) -> int:
        return sum(1 for item in self.items if not item.is_duplicate)

    @property
    def duplicate_count(self) -> int:
        """The duplicates, possible ones included."""
        return sum(1 for item in self.items if item.is_duplicate)

    @property
    def possible_count(self) -> int:
        return sum(1 for item in self.items if item.is_duplicate and item.possible)

    @property
    def has_something_to_import(self) -> bool:
        return bool(self.items or self.events)

    @property
    def is_attendee_list(self) -> bool:
        """Whether the file lists an event's attendees (Eventbrite, Meetup): roles and
        check-in status that only an event can keep."""
        return self.kind != "ics" and any(item.record.attendee is not None for item in self.items)

    def count(self, action: Action) -> int:
        """How many people the import will add, merge or skip."""
        return sum(1 for item in self.items if item.action == action)

    def merge_counts(self) -> tuple[int, int]:
        """The merges asked for: (into people already in netdesk, into earlier cards of the
        same file)."""
        merges = [item for item in self.items if item.action is Action.MERGE and item.is_duplicate]
        earlier = sum(1 for item in merges if item.match_id is None)
        return len(merges) - earlier, earlier

    def updates_event(self, event: EventRecord) -> bool:
        """Whether importing `event` updates one netdesk already has (rather than adds it)."""
        return bool(event.uid) and event.uid in self.existing_event_uids

    @property
    def updated_event_count(self) -> int:
        return sum(1 for event in self.events if self.updates_event(event))

    def decide_duplicates(self, choice: OnDuplicate) -> None:
        """Set the action of every duplicate at once. The possible duplicates keep their own
        choice unless all are merged (MERGE_LIKELY) or added as new (NEW)."""
        action = {
            OnDuplicate.MERGE: Action.MERGE,
            OnDuplicate.SKIP: Action.SKIP,
            OnDuplicate.NEW: Action.ADD,
            OnDuplicate.MERGE_LIKELY: Action.MERGE,
        }[choice]
        self.late_duplicates = choice
        for item in self.items:
            if item.is_duplicate and (
                not item.possible or choice in (OnDuplicate.NEW, OnDuplicate.MERGE_LIKELY)
            ):
                item.action = action


@dataclass
class ImportReport:
    file: str
    added: int = 0
    merged: int = 0
    skipped: int = 0
    events_added: int = 0
    events_updated: int = 0
    attached: int = 0  # people put on the chosen event's attendee list
    event_name: str = ""  # that event, when there was one
    event_created: bool = False  # made by this import (from the preview's "New event…")
    # Of `added`: possible duplicates (a name in common, other details different) added as
    # new people because the rule was not to merge them.
    possible_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    dry_run: bool = False
    # Plan items found new but saved meanwhile by another process: index -> (what was done,
    # the person's name), so that what is said of each item matches what happened.
    late: dict[int, tuple[Action, str]] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        """The problems that left something out: a card, an event, a line, a photo."""
        return len(self.problems) - self.warned

    @property
    def warned(self) -> int:
        """The warnings: what they name was imported, but should be checked."""
        return warning_count(self.problems)

    @property
    def imported_anything(self) -> bool:
        return bool(
            self.added or self.merged or self.attached or self.events_added or self.events_updated
        )

    def summary(self) -> str:
        """One line for a status bar or a terminal: only the counts that are not zero."""
        if self.cancelled:
            return f"{self.file}: import cancelled, nothing was changed"
        parts = [
            (self.added, "added", "added"),
            (self.merged, "merged", "merged"),
            (self.skipped, "skipped", "skipped"),
            (self.events_added, "event added", "events added"),
            (self.events_updated, "event updated", "events updated"),
            (self.attached, "attached to the event", "attached to the event"),
            (self.warned, "warning", "warnings"),
            (self.rejected, "left out", "left out"),
        ]
        said = (
            ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
            or "nothing to import"
        )
        if self.dry_run:
            return f"{self.file}: dry run, nothing written; would have: {said}"
        return f"{self.file}: {said}"


def warning_count(problems: Iterable[Problem]) -> int:
    """How many of `problems` are warnings (Problem.kept): what they name goes in, to check."""
    return sum(1 for problem in problems if problem.kept)
