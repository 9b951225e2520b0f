"""Connections that fail in the ways networks fail: each ends in one line of words."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from netdesk.dav.client import DavClient
from netdesk.dav.errors import InsecureUrl, NeedsOAuth, ServerUnreachable


@contextmanager
def raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A loopback TCP server that hands each connection to ANSWER; yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)
    port = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        listener.close()
        thread.join(10)


def _read_request(conn: socket.socket) -> None:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


def test_a_server_that_stops_answering() -> None:
    done = threading.Event()

    def silent(conn: socket.socket) -> None:
        _read_request(conn)
        done.wait(5)

    with raw_server(silent) as url:
        try:
            with (
                DavClient(url, "ada", "pw", timeout=0.5) as dav,
                pytest.raises(ServerUnreachable, match=r"stopped answering \(nothing for 0.5"),
            ):
                dav.list_etags("/c/")
        finally:
            done.set()


def test_a_connection_cut_in_the_middle_of_a_reply() -> None:
    def cut(conn: socket.socket) -> None:
        _read_request(conn)
        conn.sendall(
            b"HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n"
            b'<D:multistatus xmlns:D="DAV:"><D:response>'
        )

    with (
        raw_server(cut) as url,
        DavClient(url, "ada", "pw", timeout=5) as dav,
        pytest.raises(ServerUnreachable, match="connection was cut") as caught,
    ):
        dav.list_etags("/c/")
    assert str(caught.value).startswith(f"Cannot reach {url}c/: ")


def test_garbage_instead_of_http() -> None:
    def garbage(conn: socket.socket) -> None:
        _read_request(conn)
        conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n\r\n")

    with (
        raw_server(garbage) as url,
        DavClient(url, "ada", "pw", timeout=5) as dav,
        pytest.raises(ServerUnreachable, match=r"answer is not HTTP \(a wrong port\?\)"),
    ):
        dav.list_etags("/c/")


def test_a_client_for_google_or_plain_http_is_refused_before_any_request() -> None:
    with pytest.raises(NeedsOAuth):
        DavClient("https://www.googleapis.com/carddav/v1/", "a", "b")
    with pytest.raises(InsecureUrl):
        DavClient("http://dav.example.com/", "a", "b")
    with DavClient("http://localhost:1/", "a", "b") as dav, pytest.raises(InsecureUrl):
        dav.get("http://dav.example.com/a.vcf")  # an absolute URL elsewhere over http
