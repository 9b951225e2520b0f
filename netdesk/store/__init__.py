"""netdesk's storage: opening a database (creating or upgrading its schema), the open database
and its transactions, backups and restores, watching for other processes' changes, and the
search index. The rest of netdesk uses these public names, `from netdesk.store import
open_database, Database`, and the modules `search_index` (the index kept in step with every
write), `quick_search` (`netdesk search` through sqlite3 alone) and `integrity_stamp`.

Each name is imported from its module when it is first asked for: `netdesk --help` and a mail
client's `netdesk search` import this package (for quick_search, file_of_url, SQLITE_MAGIC) and
must not pay for SQLAlchemy, which only some of these names need. Inside the store, modules
import each other by their own names, never through this package (whose imports for type
checkers would then make a cycle).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> the module of the store that defines it.
_HOMES = {
    # opening a database, and why one is not opened
    "open_database": "db",
    "DatabaseOpenError": "open_errors",
    "CorruptDatabaseError": "open_errors",
    "NewerDatabaseError": "open_errors",
    "NotNetdeskDatabaseError": "open_errors",
    "integrity_problem": "sqlite_checks",
    "check_sqlite_file": "sqlite_checks",
    "make_engine": "engine",
    "safe_url": "engine",
    # the open database
    "Database": "database",
    "DatabaseWriteError": "database",
    "ChangeListener": "database",
    "sqlite_path": "database",
    "insert_missing": "upserts",
    "ALL_KINDS": "change_tracking",
    "CHANNEL": "change_tracking",
    "mark_changed": "change_tracking",
    "refresh_search": "change_tracking",
    "KIND_OF_TABLE": "change_tracking",
    # the schema and its migrations
    "head_revision": "schema",
    "known_revisions": "schema",
    "current_revision": "schema",
    "create_schema": "schema",
    "upgrade_schema": "schema",
    "alembic_config": "schema",
    # backups and restores
    "BackupStore": "backups",
    "DAMAGED_PREFIX": "backups",
    "DEFAULT_KEEP": "backups",
    "HANDFUL": "backups",
    "MAX_KEEP": "backups",
    "Backup": "backup_list",
    "REASON_LABELS": "backup_list",
    "BackupError": "backup_files",
    "contact_count": "backup_files",
    "people_text": "backup_files",
    "holds_data": "backup_files",
    # the files of an SQLite database (plain Python)
    "SQLITE_MAGIC": "sqlite_names",
    "file_of_url": "sqlite_names",
    # another process's changes
    "ChangeWatch": "change_watch",
    "Identity": "change_watch",
    "Outcome": "change_watch",
    # the database's own errors, in words
    "read_error_message": "errors",
    "what_went_wrong": "errors",
    "is_database_error": "errors",
    "reason": "errors",
    # `netdesk search` without SQLAlchemy
    "FoundPerson": "quick_search",
}

# The same names, for `import *`, linters and readers; tests/store/test_public_names.py checks
# that both lists agree.
__all__ = [
    "ALL_KINDS",
    "CHANNEL",
    "DAMAGED_PREFIX",
    "DEFAULT_KEEP",
    "HANDFUL",
    "KIND_OF_TABLE",
    "MAX_KEEP",
    "REASON_LABELS",
    "SQLITE_MAGIC",
    "Backup",
    "BackupError",
    "BackupStore",
    "ChangeListener",
    "ChangeWatch",
    "CorruptDatabaseError",
    "Database",
    "DatabaseOpenError",
    "DatabaseWriteError",
    "FoundPerson",
    "Identity",
    "NewerDatabaseError",
    "NotNetdeskDatabaseError",
    "Outcome",
    "alembic_config",
    "check_sqlite_file",
    "contact_count",
    "create_schema",
    "current_revision",
    "file_of_url",
    "head_revision",
    "holds_data",
    "insert_missing",
    "integrity_problem",
    "is_database_error",
    "known_revisions",
    "make_engine",
    "mark_changed",
    "open_database",
    "people_text",
    "read_error_message",
    "reason",
    "refresh_search",
    "safe_url",
    "sqlite_path",
    "upgrade_schema",
    "what_went_wrong",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


if TYPE_CHECKING:
    from netdesk.store.backup_files import BackupError, contact_count, holds_data, people_text
    from netdesk.store.backup_list import REASON_LABELS, Backup
    from netdesk.store.backups import DAMAGED_PREFIX, DEFAULT_KEEP, HANDFUL, MAX_KEEP, BackupStore
    from netdesk.store.change_tracking import (
        ALL_KINDS,
        CHANNEL,
        KIND_OF_TABLE,
        mark_changed,
        refresh_search,
    )
    from netdesk.store.change_watch import ChangeWatch, Identity, Outcome
    from netdesk.store.database import ChangeListener, Database, DatabaseWriteError, sqlite_path
    from netdesk.store.db import open_database
    from netdesk.store.engine import make_engine, safe_url
    from netdesk.store.errors import is_database_error, read_error_message, reason, what_went_wrong
    from netdesk.store.open_errors import (
        CorruptDatabaseError,
        DatabaseOpenError,
        NewerDatabaseError,
        NotNetdeskDatabaseError,
    )
    from netdesk.store.quick_search import FoundPerson
    from netdesk.store.schema import (
        alembic_config,
        create_schema,
        current_revision,
        head_revision,
        known_revisions,
        upgrade_schema,
    )
    from netdesk.store.sqlite_checks import check_sqlite_file, integrity_problem
    from netdesk.store.sqlite_names import SQLITE_MAGIC, file_of_url
    from netdesk.store.upserts import insert_missing
