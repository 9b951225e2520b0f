"""The `import` and `export` commands' arguments, what argparse cannot check of them alone, and
the exit status both commands give when interrupted. Kept free of heavy imports: `netdesk
--help` reads them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from netdesk.cli.args import column_map

INTERRUPTED = 130  # what shells report for a command stopped by Ctrl+C (128 + SIGINT)
# netdesk.services.import_plan.OnDuplicate values
DUPLICATE_CHOICES = ("merge", "merge-likely", "skip", "new")
EXPORT_KINDS = ("vcard", "csv", "ics")
VCARD_VERSIONS = ("3.0", "4.0")


def add_commands(commands: Any) -> None:
    """Register `import` and `export` on the main parser's subcommands."""
    imp = commands.add_parser(
        "import", help="add people (vCard, CSV) or events (iCalendar) from files"
    )
    imp.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        type=Path,
        help="the files to import; - for standard input",
    )
    imp.add_argument(
        "--event",
        metavar="NAME",
        help="put the imported people on this event (case, accents and extra spaces ignored); "
        "a new name is created, unless it is close to an existing event's",
    )
    imp.add_argument(
        "--new-event",
        action="store_true",
        help="create the --event even though its name is close to an existing event's",
    )
    imp.add_argument(
        "--on-duplicate",
        choices=DUPLICATE_CHOICES,
        default="merge",
        help="what to do with someone already in netdesk (or earlier in the file): merge "
        "(default) into the person with the same UID, email or phone, or the same name when "
        "nothing contradicts it; merge-likely also merges a same-name match whose emails, "
        "phones or UIDs all differ (a possible duplicate, which merge and skip add as a new "
        "person); skip leaves the person found as is; new adds everyone as a new person",
    )
    imp.add_argument("--dry-run", action="store_true", help="say what would happen, change nothing")
    imp.add_argument(
        "--columns",
        action="store_true",
        help="print what each column of a CSV file would be imported as, import nothing",
    )
    imp.add_argument(
        "--map",
        metavar='"HEADER=FIELD,..."',
        type=column_map,
        action="append",
        default=[],
        help="say what CSV columns hold (FIELD: given_name, family_name, formatted_name, "
        "email, phone, url, organization, note... or ignore); the others are recognised "
        "by their header",
    )
    exp = commands.add_parser("export", help="write people or events to a vCard, CSV or .ics file")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("out", metavar="OUT", help="the file to write, or - for standard output")
    exp.add_argument("--event", metavar="NAME", help="only this event (its people, for vcard/csv)")
    exp.add_argument(
        "--vcard-version", choices=VCARD_VERSIONS, default=None, help="vCard version (default 3.0)"
    )


def export_usage_error(args: argparse.Namespace) -> str | None:
    """What argparse cannot check alone; the caller reports it as a usage error (exit 2)."""
    if args.vcard_version is not None and args.kind != "vcard":
        return f"--vcard-version applies to vcard exports, not {args.kind}"
    return None
