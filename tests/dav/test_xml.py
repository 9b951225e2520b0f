"""Hostile and broken XML from a server: entity bombs, external entities, garbage, huge
replies, endless redirects all end in one line of words, and nothing is expanded or fetched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from netdesk.dav import xml
from netdesk.dav.client import DavClient
from netdesk.dav.errors import BadServerReply, DavError, PreconditionFailed, ServerUnreachable
from netdesk.dav.transport import MAX_REPLY_BYTES
from tests.dav.canned_server import Canned, CannedServer

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/c/a.vcf</D:href><D:propstat><D:prop>
<D:getetag>&lol9;</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response></D:multistatus>"""


def external_entity(target: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY secret SYSTEM "file://{target}">]>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/c/a.vcf</D:href><D:propstat><D:prop>
<D:getetag>&secret;</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response></D:multistatus>""".encode()


GOOD = b"""<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/c/</D:href><D:propstat><D:prop>
<D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status>
</D:propstat></D:response><D:response><D:href>/c/a.vcf</D:href><D:propstat><D:prop>
<D:getetag>"e1"</D:getetag><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status>
</D:propstat></D:response></D:multistatus>"""


def test_billion_laughs_is_refused_without_expanding() -> None:
    started = time.monotonic()
    with pytest.raises(BadServerReply, match="declares a DTD with entities"):
        xml.multistatus(BILLION_LAUGHS, "https://dav.example.com/c/")
    assert time.monotonic() - started < 1.0


def test_external_entity_is_refused_and_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    with pytest.raises(BadServerReply) as caught:
        xml.multistatus(external_entity(secret), "https://dav.example.com/c/")
    assert "TOP-SECRET" not in str(caught.value)
    assert "DTD" in str(caught.value)


def test_a_dtd_the_quick_check_misses_is_refused_after_parsing() -> None:
    # UTF-16: the byte scan before parsing does not see the DOCTYPE; the parsed tree does.
    text = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE m [<!ENTITY a "b">]>'
        '<D:multistatus xmlns:D="DAV:"/>'
    )
    with pytest.raises(BadServerReply, match="declares a DTD"):
        xml.multistatus(text.encode("utf-16"), "u")


def test_an_unclosed_prolog_is_scanned_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(BadServerReply):
        xml.multistatus(b"<?" * 2_000_000, "u")
    with pytest.raises(BadServerReply):
        xml.multistatus(b"<!--<?" * 1_000_000, "u")
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "the reply is empty"),
        (b"<html><body>Login</body></html>", "a multistatus was expected, not <html>"),
        (b"<D:multistatus xmlns:D='DAV:'><D:response>", "not well-formed XML"),
        (b"\x00\xff garbage", "not well-formed XML"),
        (b"<D:multistatus xmlns:D='DAV:'><D:response/></D:multistatus>", "names no href"),
    ],
)
def test_garbage_is_one_line_of_words(body: bytes, words: str) -> None:
    with pytest.raises(BadServerReply, match=words) as caught:
        xml.multistatus(body, "https://dav.example.com/c/")
    message = str(caught.value)
    assert message.startswith("The server's reply from https://dav.example.com/c/ cannot be read")
    assert "\n" not in message


def test_good_multistatus_is_read() -> None:
    responses, _ = xml.multistatus(GOOD, "u")
    assert [r.href for r in responses] == ["/c/", "/c/a.vcf"]
    assert responses[1].text(xml.tag(xml.DAV, "getetag")) == '"e1"'


def test_client_refuses_hostile_replies_from_a_server(
    canned_server: CannedServer, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    canned_server.routes["/bomb/"] = Canned(207, BILLION_LAUGHS)
    canned_server.routes["/xxe/"] = Canned(207, external_entity(secret))
    canned_server.routes["/html/"] = Canned(207, b"<html>oops</html>")
    canned_server.routes["/good/"] = Canned(207, GOOD.replace(b"/c/", b"/good/"))
    with DavClient(canned_server.url, "ada", "pw", timeout=5) as dav:
        for path in ("/bomb/", "/xxe/", "/html/"):
            with pytest.raises(BadServerReply) as caught:
                dav.list_etags(path)
            assert "TOP-SECRET" not in str(caught.value)
        assert dav.list_etags("/good/") == {"/good/a.vcf": '"e1"'}


def test_a_reply_too_large_is_refused(canned_server: CannedServer) -> None:
    canned_server.routes["/huge/"] = Canned(207, b"", {"Content-Length": str(MAX_REPLY_BYTES + 1)})
    with (
        DavClient(canned_server.url, "ada", "pw", timeout=5) as dav,
        pytest.raises(BadServerReply, match="larger than 64 MB"),
    ):
        dav.list_etags("/huge/")


def test_endless_redirect_is_words(canned_server: CannedServer) -> None:
    canned_server.routes["/a/"] = Canned(301, b"", {"Location": "/b/"})
    canned_server.routes["/b/"] = Canned(301, b"", {"Location": "/a/"})
    with (
        DavClient(canned_server.url, "ada", "pw", timeout=5) as dav,
        pytest.raises(ServerUnreachable, match="redirects in a loop"),
    ):
        dav.list_etags("/a/")


def test_unexpected_status_is_words(canned_server: CannedServer) -> None:
    canned_server.routes["/busy/"] = Canned(503, b"try later")
    with (
        DavClient(canned_server.url, "ada", "pw", timeout=5) as dav,
        pytest.raises(DavError, match=r"answered 503 Service Unavailable to PROPFIND"),
    ):
        dav.list_etags("/busy/")


def _sync_reply(token: str, hrefs: list[str], more: bool) -> bytes:
    items = "".join(
        f'<D:response><D:href>{h}</D:href><D:propstat><D:prop><D:getetag>"{h}"</D:getetag>'
        "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
        for h in hrefs
    )
    if more:
        items += (
            "<D:response><D:href>/c/</D:href><D:status>HTTP/1.1 507 Insufficient Storage"
            "</D:status></D:response>"
        )
    return (
        f'<D:multistatus xmlns:D="DAV:">{items}<D:sync-token>{token}</D:sync-token></D:multistatus>'
    ).encode()


def test_a_truncated_change_list_is_read_to_its_end(canned_server: CannedServer) -> None:
    """RFC 6578 3.6: a server may cut the list (507 on the collection) and give a token to go
    on from; the canned server gives the same page each time, so the client asks until the
    token stops moving (the second page repeats the first token)."""
    canned_server.routes["/c/"] = Canned(207, _sync_reply("t1", ["/c/a.vcf"], more=True))
    with DavClient(canned_server.url, "ada", "pw", timeout=5) as dav:
        delta = dav.sync_collection("/c/", "t1")
        assert delta.changed == {"/c/a.vcf": '"/c/a.vcf"'}
        assert delta.token == "t1"
        assert dav.requests_made == 1
        canned_server.routes["/c/"] = Canned(207, _sync_reply("t2", ["/c/b.vcf"], more=True))
        delta = dav.sync_collection("/c/", "t1")
        assert delta.token == "t2"
        assert dav.requests_made == 3  # t1 -> t2 (more), t2 -> t2: the end


def test_a_collection_on_another_host_gives_absolute_hrefs(canned_server: CannedServer) -> None:
    """iCloud keeps an account's collections on another host than the one asked first: hrefs
    of such a collection come back as absolute URLs, usable as they are."""
    canned_server.routes["/good/"] = Canned(207, GOOD.replace(b"/c/", b"/good/"))
    canned_server.routes["/good/a.vcf"] = Canned(200, b"BEGIN:VCARD", {"ETag": '"e1"'})
    other_host = f"http://localhost:{canned_server.port}/good/"
    with DavClient(canned_server.url, "ada", "pw", timeout=5) as dav:
        etags = dav.list_etags(other_host)
        assert etags == {other_host + "a.vcf": '"e1"'}
        assert dav.get(other_host + "a.vcf") == ('"e1"', "BEGIN:VCARD")
        assert dav.list_etags("/good/") == {"/good/a.vcf": '"e1"'}


SABRE_412 = b"""<?xml version="1.0" encoding="utf-8"?>
<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">
  <s:sabredav-version>4.6.0</s:sabredav-version>
  <s:exception>Sabre\\DAV\\Exception\\PreconditionFailed</s:exception>
  <s:message>An If-Match header was specified, but none of the specified ETags matched.</s:message>
  <s:header>If-Match</s:header>
</d:error>"""


def test_a_sabre_412_is_a_changed_item_not_a_refused_one(canned_server: CannedServer) -> None:
    canned_server.routes["/c/a.vcf"] = Canned(412, SABRE_412)
    with (
        DavClient(canned_server.url, "ada", "pw", timeout=5) as dav,
        pytest.raises(PreconditionFailed),
    ):
        dav.put("/c/a.vcf", "BEGIN:VCARD", "text/vcard", etag='"old"')
