"""Where a new item goes on the server: a name made from its UID, the same on every try.

A run killed after its PUT but before it wrote down the item finds its own card again at the
next run (the PUT with If-None-Match: * answers 412, or the listing shows it), instead of
putting a second copy under another name.
"""

from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"[A-Za-z0-9_.-]{1,100}")


def item_name(uid: str, suffix: str) -> str:
    bare = uid.removeprefix("urn:uuid:")
    if _SAFE.fullmatch(bare) and not bare.startswith("."):
        return f"{bare}{suffix}"
    return f"netdesk-{hashlib.sha256(uid.encode('utf-8')).hexdigest()[:40]}{suffix}"


def item_href(collection_url: str, uid: str, suffix: str, server_url: str) -> str:
    """In the form the DAV client gives hrefs back: a percent-encoded server path, or an
    absolute URL for a collection on another host than the account's (iCloud)."""
    import httpx  # loaded with the client, when a sync runs

    folder = httpx.URL(collection_url)
    if not folder.path.endswith("/"):
        folder = folder.copy_with(path=folder.path + "/")
    url = folder.join(item_name(uid, suffix))
    base = httpx.URL(server_url)
    if (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port):
        return url.raw_path.decode("ascii").split("?")[0]
    return str(url.copy_with(query=None, fragment=None))
