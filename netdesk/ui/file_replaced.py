"""An editor opened before the database file was replaced by another one (a `mv` by hand, a
colleague's copy; netdesk.store.change_watch reopens it) holds ids of the file that went: in the new
file the same ids may be other people, whom a save would overwrite. Such a save is refused,
the dialog kept open with what was typed."""

from __future__ import annotations

from netdesk.services.service_set import Services

REPLACED_WHILE_OPEN = (
    "The database file was replaced by another one while this was open, so what it edits "
    "belongs to the file that went: nothing was saved. Copy what you typed, close this and "
    "open it again."
)


def file_mark(services: Services) -> int:
    return services.db.files_replaced


def replaced_since(services: Services, mark: int) -> str | None:
    """The message to show when the file was replaced since `mark` (file_mark) was taken."""
    return REPLACED_WHILE_OPEN if services.db.files_replaced != mark else None
