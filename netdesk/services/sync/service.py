"""Two-way CardDAV/CalDAV sync of one account, for the window and the command line."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from netdesk.errors import ServiceError
from netdesk.models import SyncAccount, SyncCollection, SyncUnlinked
from netdesk.services.errors import NotFoundError
from netdesk.services.sync import history
from netdesk.services.sync.conflicts import list_conflicts, open_conflicts, resolve_conflict
from netdesk.services.sync.contacts_pass import sync_contacts
from netdesk.services.sync.errors import EmptySideStop, MassDeleteBlocked, SyncCancelled
from netdesk.services.sync.events_pass import sync_events
from netdesk.services.sync.report import ConflictInfo, RunInfo, SyncProgress, SyncReport
from netdesk.services.sync.run_lock import one_sync_at_a_time
from netdesk.services.sync.state import CollectionRef, RunContext
from netdesk.services.sync.tasks_pass import sync_tasks
from netdesk.store import Database

_PASSES = {"contacts": sync_contacts, "tasks": sync_tasks, "events": sync_events}
_ORDER = {"contacts": 0, "tasks": 1, "events": 2}


class SyncService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def sync(
        self,
        account: str,
        password: str,
        *,
        allow_mass_delete: bool = False,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """One run: each collection's changes both ways. Raises a ServiceError in words
        (a DavError, MassDeleteBlocked, EmptySideStop, SyncCancelled) after recording it."""
        with self.db.Session() as session:
            acc = _account(session, account)
            account_id, url, user = acc.id, acc.server_url, acc.username
            fingerprint, kind = acc.trusted_fingerprint, acc.server_kind
            collections = sorted(
                (CollectionRef.of(c) for c in acc.collections if c.kind in _PASSES),
                key=lambda c: (_ORDER[c.kind], c.id),
            )
        with one_sync_at_a_time(self.db, account):
            # httpx is loaded when a sync runs, not when the window or `netdesk --help` starts.
            from netdesk.dav.client import DavClient

            report = SyncReport(account)
            with self.db.transaction() as session:
                run_id = history.start_run(session, _account(session, account)).id
            try:
                with DavClient(url, user, password, fingerprint, server_kind=kind) as client:
                    ctx = RunContext(
                        self.db,
                        client,
                        account_id,
                        account,
                        report,
                        allow_mass_delete,
                        progress,
                        cancel,
                    )
                    for coll in collections:
                        _PASSES[coll.kind](ctx, coll)
                    report.requests = client.requests_made
                with self.db.transaction() as session:
                    report.conflicts = open_conflicts(session, account_id)
                    history.finish_run(session, _account(session, account), run_id, report)
            except (SyncCancelled, MassDeleteBlocked, EmptySideStop) as exc:
                self._failed(account_id, run_id, str(exc), report, "stopped")
                raise
            except ServiceError as exc:
                self._failed(account_id, run_id, str(exc), report, "failed")
                raise
            except Exception as exc:
                message = f"The sync with {account} failed: {exc or type(exc).__name__}"
                self._failed(account_id, run_id, message, report, "failed")
                raise ServiceError(message) from exc
            return report

    def _failed(
        self, account_id: int, run_id: int, message: str, report: SyncReport, outcome: str
    ) -> None:
        with self.db.transaction() as session:
            history.fail_run(session, account_id, run_id, message, report, outcome)

    def conflicts(self, account: str | None = None) -> list[ConflictInfo]:
        with self.db.Session() as session:
            return list_conflicts(session, account)

    def resolve(self, conflict_id: int, keep: Literal["local", "remote"]) -> None:
        with self.db.transaction() as session:
            resolve_conflict(session, conflict_id, keep)

    def history(self, account: str, limit: int = 50) -> list[RunInfo]:
        with self.db.Session() as session:
            return history.runs(session, _account(session, account).id, limit)

    def removed_from(self, contact_id: int) -> Removal | None:
        """The account whose server deleted this contact, and when, if netdesk kept them."""
        with self.db.Session() as session:
            row = session.scalars(
                select(SyncUnlinked)
                .where(SyncUnlinked.contact_id == contact_id)
                .order_by(SyncUnlinked.removed_at.desc())
            ).first()
            if row is None:
                return None
            return Removal(row.account_name, row.removed_at.date())


@dataclass(frozen=True)
class Removal:
    """A contact deleted on a server and kept here (it had notes, events or follow-ups)."""

    account: str
    on: date


def _account(session: Session, name: str) -> SyncAccount:
    acc = session.scalars(select(SyncAccount).where(SyncAccount.name == name)).first()
    if acc is None:
        raise NotFoundError(f"There is no sync account named {name}.")
    return acc


__all__ = ["SyncCollection", "SyncService"]
