"""Discovery against both real servers: from the bare server address, a well-known path, the
principal and a collection URL; Google and plain http elsewhere are refused with words."""

from __future__ import annotations

import pytest

from netdesk.dav.discovery import WELL_KNOWN, CollectionInfo, Discovery, _candidates, discover
from netdesk.dav.errors import AuthFailed, DavError, InsecureUrl, NeedsOAuth, NoDavService
from netdesk.dav.quirks import QUIRKS, quirks_for, server_kind
from netdesk.dav.urls import parse_url
from tests.dav.canned_server import Canned, CannedServer
from tests.sync.servers import DavTestServer, RadicaleServer


def _discover(server: DavTestServer, url: str) -> Discovery:
    return discover(url, server.user, server.password, timeout=10)


def _check_collections(server: DavTestServer, found: Discovery) -> None:
    assert found.addressbooks == [
        CollectionInfo(server.addressbook_url, "Contacts", "contacts", "3.0")
    ]
    assert found.task_lists == [CollectionInfo(server.tasks_url, "Tasks", "tasks")]
    assert found.calendars == [CollectionInfo(server.calendar_url, "Calendar", "events")]


@pytest.mark.parametrize("path", ["", "/.well-known/carddav", "/.well-known/caldav"])
def test_discovery_from_the_server_address(dav_server: DavTestServer, path: str) -> None:
    found = _discover(dav_server, dav_server.url.rstrip("/") + path)
    assert found.server_url == dav_server.url
    assert found.principal_url == dav_server.principal_url
    assert found.server_kind == dav_server.kind
    _check_collections(dav_server, found)


def test_discovery_without_scheme_or_slash(dav_server: DavTestServer) -> None:
    # "127.0.0.1:PORT" typed alone would mean https://; the loopback http URL without its
    # trailing slash works.
    found = _discover(dav_server, dav_server.url.rstrip("/"))
    _check_collections(dav_server, found)


def test_discovery_from_the_principal(dav_server: DavTestServer) -> None:
    found = _discover(dav_server, dav_server.principal_url)
    _check_collections(dav_server, found)


def test_discovery_from_a_collection_url_offers_that_one(dav_server: DavTestServer) -> None:
    found = _discover(dav_server, dav_server.tasks_url)
    assert found.addressbooks == []
    assert found.task_lists == [CollectionInfo(dav_server.tasks_url, "Tasks", "tasks")]


def test_several_address_books_are_all_listed(radicale_server: RadicaleServer) -> None:
    body = (
        '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>'
        "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>"
        "<D:displayname>Work</D:displayname></D:prop></D:set></D:mkcol>"
    )
    both = (
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
        "<D:displayname>Everything</D:displayname></D:prop></D:set></C:mkcalendar>"
    )
    with radicale_server.client() as http:
        assert http.request("MKCOL", radicale_server.principal_url + "work/", content=body)
        assert http.request("MKCALENDAR", radicale_server.principal_url + "all/", content=both)
    found = _discover(radicale_server, radicale_server.url)
    assert [c.display_name for c in found.addressbooks] == ["Contacts", "Work"]
    # A calendar that takes every component is offered as a task list and as a calendar.
    assert [c.display_name for c in found.task_lists] == ["Everything", "Tasks"]
    assert [c.display_name for c in found.calendars] == ["Calendar", "Everything"]


def test_discovery_with_a_wrong_password(radicale_server: RadicaleServer) -> None:
    with pytest.raises(AuthFailed, match="refused the user name or password"):
        discover(radicale_server.url, radicale_server.user, "wrong", timeout=10)


def test_a_web_server_without_dav_is_words(canned_server: CannedServer) -> None:
    canned_server.routes["/"] = Canned(200, b"<html>Welcome</html>")
    with pytest.raises(NoDavService, match="No CardDAV or CalDAV service was found"):
        discover(canned_server.url, "ada", "pw", timeout=5)
    assert [path for _, path in canned_server.seen] == [*WELL_KNOWN, "/"]


def test_redirect_to_plain_http_elsewhere_is_refused(canned_server: CannedServer) -> None:
    canned_server.routes["/.well-known/carddav"] = Canned(
        301, b"", {"Location": "http://dav.example.com/"}
    )
    with pytest.raises(InsecureUrl, match=r"http://dav\.example\.com/"):
        discover(canned_server.url, "ada", "pw", timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.googleapis.com/carddav/v1/principals/ada@gmail.com/lists/default/",
        "google.com",
        "https://apidata.googleusercontent.com/caldav/v2/",
    ],
)
def test_google_is_refused_with_a_pointer_to_import(url: str) -> None:
    with pytest.raises(NeedsOAuth, match=r"OAuth.*File > Import"):
        discover(url, "ada@gmail.com", "pw")


@pytest.mark.parametrize("url", ["http://dav.example.com/", "http://192.0.2.1:5232/"])
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    with pytest.raises(InsecureUrl, match="not encrypted"):
        discover(url, "ada", "pw")


def test_server_kind_is_read_from_data() -> None:
    assert server_kind("https://contacts.icloud.com/", {}) == "icloud"
    assert server_kind("https://cloud.example.org/remote.php/dav/", {}) == "nextcloud"
    assert server_kind("https://dav.example.org/", {"X-Sabre-Version": "4.1"}) == "sabre"
    assert server_kind("https://x.example/dav.php/", {}) == "sabre"
    assert server_kind("https://carddav.fastmail.com/", {}) == "fastmail"
    assert server_kind("https://x/", {}, sync_token="http://radicale.org/ns/sync/ab") == "radicale"
    assert server_kind("https://x/", {"Server": "nginx"}) == "generic"
    assert quirks_for("icloud").vcard_versions == ("3.0",)
    assert quirks_for("unknown") is QUIRKS["generic"]


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("example.com", "https://example.com/"),
        ("  dav.example.com/remote.php/dav ", "https://dav.example.com/remote.php/dav"),
        ("https://example.com", "https://example.com/"),
        ("localhost:5232", "https://localhost:5232/"),
        ("http://localhost:5232", "http://localhost:5232/"),
        ("http://[::1]:5232/", "http://[::1]:5232/"),
    ],
)
def test_what_a_user_types_becomes_a_url(typed: str, url: str) -> None:
    assert str(parse_url(typed)) == url


@pytest.mark.parametrize("typed", ["", "   ", "ftp://example.com/", "https://"])
def test_what_is_not_an_address_is_words(typed: str) -> None:
    with pytest.raises(DavError, match="server address"):
        parse_url(typed)


def test_a_bare_domain_starts_at_the_well_known_paths() -> None:
    assert [str(u) for u in _candidates(parse_url("example.com"))] == [
        "https://example.com/.well-known/carddav",
        "https://example.com/.well-known/caldav",
        "https://example.com/",
    ]
    assert str(_candidates(parse_url("example.com/dav/"))[0]) == "https://example.com/dav/"
