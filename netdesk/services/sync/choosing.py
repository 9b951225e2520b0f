"""Picking the address book, task list or calendar a user named out of what a server offers:
by its display name ("Contacts"), its URL (absolute, or the path on the server) or the last
part of its path ("contacts"), with an error that lists what there is when nothing matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from netdesk.errors import ServiceError

if TYPE_CHECKING:
    from netdesk.dav.discovery import CollectionInfo

# Collection kind -> its name in a message, one and several.
KIND_WORDS = {
    "contacts": ("address book", "address books"),
    "tasks": ("task list", "task lists"),
    "events": ("calendar", "calendars"),
}
# The longest collection name an error message shows whole.
SHOWN_LENGTH = 80


class CollectionNotFound(ServiceError):
    """The server has no collection of that name; the message lists the ones it has."""


def shown_name(info: CollectionInfo) -> str:
    """How a collection is named to the user: its display name, else its URL; a name a
    server made 10,000 characters long is cut, not printed whole into a one-line message."""
    name = info.display_name.strip() or info.url
    return name if len(name) <= SHOWN_LENGTH else name[: SHOWN_LENGTH - 1] + "…"


def _path(url: str, server_url: str) -> str:
    """The decoded path of `url` (absolute or relative to the server), without a final "/"."""
    return unquote(urlsplit(urljoin(server_url, url)).path).rstrip("/")


def _last_part(url: str, server_url: str) -> str:
    return _path(url, server_url).rpartition("/")[2]


def choose(
    wanted: str, offered: Sequence[CollectionInfo], kind: str, server_url: str
) -> CollectionInfo:
    """The collection of `offered` that `wanted` names; CollectionNotFound (listing the
    offered ones) when none or several do."""
    one, several = KIND_WORDS[kind]
    text = wanted.strip()
    if not offered:
        raise CollectionNotFound(f"{server_url} offers no {several}, so there is no {text!r}.")
    looks_like_url = "/" in text
    if looks_like_url:
        path = _path(text, server_url)
        found = [info for info in offered if _path(info.url, server_url) == path]
        if found:
            return found[0]
    folded = text.casefold()
    for match in (
        lambda info: info.display_name.strip().casefold() == folded,
        lambda info: _last_part(info.url, server_url).casefold() == folded,
    ):
        found = [info for info in offered if match(info)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            urls = ", ".join(info.url for info in found)
            raise CollectionNotFound(
                f"{len(found)} {several} on {server_url} are named {text!r} ({urls}); "
                f"name the {one} by its URL."
            )
    names = ", ".join(repr(shown_name(info)) for info in offered)
    raise CollectionNotFound(
        f"There is no {one} named {text!r} on {server_url}; the {several} there: {names}."
    )
