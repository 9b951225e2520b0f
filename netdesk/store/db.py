"""Opening a netdesk database: creating or upgrading its schema, with a backup first. The open
database itself is store.database.Database, its engine store.engine; the schema and its
migrations are in store.schema, the read-only checks of a file in store.sqlite_checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from netdesk.store.backups import BackupError, BackupStore
from netdesk.store.database import Database, sqlite_path
from netdesk.store.engine import make_engine, safe_url, unknown_address
from netdesk.store.errors import reason
from netdesk.store.open_errors import DatabaseOpenError, NotNetdeskDatabaseError
from netdesk.store.schema import (
    create_schema,
    head_revision,
    known_revisions,
    revision_of,
    unknown_revision_error,
    upgrade_schema,
)
from netdesk.store.sqlite_checks import check_sqlite_file, verify_unless_unchanged


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
    except (ArgumentError, ValueError) as exc:
        raise unknown_address(url) from exc
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
