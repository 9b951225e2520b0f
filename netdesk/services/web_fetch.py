"""Downloading a picture from a web address, for PhotoFetchService (see photo_fetch.py):
http and https only (also after a redirect), a timeout, a size limit, JPEG, PNG, GIF or WebP."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit

from netdesk.services.photo_rules import (
    MAX_BYTES,
    OVERALL_SECONDS,
    TIMEOUT_SECONDS,
    WEB_SCHEMES,
    PhotoFetchError,
    image_type,
)

_CHUNK = 64 * 1024
_NOT_WEB = "{host} sent netdesk on to an address that is not a web page; nothing was fetched."
_USER_AGENT = "netdesk (fetching a contact photo the user asked for)"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect may only lead to another web address (urllib would follow one to ftp)."""

    def redirect_request(
        self, req: Any, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in WEB_SCHEMES:
            fp.close()
            raise PhotoFetchError(_NOT_WEB.format(host=urlsplit(req.full_url).hostname))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Only what a web address needs: no file:, ftp: or data: handlers.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _read_limited(response: Any, limit: int, deadline: float, host: str) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > limit:
        raise PhotoFetchError(
            f"The picture is {_size_text(int(length))}, more than the {_size_text(limit)} "
            "netdesk takes; nothing was saved."
        )
    chunks: list[bytes] = []
    size = 0
    while True:
        # The timeout is per read: a server sending a byte every few seconds would otherwise
        # hold the window for as long as it likes.
        if time.monotonic() > deadline:
            raise PhotoFetchError(f"{host} sent the picture too slowly; nothing was saved.")
        # read1: what has come so far, so that the deadline is checked as bytes trickle in.
        chunk = response.read1(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise PhotoFetchError(
                f"The picture is larger than the {_size_text(limit)} netdesk takes; "
                "nothing was saved."
            )


def download(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    limit: int = MAX_BYTES,
    within: float = OVERALL_SECONDS,
) -> tuple[bytes, str]:
    """The picture at `url` and its MIME type, or PhotoFetchError saying why not."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or url
    except ValueError:  # a broken IPv6 host ("http://[")
        parts, host = urlsplit(""), url
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise PhotoFetchError(f"“{url}” is not a web address; only http and https are fetched.")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    deadline = time.monotonic() + within
    try:
        with _opener().open(request, timeout=timeout) as response:
            data = _read_limited(response, limit, deadline, host)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 404:
            raise PhotoFetchError(
                f"{host} has no picture at that address (404 not found)."
            ) from None
        if 300 <= exc.code < 400:  # a redirect urllib refused to follow
            raise PhotoFetchError(_NOT_WEB.format(host=host)) from None
        raise PhotoFetchError(
            f"{host} did not give the picture (it answered {exc.code} {exc.reason})."
        ) from None
    except TimeoutError:
        raise PhotoFetchError(f"{host} did not answer within {timeout:g} seconds.") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise PhotoFetchError(f"{host} did not answer within {timeout:g} seconds.") from None
        why = getattr(reason, "strerror", None) or str(reason)
        raise PhotoFetchError(f"Could not reach {host} ({why}). Are you online?") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise PhotoFetchError(f"Could not fetch the picture from {host} ({exc}).") from None
    mime = image_type(data)
    if not mime:
        raise PhotoFetchError(
            f"What {host} sent is not a JPEG, PNG, GIF or WebP picture; nothing was saved."
        )
    return data, mime
