"""Opening a netdesk database: engine, SQLite pragmas, checks of a file before it is opened,
migrations with a backup first. The open database itself is netdesk.database.Database."""

from __future__ import annotations

import functools
import logging
import shlex
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from netdesk import search_index

# The open database and its helpers are in database.py; they are also netdesk.db's names.
from netdesk.database import BUSY_TIMEOUT_MS
from netdesk.database import ChangeListener as ChangeListener
from netdesk.database import Database as Database
from netdesk.database import DatabaseWriteError as DatabaseWriteError
from netdesk.database import sqlite_path as sqlite_path
from netdesk.models import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseOpenError(Exception):
    """A database that netdesk will not open; the message is meant for the user."""


class NotNetdeskDatabaseError(DatabaseOpenError):
    pass


class CorruptDatabaseError(DatabaseOpenError):
    pass


class NewerDatabaseError(DatabaseOpenError):
    pass


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # First, so that the pragmas after it wait for another process instead of failing.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def safe_url(url: str | URL) -> str:
    """The URL as it may be shown to the user: never with its password."""
    try:
        return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)
    except ArgumentError:
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
            engine = create_engine(parsed)
            event.listen(engine, "connect", _set_sqlite_pragmas)
            return engine
        _quiet_driver_log()
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: its database driver is not installed ({exc}). "
            "For PostgreSQL use a postgresql+psycopg:// address and install netdesk[postgres]."
        ) from exc
    except ArgumentError as exc:
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: it is neither a file path nor a database address "
            f"netdesk knows ({exc})."
        ) from exc


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


