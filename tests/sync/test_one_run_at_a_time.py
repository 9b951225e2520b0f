"""Two syncs of one account on one database at once (the window's timer and `netdesk sync` in a
terminal): the second says in words that one is running and does nothing; before, both sent
and received everything and each wrote its counts into the history."""

from __future__ import annotations

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync.errors import SyncAlreadyRunning
from netdesk.services.sync.report import SyncProgress
from tests.sync.accounts import ACCOUNT, add_account
from tests.sync.phone import Phone
from tests.sync.servers import DavTestServer


def test_a_second_sync_while_one_runs_does_nothing(
    services: Services, radicale_server: DavTestServer
) -> None:
    add_account(services, radicale_server)
    services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    refused: list[str] = []

    def second_run(progress: SyncProgress) -> None:
        if refused:
            return
        with pytest.raises(SyncAlreadyRunning) as caught:
            services.sync.sync(ACCOUNT, radicale_server.password)
        refused.append(str(caught.value))

    report = services.sync.sync(ACCOUNT, radicale_server.password, progress=second_run)

    assert refused == [
        f"A sync of {ACCOUNT} is already running (in a netdesk window or another "
        "`netdesk sync`); this one did nothing. Try again when it has finished."
    ]
    assert report.sent == 1
    assert [run.sent for run in services.sync.history(ACCOUNT)] == [1]
    with Phone(radicale_server) as phone:
        assert len(phone.cards()) == 1
    # The lock went with the run.
    assert services.sync.sync(ACCOUNT, radicale_server.password).sent == 0
