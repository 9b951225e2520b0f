"""`netdesk backup` and `netdesk restore`: the rolling backups of an SQLite database file.

Neither opens the database the usual way: a backup must be possible of a file that needs an
upgrade, and a restore above all of one that is damaged and will not open.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from netdesk.cli.args import positive


def add_commands(commands: Any) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the database (into its backups folder, or to OUT), list the backups, or "
        "set how many are kept",
    )
    backup.add_argument(
        "out",
        metavar="OUT",
        type=Path,
        nargs="?",
        help="a file (or folder) to write the backup to; it is then not counted among the "
        "rolling backups",
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.add_argument(
        "--keep", type=positive, metavar="N", help="keep the last N backups from now on"
    )
    restore = commands.add_parser(
        "restore",
        help="replace everything in the database with a backup (the current state is backed "
        "up first)",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _database_file(url: str) -> Path | None:
    from netdesk.store import sqlite_path

    path = sqlite_path(url)
    if path is None:
        print(
            "netdesk: backups are of SQLite database files; back up a PostgreSQL server with "
            "its own tools (pg_dump).",
            file=sys.stderr,
        )
    return path


def run_backup(url: str, args: argparse.Namespace) -> int:
    from netdesk.output_files import OutputRefused
    from netdesk.store import BackupError, BackupStore, contact_count, people_text

    path = _database_file(url)
    if path is None:
        return 1
    store = BackupStore(path)
    try:
        if args.keep is not None:
            store.set_keep(args.keep)
            print(f"Keeping the last {store.keep} backups of {path.name}.")
        if args.list:
            backups = store.backups()
            if not backups:
                print(f"No backups of {path} yet (they go in {store.folder}).", file=sys.stderr)
            for item in backups:
                count = contact_count(item.path)
                people = "?" if count is None else f"{count:,}"
                when = item.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                print(f"{when}\t{item.label}\t{people} people\t{item.path}")
            return 0
        if args.keep is not None and args.out is None:
            return 0
        if not path.is_file():
            print(f"netdesk: there is no database at {path} to back up.", file=sys.stderr)
            return 1
        written = store.take_to(args.out) if args.out is not None else store.take("manual").path
    except BackupError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 1
    except OutputRefused as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 2
    print(f"Backed up {people_text(contact_count(written))} to {written}")
    return 0


def run_restore(url: str, args: argparse.Namespace) -> int:
    from netdesk.store import DAMAGED_PREFIX, BackupError, BackupStore, contact_count, people_text

    path = _database_file(url)
    if path is None:
        return 1
    source: Path = args.file
    if not source.is_file():
        print(f"netdesk: {source}: there is no such file.", file=sys.stderr)
        return 1
    people = people_text(contact_count(source))
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                f"netdesk: restoring replaces everything in {path}; add --yes to confirm.",
                file=sys.stderr,
            )
            return 1
        answer = input(
            f"Replace everything in {path} with {source.name} ({people})? "
            "The current state is backed up first. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was restored.", file=sys.stderr)
            return 1
    try:
        kept = BackupStore(path).restore(source)
    except BackupError as exc:
        print(f"netdesk: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {people} from {source}.")
    if kept is not None and kept.name.startswith(DAMAGED_PREFIX):
        print(f"The damaged database was moved to {kept}")
    elif kept is not None:
        print(f"The state it replaced is kept in {kept}")
    return 0
