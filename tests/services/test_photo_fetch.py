"""A photo given as a link stays a link until the user asks; then it is fetched safely
(issue 5: "Nothing is fetched from the network because a file says so")."""

from __future__ import annotations

import io
import socket
import time
from pathlib import Path

import pytest

from netdesk.services.import_plan import OnDuplicate
from netdesk.services.photo_fetch import PhotoFetchService, fetch_image, web_link
from netdesk.services.photo_rules import MAX_BYTES, PhotoFetchError, image_type
from netdesk.services.service_set import Services
from tests.local_http_server import LocalServer, Reply, local_server  # noqa: F401 (a fixture)
from tests.pictures import png_1x1

PNG = png_1x1()


def card(server: LocalServer, photo: str = "photo.png") -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"URL:{server.url('home')}\r\n"
        f"PHOTO;VALUE=uri:{server.url(photo)}\r\n"
        f"LOGO;VALUE=uri:{server.url('logo.png')}\r\n"
        "END:VCARD\r\n"
    ).encode()


def import_card(services: Services, server: LocalServer, tmp_path: Path, **kw: str) -> int:
    path = tmp_path / "ada.vcf"
    path.write_bytes(card(server, **kw))
    report = services.imports.import_file(path, on_duplicate=OnDuplicate.NEW)
    assert not report.problems
    contact = services.contacts.find_by_name("Ada Lovelace")
    assert contact is not None
    return contact


def exported(services: Services, contact: int) -> str:
    return services.exports.vcard_bytes([contact]).decode()


def test_importing_showing_and_exporting_a_card_with_links_fetches_nothing(
    services: Services,
    local_server: LocalServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    local_server.routes["/photo.png"] = Reply(body=PNG, content_type="image/png")
    contact = import_card(services, local_server, tmp_path)
    services.contacts.get(contact)
    photos = PhotoFetchService(services.db)
    link = photos.link(contact)
    assert link is not None and link.url == local_server.url("photo.png")
    assert link.host == "127.0.0.1"
    assert photos.photo(contact) is None
    text = exported(services, contact)
    assert local_server.url("photo.png") in text and local_server.url("logo.png") in text
    assert local_server.requests == []


def test_fetching_stores_the_picture_and_drops_the_link(
    services: Services,
    local_server: LocalServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    local_server.routes["/photo.png"] = Reply(body=PNG, content_type="image/png")
    contact = import_card(services, local_server, tmp_path)
    photos = PhotoFetchService(services.db)
    link = photos.link(contact)
    assert link is not None

    assert photos.fetch(contact, link) == "image/png"

    assert local_server.requests == ["/photo.png"]
    assert photos.photo(contact) == (PNG, "image/png")
    assert photos.link(contact) is None  # nothing more to offer
    text = exported(services, contact)
    assert local_server.url("photo.png") not in text  # one photo, the picture itself
    assert "PHOTO;ENCODING=b;TYPE=PNG:" in text.replace("\r\n ", "")
    assert local_server.url("logo.png") in text  # a logo link stays a link


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (Reply(404, b"not here", "text/plain"), "404"),
        (Reply(500, b"oops", "text/plain"), "500"),
        (Reply(body=b"<html>a page</html>", content_type="text/html"), "not a JPEG, PNG"),
        (Reply(body=b"", content_type="image/png"), "not a JPEG, PNG"),
        (Reply(body=PNG + b"\0" * MAX_BYTES, content_type="image/png"), "more than the 10 MB"),
        (
            Reply(body=PNG + b"\0" * MAX_BYTES, content_type="image/png", send_length=False),
            "larger than the 10 MB",
        ),
        (Reply(302, headers={"Location": "file:///etc/passwd"}), "not a web page"),
        (Reply(302, headers={"Location": "ftp://127.0.0.1/photo.png"}), "not a web page"),
    ],
    ids=["404", "500", "html", "empty", "too big", "too big unannounced", "to file", "to ftp"],
)
def test_a_failed_fetch_says_why_and_changes_nothing(
    services: Services,
    local_server: LocalServer,  # noqa: F811
    tmp_path: Path,
    reply: Reply,
    says: str,
) -> None:
    local_server.routes["/photo.png"] = reply
    contact = import_card(services, local_server, tmp_path)
    photos = PhotoFetchService(services.db)
    link = photos.link(contact)
    assert link is not None

    with pytest.raises(PhotoFetchError, match=says) as caught:
        photos.fetch(contact, link)

    assert "\n" not in str(caught.value) and "<" not in str(caught.value)
    assert photos.photo(contact) is None
    assert photos.link(contact) == link  # the link is kept: the user may try again


def test_no_network_and_no_answer_give_plain_messages(
    local_server: LocalServer,  # noqa: F811
) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with pytest.raises(PhotoFetchError, match=r"Could not reach 127\.0\.0\.1 .*online"):
        fetch_image(f"http://127.0.0.1:{closed}/photo.png")
    local_server.routes["/slow.png"] = Reply(body=PNG, delay=1.5)
    with pytest.raises(PhotoFetchError, match=r"did not answer within 0\.3 seconds"):
        fetch_image(local_server.url("slow.png"), timeout=0.3)


def test_a_server_that_sends_a_byte_now_and_then_is_given_up_on(
    local_server: LocalServer,  # noqa: F811
) -> None:
    """Each byte comes within the per-read timeout, but the whole would take 30 seconds."""
    local_server.routes["/drip.png"] = Reply(body=PNG[:100], content_type="image/png", drip=0.3)
    started = time.monotonic()
    with pytest.raises(PhotoFetchError, match=r"127\.0\.0\.1 sent the picture too slowly"):
        fetch_image(local_server.url("drip.png"), timeout=1, within=1.5)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a.png",
        "data:image/png;base64,AAAA",
        "x",
        # An IPv6 host that never closes: urllib's own parser raises ValueError on it.
        "http://[",
    ],
)
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(PhotoFetchError, match="only http and https"):
        fetch_image(url)


def test_which_kept_lines_are_photo_links() -> None:
    assert web_link("PHOTO;VALUE=uri:http://[") == ""
    assert web_link("PHOTO;VALUE=uri:http://[zz]/a.png") == ""
    assert web_link("PHOTO;VALUE=uri:https://example.org/a.jpg") == "https://example.org/a.jpg"
    assert web_link("item1.PHOTO:http://example.org/a.jpg") == "http://example.org/a.jpg"
    assert web_link('PHOTO;MEDIATYPE="image/png;x=a:b":https://e.org/p') == "https://e.org/p"
    assert web_link("PHOTO;VALUE=uri:file:///etc/passwd") == ""
    assert web_link("LOGO;VALUE=uri:https://example.org/a.jpg") == ""
    assert web_link("X-PHOTO:https://example.org/a.jpg") == ""
    assert web_link("PHOTO") == ""


def test_image_types_by_their_first_bytes() -> None:
    assert image_type(PNG) == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type(b"GIF89a...") == "image/gif"
    assert image_type(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    for other in (b"", b"<svg/>", b"BM....", b"%PDF-1.7", b"GIF8"):
        assert image_type(other) == ""


def test_a_contact_with_a_photo_is_offered_no_fetch(
    services: Services,
    local_server: LocalServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    contact = import_card(services, local_server, tmp_path)
    services.contacts.set_photo(contact, PNG, "image/png")
    assert PhotoFetchService(services.db).link(contact) is None
    assert io.BytesIO(PNG).read(8) == b"\x89PNG\r\n\x1a\n"
    assert local_server.requests == []
