"""Sync accounts for the engine's tests, made straight in the database (what AccountService
stores after discovery), so that these tests need no discovery."""

from __future__ import annotations

import threading
from collections.abc import Callable

from netdesk.models import SyncAccount, SyncCollection
from netdesk.services.service_set import Services
from netdesk.services.sync.report import SyncProgress, SyncReport
from tests.sync.servers import DavTestServer

ACCOUNT = "Phone"


def add_account(
    services: Services,
    server: DavTestServer,
    kinds: tuple[str, ...] = ("contacts",),
    name: str = ACCOUNT,
) -> str:
    urls = {
        "contacts": server.addressbook_url,
        "tasks": server.tasks_url,
        "events": server.calendar_url,
    }
    with services.db.transaction() as session:
        account = SyncAccount(
            name=name,
            server_url=server.url,
            principal_url=server.principal_url,
            username=server.user,
            server_kind=server.kind,
        )
        session.add(account)
        session.flush()
        for kind in kinds:
            session.add(
                SyncCollection(
                    account_id=account.id, kind=kind, url=urls[kind], display_name=kind.title()
                )
            )
    return name


def sync(
    services: Services,
    server: DavTestServer,
    *,
    allow_mass_delete: bool = False,
    progress: Callable[[SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> SyncReport:
    return services.sync.sync(
        ACCOUNT,
        server.password,
        allow_mass_delete=allow_mass_delete,
        progress=progress,
        cancel=cancel,
    )
