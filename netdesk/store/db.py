"""Opening a netdesk database: engine, SQLite pragmas, creating or upgrading its schema with a
backup first. The open database itself is store.database.Database; the schema and its
migrations are in store.schema, the read-only checks of a file in store.sqlite_checks."""

from __future__ import annotations

import logging
import sqlite3
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SAWarning, SQLAlchemyError

from netdesk.store.database import LONG_WAIT

# The open database and its helpers are in database.py; they are also netdesk.store.db's names.
from netdesk.store.database import ChangeListener as ChangeListener
from netdesk.store.database import Database as Database
from netdesk.store.database import DatabaseWriteError as DatabaseWriteError
from netdesk.store.database import sqlite_path as sqlite_path
from netdesk.store.errors import reason

# Why a database is not opened, its schema, and the checks of a file: netdesk.store.db's names too.
from netdesk.store.open_errors import CorruptDatabaseError as CorruptDatabaseError
from netdesk.store.open_errors import DatabaseOpenError as DatabaseOpenError
from netdesk.store.open_errors import NewerDatabaseError as NewerDatabaseError
from netdesk.store.open_errors import NotNetdeskDatabaseError as NotNetdeskDatabaseError
from netdesk.store.schema import MIGRATIONS_DIR as MIGRATIONS_DIR
from netdesk.store.schema import alembic_config as alembic_config
from netdesk.store.schema import create_schema as create_schema
from netdesk.store.schema import current_revision as current_revision
from netdesk.store.schema import head_revision as head_revision
from netdesk.store.schema import known_revisions as known_revisions
from netdesk.store.schema import revision_of, unknown_revision_error
from netdesk.store.schema import schema_transaction as schema_transaction
from netdesk.store.schema import upgrade_schema as upgrade_schema
from netdesk.store.sqlite_checks import SQLITE_MAGIC as SQLITE_MAGIC
from netdesk.store.sqlite_checks import check_sqlite_file as check_sqlite_file
from netdesk.store.sqlite_checks import connect_read_only as connect_read_only
from netdesk.store.sqlite_checks import integrity_problem as integrity_problem
from netdesk.store.sqlite_checks import sidecar_files as sidecar_files
from netdesk.store.sqlite_checks import verify_unless_unchanged


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
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: it is neither a file path nor a database address "
            "netdesk knows."
        ) from exc


def open_database(url: str, *, verify_integrity: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at `url`.

    Raises DatabaseOpenError with a message for the user when the file or server cannot be used;
    a file is then left exactly as it was. The whole file is read for damage before an upgrade,
    and otherwise when it changed since its last good check (netdesk.store.integrity_stamp);
    `verify_integrity=False` skips that read when no upgrade is due, and the caller then runs
    integrity_problem() itself.
    """
    try:
        path = sqlite_path(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: it is neither a file path nor a database address "
            "netdesk knows."
        ) from exc
    where = str(path) if path is not None else safe_url(url)
    revision: str | None = None
    if path is not None:
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            revision = check_sqlite_file(path, verify=False)
            if revision is not None and revision != head_revision():
                check_sqlite_file(path, verify=True)
            elif revision is not None and verify_integrity:
                verify_unless_unchanged(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseOpenError(
                    f"Cannot create the folder for {path}: {exc.strerror or exc}."
                ) from exc
    engine = make_engine(url)
    backup: Path | None = None
    try:
        if path is None:
            revision = _server_revision(engine)
        if revision is None:
            create_schema(engine)
        elif revision != head_revision():
            if path is not None:
                backup = _backup_before_upgrade(path, revision)
            upgrade_schema(engine)
    except (DatabaseOpenError, SQLAlchemyError, sqlite3.Error) as exc:
        engine.dispose()
        if isinstance(exc, DatabaseOpenError) and backup is None:
            raise
        detail = _first_line(exc)
        if backup is not None:
            raise DatabaseOpenError(
                f"Upgrading {where} to this version of netdesk failed ({detail}). The file was "
                f"left as it was, and the copy made before the upgrade is {backup}."
            ) from exc
        raise DatabaseOpenError(f"Cannot open {where}: {detail}.") from exc
    return Database(engine)


def _backup_before_upgrade(path: Path, revision: str) -> Path:
    from netdesk.store.backups import BackupError, BackupStore

    try:
        return BackupStore(path).take("upgrade", revision).path
    except BackupError as exc:
        raise DatabaseOpenError(
            f"{path} needs an upgrade, but no backup copy of it could be made first "
            f"({exc}). The file was not changed."
        ) from exc


def _first_line(exc: BaseException) -> str:
    """What went wrong, in words: never the driver's text with SQLAlchemy's SQL and links."""
    if isinstance(exc, DatabaseOpenError):
        return str(exc)
    return reason(exc)


def _server_revision(engine: Engine) -> str | None:
    where = safe_url(engine.url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables or "contacts" not in tables:
            raise NotNetdeskDatabaseError(
                f"{where} is not a netdesk database: it holds tables of another program. "
                "Give netdesk an empty database."
            )
        revision = revision_of(conn)
    if revision is None:
        raise NotNetdeskDatabaseError(
            f"{where} is not a netdesk database: it has no netdesk schema version."
        )
    if revision not in known_revisions():
        raise unknown_revision_error(where, revision)
    return revision
