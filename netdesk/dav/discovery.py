"""From what a user types (a full URL, a principal or collection URL, or just a domain) to the
address books, task lists and calendars of the account: /.well-known/carddav and caldav (RFC
6764), current-user-principal (RFC 5397), addressbook-home-set (RFC 6352) and
calendar-home-set (RFC 4791). DNS SRV records are not looked up: the well-known paths serve the
same purpose on every server netdesk knows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

import httpx

from netdesk.dav import xml
from netdesk.dav.client import DavClient
from netdesk.dav.errors import NoDavService, ServerUnreachable
from netdesk.dav.quirks import quirks_for, server_kind
from netdesk.dav.transport import READ_TIMEOUT
from netdesk.dav.urls import is_loopback, origin, parse_url

Kind = Literal["contacts", "tasks", "events"]

_PRINCIPAL_PROPS = (
    "D:current-user-principal",
    "D:resourcetype",
    "C:addressbook-home-set",
    "CAL:calendar-home-set",
)
_COLLECTION_PROPS = (
    "D:resourcetype",
    "D:displayname",
    "D:sync-token",
    "C:supported-address-data",
    "CAL:supported-calendar-component-set",
)
WELL_KNOWN = ("/.well-known/carddav", "/.well-known/caldav")

_PRINCIPAL = xml.tag(xml.DAV, "current-user-principal")
_AB_HOME = xml.tag(xml.CARDDAV, "addressbook-home-set")
_CAL_HOME = xml.tag(xml.CALDAV, "calendar-home-set")
_TYPE = xml.tag(xml.DAV, "resourcetype")


@dataclass(frozen=True)
class CollectionInfo:
    url: str
    display_name: str
    kind: Kind
    vcard_version: Literal["3.0", "4.0"] = "3.0"


@dataclass
class Discovery:
    server_url: str
    principal_url: str
    server_kind: str
    addressbooks: list[CollectionInfo] = field(default_factory=list)
    task_lists: list[CollectionInfo] = field(default_factory=list)
    calendars: list[CollectionInfo] = field(default_factory=list)


@dataclass
class _Found:
    principal_url: str
    kind: str
    addressbook_homes: list[str]
    calendar_homes: list[str]
    collections: list[xml.PropResponse]  # the URL given was a collection itself


def discover(
    url: str,
    username: str,
    password: str,
    trusted_fingerprint: str = "",
    timeout: float = READ_TIMEOUT,
) -> Discovery:
    """The account's collections. Raises NeedsOAuth (Google), InsecureUrl, AuthFailed,
    CertificateNotTrusted, ServerUnreachable, NoDavService: all words."""
    start = parse_url(url)
    try:
        return _discover(start, username, password, trusted_fingerprint, timeout)
    except ServerUnreachable:
        # "localhost:5232" typed without a scheme is tried on https first, as any address;
        # a server on this computer usually speaks plain http (Radicale's default), which
        # netdesk accepts there only.
        if "://" in url or not is_loopback(start.host):
            raise
        plain = start.copy_with(scheme="http")
        return _discover(plain, username, password, trusted_fingerprint, timeout)


def _discover(
    start: httpx.URL, username: str, password: str, trusted_fingerprint: str, timeout: float
) -> Discovery:
    with DavClient(str(origin(start)), username, password, trusted_fingerprint, timeout) as dav:
        found = _find_principal(dav, start)
        base = httpx.URL(found.principal_url)
        result = Discovery(str(origin(base)), found.principal_url, found.kind)
        if found.collections:
            _sort_into(result, found.collections, base)
            return result
        homes = list(dict.fromkeys(found.addressbook_homes + found.calendar_homes))
        for home in homes or [found.principal_url]:
            responses = dav.propfind(home, 1, *_COLLECTION_PROPS)
            if result.server_kind == "generic":
                tokens = (r.text(xml.tag(xml.DAV, "sync-token")) for r in responses)
                token = next((t for t in tokens if t), "")
                result.server_kind = server_kind(home, {}, sync_token=token)
            _sort_into(result, responses, httpx.URL(home))
    for kind_list in (result.addressbooks, result.task_lists, result.calendars):
        kind_list.sort(key=lambda c: (c.display_name.casefold(), c.url))
    return result


def _candidates(start: httpx.URL) -> list[httpx.URL]:
    paths = [] if start.path in ("", "/") else [start.raw_path.decode("ascii")]
    paths += [*WELL_KNOWN, "/"]
    return [start.join(p) for p in dict.fromkeys(paths)]


def _find_principal(dav: DavClient, start: httpx.URL) -> _Found:
    for candidate in _candidates(start):
        response = dav.transport.request(
            "PROPFIND", str(candidate), body=xml.propfind(*_PRINCIPAL_PROPS), headers={"Depth": "0"}
        )
        if response.status_code != 207:
            continue
        responses, _ = xml.multistatus(response.content, str(response.url))
        if not responses:
            continue
        item = responses[0]
        here = response.url
        kind = server_kind(str(here), response.headers)
        principal = item.hrefs(_PRINCIPAL)
        ab_homes = [str(here.join(h)) for h in item.hrefs(_AB_HOME)]
        cal_homes = [str(here.join(h)) for h in item.hrefs(_CAL_HOME)]
        if _collection_kinds(item):
            # The address given is an address book or calendar itself: offer just that one.
            listing = dav.propfind(str(here), 0, *_COLLECTION_PROPS)
            principal_url = str(here.join(principal[0])) if principal else str(here)
            return _Found(principal_url, kind, [], [], listing)
        if principal:
            principal_url = str(here.join(principal[0]))
            if httpx.URL(principal_url).path != here.path or not (ab_homes or cal_homes):
                ab_homes, cal_homes = _home_sets(dav, principal_url)
            return _Found(principal_url, kind, ab_homes, cal_homes, [])
        if ab_homes or cal_homes:
            return _Found(str(here), kind, ab_homes, cal_homes, [])
    raise NoDavService(str(start))


def _home_sets(dav: DavClient, principal_url: str) -> tuple[list[str], list[str]]:
    responses = dav.propfind(principal_url, 0, "C:addressbook-home-set", "CAL:calendar-home-set")
    base = httpx.URL(principal_url)
    if not responses:
        return [], []
    item = responses[0]
    return (
        [str(base.join(h)) for h in item.hrefs(_AB_HOME)],
        [str(base.join(h)) for h in item.hrefs(_CAL_HOME)],
    )


def _collection_kinds(item: xml.PropResponse) -> set[Kind]:
    resourcetype = item.props.get(_TYPE)
    if resourcetype is None:
        return set()
    kinds: set[Kind] = set()
    if resourcetype.find(xml.tag(xml.CARDDAV, "addressbook")) is not None:
        kinds.add("contacts")
    if resourcetype.find(xml.tag(xml.CALDAV, "calendar")) is not None:
        components = item.props.get(xml.tag(xml.CALDAV, "supported-calendar-component-set"))
        names = (
            {str(c.get("name", "")).upper() for c in components}
            if components is not None and len(components)
            else {"VEVENT", "VTODO"}  # none listed: every component is allowed
        )
        if "VTODO" in names:
            kinds.add("tasks")
        if "VEVENT" in names:
            kinds.add("events")
    return kinds


def _vcard_version(item: xml.PropResponse, kind: str) -> Literal["3.0", "4.0"]:
    data = item.props.get(xml.tag(xml.CARDDAV, "supported-address-data"))
    versions = {str(child.get("version", "")) for child in data} if data is not None else set()
    accepted = quirks_for(kind).vcard_versions
    if "4.0" in versions and "3.0" not in versions and "4.0" in accepted:
        return "4.0"
    return "3.0"


def _sort_into(result: Discovery, responses: list[xml.PropResponse], base: httpx.URL) -> None:
    known = {c.url for c in result.addressbooks + result.task_lists + result.calendars}
    for item in responses:
        url = str(base.join(item.href.strip()))
        kinds = _collection_kinds(item)
        if not kinds or url in known:
            continue
        name = item.text(xml.tag(xml.DAV, "displayname")) or unquote(
            httpx.URL(url).path.rstrip("/").rsplit("/", 1)[-1]
        )
        if "contacts" in kinds:
            version = _vcard_version(item, result.server_kind)
            result.addressbooks.append(CollectionInfo(url, name, "contacts", version))
        if "tasks" in kinds:
            result.task_lists.append(CollectionInfo(url, name, "tasks"))
        if "events" in kinds:
            result.calendars.append(CollectionInfo(url, name, "events"))
