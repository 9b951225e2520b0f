"""A server that cannot be reached: the run fails in words and changes nothing; what was
changed meanwhile goes at the next run."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from netdesk.dav.errors import AuthFailed, DavError
from netdesk.models import SyncAccount, SyncItem
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.services.sync.errors import SyncCancelled
from tests.sync.accounts import ACCOUNT, add_account, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer


def _state(services: Services) -> list[tuple[str, str, int | None, str]]:
    with services.db.Session() as session:
        return [
            (i.href, i.etag, i.contact_id, i.content_hash)
            for i in session.scalars(select(SyncItem).order_by(SyncItem.href))
        ]


def test_offline_changes_go_at_the_next_sync(services: Services, dav_server: DavTestServer) -> None:
    add_account(services, dav_server)
    with Phone(dav_server) as phone:
        phone.put_card("ada", ios_card("Ada Lovelace", uid="ADA-1", photo=False))
    sync(services, dav_server)
    before = _state(services)
    ada = services.contacts.find_by_name("Ada Lovelace")
    assert ada is not None
    dav_server.stop()
    try:
        data = services.contacts.get(ada).as_input()
        data.title = "Countess"
        services.contacts.update(ada, data)
        services.contacts.create(ContactInput(formatted_name="Offline Person"))
        with pytest.raises(DavError) as failed:
            sync(services, dav_server)
        message = str(failed.value)
        assert "Traceback" not in message and "127.0.0.1" in message
        assert _state(services) == before
        (run, *_) = services.sync.history(ACCOUNT)
        assert run.outcome == "failed" and run.message == message
        with services.db.Session() as session:
            account = session.scalars(select(SyncAccount)).one()
            assert account.failures == 1 and account.retry_at is not None
            assert account.last_error == message
    finally:
        dav_server.start()
    report = sync(services, dav_server)
    assert report.sent == 2
    with Phone(dav_server) as phone:
        texts = list(phone.cards().values())
    assert any("Offline Person" in t for t in texts)
    assert any("TITLE:Countess" in t for t in texts)
    with services.db.Session() as session:
        account = session.scalars(select(SyncAccount)).one()
        assert (account.failures, account.retry_at, account.last_error) == (0, None, "")


def test_a_cancelled_run_stops_in_words_and_the_next_one_finishes(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server)
    for n in range(3):
        services.contacts.create(ContactInput(formatted_name=f"Person {n}"))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SyncCancelled, match="stopped"):
        sync(services, dav_server, cancel=cancel)
    assert services.sync.history(ACCOUNT)[0].outcome == "stopped"
    assert sync(services, dav_server).sent == 3


def test_a_wrong_password_fails_in_words(
    services: Services, radicale_server: DavTestServer
) -> None:
    add_account(services, radicale_server)
    services.contacts.create(ContactInput(formatted_name="Grace Hopper"))
    with pytest.raises(AuthFailed) as failed:
        services.sync.sync(ACCOUNT, "not-the-password")
    assert "user name or password" in str(failed.value)
    assert services.sync.history(ACCOUNT)[0].outcome == "failed"
    with Phone(radicale_server) as phone:
        assert phone.cards() == {}
