"""Opening a netdesk database: engine, SQLite pragmas, migrations with a backup first, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from netdesk import search_index
from netdesk.models import Base
from netdesk.services.change_tracking import install_change_tracking

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"

ChangeListener = Callable[[frozenset[str]], None]


class DatabaseOpenError(Exception):
    """A database that netdesk will not open; the message is meant for the user."""


class NotNetdeskDatabaseError(DatabaseOpenError):
    pass


class CorruptDatabaseError(DatabaseOpenError):
    pass


class NewerDatabaseError(DatabaseOpenError):
    pass


class Database:
    """An open database: the engine, the one session factory, and change listeners."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        install_change_tracking(self.Session, self._notify)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commits on success, rolls back everything on error."""
        with self.Session.begin() as session:
            yield session

    def add_change_listener(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def remove_change_listener(self, listener: ChangeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, kinds: frozenset[str]) -> None:
        for listener in list(self._listeners):
            listener(kinds)

    def close(self) -> None:
        self._listeners.clear()
        self.engine.dispose()


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path) -> str | None:
    """Inspect an existing file read-only; returns its revision, or None for an empty database.

    Raises a DatabaseOpenError, leaving the file untouched, for anything netdesk must not open.
    """
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotNetdeskDatabaseError(f"{path} is not a netdesk database (not an SQLite file).")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise CorruptDatabaseError(
                    f"{path} is damaged: {check[0] if check else 'unknown'}."
                )
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables or "contacts" not in tables:
                raise NotNetdeskDatabaseError(
                    f"{path} is an SQLite database of another program, not a netdesk database."
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(f"{path} cannot be read as a database: {exc}.") from exc
    if row is None:
        raise NotNetdeskDatabaseError(f"{path} has no netdesk schema version.")
    revision = str(row[0])
    if revision not in known_revisions():
        raise NewerDatabaseError(
            f"{path} was written by a newer version of netdesk (schema {revision}); "
            "update netdesk to open it."
        )
    return revision


def backup_sqlite(path: Path, destination: Path) -> Path:
    """Copy a database with SQLite's online backup API (safe while it is open elsewhere)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return destination


def backup_path_for(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.before-upgrade-from-{revision}-{stamp}.bak")


def create_schema(engine: Engine) -> None:
    """A new database: every table at once, then stamped as current (Alembic cookbook)."""
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        search_index.create(conn)
        config = alembic_config()
        config.attributes["connection"] = conn
        command.stamp(config, "head")


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_database(url: str) -> Database:
    """Open (creating or upgrading as needed) the database at `url`.

    Raises DatabaseOpenError with a message for the user when the file or server cannot be used.
    """
    path = sqlite_path(url)
    revision: str | None = None
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            revision = _check_sqlite_file(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseOpenError(f"Cannot create the folder for {path}: {exc}.") from exc
    engine = make_engine(url)
    try:
        if path is None:
            revision = _server_revision(engine)
        if revision is None:
            create_schema(engine)
        elif revision != head_revision():
            if path is not None:
                backup_sqlite(path, backup_path_for(path, revision))
            upgrade_schema(engine)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseOpenError(
            f"Cannot open the database {url}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
        ) from exc
    return Database(engine)


def _server_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables or "contacts" not in tables:
            raise NotNetdeskDatabaseError(
                f"{engine.url.render_as_string(hide_password=True)} holds tables of another "
                "program; give netdesk an empty database."
            )
        revision = MigrationContext.configure(conn).get_current_revision()
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError("The database was written by a newer version of netdesk.")
    return revision
