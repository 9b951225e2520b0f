"""`netdesk scan IMAGE...`: paper business cards from photos into people, read offline.

Every photo is read first (a line on stderr for one that cannot be read or shows no card; the
others are still done), then the cards found go through the duplicate check of `netdesk
import` and are saved in one transaction. One line per card on stdout, then a summary; with
--json only a JSON array, one object per card.

Exit 0 when every picture gave a card (saved unless --dry-run); 1 when a picture could not be
read or showed no card (the cards of the other pictures are still saved, as `netdesk import`
keeps the good files beside a bad one), when nothing was read at all, or when the scanner is
not installed; 2 for usage (no picture, an odd count with --two-sided, a --event close to
another event's name); 130 when interrupted (nothing is saved).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from netdesk.cli.exchange_args import DUPLICATE_CHOICES, INTERRUPTED

if TYPE_CHECKING:
    from netdesk.cli.scan_read import ReadCard
    from netdesk.services.import_plan import ImportPlan, ImportReport
    from netdesk.services.service_set import Services
    from netdesk.store import Database

_EXAMPLES = """\
examples:
  netdesk scan IMG_2041.jpg IMG_2042.HEIC --event "EuroPython 2026"
  netdesk scan --two-sided front.jpg back.jpg
  netdesk scan --dry-run --json table-of-cards.jpg
  cat card.png | netdesk scan -
"""


def add_commands(commands: Any) -> None:
    scan = commands.add_parser(
        "scan",
        help="read paper business cards from photos or scans into people (offline)",
        # Broken by hand: the raw formatter keeps the examples' lines, and this text's too.
        description="Read paper business cards from photos or flatbed scans, offline, and add\n"
        "the people on them (checked for duplicates as an import is). A photo may show\n"
        "several cards. Needs the scanner: pip install 'netdesk[scan]'.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument(
        "images",
        nargs="+",
        metavar="IMAGE",
        help="photos or scans of cards (JPEG, PNG, HEIC, WebP, TIFF, BMP); - for a picture on "
        "standard input",
    )
    scan.add_argument(
        "--event",
        metavar="NAME",
        help="put the people on this event (case, accents and extra spaces ignored); a new "
        "name is created, unless it is close to an existing event's",
    )
    scan.add_argument(
        "--new-event",
        action="store_true",
        help="create the --event even though its name is close to an existing event's",
    )
    scan.add_argument(
        "--two-sided",
        action="store_true",
        help="the photos are the two sides of each card, in turn: front, back, front, back...",
    )
    scan.add_argument(
        "--on-duplicate",
        choices=DUPLICATE_CHOICES,
        default="merge",
        help="what to do with someone already in netdesk (or an earlier card), as for "
        "`netdesk import`: merge (default), merge-likely, skip or new",
    )
    scan.add_argument("--dry-run", action="store_true", help="say what would happen, save nothing")
    scan.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array, one object per card: the fields read, then file, back (with "
        "--two-sided), card, action, duplicate_of",
    )
    scan.set_defaults(run=run_scan)


def scan_usage_error(args: argparse.Namespace) -> str | None:
    """What argparse cannot check alone; the caller reports it as a usage error (exit 2)."""
    count = len(args.images)
    if args.two_sided and count % 2:
        return (
            f"--two-sided takes the photos in pairs (front, back, front, back...); "
            f"{count} photos were given"
        )
    if args.images.count("-") > 1:
        return "standard input (-) can be read only once"
    return None


def scanner_missing() -> str | None:
    """Why cards cannot be scanned on this machine (the scan extra is not installed)."""
    from netdesk.scan.available import missing_scanner

    return missing_scanner()


def run_scan(db: Database, args: argparse.Namespace) -> int:
    from netdesk.cli.importing import event_refusal
    from netdesk.cli.scan_read import read_all
    from netdesk.services.service_set import Services

    services = Services(db)
    if (refused := event_refusal(services, args)) is not None:
        print(f"netdesk: {refused}", file=sys.stderr)
        return 2
    try:
        cards, failed = read_all(args.images, args.two_sided)
        if not cards:
            if args.json:
                print("[]")
            return 1
        plan, report = _plan_and_save(services, args, cards)
    except KeyboardInterrupt:  # the save is one transaction: rolled back whole
        print("interrupted: nothing was saved", file=sys.stderr)
        return INTERRUPTED
    _show(args, cards, plan, report, len(args.images) - failed)
    left_out = report.rejected or report.cancelled
    return 1 if failed or left_out else 0


def _plan_and_save(
    services: Services, args: argparse.Namespace, cards: list[ReadCard]
) -> tuple[ImportPlan, ImportReport]:
    from netdesk.scan.record import record_of
    from netdesk.services.import_plan import OnDuplicate

    records = [record_of(card.fields, card.images) for card in cards]
    name = cards[0].where if len(args.images) == 1 else f"{len(args.images)} pictures"
    plan = services.scanning.plan(records, name)
    plan.decide_duplicates(OnDuplicate(args.on_duplicate))
    event_id = None if args.event is None else services.events.find_by_name(args.event)
    new_event = args.event if args.event is not None and event_id is None else ""
    # A dry run is the same save rolled back: its report says what the save would do.
    with services.db.one_backup():
        report = services.scanning.save(plan, event_id, new_event, dry_run=args.dry_run)
    for problem in report.problems:
        kind = "warning: " if problem.kept else ""
        print(f"{problem.file}: {kind}{problem.reason}", file=sys.stderr)
    return plan, report


def _show(
    args: argparse.Namespace,
    cards: list[ReadCard],
    plan: ImportPlan,
    report: ImportReport,
    pictures_read: int,
) -> None:
    from netdesk.cli.scan_output import card_json, card_line, late_said, summary

    items = [late_said(item, report.late.get(i)) for i, item in enumerate(plan.items)]
    if args.json:
        import json

        rows = [
            card_json(card, item, args.dry_run) for card, item in zip(cards, items, strict=True)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for card, item in zip(cards, items, strict=True):
        print(card_line(card, item, args.dry_run))
    print(summary(report, len(cards), pictures_read, len(args.images)))
