"""The command line. `netdesk` alone (or `netdesk gui`) opens the window.

Exit codes: 0 done, 1 failed (with a message on stderr, never a traceback), 2 usage error
(also a name or database that is not there), 141 the reader of standard output went away.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk import __version__
from netdesk.cli.accounts import add_commands as add_account_commands
from netdesk.cli.backups import add_commands as add_backup_commands
from netdesk.cli.cards import add_commands as add_card_commands
from netdesk.cli.demo import add_commands as add_demo_commands
from netdesk.cli.desktop_entry import add_commands as add_desktop_commands
from netdesk.cli.drafts import add_commands as add_draft_commands
from netdesk.cli.due import add_commands as add_due_commands
from netdesk.cli.duplicates import add_commands as add_duplicate_commands
from netdesk.cli.events import add_commands as add_event_commands
from netdesk.cli.exchange_args import add_commands as add_exchange_commands
from netdesk.cli.exchange_args import export_usage_error
from netdesk.cli.goals import add_commands as add_goal_commands
from netdesk.cli.scan import add_commands as add_scan_commands
from netdesk.cli.scan import scan_usage_error, scanner_missing
from netdesk.cli.search import MOST_SEARCH_WORDS
from netdesk.cli.search import add_commands as add_search_commands
from netdesk.cli.sync import add_commands as add_sync_commands
from netdesk.config import DB_ENV_VAR, database_url

if TYPE_CHECKING:
    from netdesk.store import Database

# The commands that may make a new database; the others only read or change one that exists.
CREATING_COMMANDS = (None, "gui", "import", "scan", "demo", "restore")
NO_DATABASE_COMMANDS = ("where", "templates", "desktop-entry")

# How long a command waits for another netdesk's write on the same SQLite file (a large import
# takes minutes) before it says the database is busy.
LOCK_WAIT_SECONDS = 30 * 60.0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="netdesk",
        description="Remember who you met, where, what you talked about and what you promised.",
    )
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"database file or SQLAlchemy URL (default: ${DB_ENV_VAR}, else a file in the "
        "user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("gui", help="open the window (the default)")
    add_demo_commands(commands)
    add_search_commands(commands)
    commands.add_parser("where", help="print where the database is")
    add_exchange_commands(commands)
    add_scan_commands(commands)
    add_card_commands(commands)
    add_duplicate_commands(commands)
    add_event_commands(commands)
    add_backup_commands(commands)
    add_desktop_commands(commands)
    add_account_commands(commands)
    add_sync_commands(commands)
    add_due_commands(commands)
    add_draft_commands(commands)
    add_goal_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from netdesk.cli.pipes import BROKEN_PIPE_STATUS, flush_stdout, silence_stdout

    status: int | None = None
    try:
        status = _main(argv)
        flush_stdout()
        return status
    except BrokenPipeError:  # the reader of standard output went away (`| head -1`)
        silence_stdout()
        return BROKEN_PIPE_STATUS
    except OSError as exc:
        # Standard output found no room (a full disk): the commands' own work has its errors
        # handled, so this is the output. What it could not take would fail again, with a
        # traceback, at the interpreter's exit.
        silence_stdout()
        if not status:  # nothing said yet
            from netdesk.services.exporting import file_error_text

            reason = file_error_text(exc)
            print(f"netdesk: cannot write to standard output: {reason}", file=sys.stderr)
        return status or 1


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and (problem := export_usage_error(args)):
        parser.error(problem)
    if args.command == "search" and len(args.query.split()) > MOST_SEARCH_WORDS:
        parser.error(f"a search takes at most {MOST_SEARCH_WORDS} words")
    if args.command == "scan" and (problem := scan_usage_error(args)):
        parser.error(problem)
    if sys.stdout is None and _prints_results(args):  # started with `>&-`
        print("netdesk: standard output is closed: nowhere to print to", file=sys.stderr)
        return 1
    if args.command == "scan" and (missing := scanner_missing()) is not None:
        print(f"netdesk: {missing}", file=sys.stderr)
        return 1  # the command was right; this machine cannot run it yet
    url = database_url(args.db)
    needs_one = args.command not in (*CREATING_COMMANDS, *NO_DATABASE_COMMANDS)
    if args.command == "accounts" and args.accounts_command == "add":
        needs_one = False  # setting up sync may be the first thing done with a new database
    if needs_one and (missing := missing_database(url)) is not None:
        print(f"netdesk: no netdesk database at {missing}", file=sys.stderr)
        return 2
    looking = args.command in ("import", "scan") and (args.dry_run or vars(args).get("columns"))
    if looking and missing_database(url):
        url = "sqlite://"  # a look at what would happen leaves no new file behind
    if args.command in (None, "gui"):
        from netdesk.app import run_gui

        return run_gui(url)
    if args.command == "where":
        from netdesk.store import safe_url

        print(safe_url(url))
        return 0
    if args.command in ("backup", "restore"):
        from netdesk.cli.backups import run_backup, run_restore

        try:
            return run_backup(url, args) if args.command == "backup" else run_restore(url, args)
        except KeyboardInterrupt:
            print("netdesk: interrupted; the database was left as it was.", file=sys.stderr)
            return 1
        except BrokenPipeError:
            raise
        except Exception as exc:  # the CLI's promise: a message, never a traceback
            print(f"netdesk: {unexpected(exc)}", file=sys.stderr)
            return 1
    if args.command == "templates":
        from netdesk.cli.cards import run_templates

        return run_templates()
    if args.command == "desktop-entry":
        from netdesk.cli.desktop_entry import run_desktop_entry

        return run_desktop_entry(args)
    if args.command == "search" and (status := _quick_search(url, args)) is not None:
        return status
    from sqlalchemy.exc import DBAPIError

    from netdesk.services.errors import ServiceError
    from netdesk.store import DatabaseOpenError, open_database, read_error_message

    try:
        db = open_database(url)
    except DatabaseOpenError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 1
    # A command runs unattended (a script, a second terminal): after the window's short wait
    # for another netdesk's write lock it says so and waits on, rather than give up and leave
    # its file unread.
    db.long_wait = db.quick_wait
    db.lock_wait = LOCK_WAIT_SECONDS
    db.on_lock_wait = _say_waiting
    try:
        if args.command in ("import", "export"):
            return _exchange(db, args)
        if args.command in ("qr", "badges"):
            return _cards(db, args)
        if args.command == "duplicates":
            return _duplicates(db, args)
        if args.command == "events":
            from netdesk.cli.events import run_events

            return run_events(db, args)
        if args.command == "accounts":
            from netdesk.cli.accounts import run_accounts

            return run_accounts(db, args)
        if args.command == "sync":
            from netdesk.cli.sync import run_sync

            return run_sync(db, args)
        return args.run(db, args)  # type: ignore[no-any-return]
    except KeyboardInterrupt:
        print("netdesk: interrupted; nothing of the unfinished step was saved.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
    except ServiceError as exc:
        _recheck_if_damaged(db, exc.__cause__)
        print(f"netdesk: {exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:  # a read the database refused: no driver text, no links
        _recheck_if_damaged(db, exc)
        print(f"netdesk: {read_error_message(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # the CLI's promise: a message, never a traceback
        print(f"netdesk: {unexpected(exc)}", file=sys.stderr)
        return 1
    finally:
        db.close()


def _prints_results(args: argparse.Namespace) -> bool:
    """Whether standard output is what the command is run for: a list, not a report of work."""
    if args.command in ("search", "events", "where", "templates", "due"):
        return True
    if args.command == "scan":
        return bool(args.json)
    if args.command == "goals":
        return args.goals_command is None
    if args.command == "duplicates":
        return not args.merge
    return args.command == "backup" and bool(args.list)


def _recheck_if_damaged(db: Database, exc: BaseException | None) -> None:
    """A command that met a damaged page forgets the file's last good check, so that the next
    one reads the whole file first and says which backup to restore, instead of starting on
    it as on a sound file (see netdesk.store.integrity_stamp)."""
    from netdesk.store import integrity_stamp, what_went_wrong

    if exc is None or db.backups is None:
        return
    if what_went_wrong(exc) == "the database file is damaged":
        integrity_stamp.forget(db.backups.database)


def missing_database(url: str) -> str | None:
    """Where the SQLite file `url` names would be, when there is no netdesk database there
    yet (no file, or an empty one that opening would fill with tables); None when there is
    one, or for a server (an empty server database is netdesk's to fill, as the window does).

    Importing SQLAlchemy costs a quarter of a second, which a search from a mail client should
    not pay for this: netdesk.store.sqlite_names reads the URL without it."""
    from netdesk.store import file_of_url

    found = file_of_url(url)
    if found is None:
        return None
    path = Path(found)
    try:
        if path.is_dir() or (path.stat().st_size > 0 and not _no_tables(path)):
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None  # cannot be looked at: opening it says why
    return str(path)


def _no_tables(path: Path) -> bool:
    """Whether `path` is an SQLite database without a table (made by hand, or by another
    program), which opening would fill with netdesk's. Its first page holds the list of tables
    and each table starts on a page of its own: such a file is that one page, with no
    write-ahead log beside it holding more."""
    from netdesk.store import SQLITE_MAGIC
    from netdesk.store.first_bytes import read_first_bytes

    # Never open()/close(): run in-process, the window may have it open (store.first_bytes).
    header = read_first_bytes(path, 100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    wal = path.with_name(path.name + "-wal")
    if os.path.exists(wal) and os.path.getsize(wal) > 0:
        return False
    return path.stat().st_size <= page_size


def _say_waiting() -> None:
    print(
        "netdesk: another netdesk is writing to the database; waiting for it to finish "
        "(Ctrl+C to give up)",
        file=sys.stderr,
        flush=True,
    )


def unexpected(exc: BaseException) -> str:
    """An error no command expected, in one line: a database's own in words, never its text."""
    from netdesk.store import is_database_error, reason

    if is_database_error(exc):
        return f"The database reported an error: {reason(exc)}."
    if isinstance(exc, OSError) and exc.strerror:  # "No space left on device"
        return exc.strerror
    lines = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0] if lines else ''}"


