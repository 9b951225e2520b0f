"""What changed on the server since the last sync: one request when nothing did.

RFC 6578 sync-collection with the token of the last run; a first run or an expired token
reads the whole listing (sync-collection without a token), and a server without
sync-collection is listed with PROPFIND getetag and compared with the items we know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from netdesk.dav.errors import (
    AuthFailed,
    CertificateNotTrusted,
    DavError,
    InsecureUrl,
    ServerUnreachable,
    SyncTokenExpired,
)
from netdesk.services.sync.state import CollectionRef, all_etags, href_of, items_by_href

if TYPE_CHECKING:
    from netdesk.dav.client import DavClient

# Errors that say the server cannot be used at all, not that it lacks sync-collection.
_FATAL = (AuthFailed, CertificateNotTrusted, InsecureUrl, ServerUnreachable)


@dataclass
class RemoteDelta:
    changed: dict[str, str] = field(default_factory=dict)  # href -> etag, new or changed
    removed: set[str] = field(default_factory=set)  # hrefs we know that are gone
    token: str = ""
    # Members the server listed when it listed them all (None for a token delta).
    listed: int | None = None


def remote_delta(client: DavClient, session: Session, coll: CollectionRef) -> RemoteDelta:
    if coll.token:
        try:
            delta = client.sync_collection(coll.url, coll.token)
        except SyncTokenExpired:
            pass
        except _FATAL:
            raise
        except DavError:
            return _from_listing(client, session, coll)
        else:
            changed = {href_of(h): e for h, e in delta.changed.items()}
            removed = {href_of(h) for h in delta.removed}
            known = items_by_href(session, coll.id, set(changed) | removed)
            return RemoteDelta(
                changed={h: e for h, e in changed.items() if h not in known or known[h].etag != e},
                removed={h for h in removed if h in known},
                token=delta.token,
            )
    try:
        full = client.sync_collection(coll.url, "")
    except _FATAL:
        raise
    except DavError:
        return _from_listing(client, session, coll)
    return _compare(session, coll, {href_of(h): e for h, e in full.changed.items()}, full.token)


def _from_listing(client: DavClient, session: Session, coll: CollectionRef) -> RemoteDelta:
    listing = {href_of(h): e for h, e in client.list_etags(coll.url).items()}
    return _compare(session, coll, listing, "")


def _compare(
    session: Session, coll: CollectionRef, listing: dict[str, str], token: str
) -> RemoteDelta:
    known = all_etags(session, coll.id)
    return RemoteDelta(
        changed={h: e for h, e in listing.items() if known.get(h) != e},
        removed={h for h in known if h not in listing},
        token=token,
        listed=len(listing),
    )
