"""A web server on 127.0.0.1 for the tests that check what netdesk fetches (or must not)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: the body simply ends, as a streamed reply does
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between the body's bytes, sent one at a time


@dataclass
class LocalServer:
    """Serves `routes` (path -> Reply; anything else is a 404) and notes every request."""

    port: int = 0
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, with_body: bool) -> None:
            server.requests.append(self.path)
            reply = server.routes.get(self.path, Reply(404, b"not here", "text/plain"))
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            else:
                self.close_connection = True
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                # The client may stop reading once it has had enough.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if not reply.drip:
                        self.wfile.write(reply.body)
                    for at in range(len(reply.body) if reply.drip else 0):
                        self.wfile.write(reply.body[at : at + 1])
                        self.wfile.flush()
                        time.sleep(reply.drip)

        def do_GET(self) -> None:
            self._reply(True)

        def do_HEAD(self) -> None:
            self._reply(False)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet test output

    return Handler


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    state = LocalServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
