"""The test servers themselves: both start, authenticate, take a card and list it."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx

from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer, RadicaleServer


def test_server_answers_with_fresh_empty_collections(dav_server: DavTestServer) -> None:
    assert dav_server.url.startswith("http://127.0.0.1:")
    for url in (dav_server.addressbook_url, dav_server.tasks_url, dav_server.calendar_url):
        assert url.startswith(dav_server.url)
        assert url.endswith("/")
    with Phone(dav_server) as phone:
        assert phone.cards() == {}
        assert phone.tasks() == {}


def test_card_put_is_listed_and_task_completed(dav_server: DavTestServer) -> None:
    card = ios_card("Ada Lovelace", uid="ADA-1", emails=("ada@example.com",))
    with Phone(dav_server) as phone:
        href = phone.put_card("ada", card)
        assert href.endswith("/ada.vcf")
        cards = phone.cards()
        assert list(cards) == [href]
        # Radicale rewrites cards (upper-case names, LF in the XML reply): compare loosely.
        assert "ITEM1.X-ABLABEL:_$!<OTHER>!$_" in cards[href].upper()
        assert "UID:ADA-1" in cards[href]
        phone.edit_card(href, card.replace("Ada Lovelace", "Ada King"))
        assert "FN:Ada King" in phone.cards()[href]

        task = phone.put_task("Send the slides", uid="T-1")
        assert "STATUS:NEEDS-ACTION" in phone.tasks()[task]
        phone.complete_task(task)
        assert "STATUS:COMPLETED" in phone.tasks()[task]

        phone.delete_card(href)
        assert phone.cards() == {}


def test_each_test_starts_empty_again(dav_server: DavTestServer) -> None:
    # pytest-randomly may run this before or after the one above: either way nothing is left.
    with Phone(dav_server) as phone:
        assert phone.cards() == {}
        phone.put_card("left-behind", ios_card("Left Behind"))


def test_radicale_refuses_a_wrong_password(radicale_server: RadicaleServer) -> None:
    wrong = httpx.request(
        "PROPFIND", radicale_server.addressbook_url, auth=("ada", "wrong"), headers={"Depth": "0"}
    )
    assert wrong.status_code == 401
    right = httpx.request(
        "PROPFIND",
        radicale_server.addressbook_url,
        auth=(radicale_server.user, radicale_server.password),
        headers={"Depth": "0"},
    )
    assert right.status_code == 207


def test_stopped_server_comes_back_with_its_data(dav_server: DavTestServer) -> None:
    with Phone(dav_server) as phone:
        href = phone.put_card("kept", ios_card("Kept Across Restart"))
    dav_server.stop()
    assert not dav_server.running
    try:
        httpx.get(dav_server.url, timeout=2)
        raise AssertionError("the stopped server answered")
    except httpx.TransportError:
        pass
    dav_server.start()
    with Phone(dav_server) as phone:
        assert list(phone.cards()) == [href]


def test_radicale_takes_cards_written_into_its_folder(radicale_server: RadicaleServer) -> None:
    cards = {f"seed-{i}": ios_card(f"Seeded {i}", uid=f"seed-{i}") for i in range(300)}
    hrefs = radicale_server.seed_cards(cards)
    with Phone(radicale_server) as phone:
        listed = phone.cards()
    assert sorted(listed) == sorted(hrefs)
    assert "FN:Seeded 7" in listed[hrefs[7]]


def test_a_port_taken_before_the_first_start_is_replaced(tmp_path: Path) -> None:
    # Nine sessions share this machine: the free port found may be gone when the server binds.
    server = RadicaleServer(tmp_path)
    taken = server.port
    with socket.create_server(("127.0.0.1", taken)):
        try:
            server.start()
            server.reset()
            assert server.port != taken
            assert server.addressbook_url.startswith(f"http://127.0.0.1:{server.port}/")
        finally:
            server.stop()
