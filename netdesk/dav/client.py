"""DavClient: what a sync asks of a CardDAV/CalDAV collection. The state of a collection in
one request, what changed since a sync token (RFC 6578), every member's etag, cards or events
by batches of hrefs (multiget), and single reads and conditional writes (If-Match /
If-None-Match: *). URLs are absolute or paths on the server; hrefs given back are server paths
as the server wrote them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal
from urllib.parse import unquote

import httpx

from netdesk.dav import xml
from netdesk.dav.errors import (
    BadServerReply,
    ItemRefused,
    NotFound,
    PreconditionFailed,
    RequestRefused,
    SyncTokenExpired,
)
from netdesk.dav.quirks import quirks_for
from netdesk.dav.transport import MAX_LISTING_BYTES, READ_TIMEOUT, Reply, Transport

# A server path written as httpx would write it back: unreserved and sub-delim characters but
# ";" (urljoin takes it for parameters) and percent escapes, no "//" (another host, or a
# doubled slash), no "/." (a "." or ".." segment). Such an href is taken as it is: parsing each
# of 10,000 hrefs as an httpx.URL, several times, took seconds of a first sync of 10,000
# contacts (benchmarks/bench_sync.py).
_PLAIN_PATH = re.compile(r"/(?:[A-Za-z0-9\-._~!$&'()*+,=:@/]|%[0-9A-Fa-f]{2})*")


def _plain(href: str) -> bool:
    return _PLAIN_PATH.fullmatch(href) is not None and "//" not in href and "/." not in href


# A server that keeps answering "more follows" (507) is stopped after this many pages.
MAX_SYNC_PAGES = 1000


@dataclass(frozen=True)
class CollectionState:
    sync_token: str
    ctag: str


@dataclass
class Delta:
    changed: dict[str, str] = field(default_factory=dict)  # href -> etag
    removed: set[str] = field(default_factory=set)
    token: str = ""


class DavClient:
    """One account's connection (context manager). `requests_made` counts HTTP requests."""

    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        trusted_fingerprint: str = "",
        timeout: float = READ_TIMEOUT,
        server_kind: str = "generic",
    ) -> None:
        self.transport = Transport(url, username, password, trusted_fingerprint, timeout)
        self.server_url = self.transport.server_url
        # Hrefs per multiget request: fewer for a server whose large multigets time out (iCloud).
        self.multiget_batch = quirks_for(server_kind).multiget_batch
        # Collection URL -> (on the account's own host, "scheme://host:port" of _key), and
        # its own _key: asked for every member listed.
        self._origins: dict[str, tuple[bool, str]] = {}
        self._keys: dict[str, str] = {}

    @property
    def requests_made(self) -> int:
        return self.transport.requests_made

    @requests_made.setter
    def requests_made(self, value: int) -> None:
        self.transport.requests_made = value

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> DavClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- reading a collection ------------------------------------------------------------
    def propfind(self, url: str, depth: int, *props: str) -> list[xml.PropResponse]:
        """PROPFIND URL for PROPS ("D:getetag" ...): the responses (207 expected)."""
        response = self.transport.request(
            "PROPFIND",
            url,
            body=xml.propfind(*props),
            headers={"Depth": str(depth)},
            limit=MAX_LISTING_BYTES,
        )
        self._expect_multistatus("PROPFIND", url, response)
        responses, _ = xml.multistatus(response.content, str(response.url))
        return responses

    def collection_state(self, url: str) -> CollectionState:
        """The collection's sync token and ctag ("" where the server has none): one request."""
        responses = self.propfind(url, 0, "D:sync-token", "CS:getctag")
        own = self._own(url, responses)
        if own is None:
            return CollectionState("", "")
        return CollectionState(
            own.text(xml.tag(xml.DAV, "sync-token")),
            own.text(xml.tag(xml.CALENDARSERVER, "getctag")),
        )

    def sync_collection(self, url: str, token: str) -> Delta:
        """Members changed (href -> etag) and removed since TOKEN ("" = all members), and the
        new token. A truncated reply (507) is followed up until complete."""
        delta = Delta(token=token)
        for _page in range(MAX_SYNC_PAGES):
            more = self._sync_page(url, delta)
            if not more:
                return delta
        raise BadServerReply(self._abs(url), "the server's list of changes never ends")

    def _sync_page(self, url: str, delta: Delta) -> bool:
        response = self.transport.request(
            "REPORT",
            url,
            body=xml.sync_collection(delta.token),
            headers={"Depth": "0"},
            limit=MAX_LISTING_BYTES,
        )
        if delta.token and response.status_code in (400, 403, 409, 410, 412):
            raise SyncTokenExpired(self._abs(url))
        if response.status_code in (403, 409) and xml.tag(xml.DAV, "valid-sync-token") in (
            xml.error_names(response.content)
        ):
            raise SyncTokenExpired(self._abs(url))
        self._expect_multistatus("REPORT", url, response)
        responses, root = xml.multistatus(response.content, str(response.url))
        more = False
        for item in responses:
            href = self._href(item.href, url)
            if self._same(href, url):
                more = more or item.status == 507
                continue
            if not self._member(href, url):
                continue
            if item.status == 404:
                delta.removed.add(href)
                delta.changed.pop(href, None)
                continue
            if item.has(xml.tag(xml.DAV, "resourcetype")) and self._is_collection(item):
                continue
            delta.changed[href] = item.text(xml.tag(xml.DAV, "getetag"))
            delta.removed.discard(href)
        token = (root.findtext(xml.tag(xml.DAV, "sync-token")) or "").strip()
        if not token:
            raise BadServerReply(self._abs(url), "the list of changes has no sync token")
        more = more and token != delta.token
        delta.token = token
        return more

    def list_etags(self, url: str) -> dict[str, str]:
        """Every member of the collection (not sub-collections): href -> etag."""
        etags = {}
        for item in self.propfind(url, 1, "D:getetag", "D:resourcetype"):
            href = self._href(item.href, url)
            if self._same(href, url) or self._is_collection(item) or not self._member(href, url):
                continue
            etags[href] = item.text(xml.tag(xml.DAV, "getetag"))
        return etags

    def multiget(
        self, url: str, hrefs: list[str], kind: Literal["contacts", "calendar"]
    ) -> dict[str, tuple[str, str]]:
        """href -> (etag, text) for HREFS, asked in batches; hrefs the server does not return
        (gone meanwhile) are left out. Keys are the hrefs as given."""
        data = (
            xml.tag(xml.CARDDAV, "address-data")
            if kind == "contacts"
            else xml.tag(xml.CALDAV, "calendar-data")
        )
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(hrefs), self.multiget_batch):
            batch = hrefs[start : start + self.multiget_batch]
            asked = {self._key(h, url): h for h in batch}
            response = self.transport.request(
                "REPORT",
                url,
                body=xml.multiget(kind, [self._path(h, url) for h in batch]),
                headers={"Depth": "1"},
            )
            self._expect_multistatus("REPORT", url, response)
            # One answer per href asked; a server may add a few (the collection itself).
            most = 2 * len(batch) + 10
            responses, _ = xml.multistatus(response.content, str(response.url), most)
            for item in responses:
                element = item.props.get(data)
                given = asked.get(self._key(item.href, url))
                if element is None or given is None:
                    continue
                found[given] = (item.text(xml.tag(xml.DAV, "getetag")), element.text or "")
        return found

    # --- single items --------------------------------------------------------------------
    def get(self, url: str) -> tuple[str, str]:
        """(etag, text) of one item; NotFound when it is gone."""
        response = self.transport.request("GET", url)
        if response.status_code == 404 or response.status_code == 410:
            raise NotFound(self._abs(url))
        self._expect(response, "GET", url, (200,))
        encoding = response.charset_encoding or "utf-8"
        return response.headers.get("ETag", ""), response.content.decode(encoding, "replace")

    def put(self, url: str, text: str, content_type: str, *, etag: str | None) -> str:
        """Write an item: a new one (etag None: If-None-Match: *) or over the version with
        ETAG (If-Match). The new etag, or "" when the server sends none (read it again).
        PreconditionFailed when the item exists already / changed meanwhile."""
        headers = {"If-None-Match": "*"} if etag is None else {"If-Match": etag}
        if "charset" not in content_type:
            content_type += "; charset=utf-8"
        response = self.transport.request(
            "PUT", url, body=text.encode("utf-8"), content_type=content_type, headers=headers
        )
        refused = self._refused(response, url)
        if refused is not None:
            raise refused
        if response.status_code == 412:
            raise PreconditionFailed(self._abs(url))
        if response.status_code == 404 and etag is not None:
            raise NotFound(self._abs(url))
        self._expect(response, "PUT", url, (200, 201, 204))
        return response.headers.get("ETag", "")

    def delete(self, url: str, etag: str) -> None:
        """Delete the version ETAG of an item ("" = whatever is there); gone already is done."""
        headers = {"If-Match": etag} if etag else {}
        response = self.transport.request("DELETE", url, headers=headers)
        if response.status_code in (404, 410):
            return
        if response.status_code == 412:
            raise PreconditionFailed(self._abs(url))
        self._expect(response, "DELETE", url, (200, 202, 204))

    def _refused(self, response: Reply, url: str) -> ItemRefused | None:
        """A PUT the server refused for what was sent (a precondition of RFC 6352/4791, or
        400/409/415), told apart from a 412 for If-Match / If-None-Match."""
        precondition, detail = xml.error_details(response.content)
        if precondition and response.status_code in (400, 403, 409, 412, 415, 507):
            return ItemRefused(self._abs(url), precondition, detail)
        if response.status_code in (400, 409, 415):
            return ItemRefused(
                self._abs(url), "", f"{response.status_code} {response.reason_phrase}"
            )
        return None

    # --- helpers -------------------------------------------------------------------------
    def _abs(self, url: str) -> str:
        return str(self.transport.base.join(url))

    def _url(self, href: str, within: str = "") -> httpx.URL:
        base = self.transport.base
        return (base.join(within) if within else base).join(href.strip())

    def _origin(self, within: str) -> tuple[bool, str]:
        found = self._origins.get(within)
        if found is None:
            base = self.transport.base
            url = base.join(within) if within else base
            same = (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port)
            found = self._origins[within] = (same, f"{url.scheme}://{url.host}:{url.port}")
        return found

    def _path(self, href: str, within: str = "") -> str:
        """The server path of HREF (relative to the collection WITHIN), as sent in a body."""
        if _plain(href.strip()):
            return href.strip()
        return self.transport.href(self._url(href, within))

    def _href(self, href: str, within: str = "") -> str:
        """HREF (relative to the collection WITHIN) in the form given back: a server path, or
        an absolute URL for a collection on another host (iCloud keeps them on pNN-hosts)."""
        if _plain(href.strip()) and self._origin(within)[0]:
            return href.strip()
        url = self._url(href, within)
        base = self.transport.base
        if (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port):
            return self.transport.href(url)
        return str(url.copy_with(query=None, fragment=None))

    def _key(self, href: str, within: str = "") -> str:
        """One spelling for comparing hrefs: percent-escapes decoded, no trailing slash."""
        path = href.strip()
        if "%" not in path and _plain(path):
            return self._origin(within)[1] + path.rstrip("/")
        url = self._url(href, within)
        return f"{url.scheme}://{url.host}:{url.port}{url.path.rstrip('/')}"

    def _same(self, href: str, url: str) -> bool:
        own = self._keys.get(url)
        if own is None:
            own = self._keys[url] = self._key(url)
        return self._key(href, url) == own

    def _member(self, href: str, url: str) -> bool:
        """Whether HREF names an item right inside the collection URL. A server's listing that
        names anything else (another collection, "../", another host) is not taken: netdesk
        would later send the password there with a DELETE or PUT."""
        item, folder = self._url(href, url), self._url(url)
        if (item.scheme, item.host, item.port) != (folder.scheme, folder.host, folder.port):
            return False
        # Compared decoded ("%40" or "@"), but split raw: a name may hold an escaped "/"
        # ("%2F"), never a real one or a dot segment.
        parent, _, name = item.raw_path.decode("ascii").split("?")[0].rpartition("/")
        inside = unquote(parent).rstrip("/") == folder.path.rstrip("/")
        return inside and unquote(name) not in ("", ".", "..")

    def _own(self, url: str, responses: list[xml.PropResponse]) -> xml.PropResponse | None:
        for item in responses:
            if self._same(item.href, url):
                return item
        return responses[0] if len(responses) == 1 else None

    @staticmethod
    def _is_collection(item: xml.PropResponse) -> bool:
        kind = item.props.get(xml.tag(xml.DAV, "resourcetype"))
        return kind is not None and kind.find(xml.tag(xml.DAV, "collection")) is not None

    def _expect_multistatus(self, method: str, url: str, response: Reply) -> None:
        if response.status_code == 404:
            raise NotFound(self._abs(url))
        self._expect(response, method, url, (207,))

    def _expect(self, response: Reply, method: str, url: str, statuses: tuple[int, ...]) -> None:
        if response.status_code not in statuses:
            raise RequestRefused(
                method, self._abs(url), response.status_code, response.reason_phrase
            )
