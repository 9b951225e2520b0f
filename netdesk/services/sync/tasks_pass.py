"""Follow-ups as VTODOs in a task list."""

from __future__ import annotations

from netdesk.services.sync.state import CollectionRef, RunContext


def sync_tasks(ctx: RunContext, coll: CollectionRef) -> None:
    pass
