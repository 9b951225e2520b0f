"""An open netdesk database: the engine, the one session factory, one transaction per user
action (with the database's own errors in words for the user), change listeners, and the
backups of an SQLite file. Opening, checking and upgrading one is in db.py."""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from netdesk.errors import ServiceError
from netdesk.output_files import protect_database, release_database
from netdesk.store.backup_files import BackupError, holds_data
from netdesk.store.backups import HANDFUL, BackupStore
from netdesk.store.change_tracking import ALL_KINDS, install_change_tracking
from netdesk.store.engine import LONG_WAIT, QUICK_WAIT
from netdesk.store.errors import write_error_message
from netdesk.store.sqlite_names import file_of

log = logging.getLogger(__name__)

ChangeListener = Callable[[frozenset[str]], None]
T = TypeVar("T")

# PostgreSQL's codes for a transaction that lost a race with another one: a serialisation
# failure, a deadlock, and a unique key another transaction took first. Run again, it sees the
# winner's rows and plans around them.
RACE_CODES = frozenset({"40001", "40P01", "23505"})
ATTEMPTS = 5


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite URL opens (see store.sqlite_names), None for a server or memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    query = [
        (k, v)
        for k, values in parsed.query.items()
        for v in ([values] if isinstance(values, str) else values)
    ]
    name = file_of(parsed.database or "", query)
    return None if name is None else Path(name)


