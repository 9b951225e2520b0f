"""What went wrong in the database, in plain words for the user.

The driver's own text (SQLAlchemy's SQL and "sqlalche.me" links, psycopg's "FATAL:" lines,
SQLite's constraint lists) is never shown: it is read here only to tell which kind of error it
was, and logged at debug level for whoever runs netdesk with logging on.
"""

from __future__ import annotations

import logging
import re
import sqlite3

from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

log = logging.getLogger(__name__)

BUSY = (
    "The database is busy: another netdesk is writing to this database; try again when it "
    "has finished."
)

# What a unique key of ours holds, by its table and columns (PostgreSQL names a constraint
# "uq_<table>_<column>" or "<table>_pkey"; SQLite lists "table.column").
_UNIQUE_WORDS = (
    ("contacts", "uid", "another contact already has this UID"),
    ("events", "uid", "another event already has this UID"),
    ("tags", "key", "another tag already has this name"),
    ("tags", "name", "another tag already has this name"),
    ("attendances", "", "this person is already on that event's list"),
    ("contact_tags", "", "the contact already has this tag"),
    ("event_tags", "", "the event already has this tag"),
    ("contact_emails", "", "another record already has this email address"),
    ("contact_phones", "", "another record already has this phone number"),
    ("contact_search", "", "another change to the same person was saved at the same moment"),
)

# PostgreSQL's error codes (SQLSTATE) that say what happened.
_PG_WORDS = {
    "23502": "a required value was missing",
    "23503": "it refers to a record that no longer exists (deleted in the meantime)",
    "23514": "a value is not allowed there",
    "25006": "the database accepts no changes (it is read-only)",
    "28000": "the server refused the user name or password",
    "28P01": "the server refused the user name or password",
    "3D000": "that database does not exist on the server",
    "42501": "the database user is not allowed to do this (permission denied)",
    "53100": "the database server's disk is full",
    "53200": "the database server ran out of memory",
    "53300": "the database server has too many connections open; try again later",
    "55P03": BUSY,
    "57014": "the database server cancelled the statement",
    "57P01": "the database server ended the connection (shut down, restarted or stopped by "
    "its administrator)",
    "57P02": "the database server ended the connection (shut down, restarted or stopped by "
    "its administrator)",
    "57P03": "the database server is starting up or shutting down; try again in a moment",
}

# Words of the driver's message, lowercased, and what they mean (first match wins).
_TEXT_WORDS = (
    ("password authentication failed", "the server refused the user name or password"),
    ("no password supplied", "the server asks for a password and none was given"),
    ("does not exist", "that database or user does not exist on the server"),
    ("too many connections", "the database server has too many connections open; try later"),
    ("too many clients", "the database server has too many connections open; try later"),
    ("permission denied", "the database user is not allowed to do this (permission denied)"),
    ("connection refused", "no database server answers at that address (is it running?)"),
    ("could not translate host name", "the database server's name is not known"),
    ("name or service not known", "the database server's name is not known"),
    ("timeout expired", "the database server did not answer in time"),
    ("timed out", "the database server did not answer in time"),
    ("server closed the connection", "the connection to the database server was lost"),
    ("connection is lost", "the connection to the database server was lost"),
    ("connection is closed", "the connection to the database server was lost"),
    ("terminating connection", "the connection to the database server was lost"),
    ("ssl", "the secure connection to the database server failed"),
    ("not null constraint", "a required value was missing"),
    ("foreign key constraint", "it refers to a record that no longer exists"),
    ("check constraint", "a value is not allowed there"),
    ("read-only", "the database file is read-only"),
    ("readonly", "the database file is read-only"),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("disk is full", "the disk is full"),
    ("no space left", "the disk is full"),
    (
        "disk i/o error",
        "the database file could not be written (the disk may be full, removed or failing)",
    ),
    ("malformed", "the database file is damaged"),
    ("damaged", "the database file is damaged"),
    ("file is not a database", "the file is not a database or is damaged"),
    (
        "unable to open database",
        "the database file cannot be opened (check that its folder "
        "exists and that you may write there)",
    ),
    ("connection", "the database server could not be reached"),
)


