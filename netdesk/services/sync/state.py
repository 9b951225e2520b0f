"""What one run of one account carries around, and the item rows of a collection."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.models import SyncCollection, SyncItem
from netdesk.services.sync.errors import SyncCancelled
from netdesk.services.sync.report import SyncProgress, SyncReport
from netdesk.store import Database

if TYPE_CHECKING:
    from netdesk.dav.client import DavClient

# Cards read per addressbook-multiget, and changes written per local transaction.
BATCH = 100


@dataclass
class RunContext:
    db: Database
    client: DavClient
    account_id: int
    account_name: str
    report: SyncReport
    allow_mass_delete: bool = False
    progress: Callable[[SyncProgress], None] | None = None
    cancel: threading.Event | None = None
    # Contacts deleted here this run, snapshotted for the report's undo.
    deleted_ids: list[int] = field(default_factory=list)

    def tick(self, stage: str, done: int, total: int) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SyncCancelled
        if self.progress is not None:
            self.progress(SyncProgress(stage, done, total))


@dataclass(frozen=True)
class CollectionRef:
    """A collection's row, read once at the start of its pass."""

    id: int
    kind: str
    url: str
    name: str
    token: str
    vcard_version: str

    @staticmethod
    def of(c: SyncCollection) -> CollectionRef:
        return CollectionRef(
            c.id, c.kind, c.url, c.display_name or c.url, c.sync_token, c.vcard_version
        )


def href_of(href: str) -> str:
    """The href an item is known by: as the DAV client gives it (a percent-encoded server
    path, or an absolute URL for a collection on another host), which requests accept."""
    return href.strip()


def items_by_href(
    session: Session, collection_id: int, hrefs: Iterable[str]
) -> dict[str, SyncItem]:
    wanted = list(hrefs)
    found: dict[str, SyncItem] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for item in session.scalars(
            select(SyncItem).where(
                SyncItem.collection_id == collection_id, SyncItem.href.in_(chunk)
            )
        ):
            found[item.href] = item
    return found


def all_etags(session: Session, collection_id: int) -> dict[str, str]:
    rows = session.execute(
        select(SyncItem.href, SyncItem.etag).where(SyncItem.collection_id == collection_id)
    )
    return {href: etag for href, etag in rows}
