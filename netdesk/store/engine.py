"""An SQLAlchemy engine for a database URL: SQLite's pragmas on every connection, how long a
write waits for another process's lock, and the URL as it may be shown (no password)."""

from __future__ import annotations

import logging
import warnings
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SAWarning

from netdesk.store.open_errors import DatabaseOpenError

# How long a write waits for another process's write lock on an SQLite file, in seconds. An
# import of a few thousand people holds it for several seconds, so whatever may be queued behind
# one (a command, an import in the window) waits a minute; the window's quick edits wait less,
# so that a window never hangs long on a click.
QUICK_WAIT = 5.0
LONG_WAIT = 60.0


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # First, so that the pragmas after it (and a schema upgrade) wait for another process
    # instead of failing; Database.transaction sets each write's own wait.
    cursor.execute(f"PRAGMA busy_timeout={round(LONG_WAIT * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def safe_url(url: str | URL) -> str:
    """The URL as it may be shown to the user: never with its password."""
    try:
        return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return "the database address given"


def _quiet_driver_log() -> None:
    """psycopg logs a line of its own ("error ignored terminating Pipeline…") when a batch of
    statements fails, on top of the error it raises. The error is told in words (or the work
    run again, see Database.retrying); its raw log line must not reach the user's terminal,
    which Python's last-resort handler would do while no logging is configured."""
    driver_log = logging.getLogger("psycopg")
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())


def make_engine(url: str) -> Engine:
    """An engine for `url`; DatabaseOpenError when the URL or its driver is unusable."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            with warnings.catch_warnings():
                # "mode=ro" without uri=true: SQLAlchemy would warn (with a link) and open the
                # file for writing all the same.
                warnings.simplefilter("error", SAWarning)
                try:
                    engine = create_engine(parsed)
                except SAWarning as exc:
                    raise DatabaseOpenError(
                        f"Cannot open {safe_url(url)}: SQLite takes options such as mode=ro "
                        "only in a URI, for example sqlite:///file:PATH?mode=ro&uri=true."
                    ) from exc
            event.listen(engine, "connect", _set_sqlite_pragmas)
            return engine
        _quiet_driver_log()
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: its database driver is not installed. "
            "For PostgreSQL use a postgresql+psycopg:// address and install netdesk[postgres]."
        ) from exc
    except (ArgumentError, ValueError) as exc:
        raise unknown_address(url) from exc


def unknown_address(url: str) -> DatabaseOpenError:
    """The error for a `url` that SQLAlchemy cannot read (ValueError: a port not a number)."""
    return DatabaseOpenError(
        f"Cannot open {safe_url(url)}: it is neither a file path nor a database address "
        "netdesk knows."
    )
