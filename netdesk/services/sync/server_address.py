"""What can be said of a server address before any request: its host (an account's default
name), whether it is Google's (whose CardDAV needs OAuth) and whether it may be plain http://
(only to this machine: a password sent unencrypted over a network can be read on the way)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# Google's CardDAV and CalDAV hosts and its mail domains (a user may type their address).
GOOGLE_DOMAINS = ("google.com", "googleapis.com", "gmail.com", "googlemail.com")


def with_scheme(url: str) -> str:
    """The address as a URL: "example.com" (or "ada@example.com") becomes https://..."""
    text = url.strip()
    return text if "://" in text else f"https://{text}"


def host_of(url: str) -> str:
    """The host name of the address, lower case, "" when there is none."""
    try:
        return (urlsplit(with_scheme(url)).hostname or "").lower()
    except ValueError:  # "[::1" and other broken addresses: the request says what is wrong
        return ""


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_google(url: str) -> bool:
    host = host_of(url)
    return any(host == domain or host.endswith(f".{domain}") for domain in GOOGLE_DOMAINS)


def check_address(url: str) -> None:
    """NeedsOAuth for a Google address, InsecureUrl for plain http:// to another machine."""
    from netdesk.dav.errors import InsecureUrl, NeedsOAuth

    if is_google(url):
        raise NeedsOAuth()
    full = with_scheme(url)
    if full.lower().startswith("http://") and not is_loopback(host_of(full)):
        raise InsecureUrl(full)
