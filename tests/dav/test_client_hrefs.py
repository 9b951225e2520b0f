"""The client's shortcut for hrefs that are plain server paths gives exactly what parsing them as
URLs gives: the same path as kept, and the same key to compare members with their collection."""

from __future__ import annotations

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
    "http://127.0.0.1:5232/ada/contacts/absolute.vcf",
    "/ada/contacts/x.vcf?query=1",
    "/ada/contacts/x.vcf#part",
    "/ada/contacts/100%.vcf",
    "  /ada/contacts/padded.vcf\n",
    "/",
]


def slow_href(client: DavClient, href: str) -> str:
    """How an href became a server path before the shortcut: parsed as a URL."""
    return client.transport.href(client.transport.base.join(href.strip()))


def slow_key(href: str) -> str:
    return httpx.URL("http://x" + href).path.rstrip("/")


@pytest.fixture(scope="module")
def client() -> DavClient:
    # No request is sent: the client only resolves hrefs against its server's address.
    return DavClient("http://127.0.0.1:5232/ada/", "ada", "pw")


@pytest.mark.parametrize("href", HREFS)
def test_a_plain_path_is_kept_as_parsing_would_keep_it(client: DavClient, href: str) -> None:
    try:
        expected = slow_href(client, href)
    except httpx.InvalidURL:
        return
    assert client._href(href) == expected
    assert client._key(expected) == slow_key(expected)


@given(
    st.lists(
        st.sampled_from([*"aZ09-._~!$&'()*+,;=:@/%", "%2F", "%e2", "é", " ", "?", "#"]),
        max_size=30,
    )
)
def test_any_path_is_kept_as_parsing_would_keep_it(parts: list[str]) -> None:
    client = DavClient("http://127.0.0.1:5232/ada/", "ada", "pw")
    href = "/" + "".join(parts)
    try:
        expected = slow_href(client, href)
    except httpx.InvalidURL:
        return
    assert client._href(href) == expected
    assert client._key(expected) == slow_key(expected)
    # A member is told from its collection as before (the href as given, the URL resolved).
    assert client._same(href, href) == (slow_key(href) == slow_key(expected))
