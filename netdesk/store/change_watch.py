"""Noticing what other processes did to the open database: their commits (a `netdesk import`
in a terminal, a second window) and, for an SQLite file, the file being replaced or removed.

Plain Python for the window to poll about once a second; each check costs a stat and one
cheap query (SQLite) or a look at the socket (PostgreSQL), so nothing is read while nothing
changed. SQLite: `PRAGMA data_version` on a connection of its own, which changes whenever
another connection commits; the window's own commits are told apart by re-reading it as they
are announced. PostgreSQL: every netdesk write sends a NOTIFY naming its source
(store/change_tracking.py); notifications from this process's Database are skipped.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine

from netdesk.database_files import backups_folder, sidecar_files
from netdesk.output_files import release_database
from netdesk.store.change_tracking import CHANNEL
from netdesk.store.database import sqlite_path

if TYPE_CHECKING:
    from netdesk.store.database import Database

log = logging.getLogger(__name__)

Identity = tuple[int, int]


class Outcome(enum.Enum):
    NOTHING = "nothing"
    CHANGED = "changed"  # another process committed
    REPLACED = "replaced"  # another file now has the database's name (a restore, a copy)
    GONE = "gone"  # no file has the database's name any more
    LOG_GONE = "log gone"  # the file's -wal or -shm was deleted or replaced under it
    # Another netdesk changed the tables' layout (a newer one upgraded the database): this
    # one's queries would fail, so the database is opened again, which says why it cannot be.
    LAYOUT_CHANGED = "layout changed"


REVISION_QUERY = "SELECT version_num FROM alembic_version"


def news(revision: str | None) -> Outcome:
    """What a commit of another process was: a change, or a change of the tables' layout."""
    from netdesk.store.schema import head_revision

    return Outcome.CHANGED if revision == head_revision() else Outcome.LAYOUT_CHANGED


def identity(path: Path) -> Identity | None:
    """Which file the path leads to now (device and inode), or None when none does."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class ChangeWatch:
    """What a window polls; `for_database` picks the kind for the database's dialect."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # As opened: while parked (see SqliteWatch.reopen) the engine's differs.
        self.url = db.engine.url.render_as_string(hide_password=False)

    def check(self) -> Outcome:
        return Outcome.NOTHING

    @property
    def opened_file(self) -> Identity | None:
        """The file last opened (an SQLite database's; None for a server)."""
        return None

    def file_now(self) -> Identity | None:
        """The file at the database's name now (an SQLite database's; None for a server)."""
        return None

    def reopen(self) -> None:
        """Open the database again the normal way (checks, upgrade) and let the Database
        continue on it; DatabaseOpenError (a message for the user) when it cannot be."""
        from netdesk.store.db import open_database

        self.pause()
        self.db.adopt_engine(open_database(self.url).engine)
        self.restart()

    def restart(self) -> None:
        """Watch afresh (after the database was reopened): what is there now is the start."""

    def pause(self) -> None:
        """Let go of the file (while it is reopened); restart() takes it up again."""

    def close(self) -> None:
        self.pause()

    @staticmethod
    def for_database(db: Database) -> ChangeWatch:
        path = sqlite_path(db.url)
        if path is not None:
            return SqliteWatch(db, path)
        if db.dialect == "postgresql":
            return PostgresWatch(db)
        return ChangeWatch(db)


