"""`netdesk demo [--people N] [--events M] [--seed S] [--force]`: realistic sample data, kept out
of a database that already holds people or events unless the user insists."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from netdesk.cli.args import positive

if TYPE_CHECKING:
    from netdesk.store import Database


def add_commands(commands: Any) -> None:
    demo = commands.add_parser("demo", help="fill the database with realistic sample data")
    demo.add_argument("--people", type=positive, default=150, metavar="N")
    demo.add_argument("--events", type=positive, default=6, metavar="M")
    demo.add_argument("--seed", type=int, default=None, metavar="S")
    demo.add_argument(
        "--force",
        action="store_true",
        help="add the sample people even though the database already holds people",
    )
    demo.set_defaults(run=run_demo)


def run_demo(db: Database, args: argparse.Namespace) -> int:
    from netdesk.services.contacts import ContactService
    from netdesk.services.demo import generate_demo
    from netdesk.services.events import EventService

    # Invented people (and events) mixed into a real address book are hard to take out again.
    held = ContactService(db).count()
    events = 0 if held else len(EventService(db).list())
    if (held or events) and not args.force:
        from netdesk.store import sqlite_path

        if held:
            who, them = ("1 person" if held == 1 else f"{held:,} people"), "people"
        else:
            who, them = ("1 event" if events == 1 else f"{events:,} events"), "events"
        print(
            f"netdesk: {sqlite_path(db.url) or db.url} already holds {who}; the sample {them} "
            "would be mixed in with them. Try the demo in another --db, or add --force to add "
            "them anyway.",
            file=sys.stderr,
        )
        return 2

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\rAdding sample data: {done * 100 // max(total, 1)}%", end="", file=sys.stderr)

    summary = generate_demo(
        db, people=args.people, events=args.events, seed=args.seed, progress=progress
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Added {summary.contacts:,} people, {summary.events:,} events, {summary.notes:,} notes "
        f"and {summary.followups:,} follow-ups to {db.url}"
    )
    return 0
