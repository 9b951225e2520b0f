"""The client's shortcut for hrefs that are plain server paths gives exactly what parsing them as
URLs gives: the same path or URL as kept, the same path sent in a multiget, and the same key to
compare members with their collection, for collections on the account's host and elsewhere."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netdesk.dav.client import DavClient

HREFS = [
    "/ada/contacts/",
    "/ada/contacts/0f1e2d3c-4b5a.vcf",
    "/ada/contacts/0F1E2D3C-4B5A.VCF",
    "/dav/addressbooks/users/ada@example.com/contacts/x.vcf",
    "/remote.php/dav/addressbooks/users/ada/contacts/abc%40def.vcf",
    "/ada/contacts/with%20space.vcf",
    "/ada/contacts/%e2%82%ac.vcf",
    "/ada/contacts/with space.vcf",
    "/ada/contacts/€.vcf",
    "/ada/contacts/a;b=c,d!$&'()*+:@~.vcf",
    "/ada/contacts/../other/x.vcf",
    "/ada/contacts/./x.vcf",
    "/ada/contacts/.hidden.vcf",
    "/ada//contacts/x.vcf",
    "//elsewhere.example/x.vcf",
    "contacts/relative.vcf",
    "x.vcf",
    "http://127.0.0.1:5232/ada/contacts/absolute.vcf",
    "https://p07-contacts.icloud.com/123/carddavhome/card/y.vcf",
    "/ada/contacts/x.vcf?query=1",
    "/ada/contacts/x.vcf#part",
    "/ada/contacts/100%.vcf",
    "  /ada/contacts/padded.vcf\n",
    "/",
]
# Collections the hrefs are read within: none, on the account's host, on another host (iCloud).
WITHIN = ["", "/ada/contacts/", "https://p07-contacts.icloud.com/123/carddavhome/card/"]


class Parsing:
    """The client's href handling before the shortcut: every href parsed as an httpx.URL."""

    def __init__(self, client: DavClient) -> None:
        self.transport = client.transport

    def url(self, href: str, within: str = "") -> httpx.URL:
        base = self.transport.base
        return (base.join(within) if within else base).join(href.strip())

    def href(self, href: str, within: str = "") -> str:
        url = self.url(href, within)
        base = self.transport.base
        if (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port):
            return self.transport.href(url)
        return str(url.copy_with(query=None, fragment=None))

    def path(self, href: str, within: str = "") -> str:
        return self.transport.href(self.url(href, within))

    def key(self, href: str, within: str = "") -> str:
        url = self.url(href, within)
        return f"{url.scheme}://{url.host}:{url.port}{url.path.rstrip('/')}"

    def same(self, href: str, url: str) -> bool:
        return self.key(href, url) == self.key(url)


def client() -> DavClient:
    # No request is sent: the client only resolves hrefs against its server's address.
    return DavClient("http://127.0.0.1:5232/ada/", "ada", "pw")


def outcome(read: Callable[..., object], *args: str) -> object:
    try:
        return read(*args)
    except httpx.InvalidURL as error:
        return type(error)


def check(dav: DavClient, href: str, within: str) -> None:
    parsing = Parsing(dav)
    kept = outcome(parsing.href, href, within)
    assert outcome(dav._href, href, within) == kept
    assert outcome(dav._path, href, within) == outcome(parsing.path, href, within)
    assert outcome(dav._key, href, within) == outcome(parsing.key, href, within)
    if isinstance(kept, str):
        assert outcome(dav._key, kept, within) == outcome(parsing.key, kept, within)
    if within:
        assert outcome(dav._same, href, within) == outcome(parsing.same, href, within)


@pytest.mark.parametrize("within", WITHIN)
@pytest.mark.parametrize("href", HREFS)
def test_a_href_is_read_as_parsing_would_read_it(href: str, within: str) -> None:
    with client() as dav:
        check(dav, href, within)
        check(dav, href, within)  # again, from what the client remembers


@given(
    st.lists(
        st.sampled_from([*"aZ09-._~!$&'()*+,;=:@/%", "%2F", "%e2", "é", " ", "?", "#", ".."]),
        max_size=30,
    ),
    st.sampled_from(WITHIN),
)
def test_any_path_is_read_as_parsing_would_read_it(parts: list[str], within: str) -> None:
    with client() as dav:
        check(dav, "/" + "".join(parts), within)
        check(dav, "".join(parts), within)
