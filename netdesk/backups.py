"""Rolling backups of an SQLite database, made with SQLite's online backup API.

A backup is a finished database file in a folder beside the database ("netdesk.sqlite.backups"):
one before every schema upgrade, before an import or merge of more than a handful of records,
once a day when the window is used, and before a restore (of the state it replaces). The last N
are kept (N is stored in that folder, so the window and the command line share it).

Every file is written under a temporary name and renamed when complete, so that a crash or a
full disk never leaves something that looks like a backup and is not one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netdesk.services.errors import ServiceError

# An import or merge of more records than this gets a backup first: below it, undo (or deleting
# what came in) is quicker than a restore, and the copy of a big file is not free.
HANDFUL = 5
DEFAULT_KEEP = 10
MAX_KEEP = 1000
DAILY = timedelta(hours=24)
SETTINGS_FILE = "settings.json"
_PARTIAL_PREFIX = ".partial-"
DAMAGED_PREFIX = "damaged-"
# How long a restore waits for another process's write (the window's save, an import) to end.
RESTORE_WAIT_SECONDS = 60.0
# A partial file this old is left over from a crash, not one being written right now.
_STALE_PARTIAL = timedelta(hours=1)

REASON_LABELS = {
    "daily": "Daily",
    "import": "Before an import",
    "merge": "Before a merge",
    "upgrade": "Before an upgrade",
    "restore": "Before a restore",
    "manual": "Made by hand",
}
_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)Z-(?P<reason>[a-z]+)"
    r"(?:-(?P<detail>[0-9A-Za-z]+))?(?:_(?P<n>\d+))?\.sqlite$"
)
_STAMP = "%Y-%m-%dT%H-%M-%S"


class BackupError(ServiceError):
    """A backup could not be made, read or restored; the message says why for the user."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    detail: str  # the schema it had, for an upgrade backup
    size: int

    @property
    def label(self) -> str:
        label = REASON_LABELS.get(self.reason, self.reason.capitalize())
        return f"{label} (schema {self.detail})" if self.detail else label


def backups_folder(database: Path) -> Path:
    return database.with_name(database.name + ".backups")


def _read_only(path: Path) -> sqlite3.Connection:
    from netdesk.db import connect_read_only

    return connect_read_only(path)


def people_text(count: int | None) -> str:
    """ "1 person", "1,204 people", or "an unknown number of people" for an unreadable file."""
    if count is None:
        return "an unknown number of people"
    return f"{count:,} {'person' if count == 1 else 'people'}"


def contact_count(path: Path) -> int | None:
    """How many people a backup (or any netdesk file) holds; None when it cannot be read."""
    try:
        conn = _read_only(path)
        try:
            row = conn.execute("SELECT count(*) FROM contacts").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def holds_data(path: Path) -> bool:
    """Whether a database holds any person or event: an empty one needs no backup."""
    try:
        conn = _read_only(path)
        try:
            row = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM events)"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # unreadable here: the backup itself will say what is wrong
    return bool(row and row[0])


