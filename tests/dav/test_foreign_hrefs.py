"""A server's listing that names items outside the collection (another address book, "../",
another host) is not taken as members: netdesk would later send the user's password there
with a DELETE or PUT, or delete a card in another address book."""

from __future__ import annotations

from netdesk.dav.client import DavClient
from tests.dav.canned_server import Canned, CannedServer

FOREIGN = [
    "/c/a.vcf",  # the real members
    "/c/x%2Fy.vcf",
    "/other/b.vcf",
    "/c/../other/c.vcf",
    "/c/%2e%2e/d.vcf",
    "/c/sub/e.vcf",
    "/C/h.vcf",
    "http://evil.example/c/f.vcf",
    "https://127.0.0.1:1/c/g.vcf",
]


def _listing(extra: str = "") -> bytes:
    responses = "".join(
        f'<D:response><D:href>{href}</D:href><D:propstat><D:prop><D:getetag>"e{n}"</D:getetag>'
        "<D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
        "</D:response>"
        for n, href in enumerate(FOREIGN)
    )
    return (
        f'<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">{responses}{extra}</D:multistatus>'
    ).encode()


def test_a_listing_naming_items_elsewhere_keeps_only_the_collections_own(
    canned_server: CannedServer,
) -> None:
    canned_server.routes["/c/"] = Canned(207, _listing("<D:sync-token>t1</D:sync-token>"))
    with DavClient(canned_server.url, "ada", "pw", timeout=5) as dav:
        assert list(dav.list_etags("/c/")) == ["/c/a.vcf", "/c/x%2Fy.vcf"]
        delta = dav.sync_collection("/c/", "")
    assert list(delta.changed) == ["/c/a.vcf", "/c/x%2Fy.vcf"]


def test_members_spelt_with_other_escapes_are_still_members(canned_server: CannedServer) -> None:
    listing = (
        '<?xml version="1.0"?><D:multistatus xmlns:D="DAV:">'
        "<D:response><D:href>/u/ada%40example.com/c/a.vcf</D:href><D:propstat><D:prop>"
        '<D:getetag>"e1"</D:getetag><D:resourcetype/></D:prop>'
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"
    )
    canned_server.routes["/u/ada@example.com/c/"] = Canned(207, listing.encode())
    with DavClient(canned_server.url, "ada", "pw", timeout=5) as dav:
        assert list(dav.list_etags("/u/ada@example.com/c/")) == ["/u/ada%40example.com/c/a.vcf"]
