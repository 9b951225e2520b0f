"""Certificates: a self-signed HTTPS Radicale is refused with its fingerprint in the words,
then used once the user trusts exactly that fingerprint; any other certificate stays refused
and gets no password."""

from __future__ import annotations

import socket
import ssl
import threading
from pathlib import Path

import pytest

from netdesk.dav import tls
from netdesk.dav.client import DavClient
from netdesk.dav.discovery import discover
from netdesk.dav.errors import CertificateNotTrusted, ServerUnreachable
from tests.sync.certificates import self_signed
from tests.sync.servers import RadicaleServer


def test_self_signed_certificate_is_refused_with_its_fingerprint(
    tls_radicale_server: RadicaleServer,
) -> None:
    server = tls_radicale_server
    assert server.url.startswith("https://127.0.0.1:")
    with (
        DavClient(server.url, server.user, server.password, timeout=10) as dav,
        pytest.raises(CertificateNotTrusted) as caught,
    ):
        dav.collection_state(server.addressbook_url)
    error = caught.value
    assert error.fingerprint == server.fingerprint
    assert error.host == "127.0.0.1"
    assert str(error).startswith("The certificate of 127.0.0.1 is not trusted (")
    assert server.fingerprint in str(error)
    assert "self-signed" in str(error) or "self signed" in str(error)


def test_discovery_refuses_it_too(tls_radicale_server: RadicaleServer) -> None:
    server = tls_radicale_server
    with pytest.raises(CertificateNotTrusted, match=server.fingerprint):
        discover(server.url, server.user, server.password, timeout=10)


@pytest.mark.parametrize("spelling", ["as shown", "lower case, no colons"])
def test_trusted_fingerprint_is_accepted(
    tls_radicale_server: RadicaleServer, spelling: str
) -> None:
    server = tls_radicale_server
    pin = server.fingerprint
    if spelling != "as shown":
        pin = pin.replace(":", "").lower()
    found = discover(server.url, server.user, server.password, trusted_fingerprint=pin)
    assert [c.url for c in found.addressbooks] == [server.addressbook_url]
    with DavClient(server.url, server.user, server.password, trusted_fingerprint=pin) as dav:
        etag = dav.put(server.addressbook_url + "a.vcf", CARD, "text/vcard", etag=None)
        assert dav.list_etags(server.addressbook_url) == {
            server.addressbook_url.removeprefix(server.url.rstrip("/")) + "a.vcf": etag
        }


def test_another_certificate_than_the_trusted_one_is_refused(
    tls_radicale_server: RadicaleServer, tmp_path: Path
) -> None:
    server = tls_radicale_server
    other = self_signed(tmp_path / "other").fingerprint
    with (
        DavClient(server.url, server.user, server.password, trusted_fingerprint=other) as dav,
        pytest.raises(CertificateNotTrusted, match="not the certificate you trusted") as caught,
    ):
        dav.collection_state(server.addressbook_url)
    assert caught.value.fingerprint == server.fingerprint


def test_no_password_reaches_a_server_with_another_certificate(tmp_path: Path) -> None:
    """The pin is checked inside the handshake: not one byte of the request is sent."""
    served = self_signed(tmp_path / "served")
    trusted = self_signed(tmp_path / "trusted")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(served.certificate, served.key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            with context.wrap_socket(conn, server_side=True) as tls_conn:
                tls_conn.settimeout(5)
                while chunk := tls_conn.recv(4096):
                    received.append(chunk)
        except (OSError, ssl.SSLError):
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        url = f"https://127.0.0.1:{port}/"
        with (
            DavClient(url, "ada", "secret", trusted_fingerprint=trusted.fingerprint) as dav,
            pytest.raises(CertificateNotTrusted),
        ):
            dav.collection_state(url)
        thread.join(10)
    finally:
        listener.close()
    assert received == []


def test_fingerprint_spellings() -> None:
    assert tls.normalize_fingerprint("ab cd:EF") == "AB:CD:EF"
    assert tls.normalize_fingerprint("") == ""
    assert tls.fingerprint(b"x") == tls.normalize_fingerprint(
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    )


def test_https_to_a_closed_port_is_words() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        DavClient(f"https://127.0.0.1:{port}/", "ada", "pw", timeout=5) as dav,
        pytest.raises(ServerUnreachable, match="refused"),
    ):
        dav.collection_state("/")


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:A\r\nN:;A;;;\r\nEND:VCARD\r\n"
