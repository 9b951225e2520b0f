"""The cutting proxy itself: it forwards, cuts exactly where told in either direction, counts
connections and requests, and refuses when told. The sync tests rely on each of these."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from tests.sync.cutting_proxy import CuttingProxy

BODY = bytes(range(256)) * 40  # 10,240 bytes


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as DAV clients use it
    received: ClassVar[list[int]] = []

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        data = self.rfile.read(length)
        _Echo.received.append(len(data))
        answer = str(len(data)).encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the cuts reset connections under the handler on purpose


@pytest.fixture
def origin() -> Iterator[str]:
    httpd = _Quiet(("127.0.0.1", 0), _Echo)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Echo.received = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def proxy(origin: str) -> Iterator[CuttingProxy]:
    with CuttingProxy(origin) as running:
        yield running


def test_it_forwards_both_ways_and_counts(proxy: CuttingProxy) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/a").content == BODY
        assert client.put("/b.vcf", content=b"x" * 5000).text == "5000"
        assert client.get("/c").content == BODY
    assert proxy.connections == 1  # keep-alive: one connection for all three
    assert [str(r) for r in proxy.requests] == ["GET /a", "PUT /b.vcf", "GET /c"]
    assert proxy.requests[0].at_byte == 0
    assert proxy.requests[1].at_byte < proxy.requests[2].at_byte - 5000
    assert proxy.bytes_down > 2 * len(BODY)


@pytest.mark.parametrize("count", [0, 1, 100, 5000])
def test_a_cut_in_the_reply_lets_exactly_n_bytes_through(proxy: CuttingProxy, count: int) -> None:
    proxy.cut_after(count, "down")
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        with pytest.raises(httpx.TransportError):
            client.get("/a")
        assert proxy.cuts == 1 and not proxy.armed
        # Once: the next request gets a new connection and passes whole.
        assert client.get("/a").content == BODY
    assert proxy.connections == 2


def test_a_cut_in_the_reply_counts_bytes_exactly(origin: str) -> None:
    with CuttingProxy(origin) as proxy:
        proxy.cut_after(777, "down")
        with (
            httpx.Client(base_url=proxy.url, timeout=5) as client,
            pytest.raises(httpx.TransportError),
        ):
            client.get("/a")
        assert proxy.bytes_down == 777


@pytest.mark.parametrize("reset", [False, True])
def test_a_cut_in_the_upload_stops_the_body_half_way(proxy: CuttingProxy, reset: bool) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        client.get("/warm")
        proxy.cut_after(3000, "up", reset=reset)
        with pytest.raises(httpx.TransportError):
            client.put("/big.vcf", content=b"y" * 20_000)
    # The server never had the whole body (this one reads what came; a careful one drops it).
    assert all(length < 20_000 for length in _Echo.received)


def test_refusing_and_allowing_again(proxy: CuttingProxy) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/a").status_code == 200
    port = proxy.port
    proxy.refuse()
    with httpx.Client(base_url=proxy.url, timeout=5) as client, pytest.raises(httpx.ConnectError):
        client.get("/a")
    proxy.allow()
    assert proxy.port == port
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/a").status_code == 200
    assert proxy.connections == 2


def test_a_stopped_server_behind_it_drops_the_connection(origin: str) -> None:
    with CuttingProxy("http://127.0.0.1:9/") as proxy:  # nothing listens on the discard port
        with (
            httpx.Client(base_url=proxy.url, timeout=5) as client,
            pytest.raises(httpx.TransportError),
        ):
            client.get("/a")
        assert proxy.connections == 0


@pytest.mark.parametrize("count", [10, 200, 4000])
def test_a_cut_inside_a_chosen_request(proxy: CuttingProxy, count: int) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        client.get("/warm")
        proxy.cut_in_request("PUT", count, "up")
        assert client.get("/still-fine").content == BODY
        with pytest.raises(httpx.TransportError):
            client.put("/big.vcf", content=b"z" * 20_000)
    put = next(r for r in proxy.requests if r.method == "PUT")
    assert proxy.bytes_up == put.at_byte + count
    assert all(length < 20_000 for length in _Echo.received)


def test_a_cut_inside_the_reply_to_a_chosen_request(proxy: CuttingProxy) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        proxy.cut_in_request("GET", 50, "down")
        with pytest.raises(httpx.TransportError):
            client.get("/a")
    assert proxy.bytes_down == 50
