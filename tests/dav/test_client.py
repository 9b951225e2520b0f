"""DavClient against both real servers: collection state, sync tokens, etags, multiget in
batches, conditional writes and deletes."""

from __future__ import annotations

import pytest

from netdesk.dav.client import DavClient
from netdesk.dav.errors import (
    AuthFailed,
    ItemRefused,
    NotFound,
    PreconditionFailed,
    ServerUnreachable,
    SyncTokenExpired,
)
from tests.sync.phone import Phone, ios_card, phone_task
from tests.sync.servers import DavTestServer, RadicaleServer

VCARD = "text/vcard"


def card(uid: str, name: str = "") -> str:
    return ios_card(name or f"Person {uid}", uid=uid, photo=False, social=False, impp=False)


def client_for(server: DavTestServer) -> DavClient:
    return DavClient(server.url, server.user, server.password, timeout=10)


def test_sync_tokens_initial_incremental_and_removed(dav_server: DavTestServer) -> None:
    book = dav_server.addressbook_url
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        first = phone.put_card("one", card("one"))
        second = phone.put_card("two", card("two"))
        state = dav.collection_state(book)
        assert state.sync_token

        initial = dav.sync_collection(book, "")
        assert set(initial.changed) == {first, second}
        assert all(initial.changed.values())
        assert initial.removed == set()
        assert initial.token

        assert dav.sync_collection(book, initial.token).changed == {}
        assert dav.collection_state(book).sync_token == initial.token

        phone.edit_card(first, card("one", "Person One Edited"))
        phone.delete_card(second)
        third = phone.put_card("three", card("three"))
        delta = dav.sync_collection(book, initial.token)
        assert set(delta.changed) == {first, third}
        assert delta.changed[first] != initial.changed[first]
        assert delta.removed == {second}
        assert delta.token != initial.token
        assert dav.collection_state(book).sync_token == delta.token


def test_an_unknown_sync_token_says_so(dav_server: DavTestServer) -> None:
    with client_for(dav_server) as dav:
        token = dav.sync_collection(dav_server.addressbook_url, "").token
        bogus = token[:-6] + "abcdef" if len(token) > 6 else "bogus"
        with pytest.raises(SyncTokenExpired, match="no longer accepts"):
            dav.sync_collection(dav_server.addressbook_url, bogus)