def copy_database(source: Path, destination: Path) -> None:
    """A consistent copy of `source`, even while other processes write to it, written under a
    temporary name beside `destination` and renamed into place only once complete."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f"{_PARTIAL_PREFIX}{uuid.uuid4().hex}.tmp")
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A single file, readable without -wal and -shm beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
                # A damaged database copies without complaint; its copy must not take the
                # place (and, by pruning, the slot) of a good backup.
                problems = [row[0] for row in dst.execute("PRAGMA quick_check(3)")]
                if problems != ["ok"]:
                    raise sqlite3.DatabaseError(f"the database is damaged ({'; '.join(problems)})")
            finally:
                dst.close()
        finally:
            src.close()
        _fsync(partial)
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk; not every platform can open a folder for this.
    with contextlib.suppress(OSError):
        _fsync(folder)


def _reason_error(what: str, exc: BaseException) -> BackupError:
    from netdesk.database_errors import reason

    detail = getattr(exc, "strerror", None) or reason(exc)
    code = exc.errno if isinstance(exc, OSError) else None
    lowered = detail.lower()
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in lowered:
        detail = "the disk is full"
    elif "readonly database" in lowered or "read-only" in lowered:
        detail = "the database file (or its folder) is read-only"
    elif code == errno.EFBIG or "disk i/o error" in lowered:
        detail = "it could not be written (the disk may be full, removed or failing)"
    return BackupError(f"{what}: {detail}.")


class BackupStore:
    """The backups of one SQLite database file."""

    def __init__(self, database: Path, folder: Path | None = None) -> None:
        self.database = database
        self.folder = folder or backups_folder(database)

    # --- settings ------------------------------------------------------------------------

    @property
    def keep(self) -> int:
        try:
            value = json.loads((self.folder / SETTINGS_FILE).read_text("utf-8")).get("keep")
        except (OSError, ValueError, AttributeError):
            return DEFAULT_KEEP
        return value if isinstance(value, int) and 1 <= value <= MAX_KEEP else DEFAULT_KEEP

    def set_keep(self, keep: int) -> None:
        if not 1 <= keep <= MAX_KEEP:
            raise BackupError(f"The number of backups to keep must be between 1 and {MAX_KEEP}.")
        temp: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=_PARTIAL_PREFIX, suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"keep": keep}, fh)
            os.replace(temp, self.folder / SETTINGS_FILE)
        except OSError as exc:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            raise _reason_error(f"Cannot save the setting in {self.folder}", exc) from exc
        self.prune()

    # --- listing -------------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """Newest first."""
        found: list[tuple[datetime, int, Backup]] = []
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        for path in entries:
            match = _NAME.match(path.name)
            if not match:
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
            backup = Backup(path, taken, match["reason"], match["detail"] or "", size)
            found.append((taken, int(match["n"] or 1), backup))
        found.sort(key=lambda item: item[:2], reverse=True)
        return [backup for _taken, _n, backup in found]

    def newest(self) -> Backup | None:
        backups = self.backups()
        return backups[0] if backups else None

    # --- making --------------------------------------------------------------------------

    def _new_path(self, reason: str, detail: str) -> Path:
        """A name that sorts after every existing backup, even one made the same second (and
        one whose older namesake was pruned meanwhile)."""
        stamp = datetime.now(UTC).strftime(_STAMP)
        base = f"{stamp}Z-{reason}" + (f"-{detail}" if detail else "")
        taken = [_NAME.match(p.name) for p in self.folder.glob(f"{stamp}Z-*.sqlite")]
        n = max((int(m["n"] or 1) for m in taken if m), default=0) + 1
        return self.folder / (f"{base}.sqlite" if n == 1 else f"{base}_{n}.sqlite")

    def take(self, reason: str, detail: str = "") -> Backup:
        """A backup of the database as it is now; BackupError (nothing left behind) if the
        copy cannot be made."""
        if reason not in REASON_LABELS or not re.fullmatch(r"[0-9A-Za-z]*", detail):
            raise ValueError(f"not a backup reason: {reason!r} {detail!r}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self._new_path(reason, detail)
            copy_database(self.database, path)
            made = Backup(path, _taken_at(path), reason, detail, path.stat().st_size)
        except (OSError, sqlite3.Error) as exc:
            raise _reason_error(f"No backup of {self.database.name} could be made", exc) from exc
        self.prune()
        return made

    def take_to(self, destination: Path) -> Path:
        """A backup at a place the user chose (`netdesk backup OUT`); not counted or pruned.
        OutputRefused for the database itself, its sidecar files or backups folder, and for
        what is no file (a FIFO, a device: the copy would be renamed over it)."""
        from netdesk.output_files import OutputRefused, refuse_database_path

        if destination.is_dir():
            destination = destination / self._new_path("manual", "").name
        refuse_database_path(destination, [self.database])
        # Through a symlink to its target, as exports do, rather than replacing the link.
        destination = Path(os.path.realpath(destination))
        if destination.exists() and not destination.is_file():
            raise OutputRefused(destination, "a backup is a file, not a device or FIFO")
        try:
            copy_database(self.database, destination)
        except (OSError, sqlite3.Error) as exc:
            raise _reason_error(f"Cannot write the backup {destination}", exc) from exc
        return destination

    def take_daily_if_due(self, now: datetime | None = None) -> Backup | None:
        """Once a day of use: a backup unless one (of any kind) is less than a day old, and
        none of a database that holds nobody yet."""
        newest = self.newest()
        now = now or datetime.now(UTC)
        if newest is not None and now - newest.taken_at < DAILY:
            return None
        if not holds_data(self.database):
            return None
        return self.take("daily")

    def restore(self, source: Path) -> Path | None:
        """Replaces the database's content with that of `source` (a backup or any netdesk
        file, upgraded on the way if it is older). Returns where the replaced state was kept:
        a backup made just before, or the damaged file set aside; None if there was no
        database. Nothing is changed when `source` is not a usable netdesk file.

        A sound database gets the content copied in with the backup API, so that a window or
        another process that has it open sees the restored state, not a file swapped under it.
        """
        from netdesk.db import DatabaseOpenError, check_sqlite_file, head_revision

        try:
            if self.database.exists() and source.resolve() == self.database.resolve():
                raise BackupError(f"{source} is the database itself; choose a backup of it.")
            # The whole-file check is the copy's, below.
            revision = check_sqlite_file(source, verify=False)
        except DatabaseOpenError as exc:
            raise BackupError(f"Nothing was restored: {exc}") from exc
        except OSError as exc:
            raise _reason_error(f"Cannot read {source}", exc) from exc
        if revision is None:
            raise BackupError(f"{source} holds no netdesk data, so nothing was restored.")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=_PARTIAL_PREFIX, dir=self.folder) as tmp:
                # Copied (and upgraded) first: taking the safety backup may prune `source`.
                work = Path(tmp) / "restoring.sqlite"
                try:
                    copy_database(source, work)
                except sqlite3.DatabaseError as exc:
                    raise BackupError(f"Nothing was restored: {source} is damaged.") from exc
                if revision != head_revision():
                    try:
                        _upgrade(work)
                    except Exception as exc:  # Alembic's and SQLAlchemy's own errors
                        from netdesk.database_errors import reason

                        raise BackupError(
                            f"Nothing was restored: {source} could not be brought up to this "
                            f"version of netdesk ({reason(exc)})."
                        ) from exc
                if not self.database.is_file() or self.database.stat().st_size == 0:
                    copy_database(work, self.database)
                    return None
                try:
                    return _copy_over(work, self.database, lambda: self.take("restore").path)
                except (BackupError, sqlite3.DatabaseError):
                    if not _is_damaged(self.database):
                        raise
                kept = self._set_aside()
                copy_database(work, self.database)
                return kept
        except (OSError, sqlite3.Error) as exc:
            raise _reason_error(f"Nothing was restored to {self.database.name}", exc) from exc

    def _set_aside(self) -> Path:
        """A damaged database cannot be backed up: it is moved aside whole, for forensics."""
        stamp = datetime.now(UTC).strftime(_STAMP)
        aside = self.folder / f"{DAMAGED_PREFIX}{stamp}Z-{self.database.name}"
        os.replace(self.database, aside)
        from netdesk.db import sidecar_files

        for sidecar in sidecar_files(self.database):
            if sidecar.exists():
                suffix = sidecar.name[len(self.database.name) :]
                os.replace(sidecar, aside.with_name(aside.name + suffix))
        return aside

    def prune(self) -> list[Path]:
        """Deletes all but the newest `keep` backups (and the newest made before an upgrade),
        and partial files a crash left behind."""
        removed: list[Path] = []
        backups = self.backups()
        # The copy from before the last schema upgrade is kept even when N newer ones exist:
        # it is the only way back to the older netdesk.
        upgrade = next((b for b in backups if b.reason == "upgrade"), None)
        for backup in backups[self.keep :]:
            if backup is upgrade:
                continue
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
        for partial in self._stale_partials():
            with contextlib.suppress(OSError):
                if partial.is_dir():
                    shutil.rmtree(partial)
                else:
                    partial.unlink()
        return removed

    def _stale_partials(self) -> Iterator[Path]:
        limit = time.time() - _STALE_PARTIAL.total_seconds()
        with contextlib.suppress(OSError):
            for path in self.folder.glob(f"{_PARTIAL_PREFIX}*"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < limit:
                        yield path


def _taken_at(path: Path) -> datetime:
    match = _NAME.match(path.name)
    assert match is not None
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def _upgrade(path: Path) -> None:
    from netdesk.db import make_engine, upgrade_schema

    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()


def _copy_over(source: Path, database: Path, backup: Callable[[], Path]) -> Path:
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


def _is_damaged(path: Path) -> bool:
    from netdesk.db import CorruptDatabaseError, DatabaseOpenError, check_sqlite_file

    try:
        check_sqlite_file(path, verify=True)
    except CorruptDatabaseError:
        return True
    except DatabaseOpenError:
        return False
    return False
