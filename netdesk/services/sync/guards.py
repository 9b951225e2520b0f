"""The checks made before a run changes anything: mass deletions and a side read empty."""

from __future__ import annotations

from netdesk.services.sync.errors import EmptySideStop, MassDeleteBlocked
from netdesk.services.sync.remote import RemoteDelta

# More than this many deletions on one side, or more than half of it, is asked about first.
MASS_DELETE = 20


def is_mass_delete(count: int, total: int) -> bool:
    return count > MASS_DELETE or (total > 0 and count * 2 > total)


def check_deletions(
    *,
    collection: str,
    delete_here: int,
    here_total: int,
    delete_there: int,
    there_total: int,
    server_reads_empty: bool,
    here_reads_empty: bool,
    allowed: bool,
) -> None:
    """Raises before anything changed; `allowed` (the user said yes) lets all of it go."""
    if allowed:
        return
    if server_reads_empty:
        raise EmptySideStop("on the server", collection)
    if here_reads_empty:
        raise EmptySideStop("here", collection)
    if delete_here and is_mass_delete(delete_here, here_total):
        raise MassDeleteBlocked(delete_here, "here", here_total, collection)
    if delete_there and is_mass_delete(delete_there, there_total):
        raise MassDeleteBlocked(delete_there, "on the server", there_total, collection)


def reads_empty(delta: RemoteDelta, known: int) -> bool:
    """The server lists nothing where we knew `known` items."""
    if known == 0:
        return False
    if delta.listed is not None:
        return delta.listed == 0
    return len(delta.removed) >= known and not delta.changed