def _exchange(db: Database, args: argparse.Namespace) -> int:
    from netdesk.cli.exporting import run_export
    from netdesk.cli.importing import run_import
    from netdesk.services.service_set import Services

    services = Services(db)
    return run_import(services, args) if args.command == "import" else run_export(services, args)


def _cards(db: Database, args: argparse.Namespace) -> int:
    from netdesk.cli.cards import run_badges, run_qr
    from netdesk.services.service_set import Services

    services = Services(db)
    return run_qr(services, args) if args.command == "qr" else run_badges(services, args)


def _duplicates(db: Database, args: argparse.Namespace) -> int:
    from netdesk.cli.duplicates import run_duplicates
    from netdesk.services.service_set import Services

    return run_duplicates(Services(db), args)


def _quick_search(url: str, args: argparse.Namespace) -> int | None:
    """Mail clients run a search on every address completion: an SQLite file is read without
    SQLAlchemy when it can be (netdesk.store.quick_search); None goes the normal way."""
    from netdesk.cli.search import quick

    try:
        return quick(url, args)
    except KeyboardInterrupt:
        print("netdesk: interrupted.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away: main() ends the run quietly
        raise
    except Exception as exc:  # the CLI's promise: a message, never a traceback
        print(f"netdesk: {unexpected(exc)}", file=sys.stderr)
        return 1