def test_one_request_tells_that_nothing_changed(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        phone.put_card("one", card("one"))
        before = dav.collection_state(dav_server.addressbook_url)
        made = dav.requests_made
        assert dav.collection_state(dav_server.addressbook_url) == before
        assert dav.requests_made == made + 1


def test_list_etags_names_members_only(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        assert dav.list_etags(dav_server.addressbook_url) == {}
        hrefs = {phone.put_card(f"c{i}", card(f"c{i}")) for i in range(3)}
        etags = dav.list_etags(dav_server.addressbook_url)
        assert set(etags) == hrefs
        assert etags == dav.sync_collection(dav_server.addressbook_url, "").changed


def test_multiget_reads_in_batches_and_leaves_out_the_missing(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        hrefs = [phone.put_card(f"m{i}", card(f"m{i}")) for i in range(7)]
        dav.multiget_batch = 3
        made = dav.requests_made
        gone = hrefs[0].rsplit("/", 1)[0] + "/never-there.vcf"
        found = dav.multiget(dav_server.addressbook_url, [*hrefs, gone], "contacts")
        assert dav.requests_made - made == 3  # 8 hrefs in batches of 3
        assert set(found) == set(hrefs)
        etags = dav.list_etags(dav_server.addressbook_url)
        for href, (etag, text) in found.items():
            assert etag == etags[href]
            assert f"UID:{href.rsplit('/', 1)[1].removesuffix('.vcf')}" in text


@pytest.mark.parametrize(("kind", "requests"), [("generic", 2), ("icloud", 3)])
def test_the_batch_size_is_the_server_kinds(
    radicale_server: RadicaleServer, kind: str, requests: int
) -> None:
    """120 cards in batches of 100, or of 50 where the quirks table says large multigets time
    out (iCloud)."""
    hrefs = radicale_server.seed_cards({f"b{i}": card(f"b{i}") for i in range(120)})
    s = radicale_server
    with DavClient(s.url, s.user, s.password, timeout=10, server_kind=kind) as dav:
        made = dav.requests_made
        found = dav.multiget(s.addressbook_url, hrefs, "contacts")
        assert dav.requests_made - made == requests
        assert set(found) == set(hrefs)


def test_multiget_of_tasks(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        href = phone.put_task("Send the slides", uid="task-1")
        found = dav.multiget(dav_server.tasks_url, [href], "calendar")
        assert "SUMMARY:Send the slides" in found[href][1]


def test_put_creates_once_and_updates_with_if_match(dav_server: DavTestServer) -> None:
    url = dav_server.addressbook_url + "new.vcf"
    with client_for(dav_server) as dav:
        etag = dav.put(url, card("new"), VCARD, etag=None)
        read_etag, text = dav.get(url)
        assert "UID:new" in text
        assert etag in ("", read_etag)
        with pytest.raises(PreconditionFailed, match="changed on the server"):
            dav.put(url, card("new"), VCARD, etag=None)  # If-None-Match: * on an existing one

        newer = dav.put(url, card("new", "Renamed"), VCARD, etag=read_etag)
        newer_read, text = dav.get(url)
        assert "Renamed" in text
        assert newer in ("", newer_read)
        with pytest.raises(PreconditionFailed):
            dav.put(url, card("new", "Stale write"), VCARD, etag=read_etag)
        assert "Renamed" in dav.get(url)[1]


def test_put_a_task_in_the_task_list(dav_server: DavTestServer) -> None:
    url = dav_server.tasks_url + "follow-up-1.ics"
    with client_for(dav_server) as dav:
        dav.put(url, phone_task("follow-up-1", "Call back"), "text/calendar", etag=None)
        assert "SUMMARY:Call back" in dav.get(url)[1]


def test_delete_with_if_match(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        href = phone.put_card("gone", card("gone"))
        etag, _ = dav.get(href)
        phone.edit_card(href, card("gone", "Edited On The Phone"))
        with pytest.raises(PreconditionFailed):
            dav.delete(href, etag)
        assert list(phone.cards()) == [href]
        dav.delete(href, dav.get(href)[0])
        assert phone.cards() == {}
        dav.delete(href, etag)  # already gone: done
        with pytest.raises(NotFound, match="404"):
            dav.get(href)


def test_wrong_password_is_words(radicale_server: RadicaleServer) -> None:
    with (
        DavClient(radicale_server.url, radicale_server.user, "wrong") as dav,
        pytest.raises(AuthFailed) as caught,
    ):
        dav.collection_state(radicale_server.addressbook_url)
    assert str(caught.value) == (
        f"The server refused the user name or password for {radicale_server.url}."
    )


def test_stopped_server_is_words(dav_server: DavTestServer) -> None:
    with client_for(dav_server) as dav:
        dav.collection_state(dav_server.addressbook_url)
        dav_server.stop()
        with pytest.raises(ServerUnreachable, match="refused") as caught:
            dav.collection_state(dav_server.addressbook_url)
        assert "Traceback" not in str(caught.value)
        dav_server.start()
        assert dav.collection_state(dav_server.addressbook_url).sync_token


def test_hrefs_with_odd_characters_stay_one_spelling(dav_server: DavTestServer) -> None:
    # iOS names cards by UID, others by whatever they like: a space, an @, a non-ASCII letter.
    with Phone(dav_server) as phone, client_for(dav_server) as dav:
        phone.put_card("ada lovelace@example", card("odd-1"))
        phone.put_card("zoë", card("odd-2"))
        listed = dav.list_etags(dav_server.addressbook_url)
        synced = dav.sync_collection(dav_server.addressbook_url, "").changed
        assert listed == synced
        assert len(listed) == 2
        found = dav.multiget(dav_server.addressbook_url, list(listed), "contacts")
        assert set(found) == set(listed)
        for href, etag in listed.items():
            assert dav.get(href)[0] == etag
            assert found[href][0] == etag
        href = next(iter(listed))
        dav.delete(href, listed[href])
        assert len(dav.list_etags(dav_server.addressbook_url)) == 1


def test_a_card_the_server_will_not_store_is_words(dav_server: DavTestServer) -> None:
    # Xandikos answers 412 with valid-address-data, Radicale 400: neither is "changed meanwhile".
    with client_for(dav_server) as dav, pytest.raises(ItemRefused) as caught:
        dav.put(dav_server.addressbook_url + "bad.vcf", "not a card", VCARD, etag=None)
    assert str(caught.value).startswith(
        f"The server did not store {dav_server.addressbook_url}bad.vcf: "
    )


def test_a_uid_twice_under_two_names(radicale_server: RadicaleServer) -> None:
    book = radicale_server.addressbook_url
    with client_for(radicale_server) as dav:
        dav.put(book + "first.vcf", card("same-uid"), VCARD, etag=None)
        with pytest.raises(ItemRefused, match="already has its UID") as caught:
            dav.put(book + "second.vcf", card("same-uid"), VCARD, etag=None)
        assert caught.value.precondition == "no-uid-conflict"
