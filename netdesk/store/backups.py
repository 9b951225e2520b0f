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
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netdesk.database_files import backups_folder, sidecar_files
from netdesk.store.backup_files import (
    PARTIAL_PREFIX,
    BackupError,
    copy_database,
    holds_data,
    is_damaged,
    reason_error,
)
from netdesk.store.backup_list import (
    BACKUP_NAME,
    REASON_LABELS,
    STAMP,
    Backup,
    list_backups,
    newest_backup,
    taken_at,
)
from netdesk.store.backup_restore import copy_over, upgrade_copy

# An import or merge of more records than this gets a backup first: below it, undo (or deleting
# what came in) is quicker than a restore, and the copy of a big file is not free.
HANDFUL = 5
DEFAULT_KEEP = 10
MAX_KEEP = 1000
DAILY = timedelta(hours=24)
SETTINGS_FILE = "settings.json"
DAMAGED_PREFIX = "damaged-"
# A partial file this old is left over from a crash, not one being written right now.
_STALE_PARTIAL = timedelta(hours=1)


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
            fd, temp = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"keep": keep}, fh)
            os.replace(temp, self.folder / SETTINGS_FILE)
        except OSError as exc:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            raise reason_error(f"Cannot save the setting in {self.folder}", exc) from exc
        self.prune()

    # --- listing -------------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """Newest first."""
        return list_backups(self.folder)

    def newest(self) -> Backup | None:
        return newest_backup(self.folder)

    # --- making --------------------------------------------------------------------------

    def _new_path(self, reason: str, detail: str) -> Path:
        """A name that sorts after every existing backup, even one made the same second (and
        one whose older namesake was pruned meanwhile)."""
        stamp = datetime.now(UTC).strftime(STAMP)
        base = f"{stamp}Z-{reason}" + (f"-{detail}" if detail else "")
        taken = [BACKUP_NAME.match(p.name) for p in self.folder.glob(f"{stamp}Z-*.sqlite")]
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
            made = Backup(path, taken_at(path), reason, detail, path.stat().st_size)
        except (OSError, sqlite3.Error) as exc:
            raise reason_error(f"No backup of {self.database.name} could be made", exc) from exc
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
            raise reason_error(f"Cannot write the backup {destination}", exc) from exc
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
        # SQLAlchemy (for the schema's revisions) only when a restore is asked for.
        from netdesk.store.open_errors import DatabaseOpenError
        from netdesk.store.schema import head_revision
        from netdesk.store.sqlite_checks import check_sqlite_file

        try:
            if self.database.exists() and source.resolve() == self.database.resolve():
                raise BackupError(f"{source} is the database itself; choose a backup of it.")
            # The whole-file check is the copy's, below.
            revision = check_sqlite_file(source, verify=False)
        except DatabaseOpenError as exc:
            raise BackupError(f"Nothing was restored: {exc}") from exc
        except OSError as exc:
            raise reason_error(f"Cannot read {source}", exc) from exc
        if revision is None:
            raise BackupError(f"{source} holds no netdesk data, so nothing was restored.")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=PARTIAL_PREFIX, dir=self.folder) as tmp:
                # Copied (and upgraded) first: taking the safety backup may prune `source`.
                work = Path(tmp) / "restoring.sqlite"
                try:
                    copy_database(source, work)
                except sqlite3.DatabaseError as exc:
                    raise BackupError(f"Nothing was restored: {source} is damaged.") from exc
                if revision != head_revision():
                    try:
                        upgrade_copy(work)
                    except Exception as exc:  # Alembic's and SQLAlchemy's own errors
                        from netdesk.store.errors import reason

                        raise BackupError(
                            f"Nothing was restored: {source} could not be brought up to this "
                            f"version of netdesk ({reason(exc)})."
                        ) from exc
                if not self.database.is_file() or self.database.stat().st_size == 0:
                    copy_database(work, self.database)
                    return None
                try:
                    return copy_over(work, self.database, lambda: self.take("restore").path)
                except (BackupError, sqlite3.DatabaseError):
                    if not is_damaged(self.database):
                        raise
                kept = self._set_aside()
                copy_database(work, self.database)
                return kept
        except (OSError, sqlite3.Error) as exc:
            raise reason_error(f"Nothing was restored to {self.database.name}", exc) from exc

    def _set_aside(self) -> Path:
        """A damaged database cannot be backed up: it is moved aside whole, for forensics."""
        stamp = datetime.now(UTC).strftime(STAMP)
        aside = self.folder / f"{DAMAGED_PREFIX}{stamp}Z-{self.database.name}"
        os.replace(self.database, aside)
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
            for path in self.folder.glob(f"{PARTIAL_PREFIX}*"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < limit:
                        yield path
