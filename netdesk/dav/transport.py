"""One HTTP connection to a server (httpx: keep-alive, timeouts, proxies from the environment,
Basic auth) that turns every way a request can fail into words: no connection, a cut one, a
certificate not trusted, a wrong password, a redirect to plain http, a reply too large."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from types import TracebackType

import httpx

from netdesk.dav import tls
from netdesk.dav.errors import (
    AuthFailed,
    BadServerReply,
    CertificateNotTrusted,
    InsecureUrl,
    ServerUnreachable,
)
from netdesk.dav.urls import check_url, parse_url

# A reply bigger than this is refused rather than read into memory (a hostile or broken
# server); 10,000 cards in one sync-collection reply are about 2 MB.
MAX_REPLY_BYTES = 64 * 1024 * 1024
# A listing (PROPFIND, sync-collection: an href and an etag per member) becomes a tree about
# eight times its size when parsed: a 50 MB one took over 1 GB. 16 MB lists some 60,000 cards.
MAX_LISTING_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "netdesk (CardDAV/CalDAV sync)"


@dataclass(frozen=True)
class Reply:
    """A server's answer, read whole: where it came from after redirects, status, headers and
    body."""

    url: httpx.URL
    status_code: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes
    charset_encoding: str | None


# Seconds without a byte before a request is given up. A server may think long before its
# first byte: Radicale, with 10,000 cards and a cold cache, took 12 to 40 s to begin its first
# full listing (benchmarks/bench_sync.py), and 30 s made a user's first sync fail there.
READ_TIMEOUT = 120.0


class Transport:
    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        trusted_fingerprint: str = "",
        timeout: float = READ_TIMEOUT,
    ) -> None:
        self.base = parse_url(url)
        self.server_url = str(self.base)
        self.timeout = timeout
        self.requests_made = 0
        self._http = httpx.Client(
            auth=httpx.BasicAuth(username, password),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            verify=tls.context(trusted_fingerprint),
            trust_env=True,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            event_hooks={"request": [self._count]},
        )

    def _count(self, request: httpx.Request) -> None:
        # Redirects pass here too: one to plain http:// elsewhere is refused before it is sent.
        check_url(request.url)
        self.requests_made += 1

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def absolute(self, url: str) -> httpx.URL:
        """URL (absolute, or a path on the server) as an absolute URL, checked."""
        target = self.base.join(url)
        check_url(target)
        return target

    def href(self, url: httpx.URL) -> str:
        """The server path of URL, percent-encoded as sent: the form hrefs are kept in."""
        return url.raw_path.decode("ascii").split("?")[0]

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        content_type: str = "application/xml; charset=utf-8",
        headers: dict[str, str] | None = None,
        limit: int = MAX_REPLY_BYTES,
    ) -> Reply:
        """Send one request and read the whole reply (at most LIMIT bytes). 401 raises
        AuthFailed; a failed connection raises ServerUnreachable or CertificateNotTrusted."""
        target = self.absolute(url)
        sent = dict(headers or {})
        if body is not None:
            sent.setdefault("Content-Type", content_type)
        try:
            response = self._http.send(
                self._http.build_request(method, target, content=body, headers=sent), stream=True
            )
            try:
                content = self._read(response, target, limit)
            finally:
                response.close()
        except httpx.TooManyRedirects:
            raise ServerUnreachable(str(target), "the server redirects in a loop") from None
        except httpx.HTTPError as error:
            raise self._words(error, target) from None
        check_url(response.url)
        if response.status_code == 401:
            raise AuthFailed(self.server_url)
        return Reply(
            response.url,
            response.status_code,
            response.reason_phrase,
            response.headers,
            content,
            response.charset_encoding,
        )

    def _read(self, response: httpx.Response, target: httpx.URL, limit: int) -> bytes:
        too_large = f"it is larger than {limit // (1024 * 1024)} MB"
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BadServerReply(str(target), too_large)
        chunks = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise BadServerReply(str(target), too_large)
            chunks.append(chunk)
        return b"".join(chunks)

    def _words(self, error: httpx.HTTPError, target: httpx.URL) -> Exception:
        problem = tls.certificate_problem(error)
        if problem is not None:
            return self._untrusted(problem, target)
        if isinstance(error, InsecureUrl):
            return error
        where = str(target)
        if isinstance(error, httpx.ConnectTimeout):
            return ServerUnreachable(where, f"no answer within {self.timeout:g} seconds")
        if isinstance(error, httpx.TimeoutException):
            return ServerUnreachable(
                where, f"the server stopped answering (nothing for {self.timeout:g} seconds)"
            )
        if isinstance(error, httpx.ProxyError):
            return ServerUnreachable(where, f"the proxy refused the connection ({error})")
        if isinstance(error, httpx.ConnectError):
            return ServerUnreachable(where, _connect_reason(error, target.host))
        if isinstance(error, httpx.RemoteProtocolError) and any(
            word in str(error).lower() for word in ("illegal", "malformed", "invalid")
        ):
            return ServerUnreachable(where, "the server's answer is not HTTP (a wrong port?)")
        if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
            return ServerUnreachable(where, "the connection was cut in the middle of a reply")
        return ServerUnreachable(where, str(error) or type(error).__name__)

    def _untrusted(self, problem: ssl.SSLError, target: httpx.URL) -> CertificateNotTrusted:
        if isinstance(problem, tls.FingerprintMismatch):
            return CertificateNotTrusted(
                target.host, problem.seen, "it is not the certificate you trusted"
            )
        reason = getattr(problem, "verify_message", "") or str(problem)
        port = target.port or 443
        seen = tls.probe_fingerprint(target.host, port, min(self.timeout, 10.0))
        return CertificateNotTrusted(target.host, seen or "(unknown)", reason)


def _connect_reason(error: BaseException, host: str) -> str:
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, ConnectionRefusedError):
            return "the connection was refused (is the server running?)"
        if isinstance(current, socket.gaierror):
            return f"the name {host} is not known (check the address and the network)"
        if isinstance(current, ssl.SSLError):
            return f"the secure connection failed ({current.reason or current})"
        current = current.__cause__ or current.__context__
    text = str(error)
    if "refused" in text.lower():
        return "the connection was refused (is the server running?)"
    if "name or service not known" in text.lower() or "nodename" in text.lower():
        return f"the name {host} is not known (check the address and the network)"
    return text or "the connection failed"
