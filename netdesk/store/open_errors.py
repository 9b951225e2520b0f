"""Why netdesk will not open a database; each message is meant for the user."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """A database that netdesk will not open; the message is meant for the user."""


class NotNetdeskDatabaseError(DatabaseOpenError):
    pass


class CorruptDatabaseError(DatabaseOpenError):
    pass


class NewerDatabaseError(DatabaseOpenError):
    pass