# Alembic takes about a third of a second to import: opening a current database must not need
# it. Revisions are numbered and named after their file, "0002_contact_search_index.py", which
# tests/test_migrations.py checks against Alembic's own view of the chain.
@functools.cache
def known_revisions() -> frozenset[str]:
    versions = MIGRATIONS_DIR / "versions"
    return frozenset(p.name.split("_", 1)[0] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


def head_revision() -> str:
    return max(known_revisions())


def _unknown_revision_error(where: str, revision: str) -> DatabaseOpenError:
    """Our revisions are numbered 0001, 0002, ...: a higher number is a newer netdesk, anything
    else is another program that also uses Alembic."""
    head = head_revision()
    if revision.isdigit() and len(revision) == len(head) and revision > head:
        return NewerDatabaseError(
            f"{where} was written by a newer version of netdesk (schema {revision}; this version "
            f"knows schemas up to {head}). Update netdesk to open it; the file was not changed."
        )
    return NotNetdeskDatabaseError(
        f"{where} is not a netdesk database: it belongs to another program "
        f"(schema version {revision!r}). The file was not changed."
    )


def sidecar_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files SQLite keeps next to a database while it is in use."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file nor leave anything next to it.

    A plain read-only open of a WAL-mode file creates -wal and -shm files and leaves them
    behind. When none exist the file is not in use, so `immutable` is safe and creates none;
    when they do exist, someone has it open (or crashed) and the normal read path is needed.
    """
    in_use = any(p.exists() for p in sidecar_files(path))
    mode = "mode=ro" if in_use else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)


def _restore_advice(path: Path) -> str:
    from netdesk.backups import BackupStore

    newest = BackupStore(path).newest()
    if newest is None:
        return "Open a backup copy of it instead, if you have one."
    return (
        f"Its newest backup is {newest.path}; restore it with: "
        f"netdesk --db {shlex.quote(str(path))} restore {shlex.quote(str(newest.path))}"
    )


def _quick_check(conn: sqlite3.Connection) -> None:
    problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems) or "no answer to a check")


def integrity_problem(path: Path) -> str | None:
    """A full read of the file (a quarter of a second per 200 MB): a message if it is damaged.

    The GUI runs this after its window is shown instead of before (see open_database).
    """
    try:
        conn = connect_read_only(path)
        try:
            _quick_check(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return (
            f"{path} is damaged ({exc}). netdesk stopped before changing anything. "
            + _restore_advice(path)
        )
    return None


def check_sqlite_file(path: Path, verify: bool = True) -> str | None:
    """Inspect an existing file read-only; returns its revision, or None for an empty database.

    Raises a DatabaseOpenError, leaving the file untouched, for anything netdesk must not open.
    """
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder; give the path of a netdesk database file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header != SQLITE_MAGIC:
        raise NotNetdeskDatabaseError(
            f"{path} is not a netdesk database (it is not an SQLite file). "
            "The file was not changed."
        )
    try:
        conn = connect_read_only(path)
        try:
            if verify:
                _quick_check(conn)
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables or "contacts" not in tables:
                raise NotNetdeskDatabaseError(
                    f"{path} is not a netdesk database: it belongs to another program. "
                    "The file was not changed."
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"{path} is damaged and cannot be opened ({exc}). The file was not changed. "
            + _restore_advice(path)
        ) from exc
    if row is None:
        raise NotNetdeskDatabaseError(
            f"{path} is not a netdesk database: it has no netdesk schema version. "
            "The file was not changed."
        )
    revision = str(row[0])
    if revision not in known_revisions():
        raise _unknown_revision_error(str(path), revision)
    return revision


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction around a whole schema change: all of it happens, or none.

    pysqlite runs DDL outside any transaction, so a crash half-way through creating the tables
    would leave a file that no longer looks like a netdesk database: on SQLite BEGIN is issued
    here. Foreign keys are off meanwhile, as Alembic's batch mode copies and drops tables and a
    DROP with foreign keys on deletes the child rows; they are checked before the commit.
    """
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with conn.begin():
                yield conn
            return
        driver = conn.connection.driver_connection
        assert driver is not None
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only takes effect outside a transaction
        conn.commit()
        saved_isolation = driver.isolation_level
        # No BEGIN from the driver itself now; its commit() and rollback() still end ours.
        driver.isolation_level = None
        try:
            with conn.begin():
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise CorruptDatabaseError(
                        f"The schema change would leave {len(broken)} rows pointing at rows that "
                        f"do not exist (first in table {broken[0][0]}); nothing was changed."
                    )
        finally:
            driver.isolation_level = saved_isolation
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def create_schema(engine: Engine) -> None:
    """A new database: every table at once, then stamped as current (Alembic cookbook)."""
    with schema_transaction(engine) as conn:
        Base.metadata.create_all(conn)
        search_index.create(conn)
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = conn
        command.stamp(config, "head")


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    with schema_transaction(engine) as conn:
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision_of(conn)


def _revision_of(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def open_database(url: str, *, verify_integrity: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at `url`.

    Raises DatabaseOpenError with a message for the user when the file or server cannot be used;
    a file is then left exactly as it was. `verify_integrity=False` skips reading the whole
    file when no upgrade is due; the caller then runs integrity_problem() itself.
    """
    try:
        path = sqlite_path(url)
    except ArgumentError as exc:
        raise DatabaseOpenError(
            f"Cannot open {safe_url(url)}: it is neither a file path nor a database address "
            f"netdesk knows ({exc})."
        ) from exc
    where = str(path) if path is not None else safe_url(url)
    revision: str | None = None
    if path is not None:
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            revision = check_sqlite_file(path, verify=False)
            if revision is not None and (verify_integrity or revision != head_revision()):
                check_sqlite_file(path, verify=True)
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
    from netdesk.backups import BackupError, BackupStore

    try:
        return BackupStore(path).take("upgrade", revision).path
    except BackupError as exc:
        raise DatabaseOpenError(
            f"{path} needs an upgrade, but no backup copy of it could be made first "
            f"({exc}). The file was not changed."
        ) from exc


def _first_line(exc: BaseException) -> str:
    """The driver's own words when there are some, without SQLAlchemy's SQL and links."""
    if isinstance(exc, DatabaseOpenError):
        return str(exc)
    reason = getattr(exc, "orig", None) or exc
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    lines = str(reason).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


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
        revision = _revision_of(conn)
    if revision is None:
        raise NotNetdeskDatabaseError(
            f"{where} is not a netdesk database: it has no netdesk schema version."
        )
    if revision not in known_revisions():
        raise _unknown_revision_error(where, revision)
    return revision