def driver_text(exc: BaseException) -> str:
    """The driver's own message, for logs only."""
    reason = getattr(exc, "orig", None) or exc
    return " ".join(str(reason).split()) or type(exc).__name__


def what_went_wrong(exc: BaseException) -> str | None:
    """A phrase saying what went wrong ("the disk is full"), or None when nothing tells."""
    log.debug("database error: %s", driver_text(exc))
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    code = str(getattr(orig, "sqlite_errorname", "") or "")
    text = driver_text(exc).lower()
    if (
        state == "23505"
        or code.startswith("SQLITE_CONSTRAINT_UNIQUE")
        or (code.startswith("SQLITE_CONSTRAINT_PRIMARYKEY"))
        or "unique constraint" in text
        or "duplicate key" in text
    ):
        return _unique_words(orig, text)
    if state in _PG_WORDS:
        return _PG_WORDS[state]
    if state and state.startswith("08"):
        return "the connection to the database server was lost"
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return BUSY
    if code.startswith("SQLITE_READONLY"):
        return "the database file is read-only"
    if code == "SQLITE_FULL":
        return "the disk is full"
    if code.startswith("SQLITE_CORRUPT") or code == "SQLITE_NOTADB":
        return "the database file is damaged"
    for words, meaning in _TEXT_WORDS:
        if words in text:
            return meaning
    return None


def _unique_words(orig: object, text: str) -> str:
    diag = getattr(orig, "diag", None)
    name = (getattr(diag, "constraint_name", None) or "").lower()
    if not name:  # SQLite: "UNIQUE constraint failed: tags.key"
        found = re.search(r"constraint failed: ([\w.,\s]+)", text)
        name = found.group(1) if found else text
    for table, column, words in _UNIQUE_WORDS:
        if table in name and column in name:
            return words
    return "another record already has the same value"


def write_error_message(exc: DBAPIError) -> str:
    """A change the database refused, in words: nothing of it was saved."""
    if getattr(getattr(exc, "orig", None), "sqlstate", None) in ("40001", "40P01"):
        return (
            "Another netdesk kept changing the same people at the same moment, so nothing was "
            "saved; try again."
        )
    phrase = what_went_wrong(exc)
    if phrase is None:
        return "The database refused the change, so nothing was saved."
    if phrase == BUSY:
        return f"{BUSY} Nothing was saved."
    if isinstance(exc, IntegrityError):
        return f"That change conflicts with what is stored now: {phrase}; nothing was saved."
    if phrase == "the disk is full":
        return "The disk is full, so nothing was saved. Free some space and try again."
    return f"{_sentence(phrase)}, so nothing was saved."


def read_error_message(exc: DBAPIError) -> str:
    """A database error met by a command that only reads (search, export), in words."""
    phrase = what_went_wrong(exc)
    if phrase == "the database file is read-only":
        # A file in WAL mode cannot be opened at all where SQLite may not make its -wal and
        # -shm files beside it (a read-only folder, a read-only file there).
        return (
            "The database file is read-only, and so is its folder: SQLite cannot open it "
            "there. Copy it to a folder you can write to."
        )
    if phrase is None:
        return "The database could not be read."
    if phrase == BUSY:
        return BUSY
    return f"The database could not be read: {phrase}."


def reason(exc: BaseException) -> str:
    """What went wrong with a database or its file, as a phrase to put after "Cannot X: "."""
    phrase = what_went_wrong(exc) if is_database_error(exc) else None
    if phrase is not None:
        return phrase.removesuffix(".")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if is_database_error(exc):
        return "the database reported an error"
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def is_database_error(exc: BaseException) -> bool:
    """An error of SQLAlchemy, SQLite or a database driver, whose text is not for the user."""
    module = type(exc).__module__ or ""
    return isinstance(exc, SQLAlchemyError | sqlite3.Error) or module.startswith(
        ("psycopg", "sqlalchemy", "alembic", "sqlite3")
    )


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
