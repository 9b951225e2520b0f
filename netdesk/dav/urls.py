"""Which server addresses netdesk talks to: what a user types ("example.com", a full URL) made
into a URL; https:// required except to this computer; Google refused (it needs OAuth)."""

from __future__ import annotations

import ipaddress

import httpx

from netdesk.dav.errors import DavError, InsecureUrl, NeedsOAuth

# Google's CardDAV/CalDAV hosts and the addresses people type for them.
GOOGLE_DOMAINS = (
    "google.com",
    "googleapis.com",
    "googleusercontent.com",
    "gmail.com",
    "googlemail.com",
)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_google(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in GOOGLE_DOMAINS)


def parse_url(text: str) -> httpx.URL:
    """TEXT as typed made into an absolute http(s) URL (https:// added when no scheme is
    given), checked: Google -> NeedsOAuth, http:// to another computer -> InsecureUrl."""
    text = text.strip()
    if not text:
        raise DavError("No server address was given.")
    if "://" not in text:
        text = "https://" + text
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        raise DavError(f"{text} is not a server address.") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise DavError(f"{text} is not a server address (it must start with https://).")
    if url.raw_path == b"/":
        # "https://host:port" prints without its slash; joined paths need it.
        url = url.copy_with(path="/")
    check_url(url)
    return url


def check_url(url: httpx.URL) -> None:
    if is_google(url.host):
        raise NeedsOAuth(str(url))
    if url.scheme != "https" and not is_loopback(url.host):
        raise InsecureUrl(str(url))


def origin(url: httpx.URL) -> httpx.URL:
    return url.copy_with(path="/", query=None, fragment=None)
