"""Accounts > History: one SyncRun row per run, and the backoff after a failed one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netdesk import clock
from netdesk.models import SyncAccount, SyncRun
from netdesk.services.sync.report import RunInfo, SyncReport

# Minutes to wait after 1, 2, 3 ... failures in a row: 1, 2, 4, ... at most an hour.
MAX_BACKOFF_MINUTES = 60
# Runs kept per account: a sync every 15 minutes would otherwise grow the table for ever.
KEEP_RUNS = 500
MAX_DETAIL_LINES = 2000


def backoff_minutes(failures: int) -> int:
    return min(MAX_BACKOFF_MINUTES, 2 ** max(0, failures - 1))


def start_run(session: Session, account: SyncAccount) -> SyncRun:
    run = SyncRun(account_id=account.id, started_at=clock.now(), outcome="running")
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, account: SyncAccount, run_id: int, report: SyncReport) -> None:
    run = session.get(SyncRun, run_id)
    if run is None:
        return
    now = clock.now()
    run.finished_at = now
    run.outcome = report.outcome
    run.sent, run.received = report.sent, report.received
    run.deleted, run.conflicts = report.deleted, report.conflicts
    run.details = "\n".join(report.details[:MAX_DETAIL_LINES])
    run.message = "; ".join(report.failed[:20])
    account.last_sync_at = now
    account.last_error = ""
    account.failures = 0
    account.retry_at = None
    _prune(session, account.id)


def fail_run(
    session: Session,
    account_id: int,
    run_id: int | None,
    message: str,
    report: SyncReport,
    outcome: str = "failed",
) -> None:
    """Records the failure in its own transaction: what the run changed before it failed
    (finished batches) stays, and the next try waits longer each time."""
    account = session.get(SyncAccount, account_id)
    if account is None:
        return
    now = clock.now()
    run = session.get(SyncRun, run_id) if run_id is not None else None
    if run is None:
        run = SyncRun(account_id=account_id, started_at=now)
        session.add(run)
    run.finished_at = now
    run.outcome = outcome
    run.message = message
    run.sent, run.received = report.sent, report.received
    run.deleted, run.conflicts = report.deleted, report.conflicts
    run.details = "\n".join(report.details[:MAX_DETAIL_LINES])
    if outcome == "failed":
        account.last_error = message
        account.failures += 1
        account.retry_at = now + timedelta(minutes=backoff_minutes(account.failures))


def _prune(session: Session, account_id: int) -> None:
    old = (
        select(SyncRun.id)
        .where(SyncRun.account_id == account_id)
        .order_by(SyncRun.id.desc())
        .offset(KEEP_RUNS)
    )
    ids = list(session.scalars(old))
    if ids:
        session.execute(delete(SyncRun).where(SyncRun.id.in_(ids)))


def runs(session: Session, account_id: int, limit: int) -> list[RunInfo]:
    rows = session.scalars(
        select(SyncRun)
        .where(SyncRun.account_id == account_id)
        .order_by(SyncRun.id.desc())
        .limit(limit)
    )
    return [
        RunInfo(
            started_at=r.started_at,
            finished_at=r.finished_at,
            outcome=r.outcome,
            sent=r.sent,
            received=r.received,
            deleted=r.deleted,
            conflicts=r.conflicts,
            message=r.message,
            details=r.details.splitlines(),
        )
        for r in rows
    ]
