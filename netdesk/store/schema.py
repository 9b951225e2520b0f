"""The schema of a netdesk database: creating it, upgrading it with Alembic, and the
revisions this version knows."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from netdesk.models import Base
from netdesk.store import search_index
from netdesk.store.open_errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NewerDatabaseError,
    NotNetdeskDatabaseError,
)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


# Alembic takes about a third of a second to import: opening a current database must not need
# it. Revisions are numbered and named after their file, "0002_contact_search_index.py", which
# tests/store/test_migrations.py checks against Alembic's own view of the chain.
@functools.cache
def known_revisions() -> frozenset[str]:
    versions = MIGRATIONS_DIR / "versions"
    return frozenset(p.name.split("_", 1)[0] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))


def head_revision() -> str:
    return max(known_revisions())


def unknown_revision_error(where: str, revision: str) -> DatabaseOpenError:
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
        return revision_of(conn)


def revision_of(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()
