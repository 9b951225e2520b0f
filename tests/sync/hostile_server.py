"""A server that lies: an HTTP server on a free loopback port in front of a real DAV server. It
passes every request through, except those a test poisons, which get a hostile reply instead:
an XML entity bomb, an external entity naming a local file, a 50 MB multistatus, an endless
redirect, a captive portal's HTML, a 500.

Discovery and `accounts add` can go through it cleanly; then the test poisons what the sync asks
(a PROPFIND or REPORT on the address book) and checks that netdesk says what went wrong in
words, changes nothing here, and neither hangs nor swells.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

MULTISTATUS = "application/xml; charset=utf-8"
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Hostile:
    """A reply: status, headers, and a body (bytes, or chunks produced while sending)."""

    status: int = 207
    body: bytes | Callable[[], Iterable[bytes]] = b""
    content_type: str = MULTISTATUS
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Rule:
    methods: frozenset[str]
    path_contains: str
    reply: Callable[[str], Hostile]  # the request path -> what to answer
    body_contains: bytes = b""  # b"addressbook-multiget": only those REPORTs


def _multistatus(inner: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}'
        f'<D:multistatus xmlns:D="DAV:">{inner}</D:multistatus>\n'
    ).encode()


def _response(href: str, etag: str) -> str:
    return (
        f"<D:response><D:href>{href}</D:href><D:propstat><D:prop>"
        f"<D:getetag>{etag}</D:getetag></D:prop>"
        "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    )


def billion_laughs(path: str) -> Hostile:
    """The classic entity bomb: ten levels of ten references, 10^9 "lol"s when expanded."""
    levels = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        refs = f"&lol{level - 1};" * 10
        levels.append(f'<!ENTITY lol{level} "{refs}">')
    doctype = "<!DOCTYPE D:multistatus [\n" + "\n".join(levels) + "\n]>\n"
    return Hostile(body=_multistatus(_response(f"{path}bomb.vcf", '"&lol9;"'), doctype))


def external_entity(secret_file: str) -> Callable[[str], Hostile]:
    """A reply whose etag and href pull in a local file through an external entity."""

    def reply(path: str) -> Hostile:
        doctype = f'<!DOCTYPE D:multistatus [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n'
        inner = _response(f"{path}&xxe;.vcf", '"&xxe;"') + (
            "<D:response><D:href>" + path + "</D:href><D:propstat><D:prop>"
            "<D:displayname>&xxe;</D:displayname><D:sync-token>&xxe;</D:sync-token>"
            "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
        )
        return Hostile(body=_multistatus(inner, doctype))

    return reply


def huge_multistatus(megabytes: int = 50) -> Callable[[str], Hostile]:
    """A well-formed multistatus of `megabytes` MB: a quarter million cards that do not exist,
    sent in chunks so that the test process itself stays small."""

    def reply(path: str) -> Hostile:
        def chunks() -> Iterator[bytes]:
            yield b'<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">'
            sent = 0
            number = 0
            while sent < megabytes * 1_000_000:
                block = "".join(
                    _response(f"{path}card-{number + i:09d}.vcf", f'"etag-{number + i}"')
                    for i in range(1000)
                ).encode()
                number += 1000
                sent += len(block)
                yield block
            yield b"</D:multistatus>\n"

        return Hostile(body=chunks)

    return reply


def redirect_loop(path: str) -> Hostile:
    """Two addresses that send the client to each other for ever."""
    target = path.replace("-moved", "") if "-moved" in path else path.rstrip("/") + "-moved/"
    return Hostile(status=301, content_type="text/plain", headers={"Location": target})


def captive_portal(path: str) -> Hostile:
    """What a hotel network answers: 200 and a login page."""
    html = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>"
    html += b"<form action='/login'>Room number <input name=room></form></body></html>"
    return Hostile(status=200, body=html, content_type="text/html; charset=utf-8")


def html_multistatus(path: str) -> Hostile:
    """A 207 that says it is XML and is not (a proxy's error page behind the right status)."""
    return Hostile(status=207, body=b"<html><body><h1>502 Bad Gateway</h1><br></body></html>")


def server_error(path: str) -> Hostile:
    return Hostile(status=500, body=b"Internal Server Error", content_type="text/plain")


class HostileServer:
    def __init__(self, target_url: str) -> None:
        self.target = target_url.rstrip("/")
        self.rules: list[Rule] = []
        self.requests: list[str] = []  # "PROPFIND /ada/contacts-1/"
        self.poisoned: list[str] = []
        self.hooks: list[tuple[str, str, Callable[[str, dict[str, str]], None]]] = []
        self.statuses: list[tuple[str, int]] = []  # ("PUT /ada/c/x.vcf", 412)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._upstream = httpx.Client(timeout=30.0)
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def local(self, url: str) -> str:
        """A URL of the real server, as reached through this one."""
        return self.url.rstrip("/") + httpx.URL(url).raw_path.decode()

    def poison(
        self,
        reply: Callable[[str], Hostile],
        *,
        methods: Iterable[str] = ("PROPFIND", "REPORT"),
        path_contains: str = "",
        body_contains: bytes = b"",
    ) -> None:
        self.rules.append(Rule(frozenset(methods), path_contains, reply, body_contains))

    def heal(self) -> None:
        self.rules.clear()

    def before(
        self, method: str, action: Callable[[str, dict[str, str]], None], path_contains: str = ""
    ) -> None:
        """Run `action(path, headers)` once, just before the first such request goes on to the
        real server: the phone's edit between netdesk's read and its write."""
        self.hooks.append((method, path_contains, action))

    def _hook_for(self, method: str, path: str) -> Callable[[str, dict[str, str]], None] | None:
        with self._lock:
            for hook in self.hooks:
                if hook[0] == method and hook[1] in path:
                    self.hooks.remove(hook)
                    return hook[2]
        return None

    def _rule_for(self, method: str, path: str, body: bytes) -> Rule | None:
        for rule in self.rules:
            if method in rule.methods and rule.path_contains in path and rule.body_contains in body:
                return rule
        return None

    def start(self) -> HostileServer:
        httpd = _Server(("127.0.0.1", 0), _handler(self))
        httpd.daemon_threads = True
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self._upstream.close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gives up half-way through a 50 MB reply is what we hope for


def _handler(state: HostileServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.requests.append(f"{self.command} {self.path}")
            rule = state._rule_for(self.command, self.path, body)
            if rule is not None:
                state.poisoned.append(f"{self.command} {self.path}")
                self._send(rule.reply(self.path))
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            hook = state._hook_for(self.command, self.path)
            if hook is not None:
                hook(self.path, headers)
            upstream = state._upstream.request(
                self.command, state.target + self.path, headers=headers, content=body
            )
            state.statuses.append((f"{self.command} {self.path}", upstream.status_code))
            self.send_response(upstream.status_code)
            for name, value in upstream.headers.items():
                if name.lower() not in _HOP_BY_HOP | {"content-encoding"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(upstream.content)))
            self.end_headers()
            self.wfile.write(upstream.content)

        def _send(self, reply: Hostile) -> None:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in reply.body():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = _any
        do_OPTIONS = do_MKCOL = do_MKCALENDAR = do_PROPPATCH = do_HEAD = _any

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
