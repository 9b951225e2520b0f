"""A TCP proxy on a free loopback port in front of a real server, for the tests where the
network fails: it forwards both ways, and when told, cuts the connection after N more bytes in
one direction (the client's upload or the server's reply), or refuses new connections.

It counts connections and the HTTP requests that pass through ("PUT /ada/contacts/x.vcf"),
with the upload byte at which each began, so that a test can run once to see where the requests
lie in the stream and then cut inside the one it wants.

    with CuttingProxy(server.url) as proxy:
        proxy.cut_after(1500, "down")   # the 1,501st byte of replies from now on never arrives
        ...                             # talk to proxy.url instead of server.url
"""

from __future__ import annotations

import contextlib
import re
import selectors
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Direction = Literal["up", "down"]

_REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S+) HTTP/1\.[01]$")
_CONTENT_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.IGNORECASE | re.MULTILINE)
_CHUNKED = re.compile(rb"^transfer-encoding:\s*chunked\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    # Upload bytes through the proxy (all connections) before this request's first byte.
    at_byte: int

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class _Cut:
    direction: Direction
    remaining: int
    reset: bool


class _RequestParser:
    """Finds where HTTP/1.1 requests begin in one connection's upload (Content-Length bodies,
    and chunked ones well enough for counting)."""

    def __init__(self) -> None:
        self.buffer = b""
        self.body_left = 0
        self.chunked = False

    def feed(self, data: bytes, offset: int) -> list[SeenRequest]:
        """`offset`: the proxy-wide upload byte count at data[0]."""
        found: list[SeenRequest] = []
        start = offset - len(self.buffer)
        self.buffer += data
        while self.buffer:
            if self.body_left:
                taken = min(self.body_left, len(self.buffer))
                self.body_left -= taken
                self.buffer = self.buffer[taken:]
                start += taken
                continue
            if self.chunked:
                end = self.buffer.find(b"0\r\n\r\n")
                if end < 0:
                    return found
                self.chunked = False
                self.buffer = self.buffer[end + 5 :]
                start += end + 5
                continue
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return found
            head = self.buffer[:end]
            match = _REQUEST_LINE.match(head.split(b"\r\n", 1)[0])
            if match:
                found.append(SeenRequest(match[1].decode(), match[2].decode(), start))
            length = _CONTENT_LENGTH.search(head)
            self.body_left = int(length[1]) if length else 0
            self.chunked = bool(_CHUNKED.search(head))
            self.buffer = self.buffer[end + 4 :]
            start += end + 4
        return found


class CuttingProxy:
    def __init__(self, target_url: str) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.connections = 0
        self.cuts = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self.requests: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._cut: _Cut | None = None
        self._cut_request: tuple[str, int, Direction, bool] | None = None
        self._refusing = False
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closing = threading.Event()
        self.port = 0

    # ---- control ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def cut_after(self, count: int, direction: Direction = "down", *, reset: bool = False) -> None:
        """Cut the connection that carries the (count+1)th byte from now in `direction`: the
        bytes before it pass, that one and the rest of the connection never do. Once: later
        connections pass whole. `reset` ends with a TCP RST instead of a FIN."""
        with self._lock:
            self._cut = _Cut(direction, count, reset)

    def cut_in_request(
        self, method: str, count: int, direction: Direction = "up", *, reset: bool = False
    ) -> None:
        """Cut inside the next request with this method: after `count` bytes of it ("up":
        its head and body as sent) or of its reply ("down"). Once."""
        with self._lock:
            self._cut_request = (method, count, direction, reset)

    def disarm(self) -> None:
        with self._lock:
            self._cut = None
            self._cut_request = None

    @property
    def armed(self) -> bool:
        return self._cut is not None or self._cut_request is not None

    def refuse(self) -> None:
        """New connections are refused (ECONNREFUSED) until allow(); open ones are cut."""
        with self._lock:
            self._refusing = True
            listener, self._listener = self._listener, None
            open_now = list(self._sockets)
        if listener is not None:
            _close(listener, reset=False)  # shutdown first: a bare close leaves accept() waiting
        for sock in open_now:
            _close(sock, reset=True)

    def allow(self) -> None:
        with self._lock:
            self._refusing = False
        self._listen()

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    # ---- life ---------------------------------------------------------------------------------

    def start(self) -> CuttingProxy:
        self._listen()
        return self

    def stop(self) -> None:
        self._closing.set()
        with self._lock:
            listener, self._listener = self._listener, None
            open_now = list(self._sockets)
        if listener is not None:
            _close(listener, reset=False)
        for sock in open_now:
            _close(sock, reset=False)
        for thread in list(self._threads):
            thread.join(5)

    def __enter__(self) -> CuttingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener = listener
        self._spawn(self._accept, listener)

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._closing.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed: refuse() or stop()
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                _close(client, reset=True)  # the server is down: so is the proxy's far side
                continue
            upstream.settimeout(None)
            with self._lock:
                self.connections += 1
                self._sockets.update((client, upstream))
            self._spawn(self._pump, client, upstream)

    # ---- forwarding ---------------------------------------------------------------------------

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        parser = _RequestParser()
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, ("up", upstream))
        selector.register(upstream, selectors.EVENT_READ, ("down", client))
        try:
            while not self._closing.is_set():
                try:
                    ready = selector.select(timeout=0.2)
                except (OSError, ValueError):
                    return  # closed under us: refuse() or stop()
                for key, _ in ready:
                    direction, far = key.data
                    try:
                        data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    except OSError:
                        return
                    if not data:
                        # One side closed: pass the close on to the other.
                        with contextlib.suppress(OSError):
                            far.shutdown(socket.SHUT_WR)
                        selector.unregister(key.fileobj)
                        if not selector.get_map():
                            return
                        continue
                    passed, cut = self._count(direction, data, parser)
                    if passed:
                        try:
                            far.sendall(passed)
                        except OSError:
                            return
                    if cut is not None:
                        _close(client, reset=cut.reset)
                        _close(upstream, reset=cut.reset)
                        return
        finally:
            selector.close()
            with self._lock:
                self._sockets.difference_update((client, upstream))
            _close(client, reset=False)
            _close(upstream, reset=False)

    def _count(
        self, direction: Direction, data: bytes, parser: _RequestParser
    ) -> tuple[bytes, _Cut | None]:
        with self._lock:
            if direction == "up":
                found = parser.feed(data, self.bytes_up)
                self.requests.extend(found)
                self._arm_request_cut(found)
            cut = self._cut
            fired: _Cut | None = None
            if cut is not None and cut.direction == direction:
                if len(data) > cut.remaining:
                    data = data[: cut.remaining]
                    fired, self._cut = cut, None
                    self.cuts += 1
                else:
                    cut.remaining -= len(data)
            if direction == "up":
                self.bytes_up += len(data)
            else:
                self.bytes_down += len(data)
        return data, fired

    def _arm_request_cut(self, found: list[SeenRequest]) -> None:
        if self._cut_request is None:
            return
        method, count, direction, reset = self._cut_request
        for request in found:
            if request.method == method:
                self._cut_request = None
                # "up": counted from the request's first byte, which may lie inside this chunk.
                skip = request.at_byte - self.bytes_up if direction == "up" else 0
                self._cut = _Cut(direction, skip + count, reset)
                return


def _close(sock: socket.socket, *, reset: bool) -> None:
    with contextlib.suppress(OSError):
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
