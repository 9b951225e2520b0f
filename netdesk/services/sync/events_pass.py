"""Events as VEVENTs in a calendar."""

from __future__ import annotations

from netdesk.services.sync.state import CollectionRef, RunContext


def sync_events(ctx: RunContext, coll: CollectionRef) -> None:
    pass
