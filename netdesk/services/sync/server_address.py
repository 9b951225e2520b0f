"""What can be said of a server address before any request (netdesk.dav.urls reads it): its
host, an account's default name; and the refusals that need no request, a Google address
(its CardDAV needs OAuth) and plain http:// to another machine."""

from __future__ import annotations


def host_of(url: str) -> str:
    """The host name of the address, lower case; DavError when it is not an address, and
    NeedsOAuth or InsecureUrl as check_address says."""
    from netdesk.dav.urls import parse_url

    return parse_url(url).host.lower()


def check_address(url: str) -> None:
    """NeedsOAuth for a Google address, InsecureUrl for plain http:// to another machine,
    DavError for something that is not a server address; all without a request."""
    host_of(url)
