"""One sync run of the window: every account in turn, in the worker thread (ui/sync/runner.py).

An account that fails does not keep the others from syncing: each one's report or error comes
back in its own `AccountOutcome`, and the window says what happened to each.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netdesk.errors import ServiceError

if TYPE_CHECKING:
    from netdesk.services.sync.report import SyncProgress, SyncReport
    from netdesk.services.sync.service import SyncService
    from netdesk.ui.sync.runner import Progress


@dataclass(frozen=True)
class AccountOutcome:
    account: str
    report: SyncReport | None = None
    error: ServiceError | None = None


@dataclass(frozen=True)
class SyncRequest:
    """What to sync: the accounts with their passwords (asked for on the GUI thread), and those
    the user allowed to delete many items this time."""

    passwords: dict[str, str]
    allow_mass_delete: frozenset[str] = frozenset()


def sync_accounts(
    sync: SyncService, request: SyncRequest, progress: Progress, cancel: threading.Event
) -> list[AccountOutcome]:
    outcomes: list[AccountOutcome] = []
    for account, password in request.passwords.items():
        if cancel.is_set():
            break

        def step(p: SyncProgress, account: str = account) -> None:
            progress(f"{account}: {p.stage}", p.done, p.total)

        try:
            report = sync.sync(
                account,
                password,
                allow_mass_delete=account in request.allow_mass_delete,
                progress=step,
                cancel=cancel,
            )
        except ServiceError as exc:
            outcomes.append(AccountOutcome(account, error=exc))
        else:
            outcomes.append(AccountOutcome(account, report=report))
    return outcomes


def failures(outcomes: Sequence[AccountOutcome]) -> list[AccountOutcome]:
    return [o for o in outcomes if o.error is not None]