class Database:
    """An open database: the engine, the one session factory, and change listeners."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # The wait of transaction() and of retrying() (imports); see QUICK_WAIT.
        self.quick_wait = QUICK_WAIT
        self.long_wait = LONG_WAIT
        self.Session = sessionmaker(engine, expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        # Names this process's writes in the PostgreSQL notifications every write sends, so
        # that a window does not reload again for what it wrote itself (see change_watch).
        self.source_id = uuid.uuid4().hex
        install_change_tracking(self.Session, self._notify, self.source_id)
        path = sqlite_path(self.url)
        # Backups are of SQLite files; a PostgreSQL server has its own (pg_dump, replicas).
        self.backups: BackupStore | None = BackupStore(path) if path is not None else None
        if path is not None:
            protect_database(path)  # no export or save dialog may write over it
        # Inside one_backup(): None while no backup was due yet, else the one made.
        self._one_backup: list[bool] | None = None
        # Seconds a write waits for another process's SQLite write lock once the busy timeout
        # has passed (0: not at all), and what to do when it starts waiting. The window says
        # "busy" after the busy timeout; a command line import of a whole file waits for the
        # other one to finish, as running them one after the other would.
        self.lock_wait = 0.0
        self.on_lock_wait: Callable[[], None] | None = None
        # The change watch (change_watch.py) hears when this process holds the write lock and
        # when it restored a backup, to tell its own changes from another process's.
        self.write_lock_listeners: list[Callable[[], None]] = []
        self.restore_listeners: list[Callable[[], None]] = []
        # How many times another file was opened in place of the first (change_watch): an
        # editor opened before holds ids that may name other records now (ui/file_replaced).
        self.files_replaced = 0

    @contextmanager
    def one_backup(self) -> Iterator[None]:
        """One user command that makes several changes (`netdesk import *.vcf`) gets one backup,
        at the first change that calls for one, not one per file: a backup per file would
        copy the whole database each time and push every older backup out of the last N."""
        self._one_backup = [False]
        try:
            yield
        finally:
            self._one_backup = None

    def backup_before(self, reason: str, count: int) -> None:
        """A backup before an import or merge of more than a handful of records, into a
        database that holds something to lose.

        BackupError (a ServiceError) when it cannot be made: the caller then does nothing,
        since a change that could not be undone by a restore must not go ahead unasked.
        """
        if self.backups is None or count <= HANDFUL or self._one_backup == [True]:
            return
        if holds_data(self.backups.database):
            try:
                self.backups.take(reason)
                if self._one_backup is not None:
                    self._one_backup[0] = True
            except BackupError as exc:
                raise BackupError(
                    f"{exc} A backup is made before every {reason} of more than {HANDFUL} "
                    f"people, so the {reason} was not started and nothing was changed."
                ) from exc

    def restore(self, source: Path) -> Path | None:
        """Replaces everything with the backup `source` (see BackupStore.restore) and tells
        every listener that everything changed; returns where the replaced state was kept."""
        if self.backups is None:
            raise ServiceError(
                "Restoring a backup is for SQLite files; a PostgreSQL server is restored with "
                "its own tools (pg_restore)."
            )
        kept = self.backups.restore(source)
        # A damaged file was moved aside, not overwritten: pooled connections would still
        # write into it. New ones open the restored file.
        self.engine.dispose()
        self._notify(frozenset(ALL_KINDS))
        # After the views reloaded: their first connections to a file put in place may have
        # switched it to WAL, which is no change of another process's either.
        for listener in list(self.restore_listeners):
            listener()
        return kept

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def display_name(self) -> str:
        """The file name of an SQLite database, else the address without its password."""
        path = sqlite_path(self.url)
        return path.name if path is not None else self.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(
        self, serializable: bool = False, wait: float | None = None
    ) -> Iterator[Session]:
        """One user action: commits on success, rolls back everything on error.

        Errors of the database itself (busy, read-only, full, a conflicting change) come out
        as ServiceError with a message for the user, so that no caller shows a traceback.
        `serializable` makes a PostgreSQL transaction fail rather than act on a state another
        one changed meanwhile (what SQLite's write lock gives every transaction); run such
        work through `retrying`. `wait` is how long to wait for another SQLite writer
        (quick_wait when None).
        """
        try:
            with self.Session.begin() as session:
                if serializable and self.engine.dialect.name == "postgresql":
                    session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
                if self.engine.dialect.name == "sqlite":
                    # pysqlite would begin only at the first write, so what the action read
                    # before it (an import's duplicate check) could be changed by another
                    # process in between: take the write lock first, waiting busy_timeout for
                    # another writer, so that the whole action reads and writes one state.
                    milliseconds = round(1000 * (self.quick_wait if wait is None else wait))
                    self._begin_immediate(session.connection(), milliseconds)
                yield session
        except DBAPIError as exc:
            raise DatabaseWriteError(write_error_message(exc)) from exc

    def _begin_immediate(self, connection: Connection, milliseconds: int) -> None:
        self._take_write_lock(connection, milliseconds)
        for listener in list(self.write_lock_listeners):
            listener()

    def _take_write_lock(self, connection: Connection, milliseconds: int) -> None:
        """Take SQLite's write lock, waiting `milliseconds` for another writer; then, where a
        command said it would rather wait (lock_wait), say so and wait that much longer."""
        connection.exec_driver_sql(f"PRAGMA busy_timeout={milliseconds}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if self.lock_wait <= 0 or not _busy(exc):
                raise
        if self.on_lock_wait is not None:
            self.on_lock_wait()
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(self.lock_wait * 1000)}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={milliseconds}")

    def retrying(self, work: Callable[[Session], T], wait: float | None = None) -> T:
        """`work` in one serializable transaction, run again from the start (a few times, after
        a short random pause) when it lost a race with another process writing the same rows:
        the result is as if the two had run one after the other. `work` must plan everything
        from what it reads in the session, since nothing of a lost attempt is kept.

        SQLite's write lock lets no race happen: there the work waits up to `wait` for
        another writer, long_wait when None (an import of thousands of people holds the lock
        for seconds); a click in the window passes quick_wait, so as not to hang.
        """
        wait = self.long_wait if wait is None else wait
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.transaction(serializable=True, wait=wait) as session:
                    return work(session)
            except DatabaseWriteError as exc:
                if attempt == ATTEMPTS or not lost_race(exc.__cause__):
                    raise
                log.info("attempt %d lost a race with another writer; again", attempt)
            time.sleep(random.uniform(0.02, 0.1) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def add_change_listener(self, listener: ChangeListener, first: bool = False) -> None:
        """`first`: heard before the others (before the views reload)."""
        self._listeners.insert(0 if first else len(self._listeners), listener)

    def remove_change_listener(self, listener: ChangeListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def adopt_engine(self, engine: Engine) -> None:
        """Continue on `engine` (this database opened again, its file having been replaced):
        every service keeps this object, and the old engine's connections go."""
        old, self.engine = self.engine, engine
        self.Session.configure(bind=engine)
        old.dispose()

    def _notify(self, kinds: frozenset[str]) -> None:
        # The change is committed by now: a listener that fails (a view that cannot reload)
        # must not make the caller think it was not, nor keep the others from hearing of it.
        for listener in list(self._listeners):
            try:
                listener(kinds)
            except Exception:
                log.exception("a change listener failed after a commit")

    def close(self) -> None:
        if self.backups is not None:
            release_database(self.backups.database)
        self._listeners.clear()
        self.engine.dispose()


class DatabaseWriteError(ServiceError):
    """The database refused a change; nothing of it was saved."""


def lost_race(exc: BaseException | None) -> bool:
    """A PostgreSQL error that running the same transaction again may not meet."""
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in RACE_CODES


def _busy(exc: DBAPIError) -> bool:
    code = str(getattr(exc.orig, "sqlite_errorname", "") or "")
    text = str(exc.orig or exc).lower()
    return code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text
