"""A loopback HTTP server that answers any method (PROPFIND, REPORT ...) with canned replies:
a hostile or broken "DAV server" for the client's error words."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Canned:
    status: int = 207
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class CannedServer:
    port: int = 0
    routes: dict[str, Canned] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)  # (method, path)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def _handler(state: CannedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            state.seen.append((self.command, self.path))
            reply = state.routes.get(self.path, Canned(404, b"not here"))
            self.send_response(reply.status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            if "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def canned_server() -> Iterator[CannedServer]:
    state = CannedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
