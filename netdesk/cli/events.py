"""`netdesk events`: every event, one a line, so that scripts and people can find the exact
name `import --event`, `export --event` and `badges --event` take.

Tab-separated and without a header line, like `search` and `templates`: name, first day, last
day, place, people, met. `--format json` gives the same as a list of objects.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdesk.store import Database

EVENT_FORMATS = ("tsv", "json")


def add_commands(commands: Any) -> None:
    """Register `events` on the main parser's subcommands."""
    events = commands.add_parser(
        "events",
        help="list the events: name, first and last day, place, people, met",
        description="List the events in the order they happen, one a line, tab-separated: "
        "name, first day, last day (YYYY-MM-DD), place, how many people were there (or are "
        "registered), how many of them you met.",
    )
    when = events.add_mutually_exclusive_group()
    when.add_argument(
        "--upcoming", action="store_true", help="only events running now or still to come"
    )
    when.add_argument("--past", action="store_true", help="only events that are over")
    events.add_argument(
        "--format",
        choices=EVENT_FORMATS,
        default="tsv",
        help="tsv (the default: one event a line) or json",
    )


def run_events(db: Database, args: argparse.Namespace) -> int:
    from netdesk.cli.search_output import one_line
    from netdesk.services.event_listing import When, list_events

    when = When.UPCOMING if args.upcoming else When.PAST if args.past else When.ALL
    events = list_events(db, when)
    if args.format == "json":
        import json

        listed = [
            {
                "name": e.name,
                "first_day": e.first_day.isoformat(),
                "last_day": e.last_day.isoformat(),
                "venue": e.venue,
                "city": e.city,
                "people": e.people,
                "met": e.met,
                "upcoming": e.upcoming,
            }
            for e in events
        ]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    for e in events:
        fields = (e.name, e.first_day.isoformat(), e.last_day.isoformat(), e.place)
        cells = [one_line(f) for f in fields] + [str(e.people), str(e.met)]
        print("\t".join(cells))
    if not events:  # said where a script reading the list does not see it
        which = {When.ALL: "", When.UPCOMING: "upcoming ", When.PAST: "past "}[when]
        print(f"netdesk: no {which}events", file=sys.stderr)
    return 0
