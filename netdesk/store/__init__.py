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
    "make_engine": "engine",
    "safe_url": "engine",
    # the open database
    "Database": "database",
    "DatabaseWriteError": "database",
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
    "BackupError": "backup_files",
    "contact_count": "backup_files",
    "people_text": "backup_files",
    "holds_data": "backup_files",
    # the files of an SQLite database (plain Python)
    "SQLITE_MAGIC": "sqlite_names",
    "file_of_url": "sqlite_names",
    "open_unless_database": "first_bytes",
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

# The same names, for `import *` and readers. The imports for type checkers at the end name each
# one `as` itself: that is what marks an import as the package's own public name.
__all__ = sorted(_HOMES)


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
    from netdesk.store.backup_files import BackupError as BackupError
    from netdesk.store.backup_files import contact_count as contact_count
    from netdesk.store.backup_files import holds_data as holds_data
    from netdesk.store.backup_files import people_text as people_text
    from netdesk.store.backup_list import Backup as Backup
    from netdesk.store.backups import DAMAGED_PREFIX as DAMAGED_PREFIX
    from netdesk.store.backups import DEFAULT_KEEP as DEFAULT_KEEP
    from netdesk.store.backups import HANDFUL as HANDFUL
    from netdesk.store.backups import MAX_KEEP as MAX_KEEP
    from netdesk.store.backups import BackupStore as BackupStore
    from netdesk.store.change_tracking import ALL_KINDS as ALL_KINDS
    from netdesk.store.change_tracking import CHANNEL as CHANNEL
    from netdesk.store.change_tracking import KIND_OF_TABLE as KIND_OF_TABLE
    from netdesk.store.change_tracking import mark_changed as mark_changed
    from netdesk.store.change_tracking import refresh_search as refresh_search
    from netdesk.store.change_watch import ChangeWatch as ChangeWatch
    from netdesk.store.change_watch import Identity as Identity
    from netdesk.store.change_watch import Outcome as Outcome
    from netdesk.store.database import Database as Database
    from netdesk.store.database import DatabaseWriteError as DatabaseWriteError
    from netdesk.store.database import sqlite_path as sqlite_path
    from netdesk.store.db import open_database as open_database
    from netdesk.store.engine import make_engine as make_engine
    from netdesk.store.engine import safe_url as safe_url
    from netdesk.store.errors import is_database_error as is_database_error
    from netdesk.store.errors import read_error_message as read_error_message
    from netdesk.store.errors import reason as reason
    from netdesk.store.errors import what_went_wrong as what_went_wrong
    from netdesk.store.first_bytes import open_unless_database as open_unless_database
    from netdesk.store.open_errors import CorruptDatabaseError as CorruptDatabaseError
    from netdesk.store.open_errors import DatabaseOpenError as DatabaseOpenError
    from netdesk.store.open_errors import NewerDatabaseError as NewerDatabaseError
    from netdesk.store.open_errors import NotNetdeskDatabaseError as NotNetdeskDatabaseError
    from netdesk.store.quick_search import FoundPerson as FoundPerson
    from netdesk.store.schema import alembic_config as alembic_config
    from netdesk.store.schema import create_schema as create_schema
    from netdesk.store.schema import current_revision as current_revision
    from netdesk.store.schema import head_revision as head_revision
    from netdesk.store.schema import known_revisions as known_revisions
    from netdesk.store.schema import upgrade_schema as upgrade_schema
    from netdesk.store.sqlite_checks import integrity_problem as integrity_problem
    from netdesk.store.sqlite_names import SQLITE_MAGIC as SQLITE_MAGIC
    from netdesk.store.sqlite_names import file_of_url as file_of_url
    from netdesk.store.upserts import insert_missing as insert_missing