class SqliteWatch(ChangeWatch):
    def __init__(self, db: Database, path: Path) -> None:
        super().__init__(db)
        self.path = path
        # The -wal and -shm files of the file opened: SQLite would read a WAL left behind by
        # the file replaced as if it were the new one's (its pages over the new file's).
        self._sidecars: dict[Path, Identity | None] = {}
        # The window's commits may come from another thread than its polls.
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._identity: Identity | None = None
        self._version: int | None = None
        # Another process committed before this one took the write lock (see _write_locked).
        self._outside = False
        self.restart()
        # First: the version is re-read before the views reload, so that a commit of another
        # process after it is still noticed.
        db.add_change_listener(self._own_commit, first=True)
        db.write_lock_listeners.append(self._write_locked)
        # A restore made here may put another file in place: the window knows, no alarm.
        db.restore_listeners.append(self.restart)

    def restart(self) -> None:
        with self._lock:
            self._close_connection()
            self._identity = identity(self.path)
            self._outside = False
            try:
                # mode=rw: never create the file, should it be gone.
                uri = f"{self.path.resolve().as_uri()}?mode=rw"
                self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self._conn.isolation_level = None  # autocommit: never holds a read open
                self._version = self._read_version()
            except sqlite3.Error as exc:
                log.info("cannot watch %s: %s", self.path, exc)
                self._close_connection()
            self._sidecars = {p: identity(p) for p in sidecar_files(self.path)}

    @property
    def opened_file(self) -> Identity | None:
        return self._identity

    def file_now(self) -> Identity | None:
        return identity(self.path)

    def _read_version(self) -> int | None:
        if self._conn is None:
            return None
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _write_locked(self) -> None:
        # Nobody else can commit from now until this process's commit is re-read (_own_commit):
        # a version already moved is another process's commit that re-read would hide.
        with self._lock, contextlib.suppress(sqlite3.Error):
            if self._version is not None and self._read_version() != self._version:
                self._outside = True

    def _own_commit(self, _kinds: frozenset[str]) -> None:
        # Should the file have gone, the next check says so.
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._version = self._read_version()

    def check(self) -> Outcome:
        now = identity(self.path)
        if now is None:
            return Outcome.GONE
        if now != self._identity:
            return Outcome.REPLACED
        if self._conn is not None and any(
            was is not None and p.name.endswith(("-wal", "-shm")) and identity(p) != was
            for p, was in self._sidecars.items()
        ):
            # SQLite deletes these only when the last connection closes, and this watch's
            # stays open: someone else did. (A -journal comes and goes with each write.)
            return Outcome.LOG_GONE
        with self._lock:
            try:
                version = self._read_version()
            except sqlite3.Error as exc:
                log.info("watching %s: %s", self.path, exc)
                return Outcome.NOTHING
            if version == self._version and not self._outside:
                return Outcome.NOTHING
            self._version, self._outside = version, False
            try:
                row = self._conn.execute(REVISION_QUERY).fetchone() if self._conn else None
            except sqlite3.Error as exc:  # no such table: not a netdesk layout any more
                log.info("reading the schema of %s: %s", self.path, exc)
                row = None
        return news(str(row[0]) if row else None)

    def pause(self) -> None:
        with self._lock:
            self._close_connection()

    def _close_connection(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def close(self) -> None:
        self.db.remove_change_listener(self._own_commit)
        for listeners, listener in (
            (self.db.write_lock_listeners, self._write_locked),
            (self.db.restore_listeners, self.restart),
        ):
            if listener in listeners:
                listeners.remove(listener)
        self.pause()

    def reopen(self) -> None:
        """As ChangeWatch.reopen, for a file: the old file's connections and its WAL are let
        go first. Where the file is gone or cannot be opened, the Database is parked on a
        read-only connection to the path, so that nothing writes into (or creates) a file
        the user has not seen opened; DatabaseOpenError says why."""
        from netdesk.store.db import open_database
        from netdesk.store.open_errors import DatabaseOpenError

        self._save_lost_log()
        self.pause()
        self.db.engine.dispose()
        now = identity(self.path)
        if now is not None and now != self._identity:
            self._set_aside_stale_sidecars()
        try:
            if now is None:
                # Whatever comes in its place is another file, even with the same inode
                # number: a deleted file's number is given to the next file made.
                self._identity = None
                raise DatabaseOpenError(
                    f"The database file {self.path} is gone (deleted or moved?)."
                )
            fresh = open_database(self.url)
        except Exception:
            self.db.adopt_engine(read_only_engine(self.path))
            raise
        release_database(self.path)  # `fresh` protected it again; self.db still does
        self.db.adopt_engine(fresh.engine)
        if now != self._identity:
            self.db.files_replaced += 1
        self.restart()

    def _save_lost_log(self) -> None:
        """A -wal deleted under the open file (by hand) holds its last commits, still
        readable through this process's connections that have it open; a new connection
        would see the file without them. Write them into the file first, unless another
        process has begun a log of its own there meanwhile (its pages would be overwritten)."""
        wal = self.path.with_name(self.path.name + "-wal")
        was = self._sidecars.get(wal)
        if self._conn is None or was is None or identity(wal) not in (None, was):
            return
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("could not save the log deleted under %s: %s", self.path, exc)

    def _set_aside_stale_sidecars(self) -> None:
        """The replaced file's -wal and -shm, if the replacement left them, go beside the
        backups (the WAL may hold that file's last changes). Never those of a file that is
        only away (moved, to be put back) or of the same file reopened: they are its own."""
        stamp = time.strftime("%Y-%m-%dT%H-%M-%SZ", time.gmtime())
        for sidecar, was in self._sidecars.items():
            if was is not None and identity(sidecar) == was:
                folder = backups_folder(self.path)
                folder.mkdir(parents=True, exist_ok=True)
                os.replace(sidecar, folder / f"replaced-{stamp}-{sidecar.name}")
        self._sidecars = {}


# The window checks on its GUI thread: a server that does not answer (hung, or behind a VPN
# that went down) may hold a check this long, and is asked again after a growing pause.
CONNECT_TIMEOUT = 2
RETRY_PAUSES = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class PostgresWatch(ChangeWatch):
    """LISTENs on a connection of its own (autocommit, outside the pool)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._conn: Any = None
        self._failures = 0
        self._retry_at = 0.0
        self.restart()

    def restart(self) -> None:
        self.pause()
        engine = self.db.engine
        conn: Any = None
        try:
            cargs, cparams = engine.dialect.create_connect_args(engine.url)
            cparams.setdefault("connect_timeout", CONNECT_TIMEOUT)
            conn = engine.dialect.loaded_dbapi.connect(*cargs, **cparams)
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
        except Exception as exc:  # the server is away: try again after a pause
            if conn is not None:
                conn.close()
            pause = RETRY_PAUSES[min(self._failures, len(RETRY_PAUSES) - 1)]
            self._failures += 1
            self._retry_at = time.monotonic() + pause
            log.info("cannot listen for changes on %s (again in %g s): %s", self.db.url, pause, exc)
            return
        self._conn, self._failures = conn, 0

    def check(self) -> Outcome:
        if self._conn is None or self._conn.closed:
            if time.monotonic() < self._retry_at:
                return Outcome.NOTHING
            self.restart()
            # While nobody listened, anything may have happened.
            return Outcome.CHANGED if self._conn is not None else Outcome.NOTHING
        try:
            notes = list(self._conn.notifies(timeout=0))
        except Exception as exc:  # a lost connection: listen again at the next check
            log.info("listening for changes on %s: %s", self.db.url, exc)
            self.pause()
            return Outcome.NOTHING
        mine = f"{self.db.source_id} "
        if all(str(n.payload).startswith(mine) for n in notes):
            return Outcome.NOTHING
        try:
            row = self._conn.execute(REVISION_QUERY).fetchone()
        except Exception as exc:  # the table gone: no netdesk layout; the connection lost
            log.info("reading the schema of %s: %s", self.db.url, exc)
            return Outcome.CHANGED if self._conn.closed else Outcome.LAYOUT_CHANGED
        return news(str(row[0]) if row else None)

    def pause(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None


def read_only_engine(path: Path) -> Engine:
    """An engine that can only read the file at `path`, and never creates one."""
    # Decoded twice, by SQLAlchemy and then by SQLite's URI parser: "100%41.sqlite" would
    # otherwise be "100A.sqlite".
    name = quote(str(path.resolve())).replace("%", "%25")
    return create_engine(f"sqlite:///file:{name}?mode=ro&uri=true")
