"""Copying a restored file's content over the live database: in one transaction when the schema
matches, whole otherwise, and upgrading an older file's copy before it is restored."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

# How long a restore waits for another process's write (the window's save, an import) to end.
RESTORE_WAIT_SECONDS = 60.0


def upgrade_copy(path: Path) -> None:
    from netdesk.config import sqlite_url
    from netdesk.store.engine import make_engine
    from netdesk.store.schema import upgrade_schema

    engine = make_engine(sqlite_url(path))
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()


def copy_over(source: Path, database: Path, backup: Callable[[], Path]) -> Path:
    """All of `source` into `database` in one transaction of the database, so that a crash
    leaves the old content or the new, never a mixture; `backup()` keeps the old content
    first, within the same hold of the write lock: another process's import that commits
    meanwhile would otherwise be in neither the backup nor the restored database."""
    conn = sqlite3.connect(database, timeout=RESTORE_WAIT_SECONDS, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # the tables are emptied in any order
        conn.execute("ATTACH DATABASE ? AS restored", (str(source),))
        conn.execute("BEGIN IMMEDIATE")
        if _schema(conn, "main") != _schema(conn, "restored"):
            # A file of another version (or no netdesk file): replaced whole, schema and all.
            conn.execute("ROLLBACK")
            conn.execute("DETACH DATABASE restored")
            kept = backup()
            _copy_file_over(source, database)
            return kept
        try:
            # Read by a connection of its own: WAL lets it read while this one holds the lock.
            kept = backup()
            for table, columns in _copied_tables(conn):
                names = ", ".join(f'"{c}"' for c in columns)
                conn.execute(f'DELETE FROM main."{table}"')
                conn.execute(
                    f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM restored."{table}"'
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE restored")
    finally:
        conn.close()
    return kept


def _schema(conn: sqlite3.Connection, schema: str) -> list[tuple[str, str, str]]:
    return conn.execute(
        f"SELECT type, name, coalesce(sql, '') FROM {schema}.sqlite_master ORDER BY type, name"
    ).fetchall()


def _copy_file_over(source: Path, database: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(database, timeout=RESTORE_WAIT_SECONDS)
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    finally:
        src.close()


def _copied_tables(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """The tables of the database with their columns (rowid first), the full-text index's
    own tables left to the index."""
    rows = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    tables = []
    for name, _sql in rows:
        if any(name.startswith(f"{v}_") for v in virtual):
            continue
        columns = [row[1] for row in conn.execute(f'PRAGMA main.table_info("{name}")')]
        tables.append((name, ["rowid", *columns] if name in virtual else columns))
    return tables
